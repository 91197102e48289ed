package hub.gateway.domain.send;

import hub.gateway.domain.message.FieldError;
import hub.gateway.domain.message.MessagePurpose;
import hub.gateway.domain.risk.RiskSignal;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Every reason the gateway refuses a send, as data: what was refused and the facts that go with it (limits and
 * counts, when to come back, the assessment's score and signals, the log row). How a refusal is told to a client
 * (its code, status, text, action and risk score) is the edge's table, not the domain's.
 */
public sealed interface Refusal {
    /** What the message log records for this refusal. */
    RefusalReason reason();

    record PurposeRequired() implements Refusal {
        public RefusalReason reason() { return RefusalReason.PURPOSE_REQUIRED; }
    }

    /**
     * @param knownDisallowed the purpose is one the gateway refuses by name (marketing, cold outreach…), not merely
     *                        one it does not know
     */
    record PurposeNotAllowed(String declared, boolean knownDisallowed) implements Refusal {
        public RefusalReason reason() { return RefusalReason.PURPOSE_NOT_ALLOWED; }
        public List<String> allowedPurposes() { return MessagePurpose.allowedWireNames(); }
    }

    record InvalidFields(List<FieldError> fields) implements Refusal {
        public InvalidFields {
            fields = List.copyOf(fields);
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("a validation refusal names at least one field");
            }
        }
        public RefusalReason reason() { return RefusalReason.INVALID_FIELDS; }
    }

    record UnknownInstance() implements Refusal {
        public RefusalReason reason() { return RefusalReason.UNKNOWN_INSTANCE; }
    }

    record InstancePaused() implements Refusal {
        public RefusalReason reason() { return RefusalReason.INSTANCE_PAUSED; }
    }

    record RecipientSuppressed() implements Refusal {
        public RefusalReason reason() { return RefusalReason.RECIPIENT_SUPPRESSED; }
    }

    /** The recipient's customer-service window is closed: a free-form message cannot go, a template could. */
    record WindowClosed() implements Refusal {
        public RefusalReason reason() { return RefusalReason.WINDOW_CLOSED; }
    }

    /** The risk assessment scored the send at or above the block score; {@code signals} say why. */
    record PolicyViolation(int score, List<RiskSignal> signals) implements Refusal {
        public PolicyViolation {
            signals = List.copyOf(signals);
        }
        public RefusalReason reason() { return RefusalReason.POLICY_VIOLATION; }
    }

    record SendingThrottled(QuotaStanding quota) implements Refusal {
        public SendingThrottled {
            Objects.requireNonNull(quota);
        }
        public RefusalReason reason() { return RefusalReason.MINUTE_LIMIT_REACHED; }
        public int limit() { return quota.limit(GateOutcome.Window.MINUTE); }
        public int used() { return quota.used(GateOutcome.Window.MINUTE); }
        public Duration retryAfter() { return quota.resetsIn(GateOutcome.Window.MINUTE); }
    }

    record DailyLimitReached(QuotaStanding quota) implements Refusal {
        public DailyLimitReached {
            Objects.requireNonNull(quota);
        }
        public RefusalReason reason() { return RefusalReason.DAILY_LIMIT_REACHED; }
        public int limit() { return quota.limit(GateOutcome.Window.DAY); }
        public int used() { return quota.used(GateOutcome.Window.DAY); }
        public Duration retryAfter() { return quota.resetsIn(GateOutcome.Window.DAY); }
    }

    record MonthlyLimitReached(QuotaStanding quota) implements Refusal {
        public MonthlyLimitReached {
            Objects.requireNonNull(quota);
        }
        public RefusalReason reason() { return RefusalReason.MONTHLY_LIMIT_REACHED; }
        public int limit() { return quota.limit(GateOutcome.Window.MONTH); }
        public int used() { return quota.used(GateOutcome.Window.MONTH); }
        public Duration retryAfter() { return quota.resetsIn(GateOutcome.Window.MONTH); }
    }

    /** The request passed every check but the transport could not deliver it; its quota was given back. */
    record DeliveryFailed(long logId, String transportCode, String transportTitle) implements Refusal {
        public RefusalReason reason() { return RefusalReason.DELIVERY_FAILED; }
    }

    /**
     * The request's deadline passed before its reservation completed: it is not handed to the transport (the
     * client may have given up and retried), and its quota, if reserved, was given back. Nothing was sent.
     */
    record DeadlinePassed() implements Refusal {
        public RefusalReason reason() { return RefusalReason.DEADLINE_PASSED; }
    }
}
