package hub.gateway.adapter.persistence;

import hub.gateway.testdb.TestSecretKeys;
import hub.gateway.testdb.TestDatabase;
import hub.gateway.application.port.out.SendReservation;
import hub.gateway.domain.account.Account;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.message.MessagePurpose;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.quota.Limits;
import hub.gateway.domain.quota.Usage;
import hub.gateway.domain.quota.UsageWindows;
import hub.gateway.domain.risk.RiskAssessment;
import hub.gateway.domain.send.GateOutcome.Exhausted;
import hub.gateway.domain.send.GateOutcome.Reserved;
import hub.gateway.domain.send.GateOutcome.Window;
import hub.gateway.domain.send.GateOutcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Exact limits across nodes: two pools ("two gateway nodes") race for one instance's daily quota. */
class ConcurrentReservationTest {
    private static final int DAILY_LIMIT = 50;
    private static final int REQUESTS = 200;
    private static final int THREADS = 32;

    @Test
    void exactlyTheLimitIsReservedUnderConcurrencyOnTwoNodes() throws Exception {
        TestDatabase database = TestDatabase.shared();
        String url = database.createDatabase();
        try (PostgresPersistence nodeA = PostgresPersistence.connect(url, database.user(), database.password(), 8, TestSecretKeys.keys());
             PostgresPersistence nodeB = PostgresPersistence.connect(url, database.user(), database.password(), 8, TestSecretKeys.keys());
             ExecutorService threads = Executors.newFixedThreadPool(THREADS)) {
            Fixtures fixtures = new Fixtures(nodeA);
            Account account = fixtures.account(ZoneOffset.UTC);
            Instance instance = fixtures.instance(account);
            UsageWindows windows = UsageWindows.at(Instant.parse("2025-06-01T09:30:00Z"), ZoneOffset.UTC);
            SendReservation reservation = Fixtures.reservation(account.id(), instance.id(), new PhoneNumber("+966501234567"),
                    MessagePurpose.TRANSACTIONAL, new Limits(DAILY_LIMIT, 10_000, 10_000), windows,
                    Fixtures.blockingReasons(MessagePurpose.TRANSACTIONAL), Fixtures.anyContent(), RiskAssessment.CLEAN);

            CountDownLatch start = new CountDownLatch(1);
            List<Future<GateOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                PostgresPersistence node = i % 2 == 0 ? nodeA : nodeB;
                outcomes.add(threads.submit(() -> {
                    start.await();
                    return node.sendGate().reserve(reservation);
                }));
            }
            start.countDown();

            int reserved = 0;
            int refusedForTheDay = 0;
            // Each reservation's count after it, read under the lock: the serial order 1..L, each exactly once.
            java.util.Set<Integer> dayCounts = new java.util.TreeSet<>();
            for (Future<GateOutcome> outcome : outcomes) {
                switch (outcome.get()) {
                    case Reserved r -> {
                        reserved++;
                        dayCounts.add(r.usage().day());
                    }
                    case Exhausted e when e.window() == Window.DAY && e.used() == DAILY_LIMIT
                            && e.usage().equals(new Usage(DAILY_LIMIT, DAILY_LIMIT, DAILY_LIMIT)) -> refusedForTheDay++;
                    case Exhausted e -> throw new AssertionError("unexpected refusal " + e);
                    case GateOutcome.Suppressed s -> throw new AssertionError("nobody is suppressed here");
                    case GateOutcome.WindowClosed w -> throw new AssertionError("no window is asked for here");
                    case GateOutcome.DuplicateContent d -> throw new AssertionError("one recipient only: " + d);
                    case GateOutcome.RiskConfirmed c -> throw new AssertionError("no link, no conditional risk: " + c);
                }
            }
            assertEquals(DAILY_LIMIT, reserved);
            assertEquals(java.util.stream.IntStream.rangeClosed(1, DAILY_LIMIT).boxed().toList(), List.copyOf(dayCounts));
            assertEquals(REQUESTS - DAILY_LIMIT, refusedForTheDay);
            assertEquals(new Usage(DAILY_LIMIT, DAILY_LIMIT, DAILY_LIMIT), nodeB.sendGate().usage(instance.id(), windows));
            assertEquals(REQUESTS, nodeA.messageLog().recent(account.id(), instance.id(), 1_000).size());
        }
    }
}
