package hub.gateway.domain;

import java.time.Duration;
import java.util.List;

/**
 * Every reason the gateway refuses a send, as data. Each carries its error code, the action taken and the
 * risk score the public documentation shows for it; nothing here knows about HTTP.
 */
public sealed interface Refusal {
    ErrorCode code();

    RiskAction action();

    int riskScore();

    record PurposeRequired() implements Refusal {
        public ErrorCode code() { return ErrorCode.MESSAGE_PURPOSE_REQUIRED; }
        public RiskAction action() { return RiskAction.BLOCK; }
        public int riskScore() { return 0; }
    }

    /** A disallowed purpose scores 100; a value that is simply unknown scores 60. */
    record PurposeNotAllowed(String declared, boolean knownDisallowed) implements Refusal {
        public ErrorCode code() { return ErrorCode.MESSAGE_PURPOSE_NOT_ALLOWED; }
        public RiskAction action() { return RiskAction.BLOCK; }
        public int riskScore() { return knownDisallowed ? 100 : 60; }
        public List<String> allowedPurposes() { return MessagePurpose.allowedWireNames(); }
    }

    record InvalidFields(List<FieldError> fields) implements Refusal {
        public InvalidFields {
            fields = List.copyOf(fields);
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("a validation refusal names at least one field");
            }
        }
        public ErrorCode code() { return ErrorCode.VALIDATION_ERROR; }
        public RiskAction action() { return RiskAction.BLOCK; }
        public int riskScore() { return 0; }
    }

    record UnknownInstance() implements Refusal {
        public ErrorCode code() { return ErrorCode.INVALID_INSTANCE; }
        public RiskAction action() { return RiskAction.BLOCK; }
        public int riskScore() { return 0; }
    }

    record InstancePaused() implements Refusal {
        public ErrorCode code() { return ErrorCode.INSTANCE_PAUSED_FOR_REVIEW; }
        public RiskAction action() { return RiskAction.PAUSE_INSTANCE; }
        public int riskScore() { return 100; }
    }

    record RecipientSuppressed() implements Refusal {
        public ErrorCode code() { return ErrorCode.RECIPIENT_SUPPRESSED; }
        public RiskAction action() { return RiskAction.BLOCK; }
        public int riskScore() { return 100; }
    }

    /** The risk assessment scored the send at or above the block score; {@code signals} say why. */
    record PolicyViolation(int score, List<RiskSignal> signals) implements Refusal {
        public PolicyViolation {
            signals = List.copyOf(signals);
        }
        public ErrorCode code() { return ErrorCode.POLICY_VIOLATION; }
        public RiskAction action() { return RiskAction.BLOCK; }
        public int riskScore() { return score; }
    }

    record SendingThrottled(int limit, int used, Duration retryAfter) implements Refusal {
        public ErrorCode code() { return ErrorCode.SENDING_THROTTLED; }
        public RiskAction action() { return RiskAction.THROTTLE; }
        public int riskScore() { return 65; }
    }

    record DailyLimitReached(int limit, int used, Duration retryAfter) implements Refusal {
        public ErrorCode code() { return ErrorCode.DAILY_MESSAGE_LIMIT_EXCEEDED; }
        public RiskAction action() { return RiskAction.BLOCK; }
        public int riskScore() { return 90; }
    }

    record MonthlyLimitReached(int limit, int used, Duration retryAfter) implements Refusal {
        public ErrorCode code() { return ErrorCode.MONTHLY_MESSAGE_LIMIT_EXCEEDED; }
        public RiskAction action() { return RiskAction.BLOCK; }
        public int riskScore() { return 90; }
    }

    /** The request passed every check but the transport could not deliver it; its quota was given back. */
    record DeliveryFailed(long logId, String transportCode, String transportTitle) implements Refusal {
        public ErrorCode code() { return ErrorCode.GATEWAY_SEND_FAILED; }
        public RiskAction action() { return RiskAction.ALLOW; }
        public int riskScore() { return 0; }
    }

    /**
     * The request's deadline passed before its reservation completed: it is not handed to the transport (the
     * client may have given up and retried), and its quota, if reserved, was given back. Nothing was sent.
     */
    record DeadlinePassed() implements Refusal {
        public ErrorCode code() { return ErrorCode.SERVICE_UNAVAILABLE; }
        public RiskAction action() { return RiskAction.BLOCK; }
        public int riskScore() { return 0; }
    }
}
