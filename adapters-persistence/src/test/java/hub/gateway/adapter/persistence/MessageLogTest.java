package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.SendGate;
import hub.gateway.application.port.out.MessageLog;
import hub.gateway.application.port.out.MessageLog.RefusedRequest;
import hub.gateway.application.port.out.SendReservation;
import hub.gateway.domain.account.Account;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.DeliveryStatus;
import hub.gateway.domain.message.MessagePurpose;
import hub.gateway.domain.message.MessageRecord.StatusChange;
import hub.gateway.domain.message.MessageRecord;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.quota.Limits;
import hub.gateway.domain.quota.UsageWindows;
import hub.gateway.domain.risk.RiskAssessment;
import hub.gateway.domain.send.GateOutcome.Reserved;
import hub.gateway.domain.send.RefusalReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import hub.gateway.testdb.Eventually;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageLogTest {
    private static final Instant NOW = Instant.parse("2025-05-05T12:00:00Z");

    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    private MessageLog log;
    private Account account;
    private Instance instance;

    @BeforeEach
    void freshInstance() {
        log = database.persistence().messageLog();
        account = database.fixtures().account(ZoneOffset.UTC);
        instance = database.fixtures().instance(account);
    }

    @Test
    void aRefusalIsStoredWithAnEmptyHistory() {
        long logId = log.recordRefusal(new RefusedRequest(account.id(), "no-such-instance", Optional.empty(),
                Optional.of("marketing"), RefusalReason.UNKNOWN_INSTANCE, NOW));

        MessageRecord record = log.find(account.id(), logId).orElseThrow();
        assertEquals(new MessageRecord(logId, Optional.empty(), "no-such-instance", Optional.empty(),
                Optional.of("marketing"), "refused", Optional.of("invalid_instance"), NOW, List.of()), record);
    }

    @Test
    void markingSentStoresTheMessageIdAndOneHistoryEntry() {
        long logId = reserveOne();
        Instant sentAt = NOW.plusMillis(250);

        log.markSent(logId, "wamid.ABC", sentAt);
        log.markSent(logId, "wamid.ABC", sentAt);

        MessageRecord record = log.find(account.id(), logId).orElseThrow();
        assertEquals("sent", record.status());
        assertEquals(Optional.of("wamid.ABC"), record.messageId());
        assertEquals(List.of(new StatusChange("sent", sentAt)), record.statusHistory());
    }

    @Test
    void anotherAccountCannotReadTheRow() {
        long logId = reserveOne();
        Account other = database.fixtures().account(ZoneOffset.UTC);

        assertTrue(log.find(other.id(), logId).isEmpty());
        assertTrue(log.recent(other.id(), instance.id(), 10).isEmpty());
    }

    @Test
    void recentIsNewestFirstAndLimitedWithHistories() {
        long first = reserveOne();
        long second = reserveOne();
        long third = log.recordRefusal(new RefusedRequest(account.id(), instance.id().value(),
                Optional.of("+966501234567"), Optional.of("support"), RefusalReason.RECIPIENT_SUPPRESSED, NOW));
        log.markSent(second, "wamid.2", NOW);
        database.persistence().sendGate().giveBack(first, SendGate.GiveBack.DELIVERY_FAILED, NOW);

        List<MessageRecord> newestTwo = log.recent(account.id(), instance.id(), 2);
        assertEquals(List.of(third, second), newestTwo.stream().map(MessageRecord::logId).toList());
        assertEquals(List.of(new StatusChange("sent", NOW)), newestTwo.get(1).statusHistory());

        List<MessageRecord> all = log.recent(account.id(), instance.id(), 50);
        assertEquals(List.of(third, second, first), all.stream().map(MessageRecord::logId).toList());
        assertEquals(List.of(new StatusChange("failed", NOW)), all.get(2).statusHistory());
        assertTrue(log.recent(account.id(), new InstanceId("other-line"), 50).isEmpty());
    }

    @Test
    void deliveryStatusesMoveTheRowForwardAndAreKeptInOrder() {
        String messageId = "wamid." + Fixtures.shortId();
        long logId = sentOne(messageId);

        assertTrue(log.recordDeliveryStatus(messageId, DeliveryStatus.DELIVERED, NOW.plusSeconds(2), Optional.empty()));
        assertEquals("delivered", log.find(account.id(), logId).orElseThrow().status());
        assertTrue(log.recordDeliveryStatus(messageId, DeliveryStatus.READ, NOW.plusSeconds(5), Optional.empty()));

        MessageRecord record = log.find(account.id(), logId).orElseThrow();
        assertEquals("read", record.status());
        assertEquals(Optional.empty(), record.error());
        List<StatusChange> history = List.of(new StatusChange("sent", NOW), new StatusChange("delivered",
                NOW.plusSeconds(2)), new StatusChange("read", NOW.plusSeconds(5)));
        assertEquals(history, record.statusHistory());
        assertEquals(history, log.recent(account.id(), instance.id(), 1).getFirst().statusHistory());
    }

    @Test
    void aRepeatedReportReturnsFalseAndAddsNothing() {
        String messageId = "wamid." + Fixtures.shortId();
        long logId = sentOne(messageId);
        assertTrue(log.recordDeliveryStatus(messageId, DeliveryStatus.DELIVERED, NOW.plusSeconds(2), Optional.empty()));

        assertFalse(log.recordDeliveryStatus(messageId, DeliveryStatus.DELIVERED, NOW.plusSeconds(3), Optional.empty()));
        assertFalse(log.recordDeliveryStatus(messageId, DeliveryStatus.SENT, NOW.plusSeconds(4), Optional.empty()),
                "markSent recorded 'sent' already");

        MessageRecord record = log.find(account.id(), logId).orElseThrow();
        assertEquals("delivered", record.status());
        assertEquals(List.of(new StatusChange("sent", NOW), new StatusChange("delivered", NOW.plusSeconds(2))),
                record.statusHistory());
    }

    @Test
    void aFailureAfterDeliveryWinsAndStoresTheError() {
        String messageId = "wamid." + Fixtures.shortId();
        long logId = sentOne(messageId);
        assertTrue(log.recordDeliveryStatus(messageId, DeliveryStatus.DELIVERED, NOW.plusSeconds(2), Optional.empty()));

        assertTrue(log.recordDeliveryStatus(messageId, DeliveryStatus.FAILED, NOW.plusSeconds(3),
                Optional.of("131026 Message undeliverable")));
        assertFalse(log.recordDeliveryStatus(messageId, DeliveryStatus.FAILED, NOW.plusSeconds(4),
                Optional.of("another error")));
        assertTrue(log.recordDeliveryStatus(messageId, DeliveryStatus.READ, NOW.plusSeconds(5), Optional.empty()),
                "recorded in the history");

        MessageRecord record = log.find(account.id(), logId).orElseThrow();
        assertEquals("failed", record.status(), "nothing moves a row out of 'failed'");
        assertEquals(Optional.of("131026 Message undeliverable"), record.error());
        assertEquals(List.of(new StatusChange("sent", NOW), new StatusChange("delivered", NOW.plusSeconds(2)),
                        new StatusChange("failed", NOW.plusSeconds(3)), new StatusChange("read", NOW.plusSeconds(5))),
                record.statusHistory());
    }

    @Test
    void aLateDeliveryAfterReadKeepsReadButIsRecordedInTimeOrder() {
        String messageId = "wamid." + Fixtures.shortId();
        long logId = sentOne(messageId);

        assertTrue(log.recordDeliveryStatus(messageId, DeliveryStatus.READ, NOW.plusSeconds(5), Optional.empty()));
        assertTrue(log.recordDeliveryStatus(messageId, DeliveryStatus.DELIVERED, NOW.plusSeconds(2), Optional.empty()));

        MessageRecord record = log.find(account.id(), logId).orElseThrow();
        assertEquals("read", record.status());
        assertEquals(List.of(new StatusChange("sent", NOW), new StatusChange("delivered", NOW.plusSeconds(2)),
                new StatusChange("read", NOW.plusSeconds(5))), record.statusHistory(), "ordered by time, not arrival");
    }

    @Test
    void anUnknownMessageIdIsFalse() {
        long refused = log.recordRefusal(new RefusedRequest(account.id(), instance.id().value(), Optional.empty(),
                Optional.empty(), RefusalReason.UNKNOWN_INSTANCE, NOW));

        assertFalse(log.recordDeliveryStatus("wamid.unknown-" + Fixtures.shortId(), DeliveryStatus.DELIVERED, NOW,
                Optional.empty()));
        assertEquals(List.of(), log.find(account.id(), refused).orElseThrow().statusHistory());
    }

    @Test
    void aStatusBeforeTheSendWasMarkedLandsByTheLogIdTheSendCarriedAndTheSendDoesNotUndoIt() {
        long logId = reserveOne();
        String messageId = "wamid." + Fixtures.shortId();

        assertTrue(log.recordDeliveryStatus(report(messageId, logId, DeliveryStatus.DELIVERED, 2)));
        log.markSent(logId, messageId, NOW.plusSeconds(1));
        assertFalse(log.recordDeliveryStatus(report(messageId, logId, DeliveryStatus.DELIVERED, 3)), "a re-delivery");
        assertTrue(log.recordDeliveryStatus(messageId, DeliveryStatus.READ, NOW.plusSeconds(4), Optional.empty()),
                "later statuses find the row by the message id the first one stored");

        MessageRecord record = log.find(account.id(), logId).orElseThrow();
        assertEquals("read", record.status());
        assertEquals(Optional.of(messageId), record.messageId());
        assertEquals(List.of(new StatusChange("delivered", NOW.plusSeconds(2)), new StatusChange("read", NOW.plusSeconds(4))),
                record.statusHistory());
    }

    @Test
    void aSendWhoseOutcomeIsUnknownStaysCountedAndAStatusCarryingItsLogIdSettlesIt() {
        long logId = reserveOne();
        log.markOutcomeUnknown(logId, NOW.plusSeconds(1));
        log.markOutcomeUnknown(logId, NOW.plusSeconds(2));
        assertEquals("unknown", log.find(account.id(), logId).orElseThrow().status());

        String messageId = "wamid." + Fixtures.shortId();
        assertTrue(log.recordDeliveryStatus(report(messageId, logId, DeliveryStatus.DELIVERED, 3)));

        MessageRecord record = log.find(account.id(), logId).orElseThrow();
        assertEquals("delivered", record.status());
        assertEquals(Optional.of(messageId), record.messageId());
        assertEquals(List.of(new StatusChange("unknown", NOW.plusSeconds(1)), new StatusChange("delivered", NOW.plusSeconds(3))),
                record.statusHistory());
    }

    @Test
    void theLogIdClaimsOnlyARowOfThatInstanceThatHasNoOtherMessageId() {
        long logId = reserveOne();
        Instance other = database.fixtures().instance(account);
        String messageId = "wamid." + Fixtures.shortId();
        assertFalse(log.recordDeliveryStatus(new MessageLog.DeliveryReport(messageId,
                Optional.of(new MessageLog.SentAs(other.id(), logId)), DeliveryStatus.DELIVERED, NOW, Optional.empty())));

        log.markSent(logId, "wamid.first-" + Fixtures.shortId(), NOW);
        assertFalse(log.recordDeliveryStatus(report(messageId, logId, DeliveryStatus.DELIVERED, 2)));
        assertEquals(List.of("sent"), log.find(account.id(), logId).orElseThrow().statusHistory().stream()
                .map(StatusChange::status).toList());
    }

    /**
     * The send marks its row while the status for it arrives: whichever takes the row's lock first, the row ends
     * delivered with the message id. The lock is held here first, so that both statements are seen waiting for it
     * (in the order they came, which is the order they get it) before it is let go.
     */
    @Test
    void aSendMarkedWhileItsStatusArrivesEndsRightInEitherOrder() throws Exception {
        for (boolean statusFirst : List.of(true, false)) {
            long logId = reserveOne();
            String messageId = "wamid." + Fixtures.shortId();
            Callable<Boolean> status = () -> log.recordDeliveryStatus(report(messageId, logId, DeliveryStatus.DELIVERED, 2));
            Callable<Boolean> markSent = () -> {
                log.markSent(logId, messageId, NOW.plusSeconds(1));
                return true;
            };
            boolean statusLanded;
            try (Connection holder = DriverManager.getConnection(database.jdbc().url(), database.jdbc().user(),
                    database.jdbc().password());
                 ExecutorService threads = Executors.newFixedThreadPool(2)) {
                holder.setAutoCommit(false);
                try (PreparedStatement lock = holder.prepareStatement("select id from message_log where id = ? for update")) {
                    lock.setLong(1, logId);
                    lock.executeQuery().close();
                }
                Future<Boolean> first = threads.submit(statusFirst ? status : markSent);
                Eventually.assertSeenWithin(Duration.ofSeconds(10), () -> waitingForLocks() == 1, "the first one waits");
                Future<Boolean> second = threads.submit(statusFirst ? markSent : status);
                Eventually.assertSeenWithin(Duration.ofSeconds(10), () -> waitingForLocks() == 2, "both wait");
                holder.commit();
                statusLanded = (statusFirst ? first : second).get(10, TimeUnit.SECONDS);
                (statusFirst ? second : first).get(10, TimeUnit.SECONDS);
            }
            MessageRecord record = log.find(account.id(), logId).orElseThrow();
            assertTrue(statusLanded, "status first: " + statusFirst);
            assertEquals("delivered", record.status(), "status first: " + statusFirst);
            assertEquals(Optional.of(messageId), record.messageId());
            assertEquals(statusFirst ? List.of("delivered") : List.of("sent", "delivered"),
                    record.statusHistory().stream().map(StatusChange::status).toList());
        }
    }

    private long waitingForLocks() {
        try {
            return database.jdbc().count("select count(*) from pg_stat_activity"
                    + " where datname = current_database() and wait_event_type = 'Lock'");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private MessageLog.DeliveryReport report(String messageId, long logId, DeliveryStatus status, int secondsLater) {
        return new MessageLog.DeliveryReport(messageId, Optional.of(new MessageLog.SentAs(instance.id(), logId)), status,
                NOW.plusSeconds(secondsLater), Optional.empty());
    }

    private long sentOne(String messageId) {
        long logId = reserveOne();
        log.markSent(logId, messageId, NOW);
        return logId;
    }

    private long reserveOne() {
        SendReservation reservation = Fixtures.reservation(account.id(), instance.id(), new PhoneNumber("+966501234567"),
                MessagePurpose.TRANSACTIONAL, new Limits(100, 1000, 100), UsageWindows.at(NOW, ZoneOffset.UTC),
                Fixtures.blockingReasons(MessagePurpose.TRANSACTIONAL), Fixtures.anyContent(), RiskAssessment.CLEAN);
        return ((Reserved) database.persistence().sendGate().reserve(reservation)).logId();
    }
}
