package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.StorageUnavailableException;
import hub.gateway.testdb.Eventually;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Concurrent callers share one load instead of queueing behind it; failures and forgets are never cached. */
class SharedLoadsTest {
    private static final int CALLERS = 20;
    private final SharedLoads<String, String> cache = Caches.expiringAfter(Duration.ofMinutes(5));
    private final AtomicInteger loads = new AtomicInteger();
    private final CountDownLatch loadStarted = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    /** A load that waits for the test, as a load waiting for a pool connection would. */
    private String slowLoad(String key, RuntimeException failure) {
        loads.incrementAndGet();
        loadStarted.countDown();
        await(release);
        if (failure != null) {
            throw failure;
        }
        return "value of " + key;
    }

    @Test
    void concurrentCallersOfOneKeyShareOneLoad() throws Exception {
        List<CompletableFuture<String>> answers = callers(key -> slowLoad(key, null));
        assertTrue(loadStarted.await(10, TimeUnit.SECONDS));
        awaitAllJoined();
        release.countDown();

        for (CompletableFuture<String> answer : answers) {
            assertEquals("value of k", answer.get(10, TimeUnit.SECONDS));
        }
        assertEquals(1, loads.get(), "one load for every caller");
        assertEquals("value of k", cache.get("k", key -> "not loaded again"));
    }

    /** Before, each waiting caller ran its own load after the first failed: one pool time-out after another. */
    @Test
    void aFailedLoadFailsEveryoneWaitingForItOnceAndIsNotCached() throws Exception {
        StorageUnavailableException down = new StorageUnavailableException("database unreachable", null);
        List<CompletableFuture<String>> answers = callers(key -> slowLoad(key, down));
        assertTrue(loadStarted.await(10, TimeUnit.SECONDS));
        awaitAllJoined();
        release.countDown();

        for (CompletableFuture<String> answer : answers) {
            Exception failed = assertThrows(Exception.class, () -> answer.get(10, TimeUnit.SECONDS));
            assertSame(down, failed.getCause());
        }
        assertEquals(1, loads.get(), "the failure was shared, not repeated by each caller");
        assertEquals("loaded afresh", cache.get("k", key -> "loaded afresh"));
    }

    @Test
    void anotherKeyDoesNotWaitForALoadInFlight() throws Exception {
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> cache.get("k", key -> slowLoad(key, null)),
                runnable -> Thread.ofVirtual().start(runnable));
        assertTrue(loadStarted.await(10, TimeUnit.SECONDS));

        // Answered while the other key's load is still held: the map's lock is not held during a load.
        assertEquals("other", cache.get("other", key -> "other"));
        assertTrue(!slow.isDone());
        release.countDown();
        assertEquals("value of k", slow.get(10, TimeUnit.SECONDS));
    }

    /** A change made on this node forgets the entry; a load that started before it must not bring it back. */
    @Test
    void aLoadInFlightWhenTheKeyIsForgottenIsNotCached() throws Exception {
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> cache.get("k", key -> slowLoad(key, null)),
                runnable -> Thread.ofVirtual().start(runnable));
        assertTrue(loadStarted.await(10, TimeUnit.SECONDS));

        cache.invalidate("k");
        release.countDown();

        assertEquals("value of k", slow.get(10, TimeUnit.SECONDS), "those who asked before still get their answer");
        assertEquals("after the change", cache.get("k", key -> "after the change"));
    }

    @Test
    void replacingAValueNeverUndoesAForget() {
        String seen = cache.get("k", key -> "first");
        cache.invalidate("k");
        cache.putIfUnchanged("k", seen, "second");
        assertEquals("loaded", cache.get("k", key -> "loaded"));

        String current = cache.get("k", key -> "unused");
        cache.putIfUnchanged("k", current, "replaced");
        assertEquals("replaced", cache.getIfLoaded("k"));
    }

    /** The other callers wait on the one load (plus Caffeine's own completion handler). */
    private void awaitAllJoined() {
        Eventually.assertSeenWithin(Duration.ofSeconds(10), () -> cache.waitingFor("k") >= CALLERS);
    }

    private List<CompletableFuture<String>> callers(java.util.function.Function<String, String> loader) {
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> cache.get("k", loader),
                    runnable -> Thread.ofVirtual().start(runnable)));
        }
        return answers;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the load");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
