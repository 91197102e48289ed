package hub.gateway.application.port.out;

import hub.gateway.domain.message.DeliveryStatus;
import hub.gateway.domain.template.TemplateKey;
import hub.gateway.domain.template.TemplateQuality;
import hub.gateway.domain.template.TemplateStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A transport's incoming webhooks (recipients' messages and delivery statuses), in the provider's own
 * format and with its own signature; the transport adapter verifies and reads them, the application acts.
 */
public interface TransportWebhooks {
    /** The provider's subscription handshake: the challenge to echo when the verify token matches. */
    Optional<String> answerSubscription(Map<String, String> query);

    /**
     * @param headers header names in lower case
     * @param body    the raw bytes, as signed
     */
    WebhookRead read(Map<String, String> headers, byte[] body);

    /**
     * A webhook addressed to one instance (WAHA's {@code /webhooks/waha/{instance_id}}), verified with that instance's
     * own key. A transport whose webhooks are gateway-wide (Meta's) trusts none addressed this way.
     *
     * @param account the instance's account at the transport, with the key its events are signed with
     */
    default WebhookRead readFor(hub.gateway.domain.account.TransportAccount account, Map<String, String> headers,
                                byte[] body) {
        return new WebhookRead.Unauthenticated();
    }

    sealed interface WebhookRead {
        /** No signature, or a wrong one: nothing in it may be acted on. */
        record Unauthenticated() implements WebhookRead {
        }

        record Malformed(String reason) implements WebhookRead {
        }

        /** Signed, but for another of the provider's accounts (a WAHA session) than the instance's: not acted on. */
        record Misdirected(String reason) implements WebhookRead {
        }

        record Updates(List<TransportUpdate> updates) implements WebhookRead {
            public Updates {
                updates = List.copyOf(updates);
            }
        }
    }

    /**
     * {@code accountRef} names the account at the provider: for messages and statuses the instance's own (Meta: the
     * phone number id), for templates the business account that holds them (Meta: the WhatsApp Business Account id).
     */
    sealed interface TransportUpdate {
        String accountRef();

        record InboundText(String accountRef, String from, String text, Instant at, String providerMessageId)
                implements TransportUpdate {
        }

        /**
         * @param logId the log id the send carried to the provider and the provider echoes back (Meta's
         *              {@code biz_opaque_callback_data}): finds the row when no row holds the message id yet
         */
        record DeliveryUpdate(String accountRef, String providerMessageId, Optional<Long> logId, DeliveryStatus status,
                              Instant at, Optional<String> error) implements TransportUpdate {
        }

        /** A template's new status; {@code accountRef} here is the business account (Meta: the WABA id). */
        record TemplateStatusChange(String accountRef, TemplateKey template, TemplateStatus status)
                implements TransportUpdate {
        }

        /** A template's new quality rating; {@code accountRef} as for {@link TemplateStatusChange}. */
        record TemplateQualityChange(String accountRef, TemplateKey template, TemplateQuality quality)
                implements TransportUpdate {
        }
    }
}
