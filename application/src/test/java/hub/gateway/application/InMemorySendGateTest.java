package hub.gateway.application;

import hub.gateway.application.contract.SendGateContract;
import hub.gateway.application.port.out.IdempotencyKeys;
import hub.gateway.application.port.out.MessageLog;
import hub.gateway.application.port.out.RiskLedger;
import hub.gateway.application.port.out.SendGate;
import hub.gateway.application.port.out.SuppressionList;
import hub.gateway.domain.Account;
import hub.gateway.domain.AccountId;
import hub.gateway.domain.Instance;
import hub.gateway.domain.InstanceId;
import hub.gateway.domain.InstanceStatus;
import hub.gateway.domain.LimitOverrides;
import hub.gateway.domain.Plan;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

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
                Account account = new Account(new AccountId("acc_" + shortId()), "Test account", ZoneOffset.UTC);
                ports.add(account);
                return account.id();
            }

            @Override
            public InstanceId instance(AccountId account) {
                Instance instance = new Instance(new InstanceId("inst-" + shortId()), account, "Support line",
                        Plan.STARTER, LimitOverrides.NONE, InstanceStatus.ACTIVE, "sandbox",
                        Optional.of("https://example.com/hook"), ZoneOffset.UTC, Instant.parse("2025-01-15T10:00:00Z"));
                ports.add(instance, "whsec_dGVzdA==");
                return instance.id();
            }
        };
    }

    private static String shortId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
