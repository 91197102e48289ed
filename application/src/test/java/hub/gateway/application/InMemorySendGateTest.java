package hub.gateway.application;

import hub.gateway.application.contract.SendGateContract;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The send gate's contract, against the in-memory fake the use-case tests run on. */
class InMemorySendGateTest extends SendGateContract {
    @Override
    protected Subject subject() {
        return new InMemoryContractSubject(new InMemoryPorts(Clock.fixed(Instant.parse("2025-06-01T09:30:00Z"), ZoneOffset.UTC)));
    }
}
