package hub.gateway.adapter.persistence;

import com.github.benmanes.caffeine.cache.AsyncCache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * A cache whose concurrent callers of one key share one load instead of queueing behind it (contract §10: no
 * request waits in line behind another one's attempt).
 *
 * <p>Caffeine's synchronous {@code get(key, loader)} runs the loader inside the map's lock: other callers of the
 * key wait for it, and when it fails each of them runs its own load in turn (one pool time-out after another);
 * callers of other keys in the same hash bin wait too. Here a caller puts its own incomplete future into the
 * map — a step that holds the lock for no time — and loads outside it; the others join that future. A failed
 * load leaves nothing cached (Caffeine drops a future that fails), and {@link #invalidate} during a load means
 * its result is handed to those already waiting but never cached (Caffeine stores a completed value only if
 * its future is still the one in the map), so a change made on this node cannot be undone by a load that
 * started before it.
 *
 * <p>A hit costs what the synchronous cache's costs: one look-up and a completed future's value.
 */
final class SharedLoads<K, V> {
    private final AsyncCache<K, V> cache;

    SharedLoads(AsyncCache<K, V> cache) {
        this.cache = cache;
    }

    /** The cached value, or the load in flight, or a new load by this caller; the loader's failure propagates. */
    V get(K key, Function<? super K, ? extends V> loader) {
        CompletableFuture<V> present = cache.getIfPresent(key);
        if (present != null) {
            return join(present);
        }
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> shared = cache.get(key, (k, executor) -> mine);
        if (shared == mine) {
            try {
                mine.complete(loader.apply(key));
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
            }
        }
        return join(shared);
    }

    /** The value if it is cached and loaded, without waiting for a load in flight. */
    V getIfLoaded(K key) {
        CompletableFuture<V> present = cache.getIfPresent(key);
        return present != null && present.isDone() && !present.isCompletedExceptionally() ? present.join() : null;
    }

    /**
     * Replaces the loaded {@code seenValue} with {@code value}, unless the entry has changed or been forgotten
     * since {@code seenValue} was read: a forget is never undone.
     */
    void putIfUnchanged(K key, V seenValue, V value) {
        CompletableFuture<V> current = cache.getIfPresent(key);
        if (current == null) {
            return;
        }
        if (current.isDone() && !current.isCompletedExceptionally() && current.join() == seenValue) {
            cache.asMap().replace(key, current, CompletableFuture.completedFuture(value));
        }
    }

    /** For tests: how many wait for the key's load in flight (Caffeine's own completion handler included). */
    int waitingFor(K key) {
        CompletableFuture<V> present = cache.getIfPresent(key);
        return present == null || present.isDone() ? 0 : present.getNumberOfDependents();
    }

    void invalidate(K key) {
        cache.synchronous().invalidate(key);
    }

    private static <V> V join(CompletableFuture<V> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
