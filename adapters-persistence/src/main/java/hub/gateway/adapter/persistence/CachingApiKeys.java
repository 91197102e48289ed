package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.ApiKeys;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.ApiKey;
import hub.gateway.domain.account.ApiKeyHash;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** See {@link Caches} for how stale an entry may be; changes made on this node are seen at once. */
final class CachingApiKeys implements ApiKeys {
    private final PgApiKeys stored;
    private final SharedLoads<String, Optional<ApiKey>> byHash = Caches.shortLived();

    CachingApiKeys(PgApiKeys stored) {
        this.stored = stored;
    }

    @Override
    public void add(ApiKey key) {
        stored.add(key);
        byHash.invalidate(key.hash().hex());
    }

    /** A failure of the database propagates and leaves nothing cached; concurrent callers share one load. */
    @Override
    public Optional<ApiKey> findByHash(ApiKeyHash hash) {
        return byHash.get(hash.hex(), hex -> stored.findByHash(hash));
    }

    /** Uncached: the operator's list reads the database as it is. */
    @Override
    public List<ApiKey> ofAccount(AccountId accountId) {
        return stored.ofAccount(accountId);
    }

    @Override
    public boolean revoke(String apiKeyId, Instant at) {
        Optional<ApiKeyHash> revoked = stored.revokeReturningHash(apiKeyId, at);
        revoked.ifPresent(hash -> byHash.invalidate(hash.hex()));
        return revoked.isPresent();
    }
}
