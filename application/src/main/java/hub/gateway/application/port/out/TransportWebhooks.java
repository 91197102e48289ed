package hub.gateway.application.port.out;

import hub.gateway.domain.message.DeliveryStatus;

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

    sealed interface WebhookRead {
        /** No signature, or a wrong one: nothing in it may be acted on. */
        record Unauthenticated() implements WebhookRead {
        }

        record Malformed(String reason) implements WebhookRead {
        }

        record Updates(List<TransportUpdate> updates) implements WebhookRead {
            public Updates {
                updates = List.copyOf(updates);
            }
        }
    }

    /** {@code accountRef} names the instance's account at the provider (Meta: the phone number id). */
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
    }
}
