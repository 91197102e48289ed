package hub.gateway.bootstrap;

import hub.gateway.testdb.TestDatabase;
import hub.gateway.testdb.TestSecretKeys;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * With {@code GATEWAY_LOG_FORMAT=json}, everything the gateway prints is a JSON line — its welcome text and a
 * configuration error included — as a process run the way ./gateway runs it, its whole output read.
 */
class JsonLogsProcessTest {
    @Test
    void everyLineTheGatewayPrintsFromStartToStopIsJson(@TempDir Path logDir) throws Exception {
        int port = GatewayProcess.freePort();
        Process gateway = GatewayProcess.launch(logDir, Map.of(
                "GATEWAY_DB_URL", TestDatabase.shared().createDatabase(),
                "GATEWAY_DB_USER", TestDatabase.shared().user(),
                "GATEWAY_DB_PASSWORD", TestDatabase.shared().password(),
                "GATEWAY_ADMIN_TOKEN", GatewayUnderTest.ADMIN_TOKEN,
                "GATEWAY_SECRET_KEY", TestSecretKeys.BASE64,
                "GATEWAY_PORT", String.valueOf(port),
                "GATEWAY_LOG_FORMAT", "json"));
        try {
            GatewayProcess.awaitHealthy(port, gateway, Duration.ofSeconds(60));
        } finally {
            gateway.destroy(); // SIGTERM: whatever the stop prints is read too
            assertTrue(gateway.waitFor(30, TimeUnit.SECONDS));
        }
        List<JsonObject> lines = jsonLines(onlyLog(logDir));
        assertTrue(lines.stream().anyMatch(line -> line.getString("message").contains("hub WhatsApp Gateway is listening on")),
                "the welcome is one of the JSON lines");
    }

    @Test
    void aConfigurationErrorIsAJsonLineToo(@TempDir Path logDir) throws Exception {
        Process gateway = GatewayProcess.launch(logDir, Map.of("GATEWAY_LOG_FORMAT", "json", "GATEWAY_PORT", "eighty"));
        assertTrue(gateway.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, gateway.exitValue());
        List<JsonObject> lines = jsonLines(onlyLog(logDir));
        assertEquals(1, lines.size(), lines.toString());
        assertEquals("ERROR", lines.getFirst().getString("level"), "as the JSON format names SEVERE");
        assertTrue(lines.getFirst().getString("message").startsWith("configuration error: GATEWAY_PORT"),
                lines.getFirst().toString());
    }

    private static Path onlyLog(Path logDir) throws IOException {
        try (var files = Files.list(logDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("gateway-")).findFirst().orElseThrow();
        }
    }

    private static List<JsonObject> jsonLines(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log).stream().filter(line -> !line.isBlank()).toList();
        assertTrue(!lines.isEmpty(), "the gateway printed something");
        return lines.stream().map(line -> {
            try {
                return Json.createReader(new StringReader(line)).readObject();
            } catch (RuntimeException notJson) {
                return fail("not a JSON line: " + line);
            }
        }).toList();
    }
}
