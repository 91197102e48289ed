package hub.gateway.application.port.in;

import hub.gateway.domain.operator.Operator;

import java.time.Instant;

/**
 * A live console session as the console sees it: whose it is, the CSRF token every change it makes must carry, and
 * when it expires if it is not used again.
 */
public record ActiveConsoleSession(Operator operator, String csrfToken, Instant expiresAt) {
}
