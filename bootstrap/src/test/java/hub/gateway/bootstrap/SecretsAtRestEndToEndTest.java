package hub.gateway.bootstrap;

import hub.gateway.bootstrap.GatewayUnderTest.Client;
import hub.gateway.bootstrap.GatewayUnderTest.Response;
import hub.gateway.testdb.TestDatabase;
import hub.gateway.testdb.TestSecretKeys;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;

import static hub.gateway.bootstrap.SendMessageEndToEndTest.assertSeedError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Access tokens at rest (contract §13), through the gateway as built: a dump of its database shows no token, a key
 * rotation keeps every instance sending, and a token no key opens fails its own instance's sends only.
 */
class SecretsAtRestEndToEndTest {
    private static final String FIRST_KEY_ID = TestSecretKeys.keys().currentKeyId();
    private static FakeCloudApi cloud;
    private static int phoneNumberIds = 100;

    @BeforeAll
    static void startCloud() {
        cloud = new FakeCloudApi();
    }

    @AfterAll
    static void stopCloud() {
        cloud.close();
    }

    @Test
    void aDatabaseDumpShowsNoTokenAndTheCloudApiStillGetsIt() throws Exception {
        String database = TestDatabase.shared().createDatabase();
        String token = "EAAG-dump-token-" + System.nanoTime();
        try (GatewayUnderTest gateway = meta(database, Map.of())) {
            Client client = gateway.newMetaClient("growth", nextPhoneNumberId(), token);
            assertEquals(200, send(gateway, client, "Your order #2041 has shipped.").status());
            assertEquals("Bearer " + token, cloud.requests().getLast().authorization());

            JsonObject shown = gateway.admin("GET", "/admin/instances/" + client.instanceId(), null).json();
            assertTrue(shown.getBoolean("access_token_set"));
            assertFalse(shown.containsKey("access_token"));
            assertFalse(shown.toString().contains(token));

            String dump = PgDump.dump(database, TestDatabase.shared().user(), TestDatabase.shared().password());
            assertTrue(dump.contains("Clinic line"), "the dump holds the instance's row");
            assertFalse(dump.contains(token), "a database dump shows no token");
            assertTrue(dump.contains("v1:" + FIRST_KEY_ID + ":"), "it shows the sealed value");
        }
    }

    @Test
    void aRotatedKeyKeepsEveryInstanceSendingAndATamperedTokenFailsItsOwnInstanceOnly() throws Exception {
        String database = TestDatabase.shared().createDatabase();
        String healthyToken = "EAAG-healthy-" + System.nanoTime();
        Client healthy;
        Client tampered;
        try (GatewayUnderTest before = meta(database, Map.of())) {
            healthy = before.newMetaClient("growth", nextPhoneNumberId(), healthyToken);
            tampered = before.newMetaClient("growth", nextPhoneNumberId(), "EAAG-tampered-" + System.nanoTime());
        }
        flipAByteOfTheSealedToken(database, tampered.instanceId());

        try (GatewayUnderTest rotated = meta(database, Map.of("GATEWAY_SECRET_KEY", TestSecretKeys.OTHER_BASE64,
                "GATEWAY_SECRET_KEY_PREVIOUS", TestSecretKeys.BASE64))) {
            assertEquals(200, send(rotated, healthy, "Your order #7 has shipped.").status());
            assertEquals("Bearer " + healthyToken, cloud.requests().getLast().authorization());
            assertFalse(storedToken(database, healthy.instanceId()).startsWith("v1:" + FIRST_KEY_ID + ":"),
                    "sealed again under the new key at the start");

            int calls = cloud.requests().size();
            Response failed = send(rotated, tampered, "Your order #8 has shipped.");
            assertSeedError(failed, "gateway_send_failed");
            assertEquals("transport_not_configured",
                    failed.details().getJsonObject("transport_error").getString("code"));
            assertEquals(calls, cloud.requests().size(), "the Cloud API was not called without a token");

            assertEquals(200, send(rotated, healthy, "Your order #9 has shipped.").status(), "others still send");
        }
        try (GatewayUnderTest withoutThePreviousKey = meta(database,
                Map.of("GATEWAY_SECRET_KEY", TestSecretKeys.OTHER_BASE64))) {
            assertEquals(200, send(withoutThePreviousKey, healthy, "Your order #10 has shipped.").status(),
                    "after the rotation's start the previous key is no longer needed");
        }
    }

    private static GatewayUnderTest meta(String database, Map<String, String> keys) {
        Map<String, String> settings = new java.util.HashMap<>(keys);
        settings.put("GATEWAY_META_GRAPH_URL", cloud.url());
        return GatewayUnderTest.on(database, settings);
    }

    private static Response send(GatewayUnderTest gateway, Client client, String text) {
        // Free-form text on meta_cloud needs the recipient's window open (contract §13).
        gateway.recipientWroteJustNow(client.instanceId(), "+966501234567");
        return gateway.send(client.apiKey(), "{\"instance_id\": \"" + client.instanceId()
                + "\", \"phone\": \"+966501234567\", \"message\": \"" + text + "\", \"message_purpose\": \"transactional\"}");
    }

    private static String nextPhoneNumberId() {
        return "10770" + (phoneNumberIds++);
    }

    private static void flipAByteOfTheSealedToken(String database, String instanceId) throws SQLException {
        String[] parts = storedToken(database, instanceId).split(":", 3);
        byte[] payload = Base64.getDecoder().decode(parts[2]);
        payload[payload.length - 1] ^= 0x01;
        try (Connection connection = connect(database);
             PreparedStatement update = connection.prepareStatement("update instance set access_token = ? where id = ?")) {
            update.setString(1, parts[0] + ":" + parts[1] + ":" + Base64.getEncoder().encodeToString(payload));
            update.setString(2, instanceId);
            assertEquals(1, update.executeUpdate());
        }
    }

    private static String storedToken(String database, String instanceId) throws SQLException {
        try (Connection connection = connect(database);
             PreparedStatement query = connection.prepareStatement("select access_token from instance where id = ?")) {
            query.setString(1, instanceId);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next());
                return row.getString(1);
            }
        }
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(database, TestDatabase.shared().user(), TestDatabase.shared().password());
    }
}
