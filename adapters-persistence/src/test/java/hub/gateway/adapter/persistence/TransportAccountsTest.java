package hub.gateway.adapter.persistence;

import hub.gateway.domain.Account;
import hub.gateway.domain.Instance;
import hub.gateway.domain.InstanceId;
import hub.gateway.domain.InstanceStatus;
import hub.gateway.domain.LimitOverrides;
import hub.gateway.domain.Plan;
import hub.gateway.domain.TransportAccount;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An instance's own account at its transport (contract §8, meta_cloud): stored, found by it, cached. */
class TransportAccountsTest {
    private static final Duration CONTRACT_DEADLINE = Duration.ofMillis(1_100);

    private static TestDb db;
    private static PostgresPersistence persistence;
    private static PostgresPersistence otherNode;
    private static Fixtures fixtures;

    @BeforeAll
    static void connect() {
        db = TestDb.fresh();
        persistence = db.connect(4);
        otherNode = db.connect(2);
        fixtures = new Fixtures(persistence);
    }

    @AfterAll
    static void close() {
        persistence.close();
        otherNode.close();
    }

    @Test
    void theAccountRoundTripsAndFindsItsInstance() {
        String phoneNumberId = "1065" + Fixtures.shortId();
        Instance instance = fixtures.metaInstance(fixtures.account(ZoneOffset.UTC), phoneNumberId, "EAAG-token-1");

        assertEquals(Optional.of(instance), persistence.instances().find(instance.id()));
        assertEquals(Optional.of(instance), otherNode.instances().find(instance.id()), "read back from the database");
        assertEquals(Optional.of(instance), persistence.instances().findByTransportAccount("meta_cloud", phoneNumberId));
        assertEquals(Optional.of(instance), otherNode.instances().findByTransportAccount("meta_cloud", phoneNumberId));
        assertTrue(persistence.instances().findByTransportAccount("sandbox", phoneNumberId).isEmpty(),
                "the account belongs to its transport");
        assertTrue(persistence.instances().findByTransportAccount("meta_cloud", "no-such-number").isEmpty());
    }

    @Test
    void aSandboxInstanceHasNoAccountAndIsNotFoundByOne() throws SQLException {
        Instance sandbox = fixtures.instance(fixtures.account(ZoneOffset.UTC));

        assertEquals(TransportAccount.NONE, otherNode.instances().find(sandbox.id()).orElseThrow().transportAccount());
        assertEquals(1, db.count("select count(*) from instance where id = ? and phone_number_id is null"
                + " and access_token is null", sandbox.id().value()));
    }

    @Test
    void anUpdateRotatesTheTokenMovesTheNumberAndTheCacheForgetsAtOnce() {
        String oldNumber = "1065" + Fixtures.shortId();
        String newNumber = "1066" + Fixtures.shortId();
        Instance instance = fixtures.metaInstance(fixtures.account(ZoneOffset.UTC), oldNumber, "EAAG-token-1");
        assertEquals(Optional.of(instance), persistence.instances().findByTransportAccount("meta_cloud", oldNumber));
        assertTrue(persistence.instances().findByTransportAccount("meta_cloud", newNumber).isEmpty(),
                "'not found' is cached now");

        Instance rotated = withAccount(instance, new TransportAccount(Optional.of(oldNumber), Optional.of("EAAG-token-2")));
        assertTrue(persistence.instances().update(rotated));
        assertEquals(Optional.of(rotated), persistence.instances().findByTransportAccount("meta_cloud", oldNumber),
                "the new token is seen at once");
        assertEquals(Optional.of(rotated), persistence.instances().find(instance.id()));

        Instance moved = withAccount(instance, new TransportAccount(Optional.of(newNumber), Optional.of("EAAG-token-3")));
        assertTrue(persistence.instances().update(moved));
        assertEquals(Optional.of(moved), persistence.instances().findByTransportAccount("meta_cloud", newNumber),
                "the cached 'not found' is forgotten");
        assertTrue(persistence.instances().findByTransportAccount("meta_cloud", oldNumber).isEmpty(),
                "the old number no longer leads to the instance");

        assertTrue(persistence.instances().changeStatus(instance.id(), InstanceStatus.PAUSED_FOR_REVIEW));
        assertEquals(Optional.of(moved.withStatus(InstanceStatus.PAUSED_FOR_REVIEW)),
                persistence.instances().findByTransportAccount("meta_cloud", newNumber), "a pause is seen at once");

        Instance cleared = withAccount(moved.withStatus(InstanceStatus.PAUSED_FOR_REVIEW), TransportAccount.NONE);
        assertTrue(persistence.instances().update(cleared));
        assertTrue(persistence.instances().findByTransportAccount("meta_cloud", newNumber).isEmpty());
        assertEquals(Optional.of(cleared), persistence.instances().find(instance.id()));
    }

    @Test
    void aChangeOnAnotherNodeIsSeenWithinASecondNotFoundIncluded() {
        String number = "1067" + Fixtures.shortId();
        String other = "1068" + Fixtures.shortId();
        Account account = fixtures.account(ZoneOffset.UTC);
        long cachedFrom = System.nanoTime();
        assertTrue(persistence.instances().findByTransportAccount("meta_cloud", number).isEmpty());

        Instance instance = new Fixtures(otherNode).metaInstance(account, number, "EAAG-token-1");
        boolean surelyStillCached = System.nanoTime() - cachedFrom < Caches.MAX_STALENESS.toNanos();
        Optional<Instance> seen = persistence.instances().findByTransportAccount("meta_cloud", number);
        if (surelyStillCached) {
            assertTrue(seen.isEmpty(), "'not found' stays cached for a moment");
        }
        assertSeenWithinDeadline(() -> persistence.instances().findByTransportAccount("meta_cloud", number)
                .equals(Optional.of(instance)));

        Instance moved = withAccount(instance, new TransportAccount(Optional.of(other), Optional.of("EAAG-token-2")));
        assertTrue(otherNode.instances().update(moved));
        assertSeenWithinDeadline(() -> persistence.instances().findByTransportAccount("meta_cloud", number).isEmpty()
                && persistence.instances().findByTransportAccount("meta_cloud", other).equals(Optional.of(moved)));
    }

    /** Duplicates are handled as a taken id is: add answers false and stores nothing. */
    @Test
    void aSecondInstanceWithTheSameNumberOnTheSameTransportIsRefused() throws SQLException {
        String number = "1069" + Fixtures.shortId();
        Account account = fixtures.account(ZoneOffset.UTC);
        Instance first = fixtures.metaInstance(account, number, "EAAG-token-1");
        Instance second = withAccount(new Instance(new InstanceId("inst-" + Fixtures.shortId()), account.id(),
                        "Second line", Plan.STARTER, LimitOverrides.NONE, InstanceStatus.ACTIVE, "meta_cloud",
                        Optional.empty(), account.timeZone(), Fixtures.CREATED),
                new TransportAccount(Optional.of(number), Optional.of("EAAG-token-2")));

        assertFalse(persistence.instances().add(second, "whsec_b3RoZXI="));
        assertTrue(persistence.instances().find(second.id()).isEmpty());
        assertEquals(0, db.count("select count(*) from instance_quota where instance_id = ?", second.id().value()));
        assertEquals(Optional.of(first), persistence.instances().findByTransportAccount("meta_cloud", number));

        Instance sandboxTwin = new Instance(second.id(), second.accountId(), second.name(), second.plan(),
                second.overrides(), second.status(), "sandbox", second.transportAccount(), second.webhookUrl(),
                second.timeZone(), second.createdAt());
        assertTrue(persistence.instances().add(sandboxTwin, "whsec_b3RoZXI="), "another transport may use it");

        Instance third = fixtures.metaInstance(account, "1070" + Fixtures.shortId(), "EAAG-token-3");
        Instance clash = withAccount(third, new TransportAccount(Optional.of(number), Optional.of("EAAG-token-3")));
        RuntimeException refused = assertThrows(RuntimeException.class, () -> persistence.instances().update(clash),
                "moving onto a number in use is refused by the unique index");
        for (Throwable t = refused; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains("EAAG-token-3"), "the failure does not show the token");
        }
        assertEquals(Optional.of(third), persistence.instances().find(third.id()));
    }

    private static Instance withAccount(Instance instance, TransportAccount account) {
        return new Instance(instance.id(), instance.accountId(), instance.name(), instance.plan(), instance.overrides(),
                instance.status(), instance.transport(), account, instance.webhookUrl(), instance.timeZone(),
                instance.createdAt());
    }

    private static void assertSeenWithinDeadline(java.util.function.BooleanSupplier seen) {
        long deadline = System.nanoTime() + CONTRACT_DEADLINE.toNanos();
        while (!seen.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not seen within " + CONTRACT_DEADLINE.toMillis() + " ms");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }
}
