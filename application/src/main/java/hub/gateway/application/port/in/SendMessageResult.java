package hub.gateway.application.port.in;

import hub.gateway.domain.send.QuotaStanding;
import hub.gateway.domain.send.Refusal;

import java.util.Objects;

public sealed interface SendMessageResult {
    /** Delivered; {@code quota} is where the instance stands with this send counted (contract §11's headers). */
    record Sent(String messageId, long logId, QuotaStanding quota) implements SendMessageResult {
        public Sent {
            Objects.requireNonNull(quota);
        }
    }

    record Refused(Refusal refusal) implements SendMessageResult {
    }

    /**
     * The transport may have delivered it, and nobody can tell yet (contract §13): the log row is {@code unknown},
     * the send stays counted in {@code quota}, and a later delivery status settles it. Never sent again.
     * {@code transportCode} and {@code transportTitle} say what went wrong, safe to show the client.
     */
    record DeliveryUnknown(long logId, String transportCode, String transportTitle, QuotaStanding quota)
            implements SendMessageResult {
        public DeliveryUnknown {
            Objects.requireNonNull(quota);
        }
    }
}
