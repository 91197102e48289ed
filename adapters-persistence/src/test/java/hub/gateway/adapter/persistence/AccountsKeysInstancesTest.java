package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.Instances.StatusChange;
import hub.gateway.domain.operator.Operator;
import hub.gateway.domain.operator.AuditEntry;
import hub.gateway.domain.operator.AuditAction;
import hub.gateway.domain.account.Account;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.ApiKey;
import hub.gateway.domain.account.ApiKeySecret;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.account.InstanceStatus;
import hub.gateway.domain.quota.LimitOverrides;
import hub.gateway.domain.quota.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountsKeysInstancesTest {
    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    @Test
    void accountsAreStoredWithTheirTimeZone() {
        Account account = database.fixtures().account(ZoneId.of("Asia/Riyadh"));

        assertEquals(Optional.of(account), database.persistence().accounts().find(account.id()));
        assertTrue(database.persistence().accounts().find(new AccountId("acc_missing")).isEmpty());
        assertFalse(database.persistence().accounts().isEmpty());
    }

    @Test
    void aFreshDatabaseHasNoAccounts() {
        try (PostgresPersistence empty = Fixtures.freshPersistence()) {
            assertTrue(empty.accounts().isEmpty());
        }
    }

    @Test
    void keysAreFoundByHashAndRevokedOnce() {
        ApiKey key = database.fixtures().apiKey(database.fixtures().account(ZoneOffset.UTC));
        assertEquals(Optional.of(key), database.persistence().apiKeys().findByHash(key.hash()));

        Instant first = Instant.parse("2025-02-01T00:00:00Z");
        assertTrue(database.persistence().apiKeys().revoke(key.id(), first));
        assertTrue(database.persistence().apiKeys().revoke(key.id(), first.plusSeconds(60)));

        ApiKey revoked = database.persistence().apiKeys().findByHash(key.hash()).orElseThrow();
        assertEquals(Optional.of(first), revoked.revokedAt(), "the first revocation time is kept");
        assertFalse(database.persistence().apiKeys().revoke("key_missing", first));
    }

    @Test
    void anUnknownKeyIsNotFoundEvenWhenAskedAgainAfterItsAddition() {
        ApiKeySecret secret = ApiKeySecret.generate(new SecureRandom());
        assertTrue(database.persistence().apiKeys().findByHash(secret.hash()).isEmpty());

        ApiKey key = new ApiKey("key_" + Fixtures.shortId(), database.fixtures().account(ZoneOffset.UTC).id(),
                secret.visiblePrefix(), secret.hash(), Fixtures.CREATED, Optional.empty());
        database.persistence().apiKeys().add(key);

        assertEquals(Optional.of(key), database.persistence().apiKeys().findByHash(secret.hash()),
                "adding a key forgets the cached 'not found'");
    }

    @Test
    void instancesCarryTheirAccountsTimeZoneAndRefuseADuplicateId() {
        Account account = database.fixtures().account(ZoneId.of("Asia/Riyadh"));
        Instance instance = database.fixtures().instance(account,
                new LimitOverrides(Optional.of(250), Optional.empty(), Optional.of(30)));

        assertEquals(Optional.of(instance), database.persistence().instances().find(instance.id()));
        assertFalse(database.persistence().instances().add(instance, "whsec_b3RoZXI="));
        assertTrue(database.persistence().instances().find(new InstanceId("missing-line")).isEmpty());
    }

    @Test
    void updatesAndStatusChangesAreSeenAtOnceOnThisNode() {
        Instance instance = database.fixtures().instance(database.fixtures().account(ZoneOffset.UTC));
        assertEquals(Optional.of(instance), database.persistence().instances().find(instance.id()));

        Instance changed = new Instance(instance.id(), instance.accountId(), "Renamed", Plan.GROWTH,
                new LimitOverrides(Optional.empty(), Optional.of(12_000), Optional.empty()), instance.status(),
                instance.transport(), Optional.empty(), instance.timeZone(), instance.createdAt());
        assertTrue(database.persistence().instances().update(changed));
        assertEquals(Optional.of(changed), database.persistence().instances().find(instance.id()));

        assertEquals(StatusChange.CHANGED, database.persistence().instances().changeStatus(instance.id(),
                InstanceStatus.PAUSED_FOR_REVIEW, java.util.Optional.empty(), AuditEntry.of(Operator.ADMIN, AuditAction.INSTANCE_PAUSE, "test", java.time.Instant.now())));
        assertEquals(Optional.of(changed.withStatus(InstanceStatus.PAUSED_FOR_REVIEW)),
                database.persistence().instances().find(instance.id()));

        assertEquals(StatusChange.UNKNOWN_INSTANCE, database.persistence().instances().changeStatus(
                new InstanceId("missing-line"), InstanceStatus.ACTIVE, java.util.Optional.empty(), AuditEntry.of(Operator.ADMIN, AuditAction.INSTANCE_PAUSE, "test", java.time.Instant.now())));
        assertFalse(database.persistence().instances().update(new Instance(new InstanceId("missing-line"), instance.accountId(),
                "x", Plan.STARTER, LimitOverrides.NONE, InstanceStatus.ACTIVE, "sandbox", Optional.empty(),
                instance.timeZone(), instance.createdAt())));
    }
}
