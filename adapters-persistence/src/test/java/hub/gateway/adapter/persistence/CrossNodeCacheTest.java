package hub.gateway.adapter.persistence;

import hub.gateway.testdb.TestSecretKeys;
import hub.gateway.domain.operator.Operator;
import hub.gateway.domain.operator.AuditEntry;
import hub.gateway.domain.operator.AuditAction;
import hub.gateway.testdb.TestDatabase;
import hub.gateway.domain.account.ApiKey;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceStatus;
import hub.gateway.testdb.Eventually;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Contract §2: a revoke (or a pause) made on one node is seen by every node within one second. */
class CrossNodeCacheTest {
    /**
     * The contract's second, with the margin a loaded two-core machine needs: entries expire 900 ms after their
     * load, and the look-up that reloads one may itself start late and wait for the database.
     */
    private static final Duration CONTRACT_DEADLINE = Duration.ofMillis(1_500);

    private static PostgresPersistence nodeA;
    private static PostgresPersistence nodeB;
    private static Fixtures fixtures;

    @BeforeAll
    static void twoNodesOnOneDatabase() {
        TestDatabase database = TestDatabase.shared();
        String url = database.createDatabase();
        nodeA = PostgresPersistence.connect(url, database.user(), database.password(), 2, TestSecretKeys.keys());
        nodeB = PostgresPersistence.connect(url, database.user(), database.password(), 2, TestSecretKeys.keys());
        fixtures = new Fixtures(nodeA);
    }

    @AfterAll
    static void close() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void aRevokeOnOneNodeIsSeenByTheOtherWithinASecond() {
        ApiKey key = fixtures.apiKey(fixtures.account(ZoneOffset.UTC));
        assertFalse(nodeB.apiKeys().findByHash(key.hash()).orElseThrow().isRevoked(), "node B caches the live key");

        nodeA.apiKeys().revoke(key.id(), Instant.now());

        assertTrue(nodeA.apiKeys().findByHash(key.hash()).orElseThrow().isRevoked(), "node A knows at once");
        assertSeenWithinDeadline(() -> nodeB.apiKeys().findByHash(key.hash()).orElseThrow().isRevoked());
    }

    @Test
    void aPauseOnOneNodeIsSeenByTheOtherWithinASecond() {
        Instance instance = fixtures.instance(fixtures.account(ZoneOffset.UTC));
        assertFalse(nodeB.instances().find(instance.id()).orElseThrow().isPaused());

        nodeA.instances().changeStatus(instance.id(), InstanceStatus.PAUSED_FOR_REVIEW, java.util.Optional.empty(),
                AuditEntry.of(Operator.ADMIN, AuditAction.INSTANCE_PAUSE, "test", java.time.Instant.now()));

        assertTrue(nodeA.instances().find(instance.id()).orElseThrow().isPaused());
        assertSeenWithinDeadline(() -> nodeB.instances().find(instance.id()).orElseThrow().isPaused());
    }

    private static void assertSeenWithinDeadline(BooleanSupplier seen) {
        Eventually.assertSeenWithin(CONTRACT_DEADLINE, seen);
    }
}
