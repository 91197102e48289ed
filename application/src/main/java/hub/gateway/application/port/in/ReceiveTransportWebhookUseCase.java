package hub.gateway.application.port.in;

import java.util.Map;
import java.util.Optional;

/**
 * A transport provider's webhook: recipients' messages go to the inbound use case (so STOP works through
 * every transport), delivery statuses to the message log. Applying a re-delivered webhook again changes
 * nothing: suppressions and statuses are recorded once.
 */
public interface ReceiveTransportWebhookUseCase {
    /**
     * @param instanceId for a webhook addressed to one instance and signed with its own key (WAHA); empty for a
     *                   transport's gateway-wide webhook (Meta's). An unknown instance, or one on another transport,
     *                   is {@link WebhookReceipt.Unauthenticated} like a wrong signature, so the answer tells a caller
     *                   without the key nothing about which instances exist.
     */
    WebhookReceipt receive(String transport, Optional<String> instanceId, Map<String, String> headers, byte[] body);

    sealed interface WebhookReceipt {
        /** @param applied updates that changed something; a re-delivery applies none */
        record Accepted(int updates, int applied) implements WebhookReceipt {
        }

        record Unauthenticated() implements WebhookReceipt {
        }

        record Malformed(String reason) implements WebhookReceipt {
        }

        /** Signed with the instance's key but for another session of the provider's: nothing applied. */
        record Misdirected(String reason) implements WebhookReceipt {
        }

        record UnknownTransport() implements WebhookReceipt {
        }
    }
}
