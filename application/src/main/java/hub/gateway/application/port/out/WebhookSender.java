package hub.gateway.application.port.out;

import hub.gateway.domain.webhook.ClientEvent;

import java.time.Instant;

/**
 * Posts one signed event to a client's webhook URL (Standard Webhooks: {@code webhook-id},
 * {@code webhook-timestamp}, {@code webhook-signature}), with a 5-second limit, and refuses destinations
 * that resolve to private addresses unless the deployment allows them. Never retries by itself: the
 * dispatcher decides.
 */
public interface WebhookSender {
    WebhookResult send(WebhookRequest request);

    record WebhookRequest(String url, String secret, String webhookId, Instant timestamp, ClientEvent event) {
    }

    sealed interface WebhookResult {
        /** A 2xx answer. */
        record Accepted(int httpStatus) implements WebhookResult {
        }

        /** Any other answer. */
        record Rejected(int httpStatus) implements WebhookResult {
        }

        /** No answer: refused connection, time-out, a destination not allowed. */
        record Failed(String reason) implements WebhookResult {
        }
    }
}
