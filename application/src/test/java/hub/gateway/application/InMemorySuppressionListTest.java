package hub.gateway.application;

import hub.gateway.application.contract.SuppressionListContract;
import hub.gateway.application.port.out.Outbox;
import hub.gateway.application.port.out.SuppressionList;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.Instance;
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
        InMemoryPorts ports = new InMemoryPorts(Clock.fixed(Instant.parse("2025-05-01T10:00:00Z"), ZoneOffset.UTC));
        return new Subject() {
            @Override
            public SuppressionList suppressions() {
                return ports;
            }

            @Override
            public Outbox outbox() {
                return ports.outbox;
            }

            @Override
            public AccountId account() {
                return InMemoryFixtures.account(ports);
            }

            @Override
            public Instance instance(AccountId account) {
                return ports.find(InMemoryFixtures.instance(ports, account)).orElseThrow();
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
        };
    }
}
