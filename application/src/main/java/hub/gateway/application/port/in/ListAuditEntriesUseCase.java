package hub.gateway.application.port.in;

import hub.gateway.domain.operator.AuditEntry;

import java.util.List;

/** The operator audit log, newest first. */
public interface ListAuditEntriesUseCase {
    /** @param limit 1–500, checked by the caller */
    List<AuditEntry> list(int limit);
}
