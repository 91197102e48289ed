package hub.gateway.domain.account;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A stored API key: who owns it, how to recognise it, and whether it was revoked. */
public record ApiKey(String id, AccountId accountId, String prefix, ApiKeyHash hash, Instant createdAt,
                     Optional<Instant> revokedAt) {
    public ApiKey {
        Objects.requireNonNull(id);
        Objects.requireNonNull(accountId);
        Objects.requireNonNull(prefix);
        Objects.requireNonNull(hash);
        Objects.requireNonNull(createdAt);
        Objects.requireNonNull(revokedAt);
    }

    public boolean isRevoked() {
        return revokedAt.isPresent();
    }
}
