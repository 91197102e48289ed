package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.SendGate;
import hub.gateway.application.port.out.AbandonedSends;
import hub.gateway.application.port.out.AbandonedSends.Round;
import hub.gateway.application.port.out.SendReservation;
import hub.gateway.domain.account.Account;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.message.DeliveryStatus;
import hub.gateway.domain.message.MessagePurpose;
import hub.gateway.domain.message.MessageRecord;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.quota.Limits;
import hub.gateway.domain.quota.UsageWindows;
import hub.gateway.domain.risk.RiskAssessment;
import hub.gateway.domain.send.GateOutcome.Reserved;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The limbo sweep (AbandonedSends, R__sweep_limbo.sql) against PostgreSQL. Each test has a database of its own:
 * the watermark is one per database.
 */
class LimboSweepTest {
    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
    private static final Duration LIMBO_AFTER = Duration.ofSeconds(10);
    private static final int BATCH = 100;

    @Test
    void oldAcceptedRowsBecomeUnknownOnceWithAHistoryEntryAndKeepTheirQuota() throws Exception {
        try (Node node = Node.fresh()) {
            long first = node.reserve(T0);
            long second = node.reserve(T0.plusSeconds(1));
            long young = node.reserve(T0.plusSeconds(15));
            Instant now = T0.plusSeconds(20);

            assertEquals(new Round(2, false), node.sweep(now));
            assertEquals(new Round(0, false), node.sweep(now), "a row is marked once");

            for (long logId : List.of(first, second)) {
                MessageRecord row = node.find(logId);
                assertEquals("unknown", row.status());
                assertEquals(List.of(new MessageRecord.StatusChange("unknown", now)), row.statusHistory());
            }
            assertEquals("accepted", node.find(young).status(), "younger than twice the deadline: left alone");
            assertEquals(3, node.persistence.sendGate().usage(node.instance.id(), UsageWindows.at(now, ZoneOffset.UTC)).day(),
                    "the quota stays counted");

            assertEquals(new Round(1, false), node.sweep(T0.plusSeconds(26)), "its turn comes");
            assertEquals("unknown", node.find(young).status());
        }
    }

    @Test
    void aRowResolvedMeanwhileIsLeftAsItIs() throws Exception {
        try (Node node = Node.fresh()) {
            long sent = node.reserve(T0);
            long failed = node.reserve(T0);
            node.persistence.messageLog().markSent(sent, "wamid.S1", T0.plusSeconds(1));
            node.persistence.sendGate().giveBack(failed, SendGate.GiveBack.DELIVERY_FAILED, T0.plusSeconds(1));

            assertEquals(new Round(0, false), node.sweep(T0.plusSeconds(60)));
            assertEquals("sent", node.find(sent).status());
            assertEquals("failed", node.find(failed).status());
        }
    }

    @Test
    void twoConcurrentSweepersMarkEachRowExactlyOnce() throws Exception {
        int rows = 240;
        try (Node first = Node.fresh(); Node second = first.anotherNode();
             ExecutorService threads = Executors.newFixedThreadPool(2)) {
            for (int i = 0; i < rows; i++) {
                first.reserve(T0);
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> marked = new ArrayList<>();
            for (Node node : List.of(first, second)) {
                marked.add(threads.submit(() -> {
                    start.await();
                    int total = 0;
                    // Small batches, so that the two nodes' rounds interleave.
                    for (int round = 0; round < rows; round++) {
                        total += node.persistence.abandonedSends().markUnknown(T0.plusSeconds(60), T0.plusSeconds(60), 7)
                                .marked();
                    }
                    return total;
                }));
            }
            start.countDown();
            int total = marked.get(0).get() + marked.get(1).get();

            assertEquals(rows, total, "every row marked, none twice");
            assertEquals(0, first.db.count("select count(*) from message_log where status = 'accepted'"));
            assertEquals(rows, first.db.count("select count(*) from message_status where status = 'unknown'"));
        }
    }

    @Test
    void aNodeStartedLongAfterFindsOldAcceptedRowsInBoundedRounds() throws Exception {
        TestDb db = TestDb.fresh();
        long old;
        long later;
        Node first = new Node(db);
        try (first) {
            old = first.reserve(T0);
            assertEquals(new Round(0, false), first.sweep(T0.plusSeconds(1)), "too young yet");
            // Thousands of resolved rows after it, more than one round reads.
            db.update("""
                    insert into message_log (account_id, instance_id, phone, message_purpose, status, message_id, created_at)
                    select ?, ?, '+966501234567', 'transactional', 'sent', 'wamid.bulk' || n, ?
                      from generate_series(1, ?) n
                    """, first.account.id().value(), first.instance.id().value(),
                    OffsetDateTime.ofInstant(T0.plusSeconds(2), ZoneOffset.UTC), 2 * PgAbandonedSends.SCAN + 500);
            later = first.reserve(T0.plusSeconds(3));
        }

        try (Node restarted = new Node(db, first.account, first.instance)) {
            Instant aDayLater = T0.plus(Duration.ofDays(1));
            int rounds = 0;
            int marked = 0;
            Round round;
            do {
                round = restarted.sweep(aDayLater);
                marked += round.marked();
                rounds++;
            } while (round.more() && rounds < 100);

            assertEquals(2, marked);
            assertEquals("unknown", restarted.find(old).status());
            assertEquals("unknown", restarted.find(later).status());
            assertTrue(rounds >= 3, "each round reads at most " + PgAbandonedSends.SCAN + " rows, so it took " + rounds);
            assertFalse(round.more());
        }
    }

    @Test
    void aLaterAnswerOrStatusFromTheTransportMovesAnUnknownRowOn() throws Exception {
        try (Node node = Node.fresh()) {
            long slow = node.reserve(T0);
            long failing = node.reserve(T0);
            Instant swept = T0.plusSeconds(20);
            assertEquals(2, node.sweep(swept).marked());

            // The transport's late answer on a node that was slow, not dead.
            node.persistence.messageLog().markSent(slow, "wamid.LATE", swept.plusSeconds(1));
            assertTrue(node.persistence.messageLog().recordDeliveryStatus("wamid.LATE", DeliveryStatus.DELIVERED,
                    swept.plusSeconds(2), Optional.empty()));
            MessageRecord row = node.find(slow);
            assertEquals("delivered", row.status());
            assertEquals(Optional.of("wamid.LATE"), row.messageId());
            assertEquals(List.of("unknown", "sent", "delivered"),
                    row.statusHistory().stream().map(MessageRecord.StatusChange::status).toList());

            // A late failure: nothing went out after all, so the quota comes back.
            node.persistence.sendGate().giveBack(failing, SendGate.GiveBack.DELIVERY_FAILED, swept.plusSeconds(1));
            assertEquals("failed", node.find(failing).status());
            assertEquals(1, node.persistence.sendGate().usage(node.instance.id(), UsageWindows.at(T0, ZoneOffset.UTC)).day());
        }
    }

    /** One gateway node's persistence on a test database, with an account and an instance to send from. */
    private static final class Node implements AutoCloseable {
        final TestDb db;
        final PostgresPersistence persistence;
        final Account account;
        final Instance instance;
        private int phones;

        Node(TestDb db) {
            this.db = db;
            this.persistence = db.connect(4);
            Fixtures fixtures = new Fixtures(persistence);
            this.account = fixtures.account(ZoneOffset.UTC);
            this.instance = fixtures.instance(account);
        }

        Node(TestDb db, Account account, Instance instance) {
            this.db = db;
            this.persistence = db.connect(4);
            this.account = account;
            this.instance = instance;
        }

        static Node fresh() {
            return new Node(TestDb.fresh());
        }

        Node anotherNode() {
            return new Node(db, account, instance);
        }

        long reserve(Instant at) {
            SendReservation reservation = Fixtures.reservation(account.id(), instance.id(),
                    new PhoneNumber("+96650" + String.format("%07d", ++phones)), MessagePurpose.TRANSACTIONAL,
                    new Limits(10_000, 100_000, 1_000_000), UsageWindows.at(at, ZoneOffset.UTC),
                    Fixtures.blockingReasons(MessagePurpose.TRANSACTIONAL), Fixtures.anyContent(), RiskAssessment.CLEAN);
            return ((Reserved) persistence.sendGate().reserve(reservation)).logId();
        }

        Round sweep(Instant now) {
            AbandonedSends sends = persistence.abandonedSends();
            return sends.markUnknown(now.minus(LIMBO_AFTER), now, BATCH);
        }

        MessageRecord find(long logId) {
            return persistence.messageLog().find(account.id(), logId).orElseThrow();
        }

        @Override
        public void close() {
            persistence.close();
        }
    }
}
