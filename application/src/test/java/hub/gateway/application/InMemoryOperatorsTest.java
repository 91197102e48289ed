package hub.gateway.application;

import hub.gateway.application.contract.OperatorsContract;

import java.time.Clock;
import java.time.ZoneOffset;

/** The operator ports' contract, against the in-memory fakes. */
class InMemoryOperatorsTest extends OperatorsContract {
    @Override
    protected Subject subject() {
        return new InMemoryContractSubject(new InMemoryPorts(Clock.fixed(NOW, ZoneOffset.UTC)));
    }
}
