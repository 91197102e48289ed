package hub.gateway.bootstrap;

import hub.gateway.bootstrap.GatewayUnderTest.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default a newcomer starts: embedded PostgreSQL, a demo ready to send, data that outlives the process. */
class EmbeddedDefaultTest {
    private static final String DEMO_SEND = "{\"instance_id\": \"demo-support-line\", \"phone\": \"+966501234567\","
            + " \"message\": \"Your order #2041 has been shipped.\", \"message_purpose\": \"transactional\"}";

    @Test
    void theDemoIsProvisionedOnceAndItsDataSurvivesARestart(@TempDir Path dataDir) throws IOException {
        long logId;
        String demoKey;
        try (GatewayUnderTest first = GatewayUnderTest.embedded(dataDir)) {
            demoKey = Files.readString(dataDir.resolve("demo-api-key")).strip();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("demo-api-key"))));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("admin-token"))));
            Response sent = first.send(demoKey, DEMO_SEND);
            assertEquals(200, sent.status(), sent.body());
            logId = sent.json().getJsonNumber("log_id").longValue();
        }
        String adminToken = Files.readString(dataDir.resolve("admin-token")).strip();
        try (GatewayUnderTest second = GatewayUnderTest.embedded(dataDir)) {
            assertEquals(demoKey, Files.readString(dataDir.resolve("demo-api-key")).strip(), "provisioned only once");
            assertEquals("sent", second.get(demoKey, "/api/messages/" + logId).json().getString("status"));
            Response instance = second.call("GET", "/admin/instances/demo-support-line", null,
                    Map.of("Authorization", "Bearer " + adminToken));
            assertEquals("Demo Support Line", instance.json().getString("name"));
            assertEquals(1, instance.json().getJsonObject("usage").getInt("daily"));
        }
    }

    @Test
    void anAcknowledgedSendSurvivesKillDashNine(@TempDir Path dataDir) throws Exception {
        int port = GatewayProcess.freePort();
        Process gateway = GatewayProcess.launch(dataDir, Map.of("GATEWAY_DATA_DIR", dataDir.toString(), "GATEWAY_PORT", String.valueOf(port)));
        long logId;
        String demoKey;
        try {
            GatewayProcess.awaitHealthy(port, gateway, Duration.ofSeconds(90));
            demoKey = Files.readString(dataDir.resolve("demo-api-key")).strip();
            HttpResponse<String> sent = post(port, demoKey, DEMO_SEND);
            assertEquals(200, sent.statusCode(), sent.body());
            logId = Long.parseLong(sent.body().replaceAll(".*\"log_id\"\\s*:\\s*(\\d+).*", "$1"));
        } finally {
            gateway.destroyForcibly().waitFor();
        }

        Process restarted = GatewayProcess.launch(dataDir, Map.of("GATEWAY_DATA_DIR", dataDir.toString(), "GATEWAY_PORT", String.valueOf(port)));
        try {
            GatewayProcess.awaitHealthy(port, restarted, Duration.ofSeconds(90));
            HttpResponse<String> read = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/messages/" + logId))
                    .header("Authorization", "Bearer " + demoKey).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, read.statusCode(), read.body());
            assertTrue(read.body().contains("\"status\":\"sent\"") || read.body().contains("\"status\": \"sent\""), read.body());
        } finally {
            restarted.destroy();
            assertTrue(restarted.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "SIGTERM stops the gateway gracefully");
        }
    }

    private static HttpResponse<String> post(int port, String apiKey, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/send-message"))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
