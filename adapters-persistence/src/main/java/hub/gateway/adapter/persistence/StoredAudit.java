package hub.gateway.adapter.persistence;

import hub.gateway.domain.operator.AuditAction;
import hub.gateway.domain.operator.AuditEntry;
import io.helidon.dbclient.DbRow;

/** An operator_audit row (V11): written with the change it records where the change is one statement. */
final class StoredAudit {
    static final String COLUMNS = "at, operator, action, target, note";

    private StoredAudit() {
    }

    /**
     * An insert of the entry, for a data-modifying CTE: it runs only when the CTE {@code change} returned a row, so
     * a change and its entry are one statement. Parameters: {@link #parameters}.
     */
    static String insertIfChanged(String change) {
        return """
                insert into operator_audit (%s)
                select cast(? as timestamptz), cast(? as text), cast(? as text), cast(? as text), cast(? as text)
                 where exists (select 1 from %s)""".formatted(COLUMNS, change);
    }

    static Object[] parameters(AuditEntry entry) {
        return new Object[] {Columns.utc(entry.at()), entry.operator(), entry.action().wireName(), entry.target(),
                entry.note().orElse(null)};
    }

    static AuditEntry read(DbRow row) {
        String action = Columns.string(row, "action");
        return new AuditEntry(Columns.instant(row, "at"), Columns.string(row, "operator"),
                AuditAction.fromWireName(action)
                        .orElseThrow(() -> new IllegalStateException("the audit log holds an unknown action: " + action)),
                Columns.string(row, "target"), Columns.optionalString(row, "note"));
    }
}
