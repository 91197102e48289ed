package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.Operators;
import hub.gateway.domain.account.ApiKeyHash;
import hub.gateway.domain.operator.AuditEntry;
import hub.gateway.domain.operator.Operator;
import hub.gateway.domain.operator.RegisteredOperator;
import io.helidon.dbclient.DbRow;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Uncached: every {@code /admin} call and console look-up reads its operator here, so a revoke is seen by every node
 * at once (operator calls are few; an indexed read each is cheap). Each change and its audit entry are one
 * statement.
 */
final class PgOperators implements Operators {
    private static final String COLUMNS = "select id, name, token_hash, created_at, revoked_at from operator";

    /** The conflict clause names no constraint: a taken name (any case), id or token hash all answer false. */
    private static final String ADD = """
            with added as (
                insert into operator (id, name, token_hash, created_at, revoked_at)
                values (?, ?, ?, cast(? as timestamptz), null)
                on conflict do nothing
                returning id),
            audited as (
            %s)
            select count(*) as added from added
            """.formatted(StoredAudit.insertIfChanged("added"));

    private static final String REVOKE = """
            with changed as (
                update operator set revoked_at = cast(? as timestamptz)
                 where id = ? and revoked_at is null
                returning id),
            audited as (
            %s)
            select count(*) as found from operator where id = ?
            """.formatted(StoredAudit.insertIfChanged("changed"));

    private final Database db;

    PgOperators(Database db) {
        this.db = db;
    }

    @Override
    public boolean add(RegisteredOperator operator, AuditEntry audited) {
        Object[] added = {operator.operator().id(), operator.operator().name(), operator.tokenHash().hex(),
                Columns.utc(operator.createdAt())};
        return count(ADD, "added", concat(added, StoredAudit.parameters(audited))) == 1;
    }

    @Override
    public Optional<RegisteredOperator> findByTokenHash(ApiKeyHash hash) {
        return db.call(exec -> exec.get(COLUMNS + " where token_hash = ?", hash.hex())).map(PgOperators::operator);
    }

    @Override
    public Optional<RegisteredOperator> find(String operatorId) {
        return db.call(exec -> exec.get(COLUMNS + " where id = ?", operatorId)).map(PgOperators::operator);
    }

    @Override
    public boolean revoke(String operatorId, Instant at, AuditEntry audited) {
        Object[] changed = {Columns.utc(at), operatorId};
        return count(REVOKE, "found", concat(changed, StoredAudit.parameters(audited), new Object[] {operatorId})) == 1;
    }

    @Override
    public List<RegisteredOperator> list() {
        return db.call(exec -> {
            try (Stream<DbRow> rows = exec.query(COLUMNS + " order by created_at, id")) {
                return rows.map(PgOperators::operator).toList();
            }
        });
    }

    private long count(String sql, String column, Object[] parameters) {
        return db.call(exec -> exec.get(sql, parameters))
                .map(row -> Columns.longValue(row, column))
                .orElseThrow(() -> new IllegalStateException("a count returned no row"));
    }

    private static RegisteredOperator operator(DbRow row) {
        return new RegisteredOperator(new Operator(Columns.string(row, "id"), Columns.string(row, "name")),
                new ApiKeyHash(Columns.string(row, "token_hash")), Columns.instant(row, "created_at"),
                Columns.optionalInstant(row, "revoked_at"));
    }

    private static Object[] concat(Object[]... parts) {
        return Stream.of(parts).flatMap(Stream::of).toArray();
    }
}
