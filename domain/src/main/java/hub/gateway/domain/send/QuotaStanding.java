package hub.gateway.domain.send;

import hub.gateway.domain.quota.Limits;
import hub.gateway.domain.quota.Usage;
import hub.gateway.domain.quota.UsageWindows;
import hub.gateway.domain.send.GateOutcome.Window;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a send that reached the quota step left the instance: the limits in force, each window's count after the
 * send (counted when reserved, unchanged when refused), and the windows it was judged in. It comes from the gate's
 * one statement, so telling the client what is left costs nothing more (contract §11's rate-limit headers).
 *
 * <p>A window's length is that of the current calendar window in the account's time zone, not a nominal one: a
 * day is 23, 24 or 25 hours around a clock change, a month 28 to 31 days. So the time until the reset never
 * exceeds the window's length, and limit over length is the real rate of this window.
 */
public record QuotaStanding(Limits limits, Usage used, UsageWindows windows) {
    public QuotaStanding {
        Objects.requireNonNull(limits);
        Objects.requireNonNull(used);
        Objects.requireNonNull(windows);
    }

    public int limit(Window window) {
        return switch (window) {
            case MINUTE -> limits.perMinute();
            case DAY -> limits.daily();
            case MONTH -> limits.monthly();
        };
    }

    public int used(Window window) {
        return switch (window) {
            case MINUTE -> used.minute();
            case DAY -> used.day();
            case MONTH -> used.month();
        };
    }

    /** Never below 0: a limit lowered below the count already used leaves nothing, not a debt. */
    public int remaining(Window window) {
        return Math.max(0, limit(window) - used(window));
    }

    /** Whole seconds until the window resets, rounded up (as Retry-After): the instants GET /api/usage reports. */
    public Duration resetsIn(Window window) {
        return switch (window) {
            case MINUTE -> windows.untilNextMinute();
            case DAY -> windows.untilNextDay();
            case MONTH -> windows.untilNextMonth();
        };
    }

    public Duration length(Window window) {
        return switch (window) {
            case MINUTE -> Duration.ofMinutes(1);
            case DAY -> windows.dayLength();
            case MONTH -> windows.monthLength();
        };
    }
}
