package hub.gateway.application.contract;

import hub.gateway.application.port.out.ConsoleSessions;
import hub.gateway.domain.account.ApiKeyHash;
import hub.gateway.domain.operator.AuditAction;
import hub.gateway.domain.operator.AuditEntry;
import hub.gateway.domain.operator.ConsoleSession;
import hub.gateway.domain.operator.Operator;
import hub.gateway.domain.operator.OperatorToken;
import hub.gateway.domain.operator.RegisteredOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The ConsoleSessions port's contract: started, found, touched forward only, ended, and gone with its operator. */
public abstract class ConsoleSessionsContract {
    protected static final Instant NOW = Instant.parse("2025-05-01T10:00:00.123456Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    public interface Subject extends ContractPorts {
    }

    protected abstract Subject subject();

    private Subject subject;
    private ConsoleSessions sessions;

    @BeforeEach
    void fresh() {
        subject = subject();
        sessions = subject.consoleSessions();
    }

    @Test
    void aStartedSessionIsFoundByItsHashAsItWasStored() {
        ConsoleSession session = session(storedOperator().operator());
        sessions.start(session);

        assertEquals(Optional.of(session), sessions.find(session.idHash()));
        assertEquals(Optional.empty(), sessions.find(ApiKeyHash.of("gcs_" + UUID.randomUUID())));
    }

    @Test
    void theBuiltInAdminsSessionHasNoStoredOperatorAndIsFound() {
        ConsoleSession session = session(Operator.ADMIN);
        sessions.start(session);

        assertEquals(Optional.of(session), sessions.find(session.idHash()));
    }

    @Test
    void aTouchMovesTheLastUseForwardNeverBack() {
        ConsoleSession session = session(Operator.ADMIN);
        sessions.start(session);

        sessions.touch(session.idHash(), NOW.plusSeconds(120));
        sessions.touch(session.idHash(), NOW.plusSeconds(60));

        assertEquals(NOW.plusSeconds(120), sessions.find(session.idHash()).orElseThrow().lastSeenAt());
    }

    @Test
    void anEndedSessionIsGoneAndEndingItAgainChangesNothing() {
        ConsoleSession session = session(Operator.ADMIN);
        sessions.start(session);

        sessions.end(session.idHash());
        sessions.end(session.idHash());

        assertEquals(Optional.empty(), sessions.find(session.idHash()));
    }

    @Test
    void aRevokedOperatorsSessionsAreNotFound() {
        RegisteredOperator operator = storedOperator();
        ConsoleSession one = session(operator.operator());
        ConsoleSession two = session(operator.operator());
        sessions.start(one);
        sessions.start(two);

        subject.operators().revoke(operator.operator().id(), NOW,
                AuditEntry.of(Operator.ADMIN, AuditAction.OPERATOR_REVOKE, operator.operator().name(), NOW));

        assertEquals(Optional.empty(), sessions.find(one.idHash()));
        assertEquals(Optional.empty(), sessions.find(two.idHash()));
    }

    private RegisteredOperator storedOperator() {
        String name = "op-" + UUID.randomUUID();
        RegisteredOperator operator = new RegisteredOperator(new Operator("op_" + UUID.randomUUID(), name),
                OperatorToken.generate(RANDOM).hash(), NOW, Optional.empty());
        subject.operators().add(operator, AuditEntry.of(Operator.ADMIN, AuditAction.OPERATOR_CREATE, name, NOW));
        return operator;
    }

    private static ConsoleSession session(Operator operator) {
        return new ConsoleSession(ApiKeyHash.of("gcs_" + UUID.randomUUID()), operator,
                OperatorToken.generate(RANDOM).hash(), "csrf-" + UUID.randomUUID(), NOW, NOW);
    }
}
