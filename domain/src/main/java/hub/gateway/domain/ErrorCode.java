package hub.gateway.domain;

import java.util.Locale;

/** The error codes of the public documentation and the contract, as they appear on the wire. */
public enum ErrorCode {
    INVALID_API_KEY,
    REVOKED_API_KEY,
    INVALID_JSON,
    VALIDATION_ERROR,
    INVALID_INSTANCE,
    MESSAGE_PURPOSE_REQUIRED,
    MESSAGE_PURPOSE_NOT_ALLOWED,
    DAILY_MESSAGE_LIMIT_EXCEEDED,
    MONTHLY_MESSAGE_LIMIT_EXCEEDED,
    RECIPIENT_SUPPRESSED,
    SENDING_THROTTLED,
    INSTANCE_PAUSED_FOR_REVIEW,
    POLICY_VIOLATION,
    GATEWAY_SEND_FAILED,
    NOT_FOUND,
    METHOD_NOT_ALLOWED,
    PAYLOAD_TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    IDEMPOTENCY_KEY_REUSED,
    IDEMPOTENCY_KEY_IN_PROGRESS,
    SERVICE_UNAVAILABLE,
    INTERNAL_ERROR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ErrorCode fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
