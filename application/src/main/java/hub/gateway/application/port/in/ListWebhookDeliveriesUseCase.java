package hub.gateway.application.port.in;


import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The operator's view of an instance's webhook events: attempts, last status, next attempt. */
public interface ListWebhookDeliveriesUseCase {
    /** Empty when the instance does not exist. */
    Optional<List<WebhookDelivery>> list(String instanceId, int limit);

    /** @param status {@code pending}, {@code delivered} or {@code dead} */
    record WebhookDelivery(long eventId, String webhookId, String type, String status, int attempts,
                           Optional<Instant> lastAttemptAt, Optional<Integer> lastHttpStatus, Optional<String> lastError,
                           Optional<Instant> nextAttemptAt, Instant createdAt) {
    }
}
