package hub.gateway.application.port.out;

import hub.gateway.domain.account.Instance;
import hub.gateway.domain.message.MessageText;
import hub.gateway.domain.message.PhoneNumber;

/**
 * Hands a message to WhatsApp (or to a stand-in). Called after the quota is reserved; a failure gives
 * the quota back. An implementation never resends a request that may have reached its provider.
 */
public interface Transport {
    Delivery deliver(OutboundMessage message);

    record OutboundMessage(Instance instance, PhoneNumber to, MessageText text, long logId) {
    }

    sealed interface Delivery {
        record Delivered(String messageId) implements Delivery {
        }

        /** {@code code} and {@code title} are the provider's own words, safe to show the client. */
        record Failed(String code, String title) implements Delivery {
        }
    }
}
