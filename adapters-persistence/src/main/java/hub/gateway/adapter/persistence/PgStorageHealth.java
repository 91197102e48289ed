package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.StorageHealth;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * False at once while the database is known to be down; otherwise {@code select 1} through the pool, which also
 * notices an outage when no request has (an idle gateway's health turns 503 on the first probe that fails). The
 * pool's connection timeout and the statement's query timeout bound the usual cases; the overall deadline also
 * covers a socket that silently stops answering.
 */
final class PgStorageHealth implements StorageHealth {
    private static final int TIMEOUT_SECONDS = 2;
    private static final Executor VIRTUAL_THREADS = task -> Thread.ofVirtual().name("storage-health").start(task);

    private final DatabaseAvailability availability;

    PgStorageHealth(DatabaseAvailability availability) {
        this.availability = availability;
    }

    @Override
    public boolean isReachable() {
        if (!availability.isUp()) {
            return false;
        }
        try {
            return CompletableFuture.supplyAsync(availability::answers, VIRTUAL_THREADS)
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
