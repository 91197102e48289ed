package hub.gateway.adapter.persistence;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;

import java.util.function.Consumer;
import java.util.function.Function;

/** Runs statements through DbClient and turns an unreachable database into StorageUnavailableException. */
final class Database {
    private final DbClient client;

    Database(DbClient client) {
        this.client = client;
    }

    <T> T call(Function<DbExecute, T> work) {
        try {
            return work.apply(client.execute());
        } catch (RuntimeException e) {
            throw StorageFailures.translate(e);
        }
    }

    void run(Consumer<DbExecute> work) {
        call(execute -> {
            work.accept(execute);
            return null;
        });
    }
}
