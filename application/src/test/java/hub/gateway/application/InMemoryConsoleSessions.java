package hub.gateway.application;

import hub.gateway.application.port.out.ConsoleSessions;
import hub.gateway.application.port.out.Operators;
import hub.gateway.domain.account.ApiKeyHash;
import hub.gateway.domain.operator.ConsoleSession;
import hub.gateway.domain.operator.RegisteredOperator;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Sessions by their id's hash; a look-up asks the operators whether the session's operator is still live. */
final class InMemoryConsoleSessions implements ConsoleSessions {
    private final Map<ApiKeyHash, ConsoleSession> sessions = new HashMap<>();
    private final Operators operators;
    /** How many times a session's last use was written: a look-up should not write every time. */
    int touches;

    InMemoryConsoleSessions(Operators operators) {
        this.operators = operators;
    }

    @Override
    public synchronized void start(ConsoleSession session) {
        sessions.put(session.idHash(), session);
    }

    @Override
    public synchronized Optional<ConsoleSession> find(ApiKeyHash idHash) {
        return Optional.ofNullable(sessions.get(idHash)).filter(this::operatorIsLive);
    }

    @Override
    public synchronized void touch(ApiKeyHash idHash, Instant at) {
        touches++;
        sessions.computeIfPresent(idHash, (hash, session) -> session.lastSeenAt().isBefore(at) ? session.seenAt(at) : session);
    }

    @Override
    public synchronized void end(ApiKeyHash idHash) {
        sessions.remove(idHash);
    }

    synchronized int removeIdleBefore(Instant cutoff) {
        int before = sessions.size();
        sessions.values().removeIf(session -> session.lastSeenAt().isBefore(cutoff));
        return before - sessions.size();
    }

    private boolean operatorIsLive(ConsoleSession session) {
        Optional<RegisteredOperator> stored = operators.find(session.operator().id());
        return stored.map(o -> !o.isRevoked()).orElse(session.operator().isBuiltIn());
    }
}
