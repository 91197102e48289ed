package hub.gateway.application;

import hub.gateway.application.contract.IdempotencyKeysContract;
import hub.gateway.application.port.out.IdempotencyKeys;

import java.time.Clock;
import java.time.ZoneOffset;

/** The IdempotencyKeys contract, against the in-memory fake (linked by the in-memory send gate). */
class InMemoryIdempotencyKeysTest extends IdempotencyKeysContract {
    @Override
    protected Subject subject() {
        return new InMemoryContractSubject(new InMemoryPorts(Clock.fixed(NOW, ZoneOffset.UTC)));
    }
}
