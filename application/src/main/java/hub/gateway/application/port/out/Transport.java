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

    /**
     * True when the provider delivers free-form text only inside the recipient's customer-service window (24 hours
     * after their last message; contract §13): such a send to a recipient whose window is closed is then refused
     * before the transport is called. Meta's Cloud API enforces it; a stand-in or an engine that does not, need not.
     */
    default boolean enforcesCustomerServiceWindow() {
        return false;
    }

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
