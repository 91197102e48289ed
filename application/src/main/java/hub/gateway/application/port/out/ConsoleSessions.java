package hub.gateway.application.port.out;

import hub.gateway.domain.account.ApiKeyHash;
import hub.gateway.domain.operator.ConsoleSession;

import java.time.Instant;
import java.util.Optional;

/**
 * Server-side console sessions, found by the hash of their id. Uncached, so that a sign-out or an operator's
 * revoke is seen at once by every node.
 */
public interface ConsoleSessions {
    void start(ConsoleSession session);

    /**
     * The session, unless it was ended or its stored operator was revoked (a session of the built-in admin has no
     * stored operator). Idle expiry is the caller's to judge.
     */
    Optional<ConsoleSession> find(ApiKeyHash idHash);

    /** Moves the session's last use forward to {@code at} (never back). */
    void touch(ApiKeyHash idHash, Instant at);

    /** Ends the session; ending one that is gone changes nothing. */
    void end(ApiKeyHash idHash);
}
