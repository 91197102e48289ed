package hub.gateway.application.contract;

import hub.gateway.application.port.out.Instances.StatusChange;
import hub.gateway.application.port.out.OperatorAudit;
import hub.gateway.application.port.out.Operators;
import hub.gateway.application.port.out.Outbox.PendingEvent;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.account.InstanceStatus;
import hub.gateway.domain.operator.AuditAction;
import hub.gateway.domain.operator.AuditEntry;
import hub.gateway.domain.operator.Operator;
import hub.gateway.domain.operator.OperatorToken;
import hub.gateway.domain.operator.RegisteredOperator;
import hub.gateway.domain.risk.PauseCause;
import hub.gateway.domain.webhook.ClientEvent;
import hub.gateway.domain.webhook.ClientEvent.InstancePausedForReview;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract of the operator ports: Operators and the OperatorAudit log, and an operator's status change on
 * Instances, which stores its client event and its audit entry with it. The audit log is the store's, shared by
 * the tests of a class: each test looks at its own entries (their targets are its own ids).
 */
public abstract class OperatorsContract {
    /** Microseconds: PostgreSQL's precision. */
    protected static final Instant NOW = Instant.parse("2025-05-01T10:00:00.123456Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    public interface Subject extends ContractPorts {
    }

    protected abstract Subject subject();

    private Subject subject;
    private Operators operators;
    private OperatorAudit audit;
    private String unique;

    @BeforeEach
    void fresh() {
        subject = subject();
        operators = subject.operators();
        audit = subject.operatorAudit();
        unique = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anAddedOperatorIsFoundByItsTokenAndIdAndListedWithItsAuditEntry() {
        OperatorToken token = OperatorToken.generate(RANDOM);
        RegisteredOperator alice = operator("alice-" + unique, token);

        assertTrue(operators.add(alice, entry(AuditAction.OPERATOR_CREATE, alice.operator().name())));

        assertEquals(Optional.of(alice), operators.findByTokenHash(token.hash()));
        assertEquals(Optional.of(alice), operators.find(alice.operator().id()));
        assertTrue(operators.list().contains(alice));
        assertEquals(Optional.empty(), operators.findByTokenHash(OperatorToken.generate(RANDOM).hash()));
        assertEquals(List.of(entry(AuditAction.OPERATOR_CREATE, alice.operator().name())), mine());
    }

    @Test
    void aTakenNameWhateverItsCaseIsRefusedAndNothingIsAudited() {
        RegisteredOperator first = operator("Bob-" + unique, OperatorToken.generate(RANDOM));
        assertTrue(operators.add(first, entry(AuditAction.OPERATOR_CREATE, "first")));

        RegisteredOperator again = operator("bob-" + unique, OperatorToken.generate(RANDOM));
        assertFalse(operators.add(again, entry(AuditAction.OPERATOR_CREATE, "second")));

        assertEquals(Optional.empty(), operators.find(again.operator().id()));
        assertEquals(List.of(entry(AuditAction.OPERATOR_CREATE, "first")), mine());
    }

    @Test
    void aRevokeKeepsItsFirstTimeAndIsAuditedOnce() {
        OperatorToken token = OperatorToken.generate(RANDOM);
        RegisteredOperator carol = operator("carol-" + unique, token);
        operators.add(carol, entry(AuditAction.OPERATOR_CREATE, "carol"));
        String id = carol.operator().id();

        assertTrue(operators.revoke(id, NOW.plusSeconds(1), entry(AuditAction.OPERATOR_REVOKE, "carol")));
        assertTrue(operators.revoke(id, NOW.plusSeconds(2), entry(AuditAction.OPERATOR_REVOKE, "carol again")));
        assertFalse(operators.revoke("op_" + unique + "_none", NOW, entry(AuditAction.OPERATOR_REVOKE, "nobody")));

        assertEquals(Optional.of(NOW.plusSeconds(1)), operators.findByTokenHash(token.hash()).orElseThrow().revokedAt());
        assertEquals(List.of(entry(AuditAction.OPERATOR_REVOKE, "carol"), entry(AuditAction.OPERATOR_CREATE, "carol")),
                mine());
    }

    @Test
    void theAuditLogIsNewestFirstAndKeepsNotesAsWritten() {
        audit.append(entry(AuditAction.ACCOUNT_CREATE, "one"));
        audit.append(entry(AuditAction.INSTANCE_RESUME, "two").withNote(Optional.of("تمت المراجعة: reminders only")));
        audit.append(entry(AuditAction.API_KEY_REVOKE, "three"));

        assertEquals(List.of(entry(AuditAction.API_KEY_REVOKE, "three"),
                entry(AuditAction.INSTANCE_RESUME, "two").withNote(Optional.of("تمت المراجعة: reminders only"))),
                audit.recent(2));
    }

    @Test
    void anOperatorsPauseIsStoredWithItsEventAndEntryOnlyWhenItChangesSomething() {
        Instance instance = subject.instance(subject.account());
        InstanceId id = instance.id();
        ClientEvent paused = InstancePausedForReview.byOperator(id, instance.name(), Optional.of("complaints"), NOW);
        AuditEntry pause = new AuditEntry(NOW, "alice", AuditAction.INSTANCE_PAUSE, id.value(), Optional.of("complaints"));

        assertEquals(StatusChange.CHANGED, subject.instances().changeStatus(id, InstanceStatus.PAUSED_FOR_REVIEW,
                Optional.of(paused), pause));
        assertEquals(StatusChange.UNCHANGED, subject.instances().changeStatus(id, InstanceStatus.PAUSED_FOR_REVIEW,
                Optional.of(paused), pause));
        AuditEntry resume = new AuditEntry(NOW, "alice", AuditAction.INSTANCE_RESUME, id.value(), Optional.empty());
        assertEquals(StatusChange.CHANGED, subject.instances().changeStatus(id, InstanceStatus.ACTIVE, Optional.empty(), resume));
        assertEquals(StatusChange.UNKNOWN_INSTANCE, subject.instances().changeStatus(new InstanceId("nowhere-" + unique),
                InstanceStatus.ACTIVE, Optional.empty(), resume));

        assertTrue(subject.instances().find(id).orElseThrow().status() == InstanceStatus.ACTIVE);
        assertEquals(List.of(resume, pause), audit.recent(50).stream().filter(e -> e.target().equals(id.value())).toList());
        List<PendingEvent> events = subject.outbox().claimDue(NOW, 1_000, Duration.ofMinutes(1)).stream()
                .filter(e -> e.event().instanceId().equals(id)).toList();
        assertEquals(1, events.size(), "one event: the one pause that changed something");
        InstancePausedForReview announced = (InstancePausedForReview) events.getFirst().event();
        assertEquals(PauseCause.OPERATOR, announced.cause());
        assertEquals(Optional.of("complaints"), announced.note());
        assertEquals(instance.name(), announced.instanceName());
        assertEquals(0, announced.riskScore());
    }

    private RegisteredOperator operator(String name, OperatorToken token) {
        return new RegisteredOperator(new Operator("op_" + UUID.randomUUID(), name), token.hash(), NOW, Optional.empty());
    }

    private AuditEntry entry(AuditAction action, String target) {
        return AuditEntry.of(new Operator("admin", "admin"), action, unique + "/" + target, NOW);
    }

    /** This test's entries, newest first. */
    private List<AuditEntry> mine() {
        return audit.recent(500).stream().filter(e -> e.target().startsWith(unique + "/")).toList();
    }
}
