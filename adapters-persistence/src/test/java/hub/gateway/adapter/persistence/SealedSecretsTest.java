package hub.gateway.adapter.persistence;

import hub.gateway.domain.account.Account;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.testdb.TestSecretKeys;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Transport secrets at rest (contract §13): the access_token column holds sealed values only, read with plain JDBC;
 * the port gives the token back; a start seals again what the previous key or no key sealed; a value no key opens
 * costs its own instance its token and nothing else.
 */
class SealedSecretsTest {
    private static final PostgresPersistence.SecretKeys FIRST = TestSecretKeys.keys();
    private static final PostgresPersistence.SecretKeys SECOND_AFTER_FIRST = new PostgresPersistence.SecretKeys(
            TestSecretKeys.key(TestSecretKeys.OTHER_BASE64), Optional.of(TestSecretKeys.key(TestSecretKeys.BASE64)));
    private static final PostgresPersistence.SecretKeys SECOND_ALONE = new PostgresPersistence.SecretKeys(
            TestSecretKeys.key(TestSecretKeys.OTHER_BASE64), Optional.empty());

    @Test
    void theColumnHoldsASealedValueAndThePortTheToken() throws Exception {
        TestDb db = TestDb.fresh();
        try (PostgresPersistence node = db.connect(2, FIRST); PostgresPersistence otherNode = db.connect(2, FIRST)) {
            Instance instance = new Fixtures(node).metaInstance(new Fixtures(node).account(ZoneOffset.UTC),
                    "1065" + Fixtures.shortId(), "EAAG-first-token");

            String stored = storedToken(db, instance.id());
            assertFalse(stored.contains("EAAG-first-token"), stored);
            assertTrue(stored.startsWith("v1:" + FIRST.currentKeyId() + ":"), stored);
            assertEquals(Optional.of("EAAG-first-token"), token(otherNode, instance.id()), "read back from the database");

            Instance rotated = new Instance(instance.id(), instance.accountId(), instance.name(), instance.plan(),
                    instance.overrides(), instance.status(), instance.transport(),
                    new hub.gateway.domain.account.TransportAccount(instance.transportAccount().phoneNumberId(),
                            Optional.of("EAAG-second-token")),
                    instance.webhookUrl(), instance.timeZone(), instance.createdAt());
            assertTrue(node.instances().update(rotated));
            String updated = storedToken(db, instance.id());
            assertFalse(updated.contains("EAAG-second-token"), updated);
            assertEquals(Optional.of("EAAG-second-token"), token(node, instance.id()));
        }
    }

    @Test
    void aRotationSealsEveryRowAgainUnderTheNewKeyAtStart() throws Exception {
        TestDb db = TestDb.fresh();
        InstanceId id;
        try (PostgresPersistence before = db.connect(2, FIRST)) {
            id = metaInstance(before, "EAAG-rotated-token").id();
        }
        assertTrue(storedToken(db, id).startsWith("v1:" + FIRST.currentKeyId() + ":"));

        try (PostgresPersistence after = db.connect(2, SECOND_AFTER_FIRST)) {
            assertTrue(storedToken(db, id).startsWith("v1:" + SECOND_AFTER_FIRST.currentKeyId() + ":"),
                    "sealed again at the start");
            assertEquals(Optional.of("EAAG-rotated-token"), token(after, id));
        }
        try (PostgresPersistence withoutThePreviousKey = db.connect(2, SECOND_ALONE)) {
            assertEquals(Optional.of("EAAG-rotated-token"), token(withoutThePreviousKey, id),
                    "once every row is sealed again, the previous key can go");
        }
    }

    @Test
    void plainTokensFromBeforeSealingAreSealedAtStartInBatches() throws Exception {
        TestDb db = TestDb.fresh();
        // More than one batch of the resealing.
        List<InstanceId> ids = instancesWithPlainTokens(db, 450);
        assertEquals(450, db.count("select count(*) from instance where access_token like 'EAAG-plain-%'"));

        try (PostgresPersistence upgraded = db.connect(2, FIRST)) {
            assertEquals(0, db.count("select count(*) from instance where access_token like '%EAAG-plain-%'"));
            assertEquals(450, db.count("select count(*) from instance where starts_with(access_token, ?)",
                    "v1:" + FIRST.currentKeyId() + ":"));
            for (InstanceId id : List.of(ids.getFirst(), ids.get(200), ids.getLast())) {
                assertEquals(Optional.of("EAAG-plain-" + id.value()), token(upgraded, id));
            }
        }
    }

    @Test
    void severalNodesStartingAtOnceSealEveryRowOnce() throws Exception {
        TestDb db = TestDb.fresh();
        List<InstanceId> ids = instancesWithPlainTokens(db, 300);

        List<PostgresPersistence> nodes = new ArrayList<>();
        try (ExecutorService starts = Executors.newFixedThreadPool(3)) {
            List<Callable<PostgresPersistence>> three = List.of(() -> db.connect(2, FIRST), () -> db.connect(2, FIRST),
                    () -> db.connect(2, SECOND_AFTER_FIRST));
            for (Future<PostgresPersistence> started : starts.invokeAll(three)) {
                nodes.add(started.get());
            }
        }
        try {
            assertEquals(0, db.count("select count(*) from instance where access_token like '%EAAG-plain-%'"));
            for (InstanceId id : ids) {
                assertEquals(Optional.of("EAAG-plain-" + id.value()), token(nodes.get(2), id),
                        "the node holding both keys opens every row, whichever node sealed it");
            }
        } finally {
            nodes.forEach(PostgresPersistence::close);
        }
    }

    @Test
    void aTokenNoKeyOpensFailsItsOwnInstanceOnlyAndIsKeptForTheKeyThatWillOpenIt() throws Exception {
        TestDb db = TestDb.fresh();
        InstanceId lost;
        InstanceId tampered;
        try (PostgresPersistence before = db.connect(2, FIRST)) {
            lost = metaInstance(before, "EAAG-lost-token").id();
            tampered = metaInstance(before, "EAAG-tampered-token").id();
        }
        String sealedUnderFirst = storedToken(db, lost);
        String[] parts = storedToken(db, tampered).split(":", 3);
        byte[] payload = java.util.Base64.getDecoder().decode(parts[2]);
        payload[20] ^= 0x01;
        db.update("update instance set access_token = ? where id = ?",
                parts[0] + ":" + parts[1] + ":" + java.util.Base64.getEncoder().encodeToString(payload), tampered.value());

        // The operator rotated without giving the previous key: the node still starts.
        try (PostgresPersistence misconfigured = db.connect(2, SECOND_ALONE)) {
            Instance healthy = metaInstance(misconfigured, "EAAG-healthy-token");
            assertEquals(Optional.of("EAAG-healthy-token"), token(misconfigured, healthy.id()));

            Instance unreadable = misconfigured.instances().find(lost).orElseThrow();
            assertEquals(Optional.empty(), unreadable.transportAccount().accessToken(), "as if no token were set");
            assertEquals(Optional.empty(), token(misconfigured, tampered));
            assertEquals(sealedUnderFirst, storedToken(db, lost), "left as it was");

            Instance renamed = new Instance(unreadable.id(), unreadable.accountId(), "Renamed line", unreadable.plan(),
                    unreadable.overrides(), unreadable.status(), unreadable.transport(), unreadable.transportAccount(),
                    unreadable.webhookUrl(), unreadable.timeZone(), unreadable.createdAt());
            assertTrue(misconfigured.instances().update(renamed));
            assertEquals(sealedUnderFirst, storedToken(db, lost), "a change of name does not erase the token");
        }
        try (PostgresPersistence fixed = db.connect(2, SECOND_AFTER_FIRST)) {
            assertEquals(Optional.of("EAAG-lost-token"), token(fixed, lost), "the key given later opens it");
            assertTrue(storedToken(db, lost).startsWith("v1:" + SECOND_AFTER_FIRST.currentKeyId() + ":"));
            assertEquals(Optional.empty(), token(fixed, tampered), "an altered value opens under no key");
        }
    }

    /** Instances whose tokens are stored as the release before sealing stored them: {@code EAAG-plain-<id>}. */
    private static List<InstanceId> instancesWithPlainTokens(TestDb db, int count) throws java.sql.SQLException {
        List<InstanceId> ids = new ArrayList<>();
        try (PostgresPersistence before = db.connect(2, FIRST)) {
            Fixtures fixtures = new Fixtures(before);
            Account account = fixtures.account(ZoneOffset.UTC);
            for (int i = 0; i < count; i++) {
                ids.add(fixtures.metaInstance(account, "1065" + Fixtures.shortId(), "placeholder").id());
            }
        }
        db.update("update instance set access_token = 'EAAG-plain-' || id where access_token is not null");
        return ids;
    }

    private static Instance metaInstance(PostgresPersistence node, String token) {
        Fixtures fixtures = new Fixtures(node);
        return fixtures.metaInstance(fixtures.account(ZoneOffset.UTC), "1065" + Fixtures.shortId(), token);
    }

    private static Optional<String> token(PostgresPersistence node, InstanceId id) {
        return node.instances().find(id).orElseThrow().transportAccount().accessToken();
    }

    private static String storedToken(TestDb db, InstanceId id) throws java.sql.SQLException {
        return db.text("select access_token from instance where id = ?", id.value());
    }
}
