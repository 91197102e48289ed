package hub.gateway.application.port.out;

import hub.gateway.domain.account.Instance;
import hub.gateway.domain.message.MessageText;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.template.RenderedTemplate;

import java.util.Objects;
import java.util.Optional;

/**
 * Hands a message to WhatsApp (or to a stand-in). Called after the quota is reserved; a failure gives
 * the quota back. An implementation never resends a request that may have reached its provider.
 */
public interface Transport {
    Delivery deliver(OutboundMessage message);

    /**
     * @param text     what the recipient reads: the message, or the template filled with its parameters
     * @param template for a template send, the template and its parameters; a transport that has templates of its
     *                 own (Meta) sends it as one, the others send {@code text}
     */
    record OutboundMessage(Instance instance, PhoneNumber to, MessageText text, long logId,
                           Optional<RenderedTemplate> template) {
        public OutboundMessage {
            Objects.requireNonNull(template);
        }

        /** A plain text message. */
        public OutboundMessage(Instance instance, PhoneNumber to, MessageText text, long logId) {
            this(instance, to, text, logId, Optional.empty());
        }

        /** A template send: its text is the rendered template's. */
        public OutboundMessage(Instance instance, PhoneNumber to, RenderedTemplate template, long logId) {
            this(instance, to, template.text(), logId, Optional.of(template));
        }
    }

    sealed interface Delivery {
        record Delivered(String messageId) implements Delivery {
        }

        /** {@code code} and {@code title} are the provider's own words, safe to show the client. */
        record Failed(String code, String title) implements Delivery {
        }
    }
}
