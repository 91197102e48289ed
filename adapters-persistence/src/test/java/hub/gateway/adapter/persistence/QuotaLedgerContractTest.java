package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.SendGate;
import hub.gateway.application.port.out.SendGate;
import hub.gateway.application.port.out.SendReservation;
import hub.gateway.domain.Account;
import hub.gateway.domain.Instance;
import hub.gateway.domain.InstanceId;
import hub.gateway.domain.Limits;
import hub.gateway.domain.MessagePurpose;
import hub.gateway.domain.MessageRecord;
import hub.gateway.domain.PhoneNumber;
import hub.gateway.domain.RiskAssessment;
import hub.gateway.domain.GateOutcome;
import hub.gateway.domain.GateOutcome.Exhausted;
import hub.gateway.domain.GateOutcome.Reserved;
import hub.gateway.domain.GateOutcome.Suppressed;
import hub.gateway.domain.SuppressedBy;
import hub.gateway.domain.Suppression;
import hub.gateway.domain.SuppressionReason;
import hub.gateway.domain.GateOutcome.Window;
import hub.gateway.domain.Usage;
import hub.gateway.domain.UsageWindows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The QuotaLedger port's contract, against PostgreSQL. */
class QuotaLedgerContractTest {
    private static final ZoneId RIYADH = ZoneId.of("Asia/Riyadh");
    /** 23:59:30 in Riyadh on the last day of March: the next minute is also a new day and a new month there. */
    private static final Instant LAST_HALF_MINUTE_OF_MARCH = Instant.parse("2025-03-31T20:59:30Z");
    private static final PhoneNumber PHONE = new PhoneNumber("+966501234567");

    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    private SendGate ledger;
    private Account account;
    private Instance instance;

    @BeforeEach
    void freshInstance() {
        ledger = database.persistence().sendGate();
        account = database.fixtures().account(RIYADH);
        instance = database.fixtures().instance(account);
    }

    @Test
    void aReservationCountsInTheMinuteTheDayAndTheMonth() {
        GateOutcome outcome = reserve(new Limits(10, 100, 5), LAST_HALF_MINUTE_OF_MARCH);

        Reserved reserved = assertInstanceOf(Reserved.class, outcome);
        assertEquals(new Usage(1, 1, 1), ledger.usage(instance.id(), windowsAt(LAST_HALF_MINUTE_OF_MARCH)));
        MessageRecord logged = database.persistence().messageLog().find(account.id(), reserved.logId()).orElseThrow();
        assertEquals("accepted", logged.status());
        assertEquals(PHONE.e164(), logged.phone().orElseThrow());
        assertEquals("support", logged.messagePurpose().orElseThrow());
    }

    @Test
    void theMinuteIsCheckedFirstThenTheDayThenTheMonth() {
        Limits limits = new Limits(1, 1, 1);
        assertInstanceOf(Reserved.class, reserve(limits, LAST_HALF_MINUTE_OF_MARCH));

        Exhausted refused = assertInstanceOf(Exhausted.class, reserve(limits, LAST_HALF_MINUTE_OF_MARCH));
        assertEquals(new Exhausted(Window.MINUTE, 1, 1, refused.logId()), refused);

        Exhausted daily = assertInstanceOf(Exhausted.class,
                reserve(new Limits(1, 1, 5), LAST_HALF_MINUTE_OF_MARCH));
        assertEquals(Window.DAY, daily.window());

        Exhausted monthly = assertInstanceOf(Exhausted.class,
                reserve(new Limits(5, 1, 5), LAST_HALF_MINUTE_OF_MARCH));
        assertEquals(new Exhausted(Window.MONTH, 1, 1, monthly.logId()), monthly);

        assertEquals(new Usage(1, 1, 1), ledger.usage(instance.id(), windowsAt(LAST_HALF_MINUTE_OF_MARCH)),
                "a refusal counts nothing");
    }

    @Test
    void aRefusalIsLoggedWithItsErrorCode() {
        Limits limits = new Limits(1, 100, 100);
        reserve(limits, LAST_HALF_MINUTE_OF_MARCH);
        Exhausted refused = assertInstanceOf(Exhausted.class, reserve(limits, LAST_HALF_MINUTE_OF_MARCH));

        MessageRecord logged = database.persistence().messageLog().find(account.id(), refused.logId()).orElseThrow();
        assertEquals("refused", logged.status());
        assertEquals("daily_message_limit_exceeded", logged.error().orElseThrow());
    }

    @Test
    void aNewMinuteDayAndMonthStartFromZero() {
        Limits oneOfEach = new Limits(1, 1, 1);
        assertInstanceOf(Reserved.class, reserve(oneOfEach, LAST_HALF_MINUTE_OF_MARCH));
        Instant firstMinuteOfAprilInRiyadh = LAST_HALF_MINUTE_OF_MARCH.plusSeconds(45);

        assertEquals(Usage.NONE, ledger.usage(instance.id(), windowsAt(firstMinuteOfAprilInRiyadh)));
        assertInstanceOf(Reserved.class, reserve(oneOfEach, firstMinuteOfAprilInRiyadh));
        assertEquals(new Usage(1, 1, 1), ledger.usage(instance.id(), windowsAt(firstMinuteOfAprilInRiyadh)));
    }

    @Test
    void aNewMinuteOfTheSameDayKeepsTheDayAndMonthCounts() {
        Instant morning = Instant.parse("2025-03-10T06:00:10Z");
        Limits limits = new Limits(10, 10, 1);
        assertInstanceOf(Reserved.class, reserve(limits, morning));
        assertInstanceOf(Exhausted.class, reserve(limits, morning.plusSeconds(20)));

        Instant nextMinute = morning.plusSeconds(60);
        assertInstanceOf(Reserved.class, reserve(limits, nextMinute));
        assertEquals(new Usage(1, 2, 2), ledger.usage(instance.id(), windowsAt(nextMinute)));
    }

    @Test
    void givingBackReturnsTheQuotaOnceAndMarksTheRowFailed() {
        Limits limits = new Limits(10, 100, 5);
        reserve(limits, LAST_HALF_MINUTE_OF_MARCH);
        Reserved failed = assertInstanceOf(Reserved.class, reserve(limits, LAST_HALF_MINUTE_OF_MARCH));
        Instant failedAt = LAST_HALF_MINUTE_OF_MARCH.plusSeconds(1);

        ledger.giveBack(failed.logId(), SendGate.GiveBack.DELIVERY_FAILED, failedAt);
        ledger.giveBack(failed.logId(), SendGate.GiveBack.DELIVERY_FAILED, failedAt);

        assertEquals(new Usage(1, 1, 1), ledger.usage(instance.id(), windowsAt(LAST_HALF_MINUTE_OF_MARCH)));
        MessageRecord logged = database.persistence().messageLog().find(account.id(), failed.logId()).orElseThrow();
        assertEquals("failed", logged.status());
        assertEquals("gateway_send_failed", logged.error().orElseThrow());
        assertEquals(List.of(new MessageRecord.StatusChange("failed", failedAt)), logged.statusHistory());
    }

    @Test
    void givingBackAfterTheWindowsChangedLeavesTheNewWindowsAlone() {
        Limits limits = new Limits(10, 100, 5);
        Reserved lastOfMarch = assertInstanceOf(Reserved.class, reserve(limits, LAST_HALF_MINUTE_OF_MARCH));
        Instant april = LAST_HALF_MINUTE_OF_MARCH.plusSeconds(45);
        reserve(limits, april);

        ledger.giveBack(lastOfMarch.logId(), SendGate.GiveBack.DELIVERY_FAILED, april);

        assertEquals(new Usage(1, 1, 1), ledger.usage(instance.id(), windowsAt(april)));
    }

    @Test
    void givingBackASentMessageChangesNothing() {
        Limits limits = new Limits(10, 100, 5);
        Reserved sent = assertInstanceOf(Reserved.class, reserve(limits, LAST_HALF_MINUTE_OF_MARCH));
        database.persistence().messageLog().markSent(sent.logId(), "wamid.1", LAST_HALF_MINUTE_OF_MARCH);

        ledger.giveBack(sent.logId(), SendGate.GiveBack.DELIVERY_FAILED, LAST_HALF_MINUTE_OF_MARCH);

        assertEquals(new Usage(1, 1, 1), ledger.usage(instance.id(), windowsAt(LAST_HALF_MINUTE_OF_MARCH)));
        assertEquals("sent", database.persistence().messageLog().find(account.id(), sent.logId()).orElseThrow().status());
    }

    @Test
    void withdrawingReturnsTheQuotaOnceAndMarksTheRowRefusedWithoutHistory() {
        Limits limits = new Limits(10, 100, 5);
        reserve(limits, LAST_HALF_MINUTE_OF_MARCH);
        Reserved late = assertInstanceOf(Reserved.class, reserve(limits, LAST_HALF_MINUTE_OF_MARCH));

        ledger.giveBack(late.logId(), SendGate.GiveBack.DEADLINE_PASSED, LAST_HALF_MINUTE_OF_MARCH);
        ledger.giveBack(late.logId(), SendGate.GiveBack.DEADLINE_PASSED, LAST_HALF_MINUTE_OF_MARCH);

        assertEquals(new Usage(1, 1, 1), ledger.usage(instance.id(), windowsAt(LAST_HALF_MINUTE_OF_MARCH)));
        MessageRecord logged = database.persistence().messageLog().find(account.id(), late.logId()).orElseThrow();
        assertEquals("refused", logged.status());
        assertEquals("service_unavailable", logged.error().orElseThrow());
        assertEquals(List.of(), logged.statusHistory(), "a deadline is not a delivery failure");
    }

    @Test
    void withdrawingAfterTheWindowsChangedLeavesTheNewWindowsAlone() {
        Limits limits = new Limits(10, 100, 5);
        Reserved lastOfMarch = assertInstanceOf(Reserved.class, reserve(limits, LAST_HALF_MINUTE_OF_MARCH));
        Instant april = LAST_HALF_MINUTE_OF_MARCH.plusSeconds(45);
        reserve(limits, april);

        ledger.giveBack(lastOfMarch.logId(), SendGate.GiveBack.DEADLINE_PASSED, LAST_HALF_MINUTE_OF_MARCH);

        assertEquals(new Usage(1, 1, 1), ledger.usage(instance.id(), windowsAt(april)));
    }

    @Test
    void withdrawingASentMessageChangesNothing() {
        Limits limits = new Limits(10, 100, 5);
        Reserved sent = assertInstanceOf(Reserved.class, reserve(limits, LAST_HALF_MINUTE_OF_MARCH));
        database.persistence().messageLog().markSent(sent.logId(), "wamid.1", LAST_HALF_MINUTE_OF_MARCH);

        ledger.giveBack(sent.logId(), SendGate.GiveBack.DEADLINE_PASSED, LAST_HALF_MINUTE_OF_MARCH);

        assertEquals(new Usage(1, 1, 1), ledger.usage(instance.id(), windowsAt(LAST_HALF_MINUTE_OF_MARCH)));
        assertEquals("sent", database.persistence().messageLog().find(account.id(), sent.logId()).orElseThrow().status());
    }

    @Test
    void usageOfAnUnknownInstanceIsZero() {
        assertEquals(Usage.NONE, ledger.usage(new InstanceId("nobody-here"), windowsAt(LAST_HALF_MINUTE_OF_MARCH)));
    }

    @Test
    void limitsAreExactAtTheBoundary() {
        Limits limits = new Limits(3, 100, 100);
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(Reserved.class, reserve(limits, LAST_HALF_MINUTE_OF_MARCH));
        }
        Exhausted fourth = assertInstanceOf(Exhausted.class, reserve(limits, LAST_HALF_MINUTE_OF_MARCH));
        assertEquals(3, fourth.used());
        assertTrue(fourth.logId() > 0);
    }

    @Test
    void aRecipientsStopRefusesEveryPurposeButAuthentication() {
        suppress(SuppressionReason.RECIPIENT_REQUESTED_STOP, SuppressedBy.RECIPIENT);
        Limits limits = new Limits(100, 100, 100);

        for (MessagePurpose purpose : MessagePurpose.values()) {
            GateOutcome outcome = reserve(purpose, limits, LAST_HALF_MINUTE_OF_MARCH);
            if (purpose == MessagePurpose.AUTHENTICATION) {
                assertInstanceOf(Reserved.class, outcome, "login codes still reach a recipient who stopped");
            } else {
                assertInstanceOf(Suppressed.class, outcome, purpose.wireName());
            }
        }
    }

    @Test
    void aBlockRefusesEveryPurpose() {
        suppress(SuppressionReason.BLOCKED, SuppressedBy.CLIENT);

        for (MessagePurpose purpose : MessagePurpose.values()) {
            assertInstanceOf(Suppressed.class, reserve(purpose, new Limits(100, 100, 100), LAST_HALF_MINUTE_OF_MARCH),
                    purpose.wireName());
        }
    }

    @Test
    void aSuppressedSendCountsNothingAndIsLoggedAsRefused() {
        suppress(SuppressionReason.BLOCKED, SuppressedBy.ADMIN);

        Suppressed suppressed = assertInstanceOf(Suppressed.class, reserve(new Limits(10, 100, 5), LAST_HALF_MINUTE_OF_MARCH));

        assertEquals(Usage.NONE, ledger.usage(instance.id(), windowsAt(LAST_HALF_MINUTE_OF_MARCH)));
        MessageRecord logged = database.persistence().messageLog().find(account.id(), suppressed.logId()).orElseThrow();
        assertEquals("refused", logged.status());
        assertEquals("recipient_suppressed", logged.error().orElseThrow());
        assertEquals(PHONE.e164(), logged.phone().orElseThrow());
    }

    @Test
    void suppressionIsCheckedBeforeAnyLimit() {
        Limits one = new Limits(1, 1, 1);
        assertInstanceOf(Reserved.class, reserve(one, LAST_HALF_MINUTE_OF_MARCH));
        suppress(SuppressionReason.BLOCKED, SuppressedBy.CLIENT);

        assertInstanceOf(Suppressed.class, reserve(one, LAST_HALF_MINUTE_OF_MARCH));
    }

    @Test
    void anotherRecipientOrInstanceIsNotSuppressed() {
        suppress(SuppressionReason.BLOCKED, SuppressedBy.CLIENT);
        Limits limits = new Limits(100, 100, 100);

        assertInstanceOf(Reserved.class, ledger.reserve(Fixtures.reservation(account.id(), instance.id(),
                new PhoneNumber("+966501234568"), MessagePurpose.SUPPORT, limits, windowsAt(LAST_HALF_MINUTE_OF_MARCH),
                Fixtures.blockingReasons(MessagePurpose.SUPPORT), Fixtures.anyContent(), RiskAssessment.CLEAN)));
        Instance other = database.fixtures().instance(account);
        assertInstanceOf(Reserved.class, ledger.reserve(Fixtures.reservation(account.id(), other.id(), PHONE,
                MessagePurpose.SUPPORT, limits, windowsAt(LAST_HALF_MINUTE_OF_MARCH),
                Fixtures.blockingReasons(MessagePurpose.SUPPORT), Fixtures.anyContent(), RiskAssessment.CLEAN)));
    }

    private void suppress(SuppressionReason reason, SuppressedBy by) {
        database.persistence().suppressions().add(new Suppression(instance.id(), PHONE, reason, by, LAST_HALF_MINUTE_OF_MARCH),
                "test", Optional.empty());
    }

    private GateOutcome reserve(Limits limits, Instant at) {
        return reserve(MessagePurpose.SUPPORT, limits, at);
    }

    private GateOutcome reserve(MessagePurpose purpose, Limits limits, Instant at) {
        return ledger.reserve(Fixtures.reservation(account.id(), instance.id(), PHONE, purpose, limits,
                windowsAt(at), Fixtures.blockingReasons(purpose), Fixtures.anyContent(), RiskAssessment.CLEAN));
    }

    private static UsageWindows windowsAt(Instant at) {
        return UsageWindows.at(at, RIYADH);
    }
}
