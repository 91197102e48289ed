package hub.gateway.domain.operator;

import hub.gateway.domain.account.ApiKeyHash;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in console session as stored: the hash of its id (the cookie's value, never stored), its operator, the
 * hash of the token it was started with (so that a changed {@code GATEWAY_ADMIN_TOKEN} ends the built-in admin's
 * sessions), its CSRF token, and when it was last used.
 *
 * <p>The CSRF token is stored as it is: on its own it opens nothing (a change needs the session cookie too), and
 * the console's pages must render it.
 */
public record ConsoleSession(ApiKeyHash idHash, Operator operator, ApiKeyHash tokenHash, String csrfToken,
                             Instant startedAt, Instant lastSeenAt) {
    /** Contract §12: a session unused this long is over. */
    public static final Duration IDLE_EXPIRY = Duration.ofHours(8);

    public ConsoleSession {
        Objects.requireNonNull(idHash);
        Objects.requireNonNull(operator);
        Objects.requireNonNull(tokenHash);
        Objects.requireNonNull(csrfToken);
        Objects.requireNonNull(startedAt);
        Objects.requireNonNull(lastSeenAt);
    }

    public Instant expiresAt() {
        return lastSeenAt.plus(IDLE_EXPIRY);
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt());
    }

    public ConsoleSession seenAt(Instant at) {
        return new ConsoleSession(idHash, operator, tokenHash, csrfToken, startedAt, at);
    }
}
