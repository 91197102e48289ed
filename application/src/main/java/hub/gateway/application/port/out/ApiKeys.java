package hub.gateway.application.port.out;

import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.ApiKey;
import hub.gateway.domain.account.ApiKeyHash;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stored API keys. A revoke must be seen by every node within one second, so an implementation that
 * caches look-ups keeps them no longer than that.
 */
public interface ApiKeys {
    void add(ApiKey key);

    Optional<ApiKey> findByHash(ApiKeyHash hash);

    /** Marks the key revoked (keeping the first revocation time); false when no such key exists. */
    boolean revoke(String apiKeyId, Instant at);

    /** The account's keys, revoked ones too, newest first (ties: id). */
    List<ApiKey> ofAccount(AccountId accountId);
}
