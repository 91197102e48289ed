package hub.gateway.application.contract;

import hub.gateway.application.policy.RiskPolicyFile;
import hub.gateway.application.port.out.IdempotencyKeys;
import hub.gateway.application.port.out.IdempotencyKeys.Claim;
import hub.gateway.application.port.out.RiskLedger;
import hub.gateway.application.port.out.RiskLedger.RiskEvent;
import hub.gateway.application.port.out.SendGate;
import hub.gateway.application.port.out.SendGate.GiveBack;
import hub.gateway.application.port.out.SendReservation;
import hub.gateway.application.port.out.SendReservation.DuplicateContentRule;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.MessagePurpose;
import hub.gateway.domain.message.MessageRecord;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.quota.Limits;
import hub.gateway.domain.quota.Usage;
import hub.gateway.domain.quota.UsageWindows;
import hub.gateway.domain.risk.ConditionalSignal;
import hub.gateway.domain.risk.ContentFingerprint;
import hub.gateway.domain.risk.RiskAction;
import hub.gateway.domain.risk.RiskAssessment;
import hub.gateway.domain.risk.RiskPolicy;
import hub.gateway.domain.risk.RiskSignal;
import hub.gateway.domain.send.GateOutcome.DuplicateContent;
import hub.gateway.domain.send.GateOutcome.Exhausted;
import hub.gateway.domain.send.GateOutcome.Reserved;
import hub.gateway.domain.send.GateOutcome.Suppressed;
import hub.gateway.domain.send.GateOutcome.Window;
import hub.gateway.domain.send.GateOutcome;
import hub.gateway.domain.suppression.SuppressedBy;
import hub.gateway.domain.suppression.Suppression;
import hub.gateway.domain.suppression.SuppressionReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SendGate port's contract (contract §3, steps 8 to 11): what every implementation — PostgreSQL's and the
 * in-memory fake of the use-case tests — must do alike. A subclass gives the gate and the ports it is seen through.
 */
public abstract class SendGateContract {
    private static final ZoneId RIYADH = ZoneId.of("Asia/Riyadh");
    /** 23:59:30 in Riyadh on the last day of March: the next minute is also a new day and a new month there. */
    private static final Instant LAST_HALF_MINUTE_OF_MARCH = Instant.parse("2025-03-31T20:59:30Z");
    private static final Instant NOW = Instant.parse("2025-06-01T09:30:00Z");
    private static final PhoneNumber PHONE = new PhoneNumber("+966501234567");
    private static final Limits GENEROUS = new Limits(10_000, 10_000, 10_000);
    private static final int MAX_OTHERS = 25;
    private static final Duration WINDOW = Duration.ofMinutes(60);
    private static final RiskPolicy POLICY = RiskPolicyFile.defaults();

    /** The gate under test, and the ports of the same store that show what it did. */
    public interface Subject extends ContractPorts {
    }

    /** Called before each test; the subject may be shared by the tests of a class, their ids never are. */
    protected abstract Subject subject();

    private Subject subject;
    private SendGate gate;
    private AccountId account;
    private InstanceId instance;
    private ContentFingerprint text;

    @BeforeEach
    void freshInstance() {
        subject = subject();
        gate = subject.gate();
        account = subject.account();
        instance = subject.instance(account).id();
        text = ContentFingerprint.of(instance, "Big sale today only " + UUID.randomUUID());
    }

    // Limits

    @Test
    void aReservationCountsInTheMinuteTheDayAndTheMonth() {
        GateOutcome outcome = reserve(new Limits(10, 100, 5), LAST_HALF_MINUTE_OF_MARCH);

        Reserved reserved = assertInstanceOf(Reserved.class, outcome);
        assertEquals(new Usage(1, 1, 1), gate.usage(instance, windowsAt(LAST_HALF_MINUTE_OF_MARCH)));
        MessageRecord logged = logged(reserved.logId());
        assertEquals("accepted", logged.status());
        assertEquals(PHONE.e164(), logged.phone().orElseThrow());
        assertEquals("support", logged.messagePurpose().orElseThrow());
        assertEquals(instance.value(), logged.instanceId());
    }

    @Test
    void theMinuteIsCheckedFirstThenTheDayThenTheMonth() {
        Limits limits = new Limits(1, 1, 1);
        assertInstanceOf(Reserved.class, reserve(limits, LAST_HALF_MINUTE_OF_MARCH));

        Exhausted refused = assertInstanceOf(Exhausted.class, reserve(limits, LAST_HALF_MINUTE_OF_MARCH));
        assertEquals(new Exhausted(Window.MINUTE, 1, 1, refused.logId(), new Usage(1, 1, 1)), refused);

        Exhausted daily = assertInstanceOf(Exhausted.class, reserve(new Limits(1, 1, 5), LAST_HALF_MINUTE_OF_MARCH));
        assertEquals(Window.DAY, daily.window());

        Exhausted monthly = assertInstanceOf(Exhausted.class, reserve(new Limits(5, 1, 5), LAST_HALF_MINUTE_OF_MARCH));
        assertEquals(new Exhausted(Window.MONTH, 1, 1, monthly.logId(), new Usage(1, 1, 1)), monthly);

        assertEquals(new Usage(1, 1, 1), gate.usage(instance, windowsAt(LAST_HALF_MINUTE_OF_MARCH)),
                "a refusal counts nothing");
    }

    /**
     * The counts after the send come with a reservation and an exhaustion alike (contract §11's rate-limit headers
     * are made of them): each window's own count, which differ here, so that a count of the wrong window, one not
     * yet incremented, or one of a window that has ended fails.
     */
    @Test
    void theLimitsOutcomesAnswerEachWindowsCountAfterTheSend() {
        Limits limits = new Limits(10, 100, 5); // daily, monthly, per minute
        Instant nextDay = NOW.plus(Duration.ofDays(1));
        assertEquals(new Usage(1, 1, 1), reservedUsage(limits, NOW));
        assertEquals(new Usage(1, 2, 2), reservedUsage(limits, NOW.plusSeconds(60)));
        assertEquals(new Usage(1, 1, 3), reservedUsage(limits, nextDay));
        assertEquals(new Usage(2, 2, 4), reservedUsage(limits, nextDay.plusSeconds(10)));
        assertEquals(new Usage(3, 3, 5), reservedUsage(limits, nextDay.plusSeconds(20)));

        Instant later = nextDay.plusSeconds(30);
        Usage standing = new Usage(3, 3, 5);
        Exhausted minute = assertInstanceOf(Exhausted.class, reserve(new Limits(10, 100, 3), later));
        assertEquals(new Exhausted(Window.MINUTE, 3, 3, minute.logId(), standing), minute);
        Exhausted day = assertInstanceOf(Exhausted.class, reserve(new Limits(3, 100, 10), later));
        assertEquals(new Exhausted(Window.DAY, 3, 3, day.logId(), standing), day);
        Exhausted month = assertInstanceOf(Exhausted.class, reserve(new Limits(10, 5, 10), later));
        assertEquals(new Exhausted(Window.MONTH, 5, 5, month.logId(), standing), month);
        assertEquals(standing, gate.usage(instance, windowsAt(later)), "a refusal counts nothing");

        // A new month (in Riyadh) starts every count again, whatever the row still holds of June.
        assertEquals(new Usage(1, 1, 1), reservedUsage(limits, Instant.parse("2025-06-30T21:00:00Z")));
    }

    /** A reservation's counts after the send, which the gate's own usage read then agrees with. */
    private Usage reservedUsage(Limits limits, Instant at) {
        Reserved reserved = assertInstanceOf(Reserved.class, reserve(limits, at));
        assertEquals(gate.usage(instance, windowsAt(at)), reserved.usage());
        return reserved.usage();
    }

    @Test
    void eachWindowsExhaustionIsLoggedWithTheErrorTheApiShows() {
        assertInstanceOf(Reserved.class, reserve(new Limits(1, 1, 1), LAST_HALF_MINUTE_OF_MARCH));

        // Limits(daily, monthly, perMinute)
        Exhausted minute = assertInstanceOf(Exhausted.class, reserve(new Limits(5, 5, 1), LAST_HALF_MINUTE_OF_MARCH));
        Exhausted day = assertInstanceOf(Exhausted.class, reserve(new Limits(1, 5, 5), LAST_HALF_MINUTE_OF_MARCH));
        Exhausted month = assertInstanceOf(Exhausted.class, reserve(new Limits(5, 1, 5), LAST_HALF_MINUTE_OF_MARCH));

        assertEquals(new Exhausted(Window.MINUTE, 1, 1, minute.logId(), new Usage(1, 1, 1)), minute);
        assertEquals(new Exhausted(Window.DAY, 1, 1, day.logId(), new Usage(1, 1, 1)), day);
        assertEquals(new Exhausted(Window.MONTH, 1, 1, month.logId(), new Usage(1, 1, 1)), month);
        for (long logId : List.of(minute.logId(), day.logId(), month.logId())) {
            assertEquals("refused", logged(logId).status());
            assertEquals(PHONE.e164(), logged(logId).phone().orElseThrow());
        }
        assertEquals("sending_throttled", logged(minute.logId()).error().orElseThrow());
        assertEquals("daily_message_limit_exceeded", logged(day.logId()).error().orElseThrow());
        assertEquals("monthly_message_limit_exceeded", logged(month.logId()).error().orElseThrow());
    }

    @Test
    void aRefusalIsLoggedWithItsErrorCode() {
        Limits limits = new Limits(1, 100, 100);
        reserve(limits, LAST_HALF_MINUTE_OF_MARCH);
        Exhausted refused = assertInstanceOf(Exhausted.class, reserve(limits, LAST_HALF_MINUTE_OF_MARCH));

        MessageRecord logged = logged(refused.logId());
        assertEquals("refused", logged.status());
        assertEquals("daily_message_limit_exceeded", logged.error().orElseThrow());
    }

    @Test
    void aNewMinuteDayAndMonthStartFromZero() {
        Limits oneOfEach = new Limits(1, 1, 1);
        assertInstanceOf(Reserved.class, reserve(oneOfEach, LAST_HALF_MINUTE_OF_MARCH));
        Instant firstMinuteOfAprilInRiyadh = LAST_HALF_MINUTE_OF_MARCH.plusSeconds(45);

        assertEquals(Usage.NONE, gate.usage(instance, windowsAt(firstMinuteOfAprilInRiyadh)));
        assertInstanceOf(Reserved.class, reserve(oneOfEach, firstMinuteOfAprilInRiyadh));
        assertEquals(new Usage(1, 1, 1), gate.usage(instance, windowsAt(firstMinuteOfAprilInRiyadh)));
    }

    @Test
    void aNewMinuteOfTheSameDayKeepsTheDayAndMonthCounts() {
        Instant morning = Instant.parse("2025-03-10T06:00:10Z");
        Limits limits = new Limits(10, 10, 1);
        assertInstanceOf(Reserved.class, reserve(limits, morning));
        assertInstanceOf(Exhausted.class, reserve(limits, morning.plusSeconds(20)));

        Instant nextMinute = morning.plusSeconds(60);
        assertInstanceOf(Reserved.class, reserve(limits, nextMinute));
        assertEquals(new Usage(1, 2, 2), gate.usage(instance, windowsAt(nextMinute)));
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
    void usageOfAnUnknownInstanceIsZero() {
        assertEquals(Usage.NONE, gate.usage(new InstanceId("nobody-here"), windowsAt(LAST_HALF_MINUTE_OF_MARCH)));
    }

    // Giving back

    @Test
    void givingBackReturnsTheQuotaOnceAndMarksTheRowFailed() {
        Limits limits = new Limits(10, 100, 5);
        reserve(limits, LAST_HALF_MINUTE_OF_MARCH);
        Reserved failed = assertInstanceOf(Reserved.class, reserve(limits, LAST_HALF_MINUTE_OF_MARCH));
        Instant failedAt = LAST_HALF_MINUTE_OF_MARCH.plusSeconds(1);

        gate.giveBack(failed.logId(), GiveBack.DELIVERY_FAILED, failedAt);
        gate.giveBack(failed.logId(), GiveBack.DELIVERY_FAILED, failedAt);

        assertEquals(new Usage(1, 1, 1), gate.usage(instance, windowsAt(LAST_HALF_MINUTE_OF_MARCH)));
        MessageRecord logged = logged(failed.logId());
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

        gate.giveBack(lastOfMarch.logId(), GiveBack.DELIVERY_FAILED, april);

        assertEquals(new Usage(1, 1, 1), gate.usage(instance, windowsAt(april)));
    }

    @Test
    void givingBackASentMessageChangesNothing() {
        Limits limits = new Limits(10, 100, 5);
        Reserved sent = assertInstanceOf(Reserved.class, reserve(limits, LAST_HALF_MINUTE_OF_MARCH));
        subject.messageLog().markSent(sent.logId(), "wamid.1", LAST_HALF_MINUTE_OF_MARCH);

        gate.giveBack(sent.logId(), GiveBack.DELIVERY_FAILED, LAST_HALF_MINUTE_OF_MARCH);

        assertEquals(new Usage(1, 1, 1), gate.usage(instance, windowsAt(LAST_HALF_MINUTE_OF_MARCH)));
        assertEquals("sent", logged(sent.logId()).status());
    }

    @Test
    void withdrawingReturnsTheQuotaOnceAndMarksTheRowRefusedWithoutHistory() {
        Limits limits = new Limits(10, 100, 5);
        reserve(limits, LAST_HALF_MINUTE_OF_MARCH);
        Reserved late = assertInstanceOf(Reserved.class, reserve(limits, LAST_HALF_MINUTE_OF_MARCH));

        gate.giveBack(late.logId(), GiveBack.DEADLINE_PASSED, LAST_HALF_MINUTE_OF_MARCH);
        gate.giveBack(late.logId(), GiveBack.DEADLINE_PASSED, LAST_HALF_MINUTE_OF_MARCH);

        assertEquals(new Usage(1, 1, 1), gate.usage(instance, windowsAt(LAST_HALF_MINUTE_OF_MARCH)));
        MessageRecord logged = logged(late.logId());
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

        gate.giveBack(lastOfMarch.logId(), GiveBack.DEADLINE_PASSED, april);

        assertEquals(new Usage(1, 1, 1), gate.usage(instance, windowsAt(april)));
    }

    @Test
    void withdrawingASentMessageChangesNothing() {
        Limits limits = new Limits(10, 100, 5);
        Reserved sent = assertInstanceOf(Reserved.class, reserve(limits, LAST_HALF_MINUTE_OF_MARCH));
        subject.messageLog().markSent(sent.logId(), "wamid.1", LAST_HALF_MINUTE_OF_MARCH);

        gate.giveBack(sent.logId(), GiveBack.DEADLINE_PASSED, LAST_HALF_MINUTE_OF_MARCH);

        assertEquals(new Usage(1, 1, 1), gate.usage(instance, windowsAt(LAST_HALF_MINUTE_OF_MARCH)));
        assertEquals("sent", logged(sent.logId()).status());
    }

    // Suppression

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

        Suppressed suppressed = assertInstanceOf(Suppressed.class,
                reserve(new Limits(10, 100, 5), LAST_HALF_MINUTE_OF_MARCH));

        assertEquals(Usage.NONE, gate.usage(instance, windowsAt(LAST_HALF_MINUTE_OF_MARCH)));
        MessageRecord logged = logged(suppressed.logId());
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

        assertInstanceOf(Reserved.class, gate.reserve(reservation(instance, new PhoneNumber("+966501234568"),
                MessagePurpose.SUPPORT, limits, windowsAt(LAST_HALF_MINUTE_OF_MARCH), anyContent(), RiskAssessment.CLEAN,
                Optional.empty())));
        InstanceId other = subject.instance(account).id();
        assertInstanceOf(Reserved.class, gate.reserve(reservation(other, PHONE, MessagePurpose.SUPPORT, limits,
                windowsAt(LAST_HALF_MINUTE_OF_MARCH), anyContent(), RiskAssessment.CLEAN, Optional.empty())));
    }

    // The customer-service window (contract §13)

    @Test
    void aClosedWindowIsRefusedWithoutQuotaLoggedAndStoresNoAssessment() {
        RiskAssessment scored = new RiskAssessment(35, RiskAction.ALLOW,
                List.of(new RiskSignal("promotional_language", 35, "sale")));

        GateOutcome.WindowClosed closed = assertInstanceOf(GateOutcome.WindowClosed.class,
                reserveNeedingWindow(instance, PHONE, NOW, scored));

        assertEquals(Usage.NONE, gate.usage(instance, UsageWindows.at(NOW, ZoneOffset.UTC)), "no quota used");
        MessageRecord logged = logged(closed.logId());
        assertEquals("refused", logged.status());
        assertEquals("template_required", logged.error().orElseThrow());
        assertEquals(PHONE.e164(), logged.phone().orElseThrow());
        assertEquals(List.of(), subject.riskLedger().recent(instance, 10), "no assessment stored for a closed window");
    }

    @Test
    void theWindowIsOpenForTwentyFourHoursAfterTheRecipientLastWrote() {
        gate.recipientWrote(instance, PHONE, NOW.minus(Duration.ofHours(24)).plusSeconds(1));
        Reserved reserved = assertInstanceOf(Reserved.class, reserveNeedingWindow(instance, PHONE, NOW, RiskAssessment.CLEAN));
        assertEquals(new Usage(1, 1, 1), reserved.usage());

        assertInstanceOf(GateOutcome.WindowClosed.class,
                reserveNeedingWindow(instance, PHONE, NOW.plusSeconds(1), RiskAssessment.CLEAN),
                "written exactly 24 hours ago: closed");
    }

    @Test
    void theLatestMessageCountsWhateverOrderTheyArriveIn() {
        gate.recipientWrote(instance, PHONE, NOW.minus(Duration.ofHours(1)));
        gate.recipientWrote(instance, PHONE, NOW.minus(Duration.ofHours(30)));
        gate.recipientWrote(instance, PHONE, NOW.minus(Duration.ofHours(1)));

        assertInstanceOf(Reserved.class, reserveNeedingWindow(instance, PHONE, NOW, RiskAssessment.CLEAN),
                "a late, older message does not shorten the window; a repeated one changes nothing");
    }

    @Test
    void anotherRecipientsOrInstancesMessageOpensNothing() {
        InstanceId other = subject.instance(account).id();
        gate.recipientWrote(other, PHONE, NOW.minusSeconds(60));
        gate.recipientWrote(instance, recipient(3), NOW.minusSeconds(60));

        assertInstanceOf(GateOutcome.WindowClosed.class, reserveNeedingWindow(instance, PHONE, NOW, RiskAssessment.CLEAN));
        assertInstanceOf(Reserved.class, reserveNeedingWindow(other, PHONE, NOW, RiskAssessment.CLEAN));
    }

    @Test
    void aSendThatNeedsNoOpenWindowIsNotCheckedAgainstOne() {
        assertInstanceOf(Reserved.class, gate.reserve(new SendReservation(
                new SendReservation.Send(account, instance, PHONE, MessagePurpose.TRANSACTIONAL, Optional.empty()),
                blockingReasons(MessagePurpose.TRANSACTIONAL), false, Optional.of(anyContent()), GENEROUS,
                UsageWindows.at(NOW, ZoneOffset.UTC), RiskAssessment.CLEAN)), "nobody wrote, and no window was asked for");
    }

    @Test
    void suppressionIsCheckedBeforeTheWindowAndTheWindowBeforeTheLimits() {
        Limits one = new Limits(1, 1, 1);
        assertInstanceOf(Reserved.class, reserve(one, NOW));
        assertInstanceOf(GateOutcome.WindowClosed.class, gate.reserve(new SendReservation(
                new SendReservation.Send(account, instance, PHONE, MessagePurpose.TRANSACTIONAL, Optional.empty()),
                blockingReasons(MessagePurpose.TRANSACTIONAL), true, Optional.of(anyContent()), one,
                UsageWindows.at(NOW, ZoneOffset.UTC), RiskAssessment.CLEAN)), "a closed window answers before the limits");

        suppress(SuppressionReason.BLOCKED, SuppressedBy.CLIENT);
        assertInstanceOf(Suppressed.class, reserveNeedingWindow(instance, PHONE, NOW, RiskAssessment.CLEAN));
    }

    @Test
    void aWindowClosedByDuplicateContentIsTheWindowsRefusal() {
        for (int i = 0; i < MAX_OTHERS; i++) {
            gate.recipientWrote(instance, recipient(i), NOW.minusSeconds(60));
            assertInstanceOf(Reserved.class, reserveNeedingWindow(instance, recipient(i), NOW, RiskAssessment.CLEAN, text));
        }

        assertInstanceOf(GateOutcome.WindowClosed.class,
                reserveNeedingWindow(instance, recipient(MAX_OTHERS), NOW, RiskAssessment.CLEAN, text),
                "the window (before step 9) answers first: no violation is recorded");
        assertEquals(List.of(), subject.riskLedger().recent(instance, 10));
    }

    private GateOutcome reserveNeedingWindow(InstanceId to, PhoneNumber phone, Instant at, RiskAssessment assessment) {
        return reserveNeedingWindow(to, phone, at, assessment,
                ContentFingerprint.of(to, "text " + UUID.randomUUID()));
    }

    private GateOutcome reserveNeedingWindow(InstanceId to, PhoneNumber phone, Instant at, RiskAssessment assessment,
                                             ContentFingerprint content) {
        return gate.reserve(new SendReservation(
                new SendReservation.Send(account, to, phone, MessagePurpose.TRANSACTIONAL, Optional.empty()),
                blockingReasons(MessagePurpose.TRANSACTIONAL), true, Optional.of(rule(content, assessment)), GENEROUS,
                UsageWindows.at(at, ZoneOffset.UTC), assessment));
    }

    // Duplicate content

    @Test
    void theTwentySixthDistinctRecipientIsRefusedCountsNothingAndIsRecordedAsAViolationInTheSameCall() {
        for (int i = 0; i < MAX_OTHERS; i++) {
            assertInstanceOf(Reserved.class, reserveText(instance, text, recipient(i), NOW, RiskAssessment.CLEAN));
        }

        DuplicateContent refused = assertInstanceOf(DuplicateContent.class,
                reserveText(instance, text, recipient(MAX_OTHERS), NOW, RiskAssessment.CLEAN));

        assertEquals(new DuplicateContent(MAX_OTHERS, 1, refused.logId()), refused);
        assertEquals(new Usage(MAX_OTHERS, MAX_OTHERS, MAX_OTHERS), gate.usage(instance, UsageWindows.at(NOW, ZoneOffset.UTC)));
        MessageRecord logged = logged(refused.logId());
        assertEquals("refused", logged.status());
        assertEquals("policy_violation", logged.error().orElseThrow());
        assertEquals(recipient(MAX_OTHERS).e164(), logged.phone().orElseThrow());
        RiskEvent violation = subject.riskLedger().recent(instance, 1).getFirst();
        assertEquals(Optional.of(refused.logId()), violation.logId());
        assertEquals(NOW, violation.at());
        assertEquals(POLICY.duplicateContent().assess(MAX_OTHERS, RiskAssessment.CLEAN), violation.assessment(),
                "the evidence names the count the gate found");
    }

    @Test
    void theViolationCountIncludesTheEarlierOnesAndTheContentSignals() {
        for (int i = 0; i < MAX_OTHERS; i++) {
            reserveText(instance, text, recipient(i), NOW, RiskAssessment.CLEAN);
        }
        RiskAssessment promotional = new RiskAssessment(30, RiskAction.ALLOW,
                List.of(new RiskSignal("promotional_language", 30, "sale, \"today\" only")));

        DuplicateContent first = assertInstanceOf(DuplicateContent.class,
                reserveText(instance, text, recipient(MAX_OTHERS), NOW, promotional));
        DuplicateContent second = assertInstanceOf(DuplicateContent.class,
                reserveText(instance, text, recipient(MAX_OTHERS + 1), NOW.plusSeconds(1), promotional));

        assertEquals(1, first.violations());
        assertEquals(2, second.violations());
        assertEquals(POLICY.duplicateContent().assess(MAX_OTHERS, promotional),
                subject.riskLedger().recent(instance, 1).getFirst().assessment());
    }

    @Test
    void anotherInstancesViolationsAreNotCounted() {
        InstanceId other = subject.instance(account).id();
        ContentFingerprint otherText = ContentFingerprint.of(other, "Big sale today only " + UUID.randomUUID());
        for (int i = 0; i < MAX_OTHERS; i++) {
            reserveText(instance, text, recipient(i), NOW, RiskAssessment.CLEAN);
            reserveText(other, otherText, recipient(i), NOW, RiskAssessment.CLEAN);
        }
        assertInstanceOf(DuplicateContent.class, reserveText(instance, text, recipient(MAX_OTHERS), NOW, RiskAssessment.CLEAN));

        DuplicateContent others = assertInstanceOf(DuplicateContent.class,
                reserveText(other, otherText, recipient(MAX_OTHERS), NOW, RiskAssessment.CLEAN));

        assertEquals(1, others.violations());
    }

    @Test
    void aRepeatToAnExistingRecipientAnotherTextAndAnotherInstanceAreUnaffected() {
        for (int i = 0; i < MAX_OTHERS; i++) {
            reserveText(instance, text, recipient(i), NOW, RiskAssessment.CLEAN);
        }

        assertInstanceOf(Reserved.class, reserveText(instance, text, recipient(0), NOW, RiskAssessment.CLEAN),
                "recipient 0 has only 24 others before it");
        assertInstanceOf(Reserved.class, reserveText(instance, ContentFingerprint.of(instance, "another text"),
                recipient(MAX_OTHERS), NOW, RiskAssessment.CLEAN));
        assertInstanceOf(Reserved.class, reserveText(subject.instance(account).id(), text, recipient(MAX_OTHERS), NOW,
                RiskAssessment.CLEAN), "another instance's sends are not counted, even under the same fingerprint");
    }

    @Test
    void sendsOutsideTheWindowDoNotCount() {
        Instant longAgo = NOW.minus(WINDOW);
        for (int i = 0; i < MAX_OTHERS; i++) {
            reserveText(instance, text, recipient(i), longAgo, RiskAssessment.CLEAN);
        }

        assertInstanceOf(Reserved.class, reserveText(instance, text, recipient(MAX_OTHERS), NOW, RiskAssessment.CLEAN),
                "sent exactly one window ago is outside it");
    }

    @Test
    void withoutTheRuleNothingIsProbedOrFingerprinted() {
        for (int i = 0; i < MAX_OTHERS; i++) {
            assertInstanceOf(Reserved.class, gate.reserve(new SendReservation(
                    new SendReservation.Send(account, instance, recipient(i), MessagePurpose.TRANSACTIONAL, Optional.empty()),
                    blockingReasons(MessagePurpose.TRANSACTIONAL), false, Optional.empty(), GENEROUS,
                    UsageWindows.at(NOW, ZoneOffset.UTC), RiskAssessment.CLEAN)));
        }

        assertInstanceOf(Reserved.class, reserveText(instance, text, recipient(MAX_OTHERS), NOW, RiskAssessment.CLEAN),
                "the sends without the rule left no fingerprint");
    }

    @Test
    void anAllowedAssessmentScoringAboveZeroIsStoredWithItsLogRow() {
        RiskAssessment risky = new RiskAssessment(35, RiskAction.ALLOW, List.of(
                new RiskSignal("promotional_language", 20, "sale, \"today\" only"),
                new RiskSignal("shortened_link", 15, "bit.ly ,عرض")));

        Reserved clean = assertInstanceOf(Reserved.class,
                reserveText(instance, text, recipient(1), NOW, RiskAssessment.CLEAN));
        Reserved stored = assertInstanceOf(Reserved.class, reserveText(instance, text, recipient(2), NOW, risky));

        List<RiskEvent> events = subject.riskLedger().recent(instance, 10);
        assertEquals(1, events.size(), "a clean send stores nothing: " + clean);
        RiskEvent event = events.getFirst();
        assertEquals(risky, event.assessment());
        assertEquals(Optional.of(stored.logId()), event.logId());
        assertEquals(NOW, event.at());
    }

    // The Idempotency-Key link

    @Test
    void aReservedSendIsLinkedToItsRequestsClaim() {
        IdempotencyKeys keys = subject.idempotencyKeys();
        assertEquals(new Claim.Claimed(), keys.claim(account, "k-1", "h1", NOW));

        Reserved reserved = assertInstanceOf(Reserved.class, gate.reserve(reservation(instance, PHONE,
                MessagePurpose.SUPPORT, GENEROUS, UsageWindows.at(NOW, ZoneOffset.UTC), anyContent(),
                RiskAssessment.CLEAN, Optional.of("k-1"))));

        Instant crashedLater = NOW.plus(IdempotencyKeys.ABANDONED_AFTER).plusSeconds(1);
        assertEquals(new Claim.InProgress(), keys.claim(account, "k-1", "h1", crashedLater),
                "its send may be under way: never abandoned");
        subject.messageLog().markSent(reserved.logId(), "wamid.k1", NOW.plusSeconds(1));
        assertEquals(new Claim.AlreadySent(reserved.logId(), "wamid.k1"), keys.claim(account, "k-1", "h1", crashedLater));
    }

    @Test
    void aRefusedSendOrAnotherAccountsKeyLinksNothing() {
        IdempotencyKeys keys = subject.idempotencyKeys();
        AccountId other = subject.account();
        assertEquals(new Claim.Claimed(), keys.claim(account, "k-2", "h1", NOW));
        assertEquals(new Claim.Claimed(), keys.claim(other, "k-3", "h1", NOW));

        Limits one = new Limits(1, 1, 1);
        UsageWindows windows = UsageWindows.at(NOW, ZoneOffset.UTC);
        assertInstanceOf(Reserved.class, gate.reserve(reservation(instance, PHONE, MessagePurpose.SUPPORT, one, windows,
                anyContent(), RiskAssessment.CLEAN, Optional.empty())));
        assertInstanceOf(Exhausted.class, gate.reserve(reservation(instance, PHONE, MessagePurpose.SUPPORT, one, windows,
                anyContent(), RiskAssessment.CLEAN, Optional.of("k-2"))));
        assertInstanceOf(Reserved.class, gate.reserve(reservation(instance, recipient(7), MessagePurpose.SUPPORT,
                GENEROUS, UsageWindows.at(NOW, ZoneOffset.UTC), anyContent(), RiskAssessment.CLEAN, Optional.of("k-3"))));

        Instant abandoned = NOW.plus(IdempotencyKeys.ABANDONED_AFTER).plusSeconds(1);
        assertEquals(new Claim.Claimed(), keys.claim(account, "k-2", "h1", abandoned),
                "a refused send counted nothing: its claim is abandoned like one without a row");
        assertEquals(new Claim.Claimed(), keys.claim(other, "k-3", "h1", abandoned),
                "a key of another account is not this send's");
    }

    private void suppress(SuppressionReason reason, SuppressedBy by) {
        subject.suppressions().add(new Suppression(instance, PHONE, reason, by, LAST_HALF_MINUTE_OF_MARCH), "test",
                Optional.empty());
    }

    // Step 9's conditional signals: facts the gate holds

    private static final ConditionalSignal FIRST_MESSAGE_CHAT_LINK = new ConditionalSignal(
            new RiskSignal("whatsapp_link", 35, "wa.me opens a WhatsApp chat, in a first message to this recipient"),
            new ConditionalSignal.RecipientNeverWrote());

    private static ConditionalSignal newHost(String host) {
        return new ConditionalSignal(new RiskSignal("new_link_host", 10, host + " was first linked less than 30 days ago"),
                new ConditionalSignal.HostNew(host, Duration.ofDays(30)));
    }

    private GateOutcome reserveWithConditions(PhoneNumber phone, Instant at, RiskAssessment assessment,
                                              ConditionalSignal... conditional) {
        Set<String> hosts = Arrays.stream(conditional).map(ConditionalSignal::condition)
                .filter(ConditionalSignal.HostNew.class::isInstance).map(c -> ((ConditionalSignal.HostNew) c).host())
                .collect(Collectors.toSet());
        return gate.reserve(new SendReservation(new SendReservation.Send(account, instance, phone,
                MessagePurpose.TRANSACTIONAL, Optional.empty()), blockingReasons(MessagePurpose.TRANSACTIONAL), false,
                Optional.of(anyContent()), GENEROUS, UsageWindows.at(at, ZoneOffset.UTC), assessment,
                Optional.of(new SendReservation.ConditionalRisk(List.of(conditional), 80, POLICY.repeatedViolations(), hosts))));
    }

    @Test
    void aChatLinkToARecipientWhoNeverWroteConfirmsTheRiskItWeighsAndIsRecordedAsAViolation() {
        RiskAssessment base = new RiskAssessment(60, RiskAction.ALLOW, List.of(new RiskSignal("cold_outreach", 60, "we help businesses")));
        GateOutcome.RiskConfirmed confirmed = assertInstanceOf(GateOutcome.RiskConfirmed.class,
                reserveWithConditions(PHONE, NOW, base, FIRST_MESSAGE_CHAT_LINK));
        assertEquals(1, confirmed.held(), "the first conditional signal held");
        assertEquals(1, confirmed.violations(), "95 is certain: it counts towards the pause");
        assertEquals("refused", logged(confirmed.logId()).status());
        assertEquals(Optional.of("policy_violation"), logged(confirmed.logId()).error());
        RiskEvent event = subject.riskLedger().recent(instance, 1).getFirst();
        assertEquals(new RiskAssessment(95, RiskAction.BLOCK, List.of(base.signals().getFirst(), FIRST_MESSAGE_CHAT_LINK.signal())),
                event.assessment());
        assertEquals(Optional.of(confirmed.logId()), event.logId());
        assertEquals(new Usage(0, 0, 0), gate.usage(instance, UsageWindows.at(NOW, ZoneOffset.UTC)), "nothing counted");

        gate.recipientWrote(instance, PHONE, NOW.minus(Duration.ofDays(90)));
        Reserved reserved = assertInstanceOf(Reserved.class, reserveWithConditions(PHONE, NOW, base, FIRST_MESSAGE_CHAT_LINK),
                "once the recipient has written, ever, the link is no first message's");
        assertEquals(base, subject.riskLedger().recent(instance, 1).getFirst().assessment(),
                "the reserved send's assessment holds no signal that did not hold");
        assertEquals(Optional.of(reserved.logId()), subject.riskLedger().recent(instance, 1).getFirst().logId());
    }

    @Test
    void conditionalSignalsThatHoldButStayBelowTheBlockScoreAreStoredWithTheReservedSend() {
        String host = "parcel-" + UUID.randomUUID() + ".example";
        Reserved reserved = assertInstanceOf(Reserved.class,
                reserveWithConditions(recipient(1), NOW, RiskAssessment.CLEAN, newHost(host)));
        RiskEvent stored = subject.riskLedger().recent(instance, 1).getFirst();
        assertEquals(new RiskAssessment(10, RiskAction.ALLOW, List.of(newHost(host).signal())), stored.assessment());
        assertEquals(Optional.of(reserved.logId()), stored.logId());
    }

    @Test
    void aHostIsNewUntilAnAcceptedSendLinkedToItLongEnoughAgo() {
        String host = "track-" + UUID.randomUUID() + ".example";
        RiskAssessment base = new RiskAssessment(75, RiskAction.ALLOW, List.of(new RiskSignal("scam", 75, "pay the fee")));
        GateOutcome.RiskConfirmed refused = assertInstanceOf(GateOutcome.RiskConfirmed.class,
                reserveWithConditions(recipient(1), NOW, base, newHost(host)), "never linked: new");
        assertEquals(1, refused.held());
        assertEquals(0, refused.violations(), "85 is no certain violation: not counted towards the pause");

        assertInstanceOf(Reserved.class, reserveWithConditions(recipient(2), NOW, RiskAssessment.CLEAN, newHost(host)),
                "a refused send records no host; this accepted one does");
        assertInstanceOf(GateOutcome.RiskConfirmed.class,
                reserveWithConditions(recipient(3), NOW.plus(Duration.ofDays(29)), base, newHost(host)),
                "first linked 29 days ago: still new");
        assertInstanceOf(Reserved.class,
                reserveWithConditions(recipient(4), NOW.plus(Duration.ofDays(30)), base, newHost(host)),
                "first linked 30 days ago: known");
        GateOutcome.RiskConfirmed byTheLinkAlone = assertInstanceOf(GateOutcome.RiskConfirmed.class,
                reserveWithConditions(recipient(5), NOW.plus(Duration.ofDays(31)), base, FIRST_MESSAGE_CHAT_LINK, newHost(host)));
        assertEquals(0b01, byTheLinkAlone.held(), "the chat link held (a first message), the known host did not");
    }

    private MessageRecord logged(long logId) {
        return subject.messageLog().find(account, logId).orElseThrow();
    }

    private GateOutcome reserve(Limits limits, Instant at) {
        return reserve(MessagePurpose.SUPPORT, limits, at);
    }

    private GateOutcome reserve(MessagePurpose purpose, Limits limits, Instant at) {
        return gate.reserve(reservation(instance, PHONE, purpose, limits, windowsAt(at), anyContent(),
                RiskAssessment.CLEAN, Optional.empty()));
    }

    private GateOutcome reserveText(InstanceId to, ContentFingerprint content, PhoneNumber phone, Instant at,
                                    RiskAssessment assessment) {
        return gate.reserve(reservation(to, phone, MessagePurpose.TRANSACTIONAL, GENEROUS,
                UsageWindows.at(at, ZoneOffset.UTC), rule(content, assessment), assessment));
    }

    private SendReservation reservation(InstanceId to, PhoneNumber phone, MessagePurpose purpose, Limits limits,
                                        UsageWindows windows, DuplicateContentRule rule, RiskAssessment assessment) {
        return reservation(to, phone, purpose, limits, windows, rule, assessment, Optional.empty());
    }

    private SendReservation reservation(InstanceId to, PhoneNumber phone, MessagePurpose purpose, Limits limits,
                                        UsageWindows windows, DuplicateContentRule rule, RiskAssessment assessment,
                                        Optional<String> idempotencyKey) {
        return new SendReservation(new SendReservation.Send(account, to, phone, purpose, idempotencyKey),
                blockingReasons(purpose), false, Optional.of(rule), limits, windows, assessment);
    }

    /** As the send use case builds it with the default policy, for a text of this assessment. */
    private static DuplicateContentRule rule(ContentFingerprint content, RiskAssessment assessment) {
        return new DuplicateContentRule(content, MAX_OTHERS, WINDOW, POLICY.duplicateContent().toCount(assessment),
                POLICY.repeatedViolations());
    }

    /** A rule that never refuses: a text nobody else sends. */
    private DuplicateContentRule anyContent() {
        return rule(ContentFingerprint.of(instance, "text " + UUID.randomUUID()), RiskAssessment.CLEAN);
    }

    /** As the send use case computes them: the reasons whose suppression refuses this purpose. */
    private static Set<SuppressionReason> blockingReasons(MessagePurpose purpose) {
        return Arrays.stream(SuppressionReason.values()).filter(r -> r.blocks(purpose)).collect(Collectors.toSet());
    }

    private static UsageWindows windowsAt(Instant at) {
        return UsageWindows.at(at, RIYADH);
    }

    private static PhoneNumber recipient(int i) {
        return new PhoneNumber("+9665012%05d".formatted(i));
    }
}
