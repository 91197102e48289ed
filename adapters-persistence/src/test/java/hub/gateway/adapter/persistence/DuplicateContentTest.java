package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.SendReservation.DuplicateContentRule;
import hub.gateway.application.port.out.SendReservation;
import hub.gateway.application.port.out.RiskLedger.RiskEvent;
import hub.gateway.domain.Account;
import hub.gateway.domain.ContentFingerprint;
import hub.gateway.domain.Instance;
import hub.gateway.domain.Limits;
import hub.gateway.domain.MessagePurpose;
import hub.gateway.domain.PhoneNumber;
import hub.gateway.domain.GateOutcome;
import hub.gateway.domain.GateOutcome.DuplicateContent;
import hub.gateway.domain.GateOutcome.Reserved;
import hub.gateway.domain.RiskAction;
import hub.gateway.domain.RiskAssessment;
import hub.gateway.domain.RiskPolicy;
import hub.gateway.domain.RiskSignal;
import hub.gateway.domain.Usage;
import hub.gateway.domain.UsageWindows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The duplicate-content rule and the stored assessment, both inside the quota reservation. */
class DuplicateContentTest {
    private static final Instant NOW = Instant.parse("2025-06-01T09:30:00Z");
    private static final int MAX_OTHERS = 25;
    private static final Duration WINDOW = Duration.ofMinutes(60);
    private static final Limits GENEROUS = new Limits(10_000, 10_000, 10_000);

    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    private Account account;
    private Instance instance;
    private ContentFingerprint text;

    @BeforeEach
    void freshInstance() {
        account = database.fixtures().account(ZoneOffset.UTC);
        instance = database.fixtures().instance(account);
        text = ContentFingerprint.of(instance.id(), "Big sale today only");
    }

    @Test
    void theTwentySixthDistinctRecipientIsRefusedCountsNothingAndIsRecordedAsAViolation() {
        for (int i = 0; i < MAX_OTHERS; i++) {
            assertInstanceOf(Reserved.class, reserve(instance, text, recipient(i), NOW));
        }

        DuplicateContent refused = assertInstanceOf(DuplicateContent.class,
                reserve(instance, text, recipient(MAX_OTHERS), NOW));
        assertEquals(new DuplicateContent(MAX_OTHERS, 1, refused.logId()), refused);
        assertEquals(new Usage(MAX_OTHERS, MAX_OTHERS, MAX_OTHERS),
                database.persistence().sendGate().usage(instance.id(), windows(NOW)));
        // The refusal is logged as the violation it is, in the same call (it used to take a second statement).
        assertEquals(MAX_OTHERS + 1, database.persistence().messageLog().recent(account.id(), instance.id(), 100).size());
        assertEquals("policy_violation", database.persistence().messageLog().find(account.id(), refused.logId())
                .orElseThrow().error().orElseThrow());
        RiskEvent violation = database.persistence().riskLedger().recent(instance.id(), 1).getFirst();
        assertEquals(Optional.of(refused.logId()), violation.logId());
        assertEquals(RiskPolicy.defaults().duplicateContent(MAX_OTHERS, RiskAssessment.CLEAN), violation.assessment());
    }

    @Test
    void aRepeatToAnExistingRecipientAnotherTextAndAnotherInstanceAreUnaffected() {
        for (int i = 0; i < MAX_OTHERS; i++) {
            reserve(instance, text, recipient(i), NOW);
        }

        assertInstanceOf(Reserved.class, reserve(instance, text, recipient(0), NOW),
                "recipient 0 has only 24 others before it");
        assertInstanceOf(Reserved.class, reserve(instance, ContentFingerprint.of(instance.id(), "another text"),
                recipient(MAX_OTHERS), NOW));
        assertInstanceOf(Reserved.class, reserve(database.fixtures().instance(account), text, recipient(MAX_OTHERS), NOW),
                "another instance's sends are not counted, even under the same fingerprint");
    }

    @Test
    void sendsOutsideTheWindowDoNotCount() {
        Instant longAgo = NOW.minus(WINDOW);
        for (int i = 0; i < MAX_OTHERS; i++) {
            reserve(instance, text, recipient(i), longAgo);
        }

        assertInstanceOf(Reserved.class, reserve(instance, text, recipient(MAX_OTHERS), NOW),
                "sent exactly one window ago is outside it");
    }

    @Test
    void anAllowedAssessmentScoringAboveZeroIsStoredWithItsLogRow() {
        RiskAssessment risky = new RiskAssessment(35, RiskAction.ALLOW, List.of(
                new RiskSignal("promotional_language", 20, "sale, \"today\" only"),
                new RiskSignal("shortened_link", 15, "bit.ly ,عرض")));

        Reserved clean = assertInstanceOf(Reserved.class,
                reserve(instance, text, recipient(1), NOW, RiskAssessment.CLEAN));
        Reserved stored = assertInstanceOf(Reserved.class, reserve(instance, text, recipient(2), NOW, risky));

        List<RiskEvent> events = database.persistence().riskLedger().recent(instance.id(), 10);
        assertEquals(1, events.size(), "a clean send stores nothing: " + clean);
        RiskEvent event = events.getFirst();
        assertEquals(risky, event.assessment());
        assertEquals(Optional.of(stored.logId()), event.logId());
        assertEquals(NOW, event.at());
    }

    private static GateOutcome reserve(Instance instance, ContentFingerprint text, PhoneNumber phone, Instant at) {
        return reserve(instance, text, phone, at, RiskAssessment.CLEAN);
    }

    private static GateOutcome reserve(Instance instance, ContentFingerprint text, PhoneNumber phone, Instant at,
                                        RiskAssessment assessment) {
        return database.persistence().sendGate().reserve(Fixtures.reservation(instance.accountId(), instance.id(), phone,
                MessagePurpose.TRANSACTIONAL, GENEROUS, windows(at),
                Fixtures.blockingReasons(MessagePurpose.TRANSACTIONAL),
                Fixtures.duplicateContent(text, MAX_OTHERS, WINDOW), assessment));
    }

    private static UsageWindows windows(Instant at) {
        return UsageWindows.at(at, ZoneOffset.UTC);
    }

    static PhoneNumber recipient(int i) {
        return new PhoneNumber("+9665%08d".formatted(10_000_000 + i));
    }
}
