package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.ApiKeys;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.ApiKey;
import hub.gateway.domain.account.ApiKeyHash;
import io.helidon.dbclient.DbRow;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Uncached; {@link CachingApiKeys} sits in front of it. */
final class PgApiKeys implements ApiKeys {
    private final Database db;

    PgApiKeys(Database db) {
        this.db = db;
    }

    @Override
    public void add(ApiKey key) {
        db.run(exec -> exec.dml(
                "insert into api_key (id, account_id, prefix, key_hash, created_at, revoked_at) values (?, ?, ?, ?, ?, ?)",
                key.id(), key.accountId().value(), key.prefix(), key.hash().hex(), Columns.utc(key.createdAt()),
                key.revokedAt().map(Columns::utc).orElse(null)));
    }

    @Override
    public Optional<ApiKey> findByHash(ApiKeyHash hash) {
        return db.call(exec -> exec.get(
                        "select id, account_id, prefix, key_hash, created_at, revoked_at from api_key where key_hash = ?",
                        hash.hex()))
                .map(PgApiKeys::apiKey);
    }

    @Override
    public boolean revoke(String apiKeyId, Instant at) {
        return revokeReturningHash(apiKeyId, at).isPresent();
    }

    /** The hash tells the cache which entry to forget; empty when no such key exists. */
    Optional<ApiKeyHash> revokeReturningHash(String apiKeyId, Instant at) {
        return db.call(exec -> exec.get(
                        "update api_key set revoked_at = coalesce(revoked_at, ?) where id = ? returning key_hash",
                        Columns.utc(at), apiKeyId))
                .map(row -> new ApiKeyHash(Columns.string(row, "key_hash")));
    }

    /** Through api_key_account (V1). */
    @Override
    public List<ApiKey> ofAccount(AccountId accountId) {
        return db.call(exec -> {
            try (Stream<DbRow> rows = exec.createQuery("""
                            select id, account_id, prefix, key_hash, created_at, revoked_at
                              from api_key
                             where account_id = :account
                             order by created_at desc, id
                            """)
                    .addParam("account", accountId.value())
                    .execute()) {
                return rows.map(PgApiKeys::apiKey).toList();
            }
        });
    }

    private static ApiKey apiKey(DbRow row) {
        return new ApiKey(Columns.string(row, "id"),
                new AccountId(Columns.string(row, "account_id")),
                Columns.string(row, "prefix"),
                new ApiKeyHash(Columns.string(row, "key_hash")),
                Columns.instant(row, "created_at"),
                Columns.optionalInstant(row, "revoked_at"));
    }
}
