package hub.gateway.application;

import hub.gateway.application.contract.SendGateContract;
import hub.gateway.application.port.out.IdempotencyKeys;
import hub.gateway.application.port.out.MessageLog;
import hub.gateway.application.port.out.RiskLedger;
import hub.gateway.application.port.out.SendGate;
import hub.gateway.application.port.out.SuppressionList;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.InstanceId;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The send gate's contract, against the in-memory fake the use-case tests run on. */
class InMemorySendGateTest extends SendGateContract {
    @Override
    protected Subject subject() {
        InMemoryPorts ports = new InMemoryPorts(Clock.fixed(Instant.parse("2025-06-01T09:30:00Z"), ZoneOffset.UTC));
        return new Subject() {
            @Override
            public SendGate gate() {
                return ports;
            }

            @Override
            public MessageLog messageLog() {
                return ports;
            }

            @Override
            public SuppressionList suppressions() {
                return ports;
            }

            @Override
            public RiskLedger riskLedger() {
                return ports;
            }

            @Override
            public IdempotencyKeys idempotencyKeys() {
                return ports.idempotencyKeys;
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
