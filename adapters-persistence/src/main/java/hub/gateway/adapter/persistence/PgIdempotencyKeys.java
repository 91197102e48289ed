package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.IdempotencyKeys;
import hub.gateway.domain.AccountId;
import io.helidon.dbclient.DbRow;

import java.time.Instant;
import java.util.Optional;

/**
 * Idempotency keys in table idempotency_key (V5). A claim is one insert: a new key is inserted, and an
 * existing row is taken over only when it is older than 24 hours or an abandoned claim (in progress for five
 * minutes); PostgreSQL's row lock on the conflicting row makes exactly one of any number of concurrent claims
 * win, on every node. A losing claim then reads the row in a second statement, because the first statement's
 * snapshot may predate the row it conflicted with.
 */
final class PgIdempotencyKeys implements IdempotencyKeys {
    private final Database db;

    PgIdempotencyKeys(Database db) {
        this.db = db;
    }

    @Override
    public Claim claim(AccountId accountId, String key, String requestHash, Instant now) {
        while (true) {
            boolean claimed = db.call(exec -> exec.get("""
                            insert into idempotency_key (account_id, key, request_hash, state, created_at)
                            values (?, ?, ?, 'in_progress', ?)
                            on conflict (account_id, key) do update
                               set request_hash = excluded.request_hash, state = 'in_progress', status = null,
                                   body = null, created_at = excluded.created_at
                             where idempotency_key.created_at <= ?
                                or (idempotency_key.state = 'in_progress' and idempotency_key.created_at <= ?)
                            returning 1 as claimed
                            """,
                    accountId.value(), key, requestHash, Columns.utc(now), Columns.utc(now.minus(RETAINED)),
                    Columns.utc(now.minus(ABANDONED_AFTER))))
                    .isPresent();
            if (claimed) {
                return new Claim.Claimed();
            }
            Optional<Claim> existing = db.call(exec -> exec.get(
                            "select request_hash, state, status, body from idempotency_key where account_id = ? and key = ?",
                            accountId.value(), key))
                    .map(row -> existing(row, requestHash));
            // Empty only when the holder released its claim in between: claim again.
            if (existing.isPresent()) {
                return existing.get();
            }
        }
    }

    @Override
    public void remember(AccountId accountId, String key, int status, String body) {
        db.run(exec -> exec.dml("""
                        update idempotency_key set state = 'answered', status = ?, body = ?
                         where account_id = ? and key = ? and state = 'in_progress'
                        """,
                status, body, accountId.value(), key));
    }

    @Override
    public void release(AccountId accountId, String key) {
        db.run(exec -> exec.dml(
                "delete from idempotency_key where account_id = ? and key = ? and state = 'in_progress'",
                accountId.value(), key));
    }

    private static Claim existing(DbRow row, String requestHash) {
        if (!Columns.string(row, "request_hash").equals(requestHash)) {
            return new Claim.Reused();
        }
        if (Columns.string(row, "state").equals("in_progress")) {
            return new Claim.InProgress();
        }
        return new Claim.Replay(Columns.intValue(row, "status"), Columns.string(row, "body"));
    }
}
