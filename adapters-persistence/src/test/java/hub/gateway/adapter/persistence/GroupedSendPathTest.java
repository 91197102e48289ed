package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.SendReservation;
import hub.gateway.domain.account.Account;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.message.MessagePurpose;
import hub.gateway.domain.message.MessageRecord;
import hub.gateway.domain.quota.Limits;
import hub.gateway.domain.quota.UsageWindows;
import hub.gateway.domain.risk.ContentFingerprint;
import hub.gateway.domain.risk.RiskAssessment;
import hub.gateway.domain.send.GateOutcome;
import hub.gateway.testdb.TestDatabase;
import hub.gateway.testdb.TestSecretKeys;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The send gate and the marking as grouped calls (one statement and one commit for the reservations or markings that
 * arrive on a node while a call is in flight), under concurrency on two nodes: groups of several instances, with a hot
 * instance in them, are as exact as sends one by one.
 */
class GroupedSendPathTest {
    private static final int INSTANCES = 3;
    private static final int DAILY_LIMIT = 40;
    private static final int REQUESTS = 300;

    @Test
    void concurrentGroupsOnTwoNodesReserveEachInstancesLimitExactlyInOrder() throws Exception {
        TestDatabase database = TestDatabase.shared();
        String url = database.createDatabase();
        List<Integer> groupSizes = new CopyOnWriteArrayList<>();
        PostgresPersistence.Groups counting = new PostgresPersistence.Groups() {
            @Override
            public void reservationsCalled(int reservations) {
                groupSizes.add(reservations);
            }

            @Override
            public void markingsCalled(int markings) {
            }
        };
        try (PostgresPersistence nodeA = PostgresPersistence.connect(url, database.user(), database.password(), 4,
                TestSecretKeys.keys(), counting);
             PostgresPersistence nodeB = PostgresPersistence.connect(url, database.user(), database.password(), 4,
                     TestSecretKeys.keys(), counting);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Fixtures fixtures = new Fixtures(nodeA);
            Account account = fixtures.account(ZoneOffset.UTC);
            List<Instance> instances = IntStream.range(0, INSTANCES).mapToObj(i -> fixtures.instance(account)).toList();
            UsageWindows windows = UsageWindows.at(Instant.parse("2025-06-01T09:30:00Z"), ZoneOffset.UTC);

            CountDownLatch start = new CountDownLatch(1);
            List<Future<GateOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                PostgresPersistence node = i % 2 == 0 ? nodeA : nodeB;
                // Most to the first instance: a hot one, among the others, in the same groups.
                Instance instance = instances.get(i % 5 < 3 ? 0 : 1 + i % 2);
                SendReservation reservation = Fixtures.reservation(account.id(), instance.id(), Fixtures.recipient(i),
                        MessagePurpose.TRANSACTIONAL, new Limits(DAILY_LIMIT, 10_000, 10_000), windows,
                        Fixtures.blockingReasons(MessagePurpose.TRANSACTIONAL), Fixtures.anyContent(), RiskAssessment.CLEAN);
                outcomes.add(threads.submit(() -> {
                    start.await();
                    return node.sendGate().reserve(reservation);
                }));
            }
            start.countDown();

            Map<String, TreeSet<Integer>> dayCounts = new TreeMap<>();
            Map<String, Integer> refused = new ConcurrentHashMap<>();
            List<Long> reservedLogIds = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                String instance = instances.get(i % 5 < 3 ? 0 : 1 + i % 2).id().value();
                switch (outcomes.get(i).get()) {
                    case GateOutcome.Reserved r -> {
                        assertTrue(dayCounts.computeIfAbsent(instance, k -> new TreeSet<>()).add(r.usage().day()),
                                "each count after a send is answered once: " + r);
                        reservedLogIds.add(r.logId());
                    }
                    case GateOutcome.Exhausted e -> {
                        assertEquals(DAILY_LIMIT, e.used());
                        refused.merge(instance, 1, Integer::sum);
                    }
                    case GateOutcome other -> throw new AssertionError("unexpected " + other);
                }
            }
            for (Instance instance : instances) {
                assertEquals(IntStream.rangeClosed(1, DAILY_LIMIT).boxed().toList(),
                        List.copyOf(dayCounts.get(instance.id().value())),
                        "the counts 1 to the limit, each once: a serial order across groups and nodes");
                assertEquals(DAILY_LIMIT, nodeB.sendGate().usage(instance.id(), windows).day());
            }
            assertEquals(REQUESTS - INSTANCES * DAILY_LIMIT, refused.values().stream().mapToInt(Integer::intValue).sum());
            assertTrue(groupSizes.stream().anyMatch(size -> size > 1), "the concurrent reservations were grouped: " + groupSizes);
            assertEquals(REQUESTS, groupSizes.stream().mapToInt(Integer::intValue).sum(), "every reservation in one call");

            // The markings, grouped too: every reserved row sent once, with one history entry.
            CountDownLatch marking = new CountDownLatch(1);
            List<Future<?>> marked = new ArrayList<>();
            for (int i = 0; i < reservedLogIds.size(); i++) {
                long logId = reservedLogIds.get(i);
                PostgresPersistence node = i % 2 == 0 ? nodeA : nodeB;
                marked.add(threads.submit(() -> {
                    marking.await();
                    node.messageLog().markSent(logId, "wamid." + logId, Instant.parse("2025-06-01T09:30:01Z"));
                    return null;
                }));
            }
            marking.countDown();
            for (Future<?> done : marked) {
                done.get();
            }
            for (Instance instance : instances) {
                List<MessageRecord> rows = nodeA.messageLog().recent(account.id(), instance.id(), 1_000);
                for (MessageRecord row : rows.stream().filter(r -> reservedLogIds.contains(r.logId())).toList()) {
                    assertEquals("sent", row.status());
                    assertEquals(java.util.Optional.of("wamid." + row.logId()), row.messageId());
                }
            }
            assertEquals(reservedLogIds.size(), new TestDb(url, database.user(), database.password())
                    .count("select count(*) from message_status where status = 'sent'"), "one history entry each");
        }
    }

    /** Duplicate content within one group: the group's own earlier rows count, exactly as across groups. */
    @Test
    void theSameTextInOneGroupIsCountedAcrossItsOwnEarlierSends() throws Exception {
        TestDatabase database = TestDatabase.shared();
        String url = database.createDatabase();
        try (PostgresPersistence node = PostgresPersistence.connect(url, database.user(), database.password(), 4,
                TestSecretKeys.keys());
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Fixtures fixtures = new Fixtures(node);
            Account account = fixtures.account(ZoneOffset.UTC);
            Instance instance = fixtures.instance(account);
            UsageWindows windows = UsageWindows.at(Instant.parse("2025-06-01T09:30:00Z"), ZoneOffset.UTC);
            SendReservation.DuplicateContentRule rule = Fixtures.duplicateContent(
                    ContentFingerprint.of(instance.id(), "Flash sale"), 25, Duration.ofMinutes(60));
            CountDownLatch start = new CountDownLatch(1);
            List<Future<GateOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                SendReservation reservation = Fixtures.reservation(account.id(), instance.id(), Fixtures.recipient(i),
                        MessagePurpose.TRANSACTIONAL, new Limits(10_000, 10_000, 10_000), windows,
                        Fixtures.blockingReasons(MessagePurpose.TRANSACTIONAL), rule, RiskAssessment.CLEAN);
                outcomes.add(threads.submit(() -> {
                    start.await();
                    return node.sendGate().reserve(reservation);
                }));
            }
            start.countDown();
            int reserved = 0;
            for (Future<GateOutcome> outcome : outcomes) {
                if (outcome.get() instanceof GateOutcome.Reserved) {
                    reserved++;
                }
            }
            assertEquals(25, reserved, "the 26th distinct recipient is one too many, within a group or across them");
        }
    }
}
