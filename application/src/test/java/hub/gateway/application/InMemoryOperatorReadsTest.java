package hub.gateway.application;

import hub.gateway.application.contract.OperatorReadsContract;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The operator's reads, against the in-memory fakes. */
class InMemoryOperatorReadsTest extends OperatorReadsContract {
    @Override
    protected Subject subject() {
        return new InMemoryContractSubject(new InMemoryPorts(Clock.fixed(Instant.parse("2025-05-01T10:00:00Z"), ZoneOffset.UTC)));
    }
}
