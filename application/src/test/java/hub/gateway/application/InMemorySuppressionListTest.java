package hub.gateway.application;

import hub.gateway.application.contract.SuppressionListContract;
import hub.gateway.application.port.out.SuppressionList;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.suppression.SuppressedBy;
import hub.gateway.domain.suppression.SuppressionReason;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The SuppressionList contract, against the in-memory fake. */
class InMemorySuppressionListTest extends SuppressionListContract {
    @Override
    protected Subject subject() {
        return new Audited(new InMemoryPorts(Clock.fixed(Instant.parse("2025-05-01T10:00:00Z"), ZoneOffset.UTC)));
    }

    /** The fakes, and their audit trail to count. */
    private static final class Audited extends InMemoryContractSubject implements Subject {
        Audited(InMemoryPorts ports) {
            super(ports);
        }

        @Override
        public long audited(InstanceId instance, String action) {
            return ports.audit.stream().filter(a -> a.instance().equals(instance) && a.action().equals(action)).count();
        }

        @Override
        public long audited(InstanceId instance, PhoneNumber phone, String action, SuppressionReason reason,
                            SuppressedBy actor, Instant at, String note) {
            return ports.audit.stream()
                    .filter(new InMemoryPorts.AuditRow(instance, phone, action, reason, actor, at, note)::equals)
                    .count();
        }
    }
}
