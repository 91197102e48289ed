package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.ConsoleSessions;
import hub.gateway.domain.account.ApiKeyHash;
import hub.gateway.domain.operator.ConsoleSession;
import hub.gateway.domain.operator.Operator;
import io.helidon.dbclient.DbRow;

import java.time.Instant;
import java.util.Optional;

/**
 * Uncached, so a sign-out or a revoke is seen by every node at once. The look-up joins the operator: a revoked
 * operator's sessions are not found; the built-in admin's (no stored operator) are.
 */
final class PgConsoleSessions implements ConsoleSessions {
    private static final String FIND = """
            select s.id_hash, s.operator_id, s.operator_name, s.token_hash, s.csrf_token, s.started_at, s.last_seen_at
              from console_session s
              left join operator o on o.id = s.operator_id
             where s.id_hash = :id_hash
               and (o.id is not null and o.revoked_at is null or o.id is null and s.operator_id = :admin)
            """;

    private final Database db;

    PgConsoleSessions(Database db) {
        this.db = db;
    }

    @Override
    public void start(ConsoleSession session) {
        db.run(exec -> exec.createInsert("""
                        insert into console_session (id_hash, operator_id, operator_name, token_hash, csrf_token,
                                                     started_at, last_seen_at)
                        values (:id_hash, :operator_id, :operator_name, :token_hash, :csrf_token, :started_at,
                                :last_seen_at)
                        """)
                .addParam("id_hash", session.idHash().hex())
                .addParam("operator_id", session.operator().id())
                .addParam("operator_name", session.operator().name())
                .addParam("token_hash", session.tokenHash().hex())
                .addParam("csrf_token", session.csrfToken())
                .addParam("started_at", Columns.utc(session.startedAt()))
                .addParam("last_seen_at", Columns.utc(session.lastSeenAt()))
                .execute());
    }

    @Override
    public Optional<ConsoleSession> find(ApiKeyHash idHash) {
        return db.call(exec -> exec.createGet(FIND)
                        .addParam("id_hash", idHash.hex())
                        .addParam("admin", Operator.ADMIN.id())
                        .execute())
                .map(PgConsoleSessions::session);
    }

    @Override
    public void touch(ApiKeyHash idHash, Instant at) {
        db.run(exec -> exec.createUpdate(
                        "update console_session set last_seen_at = greatest(last_seen_at, :at) where id_hash = :id_hash")
                .addParam("at", Columns.utc(at))
                .addParam("id_hash", idHash.hex())
                .execute());
    }

    @Override
    public void end(ApiKeyHash idHash) {
        db.run(exec -> exec.createDelete("delete from console_session where id_hash = :id_hash")
                .addParam("id_hash", idHash.hex())
                .execute());
    }

    private static ConsoleSession session(DbRow row) {
        return new ConsoleSession(new ApiKeyHash(Columns.string(row, "id_hash")),
                new Operator(Columns.string(row, "operator_id"), Columns.string(row, "operator_name")),
                new ApiKeyHash(Columns.string(row, "token_hash")), Columns.string(row, "csrf_token"),
                Columns.instant(row, "started_at"), Columns.instant(row, "last_seen_at"));
    }
}
