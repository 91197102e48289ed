package hub.gateway.domain.send;

/**
 * Why a request was refused, in the business's words: what the message log records for a refused or given-back
 * send. How a reason is spelled on the wire or in a table is the adapters' business, not the domain's.
 */
public enum RefusalReason {
    UNKNOWN_INSTANCE,
    PURPOSE_REQUIRED,
    PURPOSE_NOT_ALLOWED,
    INVALID_FIELDS,
    INSTANCE_PAUSED,
    RECIPIENT_SUPPRESSED,
    /**
     * A free-form message on a transport that enforces the customer-service window, to a recipient who has not
     * written in the last 24 hours (contract §13): only a template may go; nothing was counted.
     */
    WINDOW_CLOSED,
    POLICY_VIOLATION,
    MINUTE_LIMIT_REACHED,
    DAILY_LIMIT_REACHED,
    MONTHLY_LIMIT_REACHED,
    /** The transport could not deliver a send that passed every check; its quota was given back. */
    DELIVERY_FAILED,
    /** The request's deadline passed before its reservation completed; nothing was sent. */
    DEADLINE_PASSED
}
