package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.SendGate;
import hub.gateway.application.port.out.MessageLog;
import hub.gateway.application.port.out.SendReservation;
import hub.gateway.application.port.out.RiskFacts;
import hub.gateway.application.port.out.RiskLedger.Violation;
import hub.gateway.domain.account.Account;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.message.DeliveryStatus;
import hub.gateway.domain.message.MessagePurpose;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.quota.Limits;
import hub.gateway.domain.quota.UsageWindows;
import hub.gateway.domain.risk.BehaviourFacts;
import hub.gateway.domain.risk.RiskAction;
import hub.gateway.domain.risk.RiskAssessment;
import hub.gateway.domain.send.GateOutcome.Reserved;
import hub.gateway.domain.suppression.SuppressedBy;
import hub.gateway.domain.suppression.Suppression;
import hub.gateway.domain.suppression.SuppressionReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An instance's recent behaviour. The port passes no "now" (windows end at the node's clock), so the rows
 * here are written relative to the real time.
 */
class RiskFactsTest {
    private static final Duration WINDOW = Duration.ofHours(1);
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final Instant LONG_AGO = NOW.minus(WINDOW).minusSeconds(60);

    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Test
    void countsTheLastTransportOutcomesTheOptOutsAndTheRecipientsWithinTheWindow() {
        Account account = database.fixtures().account(ZoneOffset.UTC);
        Instance instance = database.fixtures().instance(account);
        sent(instance, recipient(0), LONG_AGO);
        for (int i = 1; i <= 3; i++) {
            sent(instance, recipient(i), NOW);
        }
        for (int i = 4; i <= 5; i++) {
            failed(instance, recipient(i), NOW);
        }
        reserve(instance, recipient(6), NOW);
        reserve(instance, recipient(1), NOW);
        database.persistence().riskLedger().recordViolation(new Violation(account.id(), instance.id(), recipient(7).e164(),
                "marketing", new RiskAssessment(90, RiskAction.BLOCK, List.of()), NOW),
                new hub.gateway.domain.risk.RepeatedViolationsRule(5, WINDOW, 90));
        optOut(instance, recipient(1), SuppressionReason.RECIPIENT_REQUESTED_STOP, NOW);
        optOut(instance, recipient(2), SuppressionReason.RECIPIENT_REQUESTED_STOP, NOW.minusSeconds(60));
        optOut(instance, recipient(3), SuppressionReason.RECIPIENT_REQUESTED_STOP, LONG_AGO);
        optOut(instance, recipient(4), SuppressionReason.BLOCKED, NOW);
        Instance quiet = database.fixtures().instance(account);

        RiskFacts facts = database.persistence().riskFacts();
        assertEquals(new BehaviourFacts(4, 2, 2, 6), facts.recentBehaviour(instance.id(), 4, WINDOW, 1),
                "the last four outcomes are two failures and two sends; recipients 1 to 6 within the hour");
        assertEquals(new BehaviourFacts(6, 2, 2, 6), facts.recentBehaviour(instance.id(), 50, WINDOW, 2));
        assertEquals(new BehaviourFacts(6, 2, 2, 0), facts.recentBehaviour(instance.id(), 50, WINDOW, 3),
                "two opt-outs do not reach three: the recipients are not counted");
        assertEquals(BehaviourFacts.NONE, facts.recentBehaviour(quiet.id(), 50, WINDOW, 1));
    }

    /** Other nodes' changes are seen when the cache expires; this node's failures and opt-outs at once. */
    @Test
    void answersFromTheCacheUntilThisNodeRecordsAFailureOrAnOptOut() {
        Account account = database.fixtures().account(ZoneOffset.UTC);
        Instance instance = database.fixtures().instance(account);
        RiskFacts facts = database.persistence().riskFacts();
        failed(instance, recipient(1), NOW);
        assertEquals(new BehaviourFacts(1, 1, 0, 1), facts.recentBehaviour(instance.id(), 50, WINDOW, 0));

        String sent = sent(instance, recipient(2), NOW);
        assertEquals(new BehaviourFacts(1, 1, 0, 1), facts.recentBehaviour(instance.id(), 50, WINDOW, 0),
                "a send that went out moves no share far: the cached answer stands");

        failed(instance, recipient(3), NOW);
        assertEquals(new BehaviourFacts(3, 2, 0, 3), facts.recentBehaviour(instance.id(), 50, WINDOW, 0),
                "a failed send given back is seen by the next look-up");

        database.persistence().messageLog().recordDeliveryStatus(sent, DeliveryStatus.FAILED, NOW,
                Optional.of("131026 Message undeliverable"));
        assertEquals(new BehaviourFacts(3, 3, 0, 3), facts.recentBehaviour(instance.id(), 50, WINDOW, 0),
                "so is a failure the transport reports later");

        optOut(instance, recipient(1), SuppressionReason.RECIPIENT_REQUESTED_STOP, NOW);
        assertEquals(new BehaviourFacts(3, 3, 1, 3), facts.recentBehaviour(instance.id(), 50, WINDOW, 0),
                "and an opt-out");
    }

    /** Reported statuses: delivered and read are still deliveries; a failure reported later is a failure. */
    @Test
    void countsFailuresTheTransportReportsLater() {
        Account account = database.fixtures().account(ZoneOffset.UTC);
        Instance instance = database.fixtures().instance(account);
        String delivered = sent(instance, recipient(1), NOW);
        String read = sent(instance, recipient(2), NOW);
        String failedLater = sent(instance, recipient(3), NOW);
        MessageLog log = database.persistence().messageLog();
        log.recordDeliveryStatus(delivered, DeliveryStatus.DELIVERED, NOW, Optional.empty());
        log.recordDeliveryStatus(read, DeliveryStatus.DELIVERED, NOW, Optional.empty());
        log.recordDeliveryStatus(read, DeliveryStatus.READ, NOW, Optional.empty());
        log.recordDeliveryStatus(failedLater, DeliveryStatus.DELIVERED, NOW, Optional.empty());
        log.recordDeliveryStatus(failedLater, DeliveryStatus.FAILED, NOW, Optional.of("131026 Message undeliverable"));

        assertEquals(new BehaviourFacts(3, 1, 0, 3), database.persistence().riskFacts().recentBehaviour(instance.id(), 50, WINDOW, 0));
    }

    private static long reserve(Instance instance, PhoneNumber phone, Instant at) {
        SendReservation reservation = Fixtures.reservation(instance.accountId(), instance.id(), phone,
                MessagePurpose.TRANSACTIONAL, new Limits(10_000, 10_000, 10_000), UsageWindows.at(at, ZoneOffset.UTC),
                Fixtures.blockingReasons(MessagePurpose.TRANSACTIONAL), Fixtures.anyContent(), RiskAssessment.CLEAN);
        return ((Reserved) database.persistence().sendGate().reserve(reservation)).logId();
    }

    /** Returns the message id. */
    private static String sent(Instance instance, PhoneNumber phone, Instant at) {
        String messageId = "wamid." + Fixtures.shortId();
        database.persistence().messageLog().markSent(reserve(instance, phone, at), messageId, at);
        return messageId;
    }

    private static void failed(Instance instance, PhoneNumber phone, Instant at) {
        database.persistence().sendGate().giveBack(reserve(instance, phone, at), SendGate.GiveBack.DELIVERY_FAILED, at);
    }

    private static void optOut(Instance instance, PhoneNumber phone, SuppressionReason reason, Instant at) {
        SuppressedBy by = reason == SuppressionReason.BLOCKED ? SuppressedBy.CLIENT : SuppressedBy.RECIPIENT;
        database.persistence().suppressions().add(new Suppression(instance.id(), phone, reason, by, at), "test",
                Optional.empty());
    }

    private static PhoneNumber recipient(int i) {
        return Fixtures.recipient(i);
    }
}
