package hub.gateway.application.port.out;

import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.webhook.ClientEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Client events waiting for their webhook delivery. Events enter through the port that makes the change
 * ({@link SuppressionList}); this port is the dispatcher's side.
 *
 * <p>{@link #claimDue} is safe on any number of gateway nodes at once: a claimed event is leased to the
 * claimer ({@code FOR UPDATE SKIP LOCKED} and a lease time), so no two nodes deliver it at the same time,
 * and only the oldest undelivered event of an instance is ever claimed, so events arrive in order per
 * instance. A node that dies mid-delivery loses only its lease: the event is claimed again once it expires.
 */
public interface Outbox {
    List<PendingEvent> claimDue(Instant now, int max, Duration lease);

    void delivered(long eventId, Instant at, int httpStatus);

    /**
     * @param error         what went wrong, for operators (e.g. "HTTP 500", "timed out after 5 s")
     * @param nextAttemptAt empty: give up, the event is dead
     */
    void failed(long eventId, Instant at, String error, Optional<Integer> httpStatus, Optional<Instant> nextAttemptAt);

    /** Newest first: the operator's view of an instance's events and their attempts. */
    List<EventDelivery> recent(InstanceId instanceId, int limit);

    /** Puts a dead event back in line, due now; false when no such dead event exists for the instance. */
    boolean replay(InstanceId instanceId, long eventId, Instant now);

    /** Events still owed a delivery, over every instance, and when the oldest of them was created. */
    Backlog backlog();

    record Backlog(long pending, Optional<Instant> oldestCreatedAt) {
    }

    /**
     * A claimed event with what delivery needs. {@code webhookUrl} is the instance's URL now (empty when it
     * has none); {@code webhookSecret} its signing secret.
     */
    record PendingEvent(long eventId, String webhookId, ClientEvent event, Optional<String> webhookUrl,
                        String webhookSecret, int attempts, Optional<Instant> firstAttemptAt) {
    }

    /** @param status {@code pending}, {@code delivered} or {@code dead} */
    record EventDelivery(long eventId, String webhookId, String type, String status, int attempts,
                         Optional<Instant> lastAttemptAt, Optional<Integer> lastHttpStatus, Optional<String> lastError,
                         Optional<Instant> nextAttemptAt, Instant createdAt) {
    }
}
