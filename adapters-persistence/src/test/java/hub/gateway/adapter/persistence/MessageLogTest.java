package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.MessageLog;
import hub.gateway.application.port.out.MessageLog.RefusedRequest;
import hub.gateway.application.port.out.QuotaLedger.Reservation;
import hub.gateway.domain.Account;
import hub.gateway.domain.ErrorCode;
import hub.gateway.domain.Instance;
import hub.gateway.domain.InstanceId;
import hub.gateway.domain.Limits;
import hub.gateway.domain.MessagePurpose;
import hub.gateway.domain.MessageRecord;
import hub.gateway.domain.MessageRecord.StatusChange;
import hub.gateway.domain.PhoneNumber;
import hub.gateway.domain.RiskAssessment;
import hub.gateway.domain.QuotaOutcome.Reserved;
import hub.gateway.domain.UsageWindows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageLogTest {
    private static final Instant NOW = Instant.parse("2025-05-05T12:00:00Z");

    private static PostgresPersistence persistence;
    private static Fixtures fixtures;

    private MessageLog log;
    private Account account;
    private Instance instance;

    @BeforeAll
    static void connect() {
        persistence = Fixtures.freshPersistence();
        fixtures = new Fixtures(persistence);
    }

    @AfterAll
    static void close() {
        persistence.close();
    }

    @BeforeEach
    void freshInstance() {
        log = persistence.messageLog();
        account = fixtures.account(ZoneOffset.UTC);
        instance = fixtures.instance(account);
    }

    @Test
    void aRefusalIsStoredWithAnEmptyHistory() {
        long logId = log.recordRefusal(new RefusedRequest(account.id(), "no-such-instance", Optional.empty(),
                Optional.of("marketing"), ErrorCode.INVALID_INSTANCE, NOW));

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
        Account other = fixtures.account(ZoneOffset.UTC);

        assertTrue(log.find(other.id(), logId).isEmpty());
        assertTrue(log.recent(other.id(), instance.id(), 10).isEmpty());
    }

    @Test
    void recentIsNewestFirstAndLimitedWithHistories() {
        long first = reserveOne();
        long second = reserveOne();
        long third = log.recordRefusal(new RefusedRequest(account.id(), instance.id().value(),
                Optional.of("+966501234567"), Optional.of("support"), ErrorCode.RECIPIENT_SUPPRESSED, NOW));
        log.markSent(second, "wamid.2", NOW);
        persistence.quotaLedger().giveBack(first, "gateway_send_failed", NOW);

        List<MessageRecord> newestTwo = log.recent(account.id(), instance.id(), 2);
        assertEquals(List.of(third, second), newestTwo.stream().map(MessageRecord::logId).toList());
        assertEquals(List.of(new StatusChange("sent", NOW)), newestTwo.get(1).statusHistory());

        List<MessageRecord> all = log.recent(account.id(), instance.id(), 50);
        assertEquals(List.of(third, second, first), all.stream().map(MessageRecord::logId).toList());
        assertEquals(List.of(new StatusChange("failed", NOW)), all.get(2).statusHistory());
        assertTrue(log.recent(account.id(), new InstanceId("other-line"), 50).isEmpty());
    }

    private long reserveOne() {
        Reservation reservation = new Reservation(account.id(), instance.id(), new PhoneNumber("+966501234567"),
                MessagePurpose.TRANSACTIONAL, new Limits(100, 1000, 100), UsageWindows.at(NOW, ZoneOffset.UTC),
                Fixtures.blockingReasons(MessagePurpose.TRANSACTIONAL), Fixtures.anyContent(), RiskAssessment.CLEAN);
        return ((Reserved) persistence.quotaLedger().reserve(reservation)).logId();
    }
}
