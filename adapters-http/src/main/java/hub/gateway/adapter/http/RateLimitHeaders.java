package hub.gateway.adapter.http;

import hub.gateway.domain.send.GateOutcome.Window;
import hub.gateway.domain.send.QuotaStanding;

/**
 * Contract §11's rate-limit headers, in the structured-field form of draft-ietf-httpapi-ratelimit-headers, on every
 * send answer that reached the quota step (the 200 and the three 429s):
 * <pre>
 * RateLimit-Policy: "minute";q=20;w=60, "day";q=100;w=86400, "month";q=2000;w=2678400
 * RateLimit: "minute";r=19;t=41, "day";r=37;t=40213, "month";r=1800;t=1012345
 * </pre>
 * {@code q} the limit in force, {@code w} the current window's length in seconds (a day of a clock change is 23
 * or 25 hours, a month 28 to 31 days: see {@link QuotaStanding}), {@code r} what remains after this send,
 * {@code t} whole seconds until the window resets (rounded up, as Retry-After: the instants GET /api/usage gives).
 */
final class RateLimitHeaders {
    static final String POLICY = "RateLimit-Policy";
    static final String RATE_LIMIT = "RateLimit";

    private RateLimitHeaders() {
    }

    static Answer on(Answer answer, QuotaStanding quota) {
        StringBuilder policy = new StringBuilder(96);
        StringBuilder state = new StringBuilder(96);
        for (Window window : Window.values()) {
            if (window != Window.MINUTE) {
                policy.append(", ");
                state.append(", ");
            }
            String name = name(window);
            policy.append('"').append(name).append("\";q=").append(quota.limit(window))
                    .append(";w=").append(quota.length(window).toSeconds());
            state.append('"').append(name).append("\";r=").append(quota.remaining(window))
                    .append(";t=").append(ErrorAnswers.seconds(quota.resetsIn(window)));
        }
        return answer.withHeader(POLICY, policy.toString()).withHeader(RATE_LIMIT, state.toString());
    }

    /** The policies' names on the wire (structured-field strings); the order is the gate's: minute, day, month. */
    private static String name(Window window) {
        return switch (window) {
            case MINUTE -> "minute";
            case DAY -> "day";
            case MONTH -> "month";
        };
    }
}
