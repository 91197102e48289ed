package hub.gateway.application;

import hub.gateway.application.contract.OutboxContract;
import hub.gateway.application.port.out.Outbox;
import hub.gateway.application.port.out.SuppressionList;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.Instance;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The Outbox contract, against the in-memory fake. */
class InMemoryOutboxTest extends OutboxContract {
    @Override
    protected Subject subject() {
        InMemoryPorts ports = new InMemoryPorts(Clock.fixed(Instant.parse("2025-05-01T10:00:00Z"), ZoneOffset.UTC));
        return new Subject() {
            @Override
            public Outbox outbox() {
                return ports.outbox;
            }

            @Override
            public SuppressionList suppressions() {
                return ports;
            }

            @Override
            public AccountId account() {
                return InMemoryFixtures.account(ports);
            }

            @Override
            public Instance instance(AccountId account) {
                return ports.find(InMemoryFixtures.instance(ports, account)).orElseThrow();
            }
        };
    }
}
