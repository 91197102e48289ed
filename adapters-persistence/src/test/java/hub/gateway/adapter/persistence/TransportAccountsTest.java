package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.Instances.StatusChange;
import hub.gateway.domain.operator.Operator;
import hub.gateway.domain.operator.AuditEntry;
import hub.gateway.domain.operator.AuditAction;
import hub.gateway.domain.account.Account;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.account.InstanceStatus;
import hub.gateway.domain.account.TransportAccount;
import hub.gateway.domain.quota.LimitOverrides;
import hub.gateway.domain.quota.Plan;
import hub.gateway.testdb.Eventually;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An instance's own account at its transport (contract §8, meta_cloud): stored, found by it, cached. */
class TransportAccountsTest {
    /**
     * The contract's second, with the margin a loaded two-core machine needs: entries expire 900 ms after their
     * load, and the look-up that reloads one may itself start late and wait for the database.
     */
    private static final Duration CONTRACT_DEADLINE = Duration.ofMillis(1_500);

    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    private static PostgresPersistence otherNode;

    /** A second node on the same database, to see what reaches the database and not only a cache. */
    @BeforeAll
    static void connectOtherNode() {
        otherNode = database.jdbc().connect(2);
    }

    @AfterAll
    static void closeOtherNode() {
        otherNode.close();
    }

    @Test
    void theAccountRoundTripsAndFindsItsInstance() {
        String phoneNumberId = "1065" + Fixtures.shortId();
        Instance instance = database.fixtures().metaInstance(database.fixtures().account(ZoneOffset.UTC), phoneNumberId, "EAAG-token-1");

        assertEquals(Optional.of(instance), database.persistence().instances().find(instance.id()));
        assertEquals(Optional.of(instance), otherNode.instances().find(instance.id()), "read back from the database");
        assertEquals(Optional.of(instance), database.persistence().instances().findByTransportAccount("meta_cloud", phoneNumberId));
        assertEquals(Optional.of(instance), otherNode.instances().findByTransportAccount("meta_cloud", phoneNumberId));
        assertTrue(database.persistence().instances().findByTransportAccount("sandbox", phoneNumberId).isEmpty(),
                "the account belongs to its transport");
        assertTrue(database.persistence().instances().findByTransportAccount("meta_cloud", "no-such-number").isEmpty());
    }

    @Test
    void aSandboxInstanceHasNoAccountAndIsNotFoundByOne() throws SQLException {
        Instance sandbox = database.fixtures().instance(database.fixtures().account(ZoneOffset.UTC));

        assertEquals(TransportAccount.NONE, otherNode.instances().find(sandbox.id()).orElseThrow().transportAccount());
        assertEquals(1, database.jdbc().count("select count(*) from instance where id = ? and phone_number_id is null"
                + " and access_token is null", sandbox.id().value()));
    }

    @Test
    void anUpdateRotatesTheTokenMovesTheNumberAndTheCacheForgetsAtOnce() {
        String oldNumber = "1065" + Fixtures.shortId();
        String newNumber = "1066" + Fixtures.shortId();
        Instance instance = database.fixtures().metaInstance(database.fixtures().account(ZoneOffset.UTC), oldNumber, "EAAG-token-1");
        assertEquals(Optional.of(instance), database.persistence().instances().findByTransportAccount("meta_cloud", oldNumber));
        assertTrue(database.persistence().instances().findByTransportAccount("meta_cloud", newNumber).isEmpty(),
                "'not found' is cached now");

        Instance rotated = withAccount(instance, new TransportAccount(Optional.of(oldNumber), Optional.of("EAAG-token-2"),
                Optional.of("102290129340398")));
        assertTrue(database.persistence().instances().update(rotated));
        assertEquals(Optional.of(rotated), database.persistence().instances().findByTransportAccount("meta_cloud", oldNumber),
                "the new token (and the business account) is seen at once");
        assertEquals(Optional.of(rotated), database.persistence().instances().find(instance.id()));

        Instance moved = withAccount(instance, new TransportAccount(Optional.of(newNumber), Optional.of("EAAG-token-3")));
        assertTrue(database.persistence().instances().update(moved));
        assertEquals(Optional.of(moved), database.persistence().instances().findByTransportAccount("meta_cloud", newNumber),
                "the cached 'not found' is forgotten");
        assertTrue(database.persistence().instances().findByTransportAccount("meta_cloud", oldNumber).isEmpty(),
                "the old number no longer leads to the instance");

        assertEquals(StatusChange.CHANGED, database.persistence().instances().changeStatus(instance.id(),
                InstanceStatus.PAUSED_FOR_REVIEW, java.util.Optional.empty(), AuditEntry.of(Operator.ADMIN, AuditAction.INSTANCE_PAUSE, "test", java.time.Instant.now())));
        assertEquals(Optional.of(moved.withStatus(InstanceStatus.PAUSED_FOR_REVIEW)),
                database.persistence().instances().findByTransportAccount("meta_cloud", newNumber), "a pause is seen at once");

        Instance cleared = withAccount(moved.withStatus(InstanceStatus.PAUSED_FOR_REVIEW), TransportAccount.NONE);
        assertTrue(database.persistence().instances().update(cleared));
        assertTrue(database.persistence().instances().findByTransportAccount("meta_cloud", newNumber).isEmpty());
        assertEquals(Optional.of(cleared), database.persistence().instances().find(instance.id()));
    }

    @Test
    void aChangeOnAnotherNodeIsSeenWithinASecondNotFoundIncluded() {
        String number = "1067" + Fixtures.shortId();
        String other = "1068" + Fixtures.shortId();
        Account account = database.fixtures().account(ZoneOffset.UTC);
        assertTrue(database.persistence().instances().findByTransportAccount("meta_cloud", number).isEmpty());

        // The same cache on a clock of the test's, so that "still cached" is asserted whatever the machine's speed.
        AtomicLong nanos = new AtomicLong();
        CachingInstances onTestClock = new CachingInstances(otherNode.instances(), nanos::get);
        assertTrue(onTestClock.findByTransportAccount("meta_cloud", number).isEmpty());

        Instance instance = new Fixtures(otherNode).metaInstance(account, number, "EAAG-token-1");
        assertTrue(onTestClock.findByTransportAccount("meta_cloud", number).isEmpty(), "'not found' stays cached for a moment");
        nanos.addAndGet(Caches.MAX_STALENESS.toNanos() + 1);
        assertEquals(Optional.of(instance), onTestClock.findByTransportAccount("meta_cloud", number),
                "and is forgotten once it is as old as the staleness allowed");
        assertSeenWithinDeadline(() -> database.persistence().instances().findByTransportAccount("meta_cloud", number)
                .equals(Optional.of(instance)));

        Instance moved = withAccount(instance, new TransportAccount(Optional.of(other), Optional.of("EAAG-token-2")));
        assertTrue(otherNode.instances().update(moved));
        assertSeenWithinDeadline(() -> database.persistence().instances().findByTransportAccount("meta_cloud", number).isEmpty()
                && database.persistence().instances().findByTransportAccount("meta_cloud", other).equals(Optional.of(moved)));
    }

    /** Duplicates are handled as a taken id is: add answers false and stores nothing. */
    @Test
    void aSecondInstanceWithTheSameNumberOnTheSameTransportIsRefused() throws SQLException {
        String number = "1069" + Fixtures.shortId();
        Account account = database.fixtures().account(ZoneOffset.UTC);
        Instance first = database.fixtures().metaInstance(account, number, "EAAG-token-1");
        Instance second = withAccount(new Instance(new InstanceId("inst-" + Fixtures.shortId()), account.id(),
                        "Second line", Plan.STARTER, LimitOverrides.NONE, InstanceStatus.ACTIVE, "meta_cloud",
                        Optional.empty(), account.timeZone(), Fixtures.CREATED),
                new TransportAccount(Optional.of(number), Optional.of("EAAG-token-2")));

        assertFalse(database.persistence().instances().add(second, "whsec_b3RoZXI="));
        assertTrue(database.persistence().instances().find(second.id()).isEmpty());
        assertEquals(0, database.jdbc().count("select count(*) from instance_quota where instance_id = ?", second.id().value()));
        assertEquals(Optional.of(first), database.persistence().instances().findByTransportAccount("meta_cloud", number));

        Instance sandboxTwin = new Instance(second.id(), second.accountId(), second.name(), second.plan(),
                second.overrides(), second.status(), "sandbox", second.transportAccount(), second.webhookUrl(),
                second.timeZone(), second.createdAt());
        assertTrue(database.persistence().instances().add(sandboxTwin, "whsec_b3RoZXI="), "another transport may use it");

        Instance third = database.fixtures().metaInstance(account, "1070" + Fixtures.shortId(), "EAAG-token-3");
        Instance clash = withAccount(third, new TransportAccount(Optional.of(number), Optional.of("EAAG-token-3")));
        RuntimeException refused = assertThrows(RuntimeException.class, () -> database.persistence().instances().update(clash),
                "moving onto a number in use is refused by the unique index");
        for (Throwable t = refused; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains("EAAG-token-3"), "the failure does not show the token");
        }
        assertEquals(Optional.of(third), database.persistence().instances().find(third.id()));
    }

    private static Instance withAccount(Instance instance, TransportAccount account) {
        return new Instance(instance.id(), instance.accountId(), instance.name(), instance.plan(), instance.overrides(),
                instance.status(), instance.transport(), account, instance.webhookUrl(), instance.timeZone(),
                instance.createdAt());
    }

    private static void assertSeenWithinDeadline(java.util.function.BooleanSupplier seen) {
        Eventually.assertSeenWithin(CONTRACT_DEADLINE, seen);
    }
}
