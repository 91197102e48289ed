package hub.gateway.domain.webhook;

import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.risk.RiskSignal;

import java.time.Instant;
import java.util.List;

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

    /** The instance was paused for responsible-messaging review; only an operator's resume lifts it. */
    record InstancePausedForReview(InstanceId instanceId, String instanceName, int riskScore, List<RiskSignal> signals,
                                   Instant timestamp) implements ClientEvent {
        public static final String TYPE = "instance.paused_for_review";
        public static final String REASON = "responsible_messaging_review";

        public InstancePausedForReview {
            signals = List.copyOf(signals);
        }

        public String type() {
            return TYPE;
        }
    }
}
