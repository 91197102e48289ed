package hub.gateway.application;

import hub.gateway.domain.account.Account;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.account.InstanceStatus;
import hub.gateway.domain.quota.LimitOverrides;
import hub.gateway.domain.quota.Plan;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/** Rows the contract tests of the fakes need, as the PostgreSQL side's Fixtures makes them. */
final class InMemoryFixtures {
    static final String WEBHOOK_URL = "https://example.com/hook";
    static final String WEBHOOK_SECRET = "whsec_dGVzdA==";

    private InMemoryFixtures() {
    }

    static AccountId account(InMemoryPorts ports) {
        Account account = new Account(new AccountId("acc_" + shortId()), "Test account", ZoneOffset.UTC);
        ports.add(account);
        return account.id();
    }

    static InstanceId instance(InMemoryPorts ports, AccountId account) {
        Instance instance = new Instance(new InstanceId("inst-" + shortId()), account, "Support line", Plan.STARTER,
                LimitOverrides.NONE, InstanceStatus.ACTIVE, "sandbox", Optional.of(WEBHOOK_URL), ZoneOffset.UTC,
                Instant.parse("2025-01-15T10:00:00Z"));
        ports.add(instance, WEBHOOK_SECRET);
        return instance.id();
    }

    private static String shortId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
