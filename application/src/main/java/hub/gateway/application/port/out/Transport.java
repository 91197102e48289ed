package hub.gateway.application.port.out;

import hub.gateway.domain.account.Instance;
import hub.gateway.domain.message.MessageText;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.template.RenderedTemplate;

import java.util.Objects;
import java.util.Optional;

/**
 * Hands a message to WhatsApp (or to a stand-in). Called after the quota is reserved. An implementation never
 * resends a request that may have reached its provider, and tells the two ways of not succeeding apart (contract
 * §13, "Delivery outcomes are honest"): a request that never reached the provider {@link Delivery.Failed failed}
 * and its quota goes back; one that may have reached it is {@link Delivery.Unknown unknown}, its quota stays
 * counted, and a later delivery status settles it.
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

    /**
     * {@code logId} is the send's log row: a transport whose provider echoes a reference in its statuses sends it.
     *
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

    /** {@code code} and {@code title} are short and safe to show the client: the provider's own words, or ours. */
    sealed interface Delivery {
        record Delivered(String messageId) implements Delivery {
        }

        /** The provider refused the message, or the request never reached it: nothing went out. */
        record Failed(String code, String title) implements Delivery {
        }

        /** The request may have reached the provider (a time-out after it was written, a dropped answer). */
        record Unknown(String code, String title) implements Delivery {
        }
    }
}
