package hub.gateway.domain.message;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One row of the message log as clients and operators read it: every request that reached the instance
 * check, sent or refused, with its outcome.
 *
 * @param status {@code accepted} (counted, handed to the transport), {@code sent}, {@code delivered}, {@code read},
 *               {@code failed}, {@code refused}, or {@code unknown} (its node died while the transport had it: it
 *               may have gone out; a later status from the transport moves it on)
 */
public record MessageRecord(long logId,
                            Optional<String> messageId,
                            String instanceId,
                            Optional<String> phone,
                            Optional<String> messagePurpose,
                            String status,
                            Optional<String> error,
                            Instant createdAt,
                            List<StatusChange> statusHistory) {
    public MessageRecord {
        statusHistory = List.copyOf(statusHistory);
    }

    public record StatusChange(String status, Instant at) {
    }
}
