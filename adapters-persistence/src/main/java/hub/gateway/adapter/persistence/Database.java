package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.StorageUnavailableException;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs statements through DbClient and turns an unreachable database into StorageUnavailableException: at once,
 * without touching the pool, while the database is known to be down ({@link DatabaseAvailability}).
 *
 * <p>A pool that is only busy — every connection in use for the pool's whole wait, while the database answers other
 * statements — is no outage: the call waits on for a connection, up to {@code busyPoolPatience} in all (the request
 * deadline: a send whose reservation comes later is withdrawn and answered 503 by the use case, contract §10), and is
 * answered 503 only after that, or as soon as the database is found gone. "Answers" means a statement of this node
 * completed within the last {@link #ANSWERING}: a database that hangs (a black-holed network) completes none, so
 * its callers are answered 503 after the pool's one wait, within the contract's 2 s.
 */
final class Database {
    private final DbClient client;
    private final DatabaseAvailability availability;
    private final Duration busyPoolPatience;
    static final Duration ANSWERING = Duration.ofSeconds(1);
    /** When a statement of this node last completed (System.nanoTime). */
    private volatile long lastAnswered = System.nanoTime();

    Database(DbClient client, DatabaseAvailability availability, Duration busyPoolPatience) {
        this.client = client;
        this.availability = availability;
        this.busyPoolPatience = busyPoolPatience;
    }

    <T> T call(Function<DbExecute, T> work) {
        long until = System.nanoTime() + busyPoolPatience.toNanos();
        while (true) {
            availability.ensureUp();
            try {
                T result = work.apply(client.execute());
                lastAnswered = System.nanoTime();
                return result;
            } catch (RuntimeException e) {
                RuntimeException translated = StorageFailures.translate(e);
                if (translated instanceof StorageUnavailableException) {
                    availability.observe(e);
                    long now = System.nanoTime();
                    if (onlyBusy(e) && availability.isUp() && now < until && now - lastAnswered < ANSWERING.toNanos()) {
                        continue;
                    }
                }
                throw translated;
            }
        }
    }

    void run(Consumer<DbExecute> work) {
        call(execute -> {
            work.accept(execute);
            return null;
        });
    }

    /** The pool's wait ran out with every connection in use, and no connection attempt failed (no cause). */
    private static boolean onlyBusy(Throwable failure) {
        if (StorageFailures.meansOutage(failure)) {
            return false;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException pool && pool.getCause() == null) {
                return true;
            }
        }
        return false;
    }
}
