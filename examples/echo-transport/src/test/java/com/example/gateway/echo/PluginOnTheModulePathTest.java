package com.example.gateway.echo;

import hub.gateway.testdb.Eventually;
import hub.gateway.testdb.TestDatabase;
import hub.gateway.testdb.TestSecretKeys;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway as built (bootstrap/target/lib), started on the module path the way ./gateway starts it,
 * with this module added to the path and nothing else changed: an instance can name the echo transport
 * and send through it. Without the module on the path the same instance is refused.
 */
class PluginOnTheModulePathTest {
    private static final Path GATEWAY_LIBRARIES = Path.of("..", "..", "bootstrap", "target", "lib");
    private static final Path THIS_MODULE = Path.of("target", "classes");
    private static final String ADMIN_TOKEN = "plugin-test-admin-token";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void anInstanceSendsThroughATransportLoadedFromTheModulePath() throws Exception {
        assertTrue(Files.isDirectory(GATEWAY_LIBRARIES), "the gateway is built before this module");
        String database = TestDatabase.shared().createDatabase();
        try (Running gateway = start(database, GATEWAY_LIBRARIES + java.io.File.pathSeparator + THIS_MODULE)) {
            String account = field(admin(gateway, "/admin/accounts", "{\"name\": \"Plug-in team\"}"), "account_id");
            Response created = call(gateway, "POST", "/admin/instances", ADMIN_TOKEN, "{\"account_id\": \"" + account
                    + "\", \"instance_id\": \"echo-line\", \"name\": \"Echo line\", \"plan\": \"starter\", \"transport\": \"echo\"}");
            assertEquals(201, created.status(), created.body());
            String key = field(admin(gateway, "/admin/accounts/" + account + "/api-keys", ""), "api_key");
            Response sent = call(gateway, "POST", "/api/send-message", key, "{\"instance_id\": \"echo-line\", \"phone\": "
                    + "\"+966501234567\", \"message\": \"Your order #2041 has shipped.\", \"message_purpose\": \"transactional\"}");
            assertEquals(200, sent.status(), sent.body());
            assertEquals("echo.1", field(sent.body(), "message_id"));
            // The metrics (Micrometer's automatic modules) work on the module path too, and counted the plug-in.
            Response metrics = call(gateway, "GET", "/observe/metrics", null, null);
            assertEquals(200, metrics.status(), metrics.body());
            assertTrue(metrics.body().contains("gateway_transport_requests_total{result=\"delivered\",transport=\"echo\"} 1.0"),
                    metrics.body());
            assertTrue(metrics.body().contains("jvm_memory_used_bytes"), metrics.body());
        }
    }

    @Test
    void withoutTheModuleTheTransportDoesNotExist() throws Exception {
        String database = TestDatabase.shared().createDatabase();
        try (Running gateway = start(database, GATEWAY_LIBRARIES.toString())) {
            String account = field(admin(gateway, "/admin/accounts", "{\"name\": \"Plug-in team\"}"), "account_id");
            Response refused = call(gateway, "POST", "/admin/instances", ADMIN_TOKEN, "{\"account_id\": \"" + account
                    + "\", \"name\": \"Echo line\", \"plan\": \"starter\", \"transport\": \"echo\"}");
            assertEquals(422, refused.status(), refused.body());
            assertTrue(refused.body().contains("transport"), refused.body());
        }
    }

    record Response(int status, String body) {
    }

    record Running(Process process, int port) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    private Running start(String database, String modulePath) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", modulePath, "--add-modules", "ALL-MODULE-PATH",
                "--module", "hub.gateway.bootstrap/hub.gateway.bootstrap.Main"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("gateway-plugin-test", ".log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("GATEWAY_"));
        env.put("GATEWAY_DB_URL", database);
        env.put("GATEWAY_DB_USER", TestDatabase.shared().user());
        env.put("GATEWAY_DB_PASSWORD", TestDatabase.shared().password());
        env.put("GATEWAY_ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("GATEWAY_SECRET_KEY", TestSecretKeys.BASE64);
        env.put("GATEWAY_PORT", String.valueOf(port));
        Running running = new Running(builder.start(), port);
        try {
            Eventually.assertSeenWithin(Duration.ofSeconds(60), () -> {
                if (!running.process().isAlive()) {
                    throw new AssertionError("the gateway exited with " + running.process().exitValue());
                }
                try {
                    return call(running, "GET", "/observe/health", null, null).status() == 200;
                } catch (IOException stillStarting) {
                    return false;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }, "the gateway becomes healthy");
        } catch (AssertionError notHealthy) {
            running.close();
            throw notHealthy;
        }
        return running;
    }

    private String admin(Running gateway, String path, String body) throws Exception {
        Response response = call(gateway, "POST", path, ADMIN_TOKEN, body);
        assertEquals(201, response.status(), response.body());
        return response.body();
    }

    private Response call(Running gateway, String method, String path, String bearer, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertTrue(m.find(), "no " + name + " in " + json);
        return m.group(1);
    }
}
