package hub.gateway.application;

import hub.gateway.application.contract.OutboxContract;
import hub.gateway.application.port.out.Outbox;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The Outbox contract, against the in-memory fake. */
class InMemoryOutboxTest extends OutboxContract {
    @Override
    protected Subject subject() {
        return new InMemoryContractSubject(new InMemoryPorts(Clock.fixed(Instant.parse("2025-05-01T10:00:00Z"), ZoneOffset.UTC)));
    }
}
