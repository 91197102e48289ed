package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.StorageHealth;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * {@code select 1} through the pool. The pool's connection timeout and the statement's query timeout bound
 * the usual cases; the overall deadline also covers a socket that silently stops answering.
 */
final class PgStorageHealth implements StorageHealth {
    private static final int TIMEOUT_SECONDS = 2;
    private static final Executor VIRTUAL_THREADS = task -> Thread.ofVirtual().name("storage-health").start(task);

    private final DataSource dataSource;

    PgStorageHealth(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean isReachable() {
        try {
            return CompletableFuture.supplyAsync(this::selectOne, VIRTUAL_THREADS)
                    .get(TIMEOUT_SECONDS + 1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private boolean selectOne() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            return statement.execute("select 1");
        } catch (Exception e) {
            return false;
        }
    }
}
