package hub.gateway.application.service;

import hub.gateway.application.port.in.ReadOperatingGaugesUseCase;
import hub.gateway.application.port.out.Outbox;
import hub.gateway.application.port.out.StorageConnections;
import hub.gateway.application.port.out.StorageUnavailableException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The scrape's gauges: the pool's counts first (never the database), then the outbox's backlog, one statement.
 * A database that is gone leaves the backlog unknown rather than failing the scrape: an operator needs the
 * other metrics most when the database is down.
 */
final class OperatingGaugesService implements ReadOperatingGaugesUseCase {
    private final Outbox outbox;
    private final StorageConnections connections;
    private final Clock clock;

    OperatingGaugesService(Outbox outbox, StorageConnections connections, Clock clock) {
        this.outbox = outbox;
        this.connections = connections;
        this.clock = clock;
    }

    @Override
    public OperatingGauges read() {
        StorageConnections.Counts counts = connections.now();
        DatabaseConnections pool = new DatabaseConnections(counts.active(), counts.idle(), counts.pending());
        Instant now = clock.instant();
        Optional<WebhookBacklog> backlog;
        try {
            Outbox.Backlog pending = outbox.backlog();
            backlog = Optional.of(new WebhookBacklog(pending.pending(), pending.oldestCreatedAt()
                    .map(oldest -> Duration.between(oldest, now))
                    .filter(age -> !age.isNegative())
                    .orElse(Duration.ZERO)));
        } catch (StorageUnavailableException e) {
            backlog = Optional.empty();
        }
        return new OperatingGauges(backlog, pool);
    }
}
