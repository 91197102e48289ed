package hub.gateway.bootstrap;

import hub.gateway.testdb.TestDatabase;
import hub.gateway.testdb.TestSecretKeys;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A whole gateway as it runs in production, on a real PostgreSQL and a real port, spoken to over real
 * HTTP. Several may share one database, as nodes of a cluster do.
 *
 * <p>A test class that needs one gateway for all its tests registers it as a static extension, which closes
 * it after them: {@code @RegisterExtension static final GatewayUnderTest gateway = onFreshDatabase();}.
 */
final class GatewayUnderTest implements AutoCloseable, AfterAllCallback {
    static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Gateway gateway;
    final String base;
    /** Its database, when the test gave one (the embedded default's is its own). */
    private final Optional<String> jdbcUrl;

    private GatewayUnderTest(Gateway gateway, Optional<String> jdbcUrl) {
        this.gateway = gateway;
        this.base = "http://127.0.0.1:" + gateway.port();
        this.jdbcUrl = jdbcUrl;
    }

    /** A gateway on a fresh database of its own. */
    static GatewayUnderTest onFreshDatabase() {
        return on(TestDatabase.shared().createDatabase());
    }

    /** Another node on the database of an existing one. */
    static GatewayUnderTest on(String jdbcUrl) {
        return on(jdbcUrl, Map.of());
    }

    /** The same, with more settings (transports read theirs from the environment). */
    static GatewayUnderTest on(String jdbcUrl, Map<String, String> moreSettings) {
        TestDatabase db = TestDatabase.shared();
        Map<String, String> env = new java.util.HashMap<>(moreSettings);
        env.putAll(Map.of(
                "GATEWAY_DB_URL", jdbcUrl,
                "GATEWAY_DB_USER", db.user(),
                "GATEWAY_DB_PASSWORD", db.password(),
                "GATEWAY_DB_POOL_SIZE", "6",
                "GATEWAY_ADMIN_TOKEN", ADMIN_TOKEN,
                // The tests' webhook receivers listen on loopback.
                "GATEWAY_WEBHOOK_ALLOW_PRIVATE", "true",
                "GATEWAY_PORT", "0"));
        // An external database needs one; a test of key rotation gives its own.
        env.putIfAbsent("GATEWAY_SECRET_KEY", TestSecretKeys.BASE64);
        
        return new GatewayUnderTest(Gateway.start(config(env)), Optional.of(jdbcUrl));
    }

    static GatewayConfig config(Map<String, String> env) {
        return GatewayConfig.fromEnvironment(env);
    }

    static GatewayUnderTest embedded(Path dataDir) {
        return new GatewayUnderTest(Gateway.start(config(Map.of(
                "GATEWAY_DATA_DIR", dataDir.toString(), "GATEWAY_PORT", "0"))), Optional.empty());
    }

    Gateway gateway() {
        return gateway;
    }

    @Override
    public void close() {
        gateway.close();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /**
     * Plain SQL on the gateway's database, for what no API does: a recipient's customer-service window opened or
     * moved back in time (contract §13) without waiting a day. Answers the rows changed.
     */
    /** Opens the recipient's customer-service window (contract §13) as an inbound message of theirs would. */
    void recipientWroteJustNow(String instanceId, String phone) {
        sql("""
                insert into customer_service_window (instance_id, phone, last_wrote_at) values (?, ?, now())
                on conflict (instance_id, phone) do update set last_wrote_at = excluded.last_wrote_at
                """, instanceId, phone);
    }

    int sql(String statement, Object... parameters) {
        TestDatabase db = TestDatabase.shared();
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
                jdbcUrl.orElseThrow(() -> new IllegalStateException("the embedded default's database is its own")),
                db.user(), db.password());
             java.sql.PreparedStatement prepared = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                prepared.setObject(i + 1, parameters[i]);
            }
            return prepared.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- admin helpers -------------------------------------------------------------------------------

    /** A new account with one instance and one key: what a client developer is handed. */
    Client newClient(String plan) {
        return newClient(plan, null);
    }

    /** The same, with a webhook URL; the instance's signing secret is in the answer to its creation. */
    Client newClient(String plan, String webhookUrl) {
        String account = admin("POST", "/admin/accounts", "{\"name\": \"Shop\"}").json().getString("account_id");
        Response instance = admin("POST", "/admin/instances", "{\"account_id\": \"" + account
                + "\", \"name\": \"Shop line\", \"plan\": \"" + plan + "\""
                + (webhookUrl == null ? "" : ", \"webhook_url\": \"" + webhookUrl + "\"") + "}");
        if (instance.status() != 201) {
            throw new AssertionError("instance not created: " + instance);
        }
        Response key = admin("POST", "/admin/accounts/" + account + "/api-keys", "");
        return new Client(account, instance.json().getString("instance_id"), key.json().getString("api_key"),
                key.json().getString("api_key_id"), instance.json().getString("webhook_secret"));
    }

    /**
     * A new account with one meta_cloud instance on the given Cloud API number and one key. The access token is
     * a secret: an answer that shows it fails the test at once.
     */
    Client newMetaClient(String plan, String phoneNumberId, String accessToken) {
        String account = admin("POST", "/admin/accounts", "{\"name\": \"Clinic\"}").json().getString("account_id");
        Response instance = admin("POST", "/admin/instances", "{\"account_id\": \"" + account
                + "\", \"name\": \"Clinic line\", \"plan\": \"" + plan + "\", \"transport\": \"meta_cloud\","
                + " \"phone_number_id\": \"" + phoneNumberId + "\", \"access_token\": \"" + accessToken + "\"}");
        if (instance.status() != 201) {
            throw new AssertionError("instance not created: " + instance);
        }
        if (instance.body().contains(accessToken)) {
            throw new AssertionError("the access token was shown: " + instance);
        }
        Response key = admin("POST", "/admin/accounts/" + account + "/api-keys", "");
        return new Client(account, instance.json().getString("instance_id"), key.json().getString("api_key"),
                key.json().getString("api_key_id"), instance.json().getString("webhook_secret"));
    }

    Response admin(String method, String path, String body) {
        return call(method, path, body, Map.of("Authorization", "Bearer " + ADMIN_TOKEN, "Content-Type", "application/json"));
    }

    void setLimits(String instanceId, String limitsJson) {
        Response patched = admin("PATCH", "/admin/instances/" + instanceId, limitsJson);
        if (patched.status() != 200) {
            throw new AssertionError("PATCH failed: " + patched);
        }
    }

    // --- client helpers ------------------------------------------------------------------------------

    Response send(Client client, String phone, String message, String purpose) {
        return send(client.apiKey(), "{\"instance_id\": \"" + client.instanceId() + "\", \"phone\": \"" + phone
                + "\", \"message\": \"" + message + "\", \"message_purpose\": \"" + purpose + "\"}");
    }

    /**
     * Sends that end in each outcome the overview counts: 2 sent, 1 failed (the sandbox fails numbers ending in
     * 0000) and 3 refused ({@code daily_message_limit_exceeded}); the client's limits are set for it.
     */
    void sendOfEachOutcome(Client client) {
        // The day, not the minute: a test that ran across a minute's end would see its refusals let through.
        setLimits(client.instanceId(), "{\"daily_limit\": 2, \"per_minute_limit\": 100000}");
        // A failed send gives its quota back, so it goes first.
        expect(502, send(client, "+966511000000", "Your order #3 has shipped", "transactional"));
        expect(200, send(client, "+966501234567", "Your order #1 has shipped", "transactional"));
        expect(200, send(client, "+966501234568", "Your order #2 has shipped", "transactional"));
        for (int i = 0; i < 3; i++) {
            SendMessageEndToEndTest.assertSeedError(send(client, "+966501234567", "Your order #4 has shipped",
                    "transactional"), "daily_message_limit_exceeded");
        }
    }

    private static void expect(int status, Response response) {
        if (response.status() != status) {
            throw new AssertionError("expected " + status + ": " + response);
        }
    }

    Response send(String apiKey, String body) {
        return call("POST", "/api/send-message", body,
                Map.of("Authorization", "Bearer " + apiKey, "Content-Type", "application/json"));
    }

    Response get(String apiKey, String path) {
        return call("GET", path, null, Map.of("Authorization", "Bearer " + apiKey));
    }

    Response call(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            // Every answer an end-to-end test sees is held to the OpenAPI description.
            OpenApiAnswers.check(method, path, response.statusCode(), response.headers().firstValue("Content-Type"),
                    response.body());
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Client(String accountId, String instanceId, String apiKey, String apiKeyId, String webhookSecret) {
        Client(String accountId, String instanceId, String apiKey, String apiKeyId) {
            this(accountId, instanceId, apiKey, apiKeyId, null);
        }
    }

    /** What the sandbox's simulation endpoint does when a recipient writes to the instance. */
    Response inbound(Client client, String from, String text) {
        return admin("POST", "/admin/instances/" + client.instanceId() + "/inbound",
                "{\"from\": \"" + from + "\", \"text\": \"" + text + "\"}");
    }

    record Response(int status, String body, Map<String, java.util.List<String>> headers) {
        JsonObject json() {
            try {
                return Json.createReader(new StringReader(body)).readObject();
            } catch (RuntimeException e) {
                throw new AssertionError("not a JSON object (" + status + "): " + body, e);
            }
        }

        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        JsonObject details() {
            return json().getJsonObject("details");
        }

        boolean isNull(String field) {
            return json().get(field) == null || json().get(field) == JsonValue.NULL;
        }
    }
}
