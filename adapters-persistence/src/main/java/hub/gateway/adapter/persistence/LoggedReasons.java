package hub.gateway.adapter.persistence;

import hub.gateway.domain.send.RefusalReason;

/**
 * How a refusal's reason is spelled in {@code message_log.error} and in what reserve_quota answers. The spellings
 * are the ones the rows of every release already hold (and the client reads back in its message log), so they
 * never change; the domain names its reasons in its own words and this table joins the two.
 */
final class LoggedReasons {
    private LoggedReasons() {
    }

    /** Exhaustive without a default: a new reason does not compile until it has its spelling here. */
    static String of(RefusalReason reason) {
        return switch (reason) {
            case UNKNOWN_INSTANCE -> "invalid_instance";
            case PURPOSE_REQUIRED -> "message_purpose_required";
            case PURPOSE_NOT_ALLOWED -> "message_purpose_not_allowed";
            case INVALID_FIELDS -> "validation_error";
            case INSTANCE_PAUSED -> "instance_paused_for_review";
            case RECIPIENT_SUPPRESSED -> "recipient_suppressed";
            case WINDOW_CLOSED -> "template_required";
            case POLICY_VIOLATION -> "policy_violation";
            case MINUTE_LIMIT_REACHED -> "sending_throttled";
            case DAILY_LIMIT_REACHED -> "daily_message_limit_exceeded";
            case MONTHLY_LIMIT_REACHED -> "monthly_message_limit_exceeded";
            case DELIVERY_FAILED -> "gateway_send_failed";
            case DEADLINE_PASSED -> "service_unavailable";
        };
    }

    /** The reason a stored spelling names, if any does. */
    static java.util.Optional<RefusalReason> find(String logged) {
        for (RefusalReason reason : RefusalReason.values()) {
            if (of(reason).equals(logged)) {
                return java.util.Optional.of(reason);
            }
        }
        return java.util.Optional.empty();
    }

    /** The reason a stored spelling names. */
    static RefusalReason parse(String logged) {
        return find(logged).orElseThrow(() -> new IllegalStateException("not a logged refusal reason: " + logged));
    }
}
