package hub.gateway.application.port.out;

import hub.gateway.domain.operator.AuditEntry;

import java.util.List;

/**
 * The operator audit log: append-only. There is no way here to change or remove an entry, and the PostgreSQL table
 * refuses UPDATE, DELETE and TRUNCATE; retention keeps every entry.
 */
public interface OperatorAudit {
    void append(AuditEntry entry);

    /** The newest {@code limit} entries, newest first. */
    List<AuditEntry> recent(int limit);
}
