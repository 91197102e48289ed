package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.IdempotencyKeys;
import hub.gateway.domain.account.AccountId;
import io.helidon.dbclient.DbRow;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Idempotency keys in table idempotency_key (V5; log_id V8, written by reserve_quota). A claim is one insert: a
 * new key is inserted, and an existing row is taken over only when it is older than 24 hours or an abandoned
 * claim (in progress for five minutes without a linked send that may have gone out); PostgreSQL's row lock on
 * the conflicting row makes exactly one of any number of concurrent claims win, on every node. A losing claim
 * then reads the row and its linked log row in a second statement, because the first statement's snapshot may
 * predate the row it conflicted with.
 */
final class PgIdempotencyKeys implements IdempotencyKeys {
    /**
     * A linked log row that may have gone out: anything but 'refused' (nothing sent, nothing counted) and
     * 'failed' before the transport took it (no message id). A row the retention job removed counts as none.
     */
    private static final String MAY_HAVE_GONE_OUT = """
            exists (select 1 from message_log m
                     where m.id = idempotency_key.log_id
                       and (m.status not in ('refused', 'failed') or m.message_id is not null))
            """;

    private static final String CLAIM = """
            insert into idempotency_key (account_id, key, request_hash, state, created_at)
            values (?, ?, ?, 'in_progress', ?)
            on conflict (account_id, key) do update
               set request_hash = excluded.request_hash, state = 'in_progress', status = null,
                   headers = null, body = null, created_at = excluded.created_at, log_id = null
             where idempotency_key.created_at <= ?
                or (idempotency_key.state = 'in_progress' and idempotency_key.created_at <= ?
                    and not exists (select 1 from message_log m
                                     where m.id = idempotency_key.log_id and m.status <> 'refused'))
            returning 1 as claimed
            """;

    private static final String EXISTING = """
            select k.request_hash, k.state, k.status, k.headers, k.body, k.log_id, m.status as log_status, m.message_id
              from idempotency_key k left join message_log m on m.id = k.log_id
             where k.account_id = ? and k.key = ?
            """;

    private static final String RELEASE = """
            delete from idempotency_key
             where account_id = ? and key = ? and state = 'in_progress'
               and not\s""" + MAY_HAVE_GONE_OUT;

    private final Database db;

    PgIdempotencyKeys(Database db) {
        this.db = db;
    }

    @Override
    public Claim claim(AccountId accountId, String key, String requestHash, Instant now) {
        while (true) {
            boolean claimed = db.call(exec -> exec.get(CLAIM,
                            accountId.value(), key, requestHash, Columns.utc(now), Columns.utc(now.minus(RETAINED)),
                            Columns.utc(now.minus(ABANDONED_AFTER))))
                    .isPresent();
            if (claimed) {
                return new Claim.Claimed();
            }
            Optional<Claim> existing = db.call(exec -> exec.get(EXISTING, accountId.value(), key))
                    .map(row -> existing(row, requestHash));
            // Empty only when the holder released its claim in between: claim again.
            if (existing.isPresent()) {
                return existing.get();
            }
        }
    }

    @Override
    public void remember(AccountId accountId, String key, int status, Map<String, String> headers, String body) {
        db.run(exec -> exec.dml("""
                        update idempotency_key set state = 'answered', status = ?, headers = ?, body = ?
                         where account_id = ? and key = ? and state = 'in_progress'
                        """,
                status, headerLines(headers), body, accountId.value(), key));
    }

    /** One "Name: value" per line, in the answer's order; an HTTP header never holds a line break. */
    static String headerLines(Map<String, String> headers) {
        StringBuilder lines = new StringBuilder();
        headers.forEach((name, value) -> lines.append(name).append(": ").append(value).append('\n'));
        return lines.toString();
    }

    static Map<String, String> headers(Optional<String> lines) {
        Map<String, String> headers = new LinkedHashMap<>();
        lines.ifPresent(text -> text.lines().filter(line -> !line.isEmpty()).forEach(line -> {
            int colon = line.indexOf(": ");
            headers.put(line.substring(0, colon), line.substring(colon + 2));
        }));
        return headers;
    }

    @Override
    public void release(AccountId accountId, String key) {
        db.run(exec -> exec.dml(RELEASE, accountId.value(), key));
    }

    private static Claim existing(DbRow row, String requestHash) {
        if (!Columns.string(row, "request_hash").equals(requestHash)) {
            return new Claim.Reused();
        }
        if (Columns.string(row, "state").equals("answered")) {
            return new Claim.Replay(Columns.intValue(row, "status"), headers(Columns.optionalString(row, "headers")),
                    Columns.string(row, "body"));
        }
        Optional<String> logStatus = Columns.optionalString(row, "log_status");
        if (logStatus.isEmpty()) {
            return new Claim.InProgress();
        }
        long logId = Columns.longValue(row, "log_id");
        Optional<String> messageId = Columns.optionalString(row, "message_id");
        if (messageId.isPresent()) {
            return new Claim.AlreadySent(logId, messageId.get());
        }
        return switch (logStatus.get()) {
            case "failed" -> new Claim.AlreadyFailed(logId);
            case "unknown" -> new Claim.OutcomeUnknown(logId);
            // 'accepted': the transport has it now, or its node died and the sweep has not come by yet.
            // 'refused': nothing was sent; the claim is taken over once abandoned, like one with no row.
            default -> new Claim.InProgress();
        };
    }
}
