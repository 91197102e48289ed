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
}
