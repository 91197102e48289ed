package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.AbandonedSends;
import io.helidon.dbclient.DbRow;

import java.time.Instant;

/**
 * The limbo sweep on PostgreSQL: one call of sweep_limbo (R__sweep_limbo.sql) per round, which walks message_log
 * in primary-key order from a persisted watermark (no index mentions status, V6) and claims rows with
 * {@code FOR UPDATE SKIP LOCKED}. Because the watermark is stored, a node started after a long time still finds
 * every row left 'accepted' since, however old.
 */
final class PgAbandonedSends implements AbandonedSends {
    /** Rows read per round at most: a few milliseconds of index and heap reads, whatever the backlog. */
    static final int SCAN = 1_000;

    private final Database db;

    PgAbandonedSends(Database db) {
        this.db = db;
    }

    @Override
    public Round markUnknown(Instant acceptedBefore, Instant at, int max) {
        DbRow row = db.call(exec -> exec.get("""
                        select marked, passed
                          from sweep_limbo(cast(? as timestamptz), cast(? as timestamptz), cast(? as integer),
                                           cast(? as integer))
                        """, Columns.utc(acceptedBefore), Columns.utc(at), SCAN, max))
                .orElseThrow(() -> new IllegalStateException("sweep_limbo returned no row"));
        int marked = Columns.intValue(row, "marked");
        // A whole window passed, or a full batch marked: a backlog, worked off in consecutive rounds.
        return new Round(marked, marked >= max || Columns.intValue(row, "passed") >= SCAN);
    }
}
