package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.StorageUnavailableException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Group commit on one node: what arrives during a call goes into the next one; a lone call goes at once. */
class GroupedCallsTest {
    @Test
    void aLoneItemIsCalledAtOnceAlone() {
        List<List<Integer>> calls = new CopyOnWriteArrayList<>();
        GroupedCalls<Integer, Integer> grouped = new GroupedCalls<>(items -> {
            calls.add(items);
            return items.stream().map(i -> i * 10).toList();
        }, 256, size -> { });
        assertEquals(10, grouped.call(1));
        assertEquals(20, grouped.call(2));
        assertEquals(List.of(List.of(1), List.of(2)), calls, "one call each, nobody waited for company");
    }

    /**
     * While the first call is held in flight, the other callers queue; when it ends, one call takes them all, in the
     * order they arrived, and each caller gets its own answer.
     */
    @Test
    void whatArrivesDuringACallGoesIntoTheNextOneInArrivalOrder() throws Exception {
        CountDownLatch firstCallStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstCall = new CountDownLatch(1);
        List<List<Integer>> calls = new CopyOnWriteArrayList<>();
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        GroupedCalls<Integer, Integer> grouped = new GroupedCalls<>(items -> {
            calls.add(List.copyOf(items));
            if (items.contains(0)) {
                firstCallStarted.countDown();
                await(releaseFirstCall);
            }
            return items.stream().map(i -> i * 10).toList();
        }, 256, sizes::add);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> first = threads.submit(() -> grouped.call(0));
            assertTrue(firstCallStarted.await(10, TimeUnit.SECONDS));
            List<Future<Integer>> others = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                int item = i;
                others.add(threads.submit(() -> grouped.call(item)));
                waitUntilQueued(grouped, i);
            }
            releaseFirstCall.countDown();
            assertEquals(0, first.get());
            for (int i = 1; i <= 20; i++) {
                assertEquals(i * 10, others.get(i - 1).get(), "each caller gets its own answer");
            }
        }
        assertEquals(2, calls.size(), calls.toString());
        assertEquals(List.of(0), calls.get(0));
        List<Integer> arrived = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            arrived.add(i);
        }
        assertEquals(arrived, calls.get(1), "the second call holds everything that arrived meanwhile, in order");
        assertEquals(List.of(1, 20), sizes);
    }

    @Test
    void aGroupIsNeverLargerThanItsLimit() throws Exception {
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        GroupedCalls<Integer, Integer> grouped = new GroupedCalls<>(items -> {
            sleep(2);
            return items;
        }, 4, sizes::add);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int item = i;
                answers.add(threads.submit(() -> grouped.call(item)));
            }
            for (int i = 0; i < 100; i++) {
                assertEquals(i, answers.get(i).get());
            }
        }
        assertEquals(100, sizes.stream().mapToInt(Integer::intValue).sum());
        assertTrue(sizes.stream().allMatch(size -> size <= 4), sizes.toString());
        assertTrue(sizes.stream().anyMatch(size -> size > 1), "busy: grouped " + sizes);
    }

    @Test
    void aDatabaseThatIsGoneFailsTheWholeGroupAndAStatementItRefusedIsMadeAgainItemByItem() throws Exception {
        StorageUnavailableException gone = new StorageUnavailableException("database unreachable", null);
        GroupedCalls<Integer, Integer> unavailable = new GroupedCalls<>(items -> {
            throw gone;
        }, 256, size -> { });
        assertSame(gone, assertThrows(StorageUnavailableException.class, () -> unavailable.call(1)));

        List<List<Integer>> calls = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupedCalls<Integer, Integer> refusing = new GroupedCalls<>(items -> {
            calls.add(List.copyOf(items));
            if (items.contains(0)) {
                started.countDown();
                await(release);
                return items;
            }
            if (items.contains(13)) {
                throw new RuntimeException(new SQLException("new row violates a constraint", "23503"));
            }
            return items;
        }, 256, size -> { });
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> first = threads.submit(() -> refusing.call(0));
            assertTrue(started.await(10, TimeUnit.SECONDS));
            Future<Integer> good = threads.submit(() -> refusing.call(12));
            waitUntilQueued(refusing, 1);
            Future<Integer> bad = threads.submit(() -> refusing.call(13));
            waitUntilQueued(refusing, 2);
            release.countDown();
            assertEquals(0, first.get());
            assertEquals(12, good.get(), "the refused statement is made again for each item: this one succeeds alone");
            java.util.concurrent.ExecutionException failed = assertThrows(java.util.concurrent.ExecutionException.class, bad::get);
            assertTrue(failed.getCause().getCause() instanceof SQLException);
        }
        assertEquals(List.of(List.of(0), List.of(12, 13), List.of(12), List.of(13)), calls);
    }

    private static void waitUntilQueued(GroupedCalls<?, ?> grouped, int count) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (grouped.waitingCount() < count && System.nanoTime() < until) {
            Thread.sleep(1);
        }
        assertEquals(count, grouped.waitingCount(), "callers queued behind the call in flight");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
