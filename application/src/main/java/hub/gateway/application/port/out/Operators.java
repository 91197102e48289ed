package hub.gateway.application.port.out;

import hub.gateway.domain.account.ApiKeyHash;
import hub.gateway.domain.operator.AuditEntry;
import hub.gateway.domain.operator.RegisteredOperator;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stored operators (the built-in {@code admin} is configuration, never here). A revoke must be seen by every node
 * within one second: an implementation that caches look-ups keeps them no longer than that. Each change is stored
 * with its audit entry, atomically.
 */
public interface Operators {
    /** Adds the operator and its audit entry; false (and nothing stored) when the name is taken. */
    boolean add(RegisteredOperator operator, AuditEntry audited);

    Optional<RegisteredOperator> findByTokenHash(ApiKeyHash hash);

    Optional<RegisteredOperator> find(String operatorId);

    /**
     * Marks the operator revoked and stores the audit entry, both only when it was live (the first revocation time
     * is kept); false when no such operator exists.
     */
    boolean revoke(String operatorId, Instant at, AuditEntry audited);

    /** Every stored operator, revoked ones included, oldest first. */
    List<RegisteredOperator> list();
}
