package hub.gateway.application;

import hub.gateway.application.port.out.Operators;
import hub.gateway.domain.account.ApiKeyHash;
import hub.gateway.domain.operator.AuditEntry;
import hub.gateway.domain.operator.RegisteredOperator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Stored operators in a list, oldest first; each change appends its audit entry under the same lock. */
final class InMemoryOperators implements Operators {
    private final List<RegisteredOperator> operators = new ArrayList<>();
    private final InMemoryOperatorAudit audit;

    InMemoryOperators(InMemoryOperatorAudit audit) {
        this.audit = audit;
    }

    @Override
    public synchronized boolean add(RegisteredOperator operator, AuditEntry audited) {
        String name = operator.operator().name().toLowerCase(Locale.ROOT);
        boolean taken = operators.stream().anyMatch(o -> o.operator().name().toLowerCase(Locale.ROOT).equals(name)
                || o.operator().id().equals(operator.operator().id()) || o.tokenHash().equals(operator.tokenHash()));
        if (taken) {
            return false;
        }
        operators.add(operator);
        audit.append(audited);
        return true;
    }

    @Override
    public synchronized Optional<RegisteredOperator> findByTokenHash(ApiKeyHash hash) {
        return operators.stream().filter(o -> o.tokenHash().equals(hash)).findFirst();
    }

    @Override
    public synchronized Optional<RegisteredOperator> find(String operatorId) {
        return operators.stream().filter(o -> o.operator().id().equals(operatorId)).findFirst();
    }

    @Override
    public synchronized boolean revoke(String operatorId, Instant at, AuditEntry audited) {
        for (int i = 0; i < operators.size(); i++) {
            RegisteredOperator o = operators.get(i);
            if (o.operator().id().equals(operatorId)) {
                if (!o.isRevoked()) {
                    operators.set(i, new RegisteredOperator(o.operator(), o.tokenHash(), o.createdAt(), Optional.of(at)));
                    audit.append(audited);
                }
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized List<RegisteredOperator> list() {
        return List.copyOf(operators);
    }
}
