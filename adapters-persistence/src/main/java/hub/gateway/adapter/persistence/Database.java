package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.StorageUnavailableException;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs statements through DbClient and turns an unreachable database into StorageUnavailableException: at once,
 * without touching the pool, while the database is known to be down ({@link DatabaseAvailability}).
 */
final class Database {
    private final DbClient client;
    private final DatabaseAvailability availability;

    Database(DbClient client, DatabaseAvailability availability) {
        this.client = client;
        this.availability = availability;
    }

    <T> T call(Function<DbExecute, T> work) {
        availability.ensureUp();
        try {
            return work.apply(client.execute());
        } catch (RuntimeException e) {
            RuntimeException translated = StorageFailures.translate(e);
            if (translated instanceof StorageUnavailableException) {
                availability.observe(e);
            }
            throw translated;
        }
    }

    void run(Consumer<DbExecute> work) {
        call(execute -> {
            work.accept(execute);
            return null;
        });
    }
}
