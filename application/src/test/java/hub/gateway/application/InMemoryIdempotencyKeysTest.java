package hub.gateway.application;

import hub.gateway.application.contract.IdempotencyKeysContract;
import hub.gateway.application.port.out.AbandonedSends;
import hub.gateway.application.port.out.IdempotencyKeys;
import hub.gateway.application.port.out.MessageLog;
import hub.gateway.application.port.out.SendGate;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.InstanceId;

import java.time.Clock;
import java.time.ZoneOffset;

/** The IdempotencyKeys contract, against the in-memory fake (linked by the in-memory send gate). */
class InMemoryIdempotencyKeysTest extends IdempotencyKeysContract {
    @Override
    protected Subject subject() {
        InMemoryPorts ports = new InMemoryPorts(Clock.fixed(NOW, ZoneOffset.UTC));
        return new Subject() {
            @Override
            public IdempotencyKeys keys() {
                return ports.idempotencyKeys;
            }

            @Override
            public SendGate gate() {
                return ports;
            }

            @Override
            public MessageLog messageLog() {
                return ports;
            }

            @Override
            public AbandonedSends abandonedSends() {
                return ports;
            }

            @Override
            public AccountId account() {
                return InMemoryFixtures.account(ports);
            }

            @Override
            public InstanceId instance(AccountId account) {
                return InMemoryFixtures.instance(ports, account);
            }
        };
    }
}
