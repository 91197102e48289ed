package hub.gateway.application.service;

import hub.gateway.application.port.in.ActiveConsoleSession;
import hub.gateway.application.port.in.FindConsoleSessionUseCase;
import hub.gateway.application.port.in.SignInOperatorUseCase;
import hub.gateway.application.port.in.SignOutOperatorUseCase;
import hub.gateway.application.port.out.ConsoleSessions;
import hub.gateway.domain.RandomSecrets;
import hub.gateway.domain.account.ApiKeyHash;
import hub.gateway.domain.operator.ConsoleSession;
import hub.gateway.domain.operator.Operator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The console's server-side sessions (contract §12): started with any token {@code /admin} accepts, found by the
 * cookie's value, ended by sign-out, 8 hours' idle expiry. Every look-up reads the store (no cache), which joins
 * the operator: a revoke ends its sessions on every node at once.
 */
final class ConsoleSessionService implements SignInOperatorUseCase, FindConsoleSessionUseCase, SignOutOperatorUseCase {
    /** The cookie value's prefix: tells a session id apart from a token in a log or a bug report. */
    static final String SESSION_PREFIX = "gcs_";
    /**
     * A session's last use is written at most once a minute: most look-ups are then reads only, and an idle expiry
     * of 8 hours is off by at most this much.
     */
    static final Duration TOUCH_AFTER = Duration.ofMinutes(1);

    private final OperatorService operators;
    private final ConsoleSessions sessions;
    private final RandomIds ids;
    private final Clock clock;

    ConsoleSessionService(OperatorService operators, ConsoleSessions sessions, RandomIds ids, Clock clock) {
        this.operators = operators;
        this.sessions = sessions;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public SignInResult signIn(String token) {
        Optional<Operator> operator = operators.operatorOf(token);
        if (operator.isEmpty()) {
            return new SignInResult.Refused();
        }
        String sessionId = RandomSecrets.generate(SESSION_PREFIX, ids.random());
        String csrfToken = RandomSecrets.generate("", ids.random());
        Instant now = clock.instant();
        ConsoleSession session = new ConsoleSession(ApiKeyHash.of(sessionId), operator.get(), ApiKeyHash.of(token),
                csrfToken, now, now);
        sessions.start(session);
        return new SignInResult.SignedIn(sessionId, active(session));
    }

    @Override
    public Optional<ActiveConsoleSession> find(String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        ApiKeyHash idHash = ApiKeyHash.of(sessionId);
        Optional<ConsoleSession> found = sessions.find(idHash)
                .filter(session -> !session.isExpiredAt(now))
                .filter(this::operatorStillHoldsIt);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ConsoleSession session = found.get();
        if (Duration.between(session.lastSeenAt(), now).compareTo(TOUCH_AFTER) >= 0) {
            sessions.touch(idHash, now);
            session = session.seenAt(now);
        }
        return Optional.of(active(session));
    }

    @Override
    public void signOut(String sessionId) {
        if (sessionId != null && !sessionId.isBlank()) {
            sessions.end(ApiKeyHash.of(sessionId));
        }
    }

    /**
     * A stored operator's revoke is the store's to see (it joins the operator); the built-in admin's session lasts
     * only while {@code GATEWAY_ADMIN_TOKEN} is still the token it was started with.
     */
    private boolean operatorStillHoldsIt(ConsoleSession session) {
        return !session.operator().isBuiltIn() || operators.isAdminToken(session.tokenHash());
    }

    private static ActiveConsoleSession active(ConsoleSession session) {
        return new ActiveConsoleSession(session.operator(), session.csrfToken(), session.expiresAt());
    }
}
