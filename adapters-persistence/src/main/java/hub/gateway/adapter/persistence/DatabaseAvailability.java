package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.StorageUnavailableException;

import javax.sql.DataSource;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the database is known to be out of reach. The first call that finds it unreachable marks it down;
 * from then on every call fails at once, without waiting for a pool connection that cannot come (contract §10:
 * never a hang, nobody waits in line behind another request's pool wait), while one background probe tries a
 * connection every {@link #PROBE_INTERVAL} and marks it up again. While it is up, a call pays one volatile read.
 *
 * <p>Only failures that say the server is gone mark it down (see {@link StorageFailures#meansOutage}): a pool
 * that is merely busy (every connection in use for the whole pool timeout) answers that one call with 503 but
 * does not take the node out of service.
 */
final class DatabaseAvailability implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DatabaseAvailability.class.getName());
    /** Between two probes; a recovery is seen within this plus one pool timeout. */
    static final Duration PROBE_INTERVAL = Duration.ofMillis(500);
    private static final int PROBE_QUERY_TIMEOUT_SECONDS = 1;

    private final DataSource dataSource;
    private final AtomicBoolean down = new AtomicBoolean();
    private volatile boolean closed;

    DatabaseAvailability(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @throws StorageUnavailableException at once while the database is known to be down */
    void ensureUp() {
        if (down.get()) {
            throw new StorageUnavailableException("database unreachable (known down; a probe is waiting for it)", null);
        }
    }

    boolean isUp() {
        return !down.get() && !closed;
    }

    /** Marks the database down if {@code failure} says it is gone; the first to do so starts the probe. */
    void observe(Throwable failure) {
        if (closed || !StorageFailures.meansOutage(failure)) {
            return;
        }
        if (down.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "database unreachable, answering 503 until it is back: " + StorageFailures.summary(failure));
            Thread.ofVirtual().name("db-availability-probe").start(this::probeUntilUp);
        }
    }

    /** {@code select 1} on a pool connection: the path every request takes, so "up" means requests will work. */
    boolean answers() {
        try {
            selectOne();
            return true;
        } catch (Exception e) {
            observe(e);
            return false;
        }
    }

    private void probeUntilUp() {
        long started = System.nanoTime();
        int attempts = 0;
        while (!closed) {
            attempts++;
            if (probe()) {
                down.set(false);
                long millis = (System.nanoTime() - started) / 1_000_000;
                LOG.log(Level.INFO, "database reachable again after " + millis + " ms (" + attempts + " probes)");
                return;
            }
            try {
                Thread.sleep(PROBE_INTERVAL);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean probe() {
        try {
            selectOne();
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private void selectOne() throws java.sql.SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(PROBE_QUERY_TIMEOUT_SECONDS);
            statement.execute("select 1");
        }
    }

    /** Stops the probe; afterwards the pool is closed and every call fails on its own. */
    @Override
    public void close() {
        closed = true;
    }
}
