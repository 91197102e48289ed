package hub.gateway.application;

import hub.gateway.application.port.out.OperatorAudit;
import hub.gateway.domain.operator.AuditEntry;

import java.util.ArrayList;
import java.util.List;

/** The audit log in a list: appended to, never changed. */
final class InMemoryOperatorAudit implements OperatorAudit {
    private final List<AuditEntry> entries = new ArrayList<>();

    @Override
    public synchronized void append(AuditEntry entry) {
        entries.add(entry);
    }

    @Override
    public synchronized List<AuditEntry> recent(int limit) {
        return entries.reversed().stream().limit(Math.max(0, limit)).toList();
    }
}
