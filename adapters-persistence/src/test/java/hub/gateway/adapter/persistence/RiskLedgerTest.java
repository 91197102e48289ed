package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.Outbox.PendingEvent;
import hub.gateway.application.port.out.RiskLedger;
import hub.gateway.application.port.out.RiskLedger.RiskEvent;
import hub.gateway.application.port.out.RiskLedger.Violation;
import hub.gateway.domain.account.Account;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceStatus;
import hub.gateway.domain.message.MessageRecord;
import hub.gateway.domain.risk.RepeatedViolationsRule;
import hub.gateway.domain.risk.RiskAction;
import hub.gateway.domain.risk.RiskAssessment;
import hub.gateway.domain.risk.RiskSignal;
import hub.gateway.domain.webhook.ClientEvent.InstancePausedForReview;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Violations, review pauses and the risk history, against PostgreSQL. */
class RiskLedgerTest {
    private static final Instant NOW = Instant.parse("2025-06-01T09:30:00Z");
    private static final Duration WINDOW = Duration.ofHours(1);
    /** BLOCKED (85) counts towards the pause under this rule. */
    private static final RepeatedViolationsRule COUNTED = new RepeatedViolationsRule(5, WINDOW, 80);
    private static final RiskAssessment BLOCKED = new RiskAssessment(85, RiskAction.BLOCK, List.of(
            new RiskSignal("promotional_language", 45, "خصم"), new RiskSignal("shortened_link", 40, "bit.ly")));
    private static final RiskAssessment PAUSE = new RiskAssessment(100, RiskAction.PAUSE_INSTANCE, List.of(
            new RiskSignal("repeated_violations", 100, "3 within 60 minutes"),
            new RiskSignal("failed_deliveries", 0, "")));

    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    private RiskLedger ledger;
    private Account account;
    private Instance instance;

    @BeforeEach
    void freshInstance() {
        ledger = database.persistence().riskLedger();
        account = database.fixtures().account(ZoneOffset.UTC);
        instance = database.fixtures().instance(account);
    }

    @Test
    void aViolationIsLoggedAsRefusedWithItsRiskEvent() {
        assertEquals(1, ledger.recordViolation(violation(NOW), COUNTED));

        MessageRecord logged = database.persistence().messageLog().recent(account.id(), instance.id(), 10).getFirst();
        assertEquals("refused", logged.status());
        assertEquals(Optional.of("policy_violation"), logged.error());
        assertEquals(Optional.of("+966501234567"), logged.phone());
        assertEquals(Optional.of("marketing"), logged.messagePurpose());
        assertEquals(NOW, logged.createdAt());
        RiskEvent event = ledger.recent(instance.id(), 10).getFirst();
        assertEquals(BLOCKED, event.assessment());
        assertEquals(Optional.of(logged.logId()), event.logId());
    }

    @Test
    void violationsAreCountedWithinTheWindowOnly() {
        assertEquals(1, ledger.recordViolation(violation(NOW.minus(WINDOW)), COUNTED));
        assertEquals(1, ledger.recordViolation(violation(NOW), COUNTED), "the first is exactly one window old");
        assertEquals(2, ledger.recordViolation(violation(NOW.plusSeconds(1)), COUNTED));
        assertEquals(3, ledger.recordViolation(violation(NOW.plusSeconds(2)), COUNTED));
        assertEquals(1, ledger.recordViolation(new Violation(account.id(), database.fixtures().instance(account).id(),
                "+966501234567", "marketing", BLOCKED, NOW), COUNTED), "another instance counts its own");
    }

    /** A borderline refusal is recorded like any other, and is not one step towards the pause. */
    @Test
    void onlyViolationsScoredAtLeastTheCertainScoreAreCounted() {
        RepeatedViolationsRule certainFrom90 = new RepeatedViolationsRule(5, WINDOW, 90);
        assertEquals(0, ledger.recordViolation(violation(NOW), certainFrom90), "85 is below 90");
        RiskAssessment certain = new RiskAssessment(95, RiskAction.BLOCK, List.of(new RiskSignal("scam", 95, "you have won")));
        assertEquals(1, ledger.recordViolation(new Violation(account.id(), instance.id(), "+966501234567", "marketing",
                certain, NOW.plusSeconds(1)), certainFrom90));
        assertEquals(1, ledger.recordViolation(violation(NOW.plusSeconds(2)), certainFrom90), "still only the certain one");
        assertEquals(2, ledger.recent(instance.id(), 10).stream().filter(e -> e.assessment().score() == 85).count(),
                "both borderline refusals are recorded");
    }

    @Test
    void aPauseHappensOnceWithOneClientEventAndIsSeenAtOnce() throws SQLException {
        assertEquals(InstanceStatus.ACTIVE, database.persistence().instances().find(instance.id()).orElseThrow().status(),
                "now cached as active");

        assertTrue(ledger.pauseForReview(instance.id(), PAUSE, NOW));
        assertFalse(ledger.pauseForReview(instance.id(), PAUSE, NOW.plusSeconds(1)));

        assertEquals(InstanceStatus.PAUSED_FOR_REVIEW,
                database.persistence().instances().find(instance.id()).orElseThrow().status());
        assertEquals(1, database.jdbc().count("select count(*) from client_event where instance_id = ?", instance.id().value()));
        assertEquals(1, database.jdbc().count("""
                select count(*) from client_event
                 where instance_id = ? and event_type = 'instance.paused_for_review'
                   and payload ->> 'instance_name' = ? and payload -> 'risk_score' = '100'
                   and payload -> 'signals' = cast(? as jsonb)""", instance.id().value(), instance.name(),
                "[{\"name\": \"repeated_violations\", \"weight\": 100, \"evidence\": \"3 within 60 minutes\"},"
                        + " {\"name\": \"failed_deliveries\", \"weight\": 0, \"evidence\": \"\"}]"),
                "the webhook's payload carries the signals as a JSON array of objects");
        RiskEvent event = ledger.recent(instance.id(), 10).getFirst();
        assertEquals(PAUSE, event.assessment());
        assertEquals(Optional.empty(), event.logId());
        assertEquals(1, ledger.recent(instance.id(), 10).size());
    }

    @Test
    void thePauseEventIsClaimableWithTheInstanceNameScoreAndSignals() {
        ledger.pauseForReview(instance.id(), PAUSE, NOW);

        List<PendingEvent> claimed = database.persistence().outbox().claimDue(NOW, 1_000, Duration.ofSeconds(30)).stream()
                .filter(e -> e.event().instanceId().equals(instance.id()))
                .toList();

        assertEquals(List.of(InstancePausedForReview.byRules(instance.id(), instance.name(), 100, PAUSE.signals(), NOW)),
                claimed.stream().map(PendingEvent::event).toList());
    }

    @Test
    void recentIsNewestFirstAndLimited() {
        ledger.recordViolation(violation(NOW), COUNTED);
        ledger.pauseForReview(instance.id(), PAUSE, NOW.plusSeconds(1));

        List<RiskEvent> recent = ledger.recent(instance.id(), 10);
        assertEquals(List.of(RiskAction.PAUSE_INSTANCE, RiskAction.BLOCK),
                recent.stream().map(e -> e.assessment().action()).toList());
        assertEquals(1, ledger.recent(instance.id(), 1).size());
        assertTrue(recent.get(0).id() > recent.get(1).id());
    }

    private Violation violation(Instant at) {
        return new Violation(account.id(), instance.id(), "+966501234567", "marketing", BLOCKED, at);
    }
}
