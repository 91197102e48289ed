package hub.gateway.domain.operator;

import hub.gateway.domain.account.ApiKeyHash;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A stored operator: who they are, how to recognise their token, and whether it was revoked. */
public record RegisteredOperator(Operator operator, ApiKeyHash tokenHash, Instant createdAt, Optional<Instant> revokedAt) {
    public RegisteredOperator {
        Objects.requireNonNull(operator);
        Objects.requireNonNull(tokenHash);
        Objects.requireNonNull(createdAt);
        Objects.requireNonNull(revokedAt);
    }

    public boolean isRevoked() {
        return revokedAt.isPresent();
    }
}
