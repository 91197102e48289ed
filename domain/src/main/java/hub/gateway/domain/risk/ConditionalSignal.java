package hub.gateway.domain.risk;

import java.time.Duration;
import java.util.Objects;

/**
 * A signal whose weight counts only when a fact that the send gate holds is true for this very send — a fact no
 * node can know from its own memory, so the gate judges it in the statement that counts the send (contract §3,
 * step 9; docs/responsible-messaging.md):
 * <ul>
 *     <li>{@link RecipientNeverWrote}: the recipient has never written to the instance — a link that opens a WhatsApp
 *     chat with someone ({@code wa.me}) in a first message is the shape of cold outreach and of scams;</li>
 *     <li>{@link HostNew}: no accepted send of the gateway linked to the host before {@code seenBefore} — a
 *     domain registered for a campaign is new, a business's own is known.</li>
 * </ul>
 */
public record ConditionalSignal(RiskSignal signal, Condition condition) {
    public ConditionalSignal {
        Objects.requireNonNull(signal);
        Objects.requireNonNull(condition);
    }

    public sealed interface Condition {
    }

    public record RecipientNeverWrote() implements Condition {
    }

    /** @param age how long ago a host must first have been linked to count as known */
    public record HostNew(String host, Duration age) implements Condition {
        public HostNew {
            Objects.requireNonNull(host);
            if (age.isNegative() || age.isZero()) {
                throw new IllegalArgumentException("a host is new for a positive time");
            }
        }
    }
}
