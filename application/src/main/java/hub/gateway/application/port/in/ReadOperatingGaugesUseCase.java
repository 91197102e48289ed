package hub.gateway.application.port.in;

import java.time.Duration;
import java.util.Optional;

/**
 * The gauges an operator reads at each scrape of the metrics: the webhook backlog and the database connections.
 * It answers promptly also while the database is down: the backlog is then unknown, the connections still known.
 */
public interface ReadOperatingGaugesUseCase {
    OperatingGauges read();

    /** @param webhookBacklog empty when the database could not be asked */
    record OperatingGauges(Optional<WebhookBacklog> webhookBacklog, DatabaseConnections databaseConnections) {
    }

    /**
     * Client events not yet delivered nor given up (waiting for their first attempt or for a retry).
     *
     * @param oldestPendingAge how long the oldest of them has waited since it was emitted; zero when none waits
     */
    record WebhookBacklog(long pending, Duration oldestPendingAge) {
    }

    /** The database pool of this node: connections in use, idle, and callers waiting for one. */
    record DatabaseConnections(int active, int idle, int pending) {
    }
}
