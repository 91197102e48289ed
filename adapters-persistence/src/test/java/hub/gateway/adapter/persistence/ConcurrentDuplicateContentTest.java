package hub.gateway.adapter.persistence;

import hub.gateway.testdb.TestSecretKeys;
import hub.gateway.application.port.out.SendReservation.DuplicateContentRule;
import hub.gateway.application.port.out.SendReservation;
import hub.gateway.domain.account.Account;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.message.MessagePurpose;
import hub.gateway.domain.quota.Limits;
import hub.gateway.domain.quota.UsageWindows;
import hub.gateway.domain.risk.ContentFingerprint;
import hub.gateway.domain.risk.RiskAssessment;
import hub.gateway.domain.send.GateOutcome;
import hub.gateway.testdb.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The duplicate-content rule is exact across nodes: two pools race one text to 60 distinct recipients. */
class ConcurrentDuplicateContentTest {
    private static final int MAX_OTHERS = 25;
    private static final int RECIPIENTS = 60;

    @Test
    void exactlyTwentyFiveDistinctRecipientsGetOneTextOnTwoNodes() throws Exception {
        TestDatabase database = TestDatabase.shared();
        String url = database.createDatabase();
        try (PostgresPersistence nodeA = PostgresPersistence.connect(url, database.user(), database.password(), 8, TestSecretKeys.keys());
             PostgresPersistence nodeB = PostgresPersistence.connect(url, database.user(), database.password(), 8, TestSecretKeys.keys());
             ExecutorService threads = Executors.newFixedThreadPool(RECIPIENTS)) {
            Fixtures fixtures = new Fixtures(nodeA);
            Account account = fixtures.account(ZoneOffset.UTC);
            Instance instance = fixtures.instance(account);
            UsageWindows windows = UsageWindows.at(Instant.parse("2025-06-01T09:30:00Z"), ZoneOffset.UTC);
            DuplicateContentRule check = Fixtures.duplicateContent(ContentFingerprint.of(instance.id(), "Limited offer"), MAX_OTHERS,
                    Duration.ofMinutes(60));

            CountDownLatch start = new CountDownLatch(1);
            List<Future<GateOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < RECIPIENTS; i++) {
                PostgresPersistence node = i % 2 == 0 ? nodeA : nodeB;
                SendReservation reservation = Fixtures.reservation(account.id(), instance.id(),
                        Fixtures.recipient(i), MessagePurpose.TRANSACTIONAL,
                        new Limits(10_000, 10_000, 10_000), windows,
                        Fixtures.blockingReasons(MessagePurpose.TRANSACTIONAL), check, RiskAssessment.CLEAN);
                outcomes.add(threads.submit(() -> {
                    start.await();
                    return node.sendGate().reserve(reservation);
                }));
            }
            start.countDown();

            int reserved = 0;
            int refused = 0;
            for (Future<GateOutcome> outcome : outcomes) {
                switch (outcome.get()) {
                    case GateOutcome.Reserved r -> reserved++;
                    case GateOutcome.DuplicateContent d when d.recipients() == MAX_OTHERS -> refused++;
                    case GateOutcome other -> throw new AssertionError("unexpected outcome " + other);
                }
            }
            assertEquals(MAX_OTHERS, reserved);
            assertEquals(RECIPIENTS - MAX_OTHERS, refused);
            var logged = nodeB.messageLog().recent(account.id(), instance.id(), 1_000);
            assertEquals(MAX_OTHERS, logged.stream().filter(r -> r.status().equals("accepted")).count());
            assertEquals(RECIPIENTS - MAX_OTHERS, logged.stream()
                    .filter(r -> r.error().equals(java.util.Optional.of("policy_violation"))).count(),
                    "each refusal is recorded as a violation by the same call");
        }
    }
}
