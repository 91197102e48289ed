package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.OperatorAudit;
import hub.gateway.domain.operator.AuditEntry;
import io.helidon.dbclient.DbRow;

import java.util.List;
import java.util.stream.Stream;

/** Inserts and reads only: the table's triggers refuse anything else (V11). Newest first is by id, the insert order. */
final class PgOperatorAudit implements OperatorAudit {
    private static final String APPEND = StoredAudit.insertIfChanged("(select 1) as always");
    private static final String RECENT = "select " + StoredAudit.COLUMNS + " from operator_audit order by id desc limit ?";

    private final Database db;

    PgOperatorAudit(Database db) {
        this.db = db;
    }

    @Override
    public void append(AuditEntry entry) {
        db.run(exec -> exec.dml(APPEND, StoredAudit.parameters(entry)));
    }

    @Override
    public List<AuditEntry> recent(int limit) {
        return db.call(exec -> {
            try (Stream<DbRow> rows = exec.query(RECENT, Math.max(0, limit))) {
                return rows.map(StoredAudit::read).toList();
            }
        });
    }
}
