package hub.gateway.bootstrap;

import hub.gateway.bootstrap.GatewayUnderTest.Response;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A newcomer's {@code ./data} made by the release before this one (schema V7, the last one it shipped), with an
 * account, an instance, a delivered message and one left {@code accepted} by a crash: the gateway of this version
 * starts on it, upgrades it in place (V8 onwards and the repeatable migrations), keeps every row, sweeps the one
 * in limbo to {@code unknown}, seals the access token it kept in plain text (contract §13, under the key it generates
 * into {@code ./data}), and sends again.
 */
class EmbeddedUpgradeTest {
    private static final String PLAIN_TOKEN = "EAAG-kept-in-plain-text-by-v7";

    @Test
    void aDataFolderOfThePreviousReleaseIsUpgradedInPlace(@TempDir Path dataDir) throws Exception {
        long delivered;
        long limbo;
        try (EmbeddedDatabase previous = EmbeddedDatabase.start(dataDir)) {
            Flyway.configure(EmbeddedUpgradeTest.class.getClassLoader())
                    .dataSource(previous.jdbcUrl(), previous.user(), previous.password())
                    .locations("classpath:db/migration")
                    .target("7")
                    .load()
                    .migrate();
            try (Connection connection = DriverManager.getConnection(previous.jdbcUrl(), previous.user(), previous.password());
                 Statement sql = connection.createStatement()) {
                sql.execute("insert into account (id, name, time_zone) values ('acc_v7', 'Shop', 'UTC')");
                sql.execute("""
                        insert into instance (id, account_id, name, plan, transport, webhook_secret, status, created_at,
                                              updated_at)
                        values ('shop-line', 'acc_v7', 'Shop line', 'starter', 'sandbox', 'whsec_dGVzdA==', 'active',
                                now() - interval '1 day', now() - interval '1 day')
                        """);
                sql.execute("""
                        insert into instance (id, account_id, name, plan, transport, phone_number_id, access_token,
                                              webhook_secret, status, created_at, updated_at)
                        values ('clinic-line', 'acc_v7', 'Clinic line', 'starter', 'meta_cloud', '106540352242922',
                                '%s', 'whsec_dGVzdA==', 'active', now() - interval '1 day', now() - interval '1 day')
                        """.formatted(PLAIN_TOKEN));
                delivered = insertLogRow(sql, "delivered", "wamid.v7");
                limbo = insertLogRow(sql, "accepted", null);
            }
        }

        try (GatewayUnderTest upgraded = GatewayUnderTest.embedded(dataDir)) {
            String adminToken = Files.readString(dataDir.resolve(Gateway.ADMIN_TOKEN_FILE)).strip();
            Map<String, String> admin = Map.of("Authorization", "Bearer " + adminToken, "Content-Type", "application/json");
            Response key = upgraded.call("POST", "/admin/accounts/acc_v7/api-keys", "", admin);
            assertEquals(201, key.status(), key.body());
            String apiKey = key.json().getString("api_key");

            Response old = upgraded.get(apiKey, "/api/messages/" + delivered);
            assertEquals(200, old.status(), old.body());
            assertEquals("delivered", old.json().getString("status"));
            // Created a day ago: far past twice the deadline, so the first sweep round resolves it.
            hub.gateway.testdb.Eventually.assertSeenWithin(java.time.Duration.ofSeconds(30),
                    () -> "unknown".equals(upgraded.get(apiKey, "/api/messages/" + limbo).json().getString("status")),
                    "the row left in limbo by the old release is swept to unknown");

            Response sent = upgraded.send(apiKey, """
                    {"instance_id": "shop-line", "phone": "+966501234567", "message": "Your order #7 has shipped.",
                     "message_purpose": "transactional"}""");
            assertEquals(200, sent.status(), sent.body());
            assertTrue(upgraded.call("GET", "/admin/instances/clinic-line", null, admin).json().getBoolean("access_token_set"));
        }

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("secret-key"))));
        try (EmbeddedDatabase after = EmbeddedDatabase.start(dataDir);
             Connection connection = DriverManager.getConnection(after.jdbcUrl(), after.user(), after.password());
             Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("select access_token from instance where id = 'clinic-line'")) {
            row.next();
            String stored = row.getString(1);
            assertFalse(stored.contains(PLAIN_TOKEN), stored);
            assertTrue(stored.startsWith("v1:"), stored);
        }
    }

    private static long insertLogRow(Statement sql, String status, String messageId) throws SQLException {
        try (ResultSet row = sql.executeQuery("""
                insert into message_log (account_id, instance_id, phone, message_purpose, status, message_id,
                                         counted_minute, counted_day, counted_month, created_at)
                values ('acc_v7', 'shop-line', '+966501234567', 'transactional', '%s', %s,
                        now() - interval '1 day', current_date - 1, date_trunc('month', current_date - 1),
                        now() - interval '1 day')
                returning id
                """.formatted(status, messageId == null ? "null" : "'" + messageId + "'"))) {
            row.next();
            return row.getLong(1);
        }
    }
}
