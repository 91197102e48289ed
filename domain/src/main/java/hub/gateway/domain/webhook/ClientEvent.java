package hub.gateway.domain.webhook;

import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.risk.PauseCause;
import hub.gateway.domain.risk.RiskSignal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the gateway tells a client's webhook. Each event is stored with the change that caused it and
 * delivered at least once, in order per instance.
 */
public sealed interface ClientEvent {
    InstanceId instanceId();

    /** The {@code event} field on the wire, e.g. {@code recipient.opted_out}. */
    String type();

    Instant timestamp();

    /** A recipient answered an opt-out keyword (the seed's event, field for field). */
    record RecipientOptedOut(InstanceId instanceId, String instanceName, PhoneNumber from, String messageText,
                             Instant timestamp) implements ClientEvent {
        public static final String TYPE = "recipient.opted_out";
        public static final String REASON = "recipient_requested_stop";

        public String type() {
            return TYPE;
        }
    }

    /** A recipient who had opted out answered an opt-in keyword. Same fields as the opt-out. */
    record RecipientOptedIn(InstanceId instanceId, String instanceName, PhoneNumber from, String messageText,
                            Instant timestamp) implements ClientEvent {
        public static final String TYPE = "recipient.opted_in";
        public static final String REASON = "recipient_requested_start";

        public String type() {
            return TYPE;
        }
    }

    /**
     * The instance was paused for responsible-messaging review; only an operator's resume lifts it. A pause by the
     * rules carries the assessment that paused (score and signals) and the rule as its cause; a pause by an operator
     * has no assessment (score 0, no signals), the cause {@link PauseCause#OPERATOR} and the operator's note.
     */
    record InstancePausedForReview(InstanceId instanceId, String instanceName, int riskScore, List<RiskSignal> signals,
                                   Instant timestamp, PauseCause cause, Optional<String> note) implements ClientEvent {
        public static final String TYPE = "instance.paused_for_review";
        public static final String REASON = "responsible_messaging_review";

        public InstancePausedForReview {
            signals = List.copyOf(signals);
            Objects.requireNonNull(cause);
            Objects.requireNonNull(note);
        }

        /** A pause by the rules: its cause is read from the signals. */
        public static InstancePausedForReview byRules(InstanceId instanceId, String instanceName, int riskScore,
                                                      List<RiskSignal> signals, Instant timestamp) {
            return new InstancePausedForReview(instanceId, instanceName, riskScore, signals, timestamp,
                    PauseCause.ofRules(signals), Optional.empty());
        }

        /** A pause by an operator, with the operator's note if one was given. */
        public static InstancePausedForReview byOperator(InstanceId instanceId, String instanceName,
                                                         Optional<String> note, Instant timestamp) {
            return new InstancePausedForReview(instanceId, instanceName, 0, List.of(), timestamp,
                    PauseCause.OPERATOR, note);
        }

        public String type() {
            return TYPE;
        }
    }
}
