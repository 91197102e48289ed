package hub.gateway.application;

import hub.gateway.application.contract.TemplatesContract;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The Templates port's contract, against the in-memory fake. */
class InMemoryTemplatesTest extends TemplatesContract {
    @Override
    protected Subject subject() {
        return new InMemoryContractSubject(new InMemoryPorts(Clock.fixed(Instant.parse("2026-05-08T10:00:00Z"), ZoneOffset.UTC)));
    }
}
