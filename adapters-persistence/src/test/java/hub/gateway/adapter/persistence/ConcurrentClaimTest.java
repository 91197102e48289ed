package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.Outbox.PendingEvent;
import hub.gateway.domain.account.Account;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.suppression.SuppressedBy;
import hub.gateway.domain.suppression.Suppression;
import hub.gateway.domain.suppression.SuppressionReason;
import hub.gateway.domain.webhook.ClientEvent.RecipientOptedOut;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two pools ("two gateway nodes"), eight dispatcher threads each, drain one outbox at once. The lease is
 * longer than the test, so an event claimed twice would be a double delivery: every event must be claimed
 * exactly once, and each instance's events delivered in their order.
 */
class ConcurrentClaimTest {
    private static final int INSTANCES = 40;
    private static final int EVENTS_PER_INSTANCE = 5;
    private static final int TOTAL = INSTANCES * EVENTS_PER_INSTANCE;
    private static final int THREADS_PER_NODE = 8;
    private static final Instant CREATED = Instant.parse("2025-05-01T10:00:00Z");
    private static final Instant NOW = CREATED.plusSeconds(1);
    private static final Duration LEASE = Duration.ofHours(1);
    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    @Test
    void twoNodesClaimEveryEventExactlyOnceAndInOrderPerInstance() throws Exception {
        TestDb db = TestDb.fresh();
        try (PostgresPersistence nodeA = db.connect(THREADS_PER_NODE);
             PostgresPersistence nodeB = db.connect(THREADS_PER_NODE);
             ExecutorService threads = Executors.newFixedThreadPool(2 * THREADS_PER_NODE)) {
            Map<InstanceId, List<Long>> expected = emitEvents(nodeA);

            Set<Long> claimed = ConcurrentHashMap.newKeySet();
            List<Long> claimedTwice = Collections.synchronizedList(new ArrayList<>());
            Map<InstanceId, List<Long>> deliveredInOrder = new ConcurrentHashMap<>();
            AtomicInteger delivered = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            long deadline = System.nanoTime() + GIVE_UP.toNanos();

            List<Future<?>> dispatchers = new ArrayList<>();
            for (int i = 0; i < 2 * THREADS_PER_NODE; i++) {
                PostgresPersistence node = i % 2 == 0 ? nodeA : nodeB;
                dispatchers.add(threads.submit(() -> {
                    start.await();
                    while (delivered.get() < TOTAL && System.nanoTime() < deadline) {
                        for (PendingEvent event : node.outbox().claimDue(NOW, 4, LEASE)) {
                            if (!claimed.add(event.eventId())) {
                                claimedTwice.add(event.eventId());
                            }
                            // Recorded before delivered(): the next event of the instance cannot be claimed earlier.
                            deliveredInOrder.computeIfAbsent(event.event().instanceId(),
                                    id -> Collections.synchronizedList(new ArrayList<>())).add(event.eventId());
                            node.outbox().delivered(event.eventId(), NOW, 200);
                            delivered.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> dispatcher : dispatchers) {
                dispatcher.get();
            }

            assertEquals(List.of(), claimedTwice, "no event is handed to two claimers while leased");
            assertEquals(TOTAL, claimed.size(), "every event is claimed");
            assertEquals(expected, deliveredInOrder, "in order per instance");
            assertTrue(nodeB.outbox().claimDue(NOW.plus(LEASE), TOTAL, LEASE).isEmpty(), "nothing left");
        }
    }

    /** Events interleaved across instances, as they would arrive; returns each instance's ids in order. */
    private static Map<InstanceId, List<Long>> emitEvents(PostgresPersistence node) {
        Fixtures fixtures = new Fixtures(node);
        Account account = fixtures.account(ZoneOffset.UTC);
        List<Instance> instances = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            instances.add(fixtures.instance(account));
        }
        for (int n = 0; n < EVENTS_PER_INSTANCE; n++) {
            for (Instance instance : instances) {
                PhoneNumber phone = new PhoneNumber("+96650100" + String.format("%04d", n));
                node.suppressions().add(new Suppression(instance.id(), phone, SuppressionReason.RECIPIENT_REQUESTED_STOP,
                                SuppressedBy.RECIPIENT, CREATED), "STOP",
                        Optional.of(new RecipientOptedOut(instance.id(), instance.name(), phone, "STOP", CREATED)));
            }
        }
        Map<InstanceId, List<Long>> expected = new ConcurrentHashMap<>();
        for (Instance instance : instances) {
            expected.put(instance.id(), node.outbox().recent(instance.id(), EVENTS_PER_INSTANCE).reversed().stream()
                    .map(e -> e.eventId()).toList());
        }
        return expected;
    }
}
