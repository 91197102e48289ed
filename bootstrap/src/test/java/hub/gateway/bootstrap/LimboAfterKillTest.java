package hub.gateway.bootstrap;

import hub.gateway.bootstrap.GatewayUnderTest.Response;
import hub.gateway.testdb.Eventually;
import hub.gateway.testdb.TestDatabase;
import hub.gateway.testdb.TestSecretKeys;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract §10, "nothing left in limbo": a gateway process killed with -9 while its sends wait at the transport
 * (a fake Cloud API that took the messages and holds its answers) leaves 'accepted' rows; another node's sweep
 * makes every one of them 'unknown' with its quota still counted, and a retry with the same Idempotency-Key gets
 * the first attempt's outcome — 409 before the sweep, the unknown answer after — and never reaches the Cloud API
 * again.
 */
class LimboAfterKillTest {
    private static final int IN_FLIGHT = 4;
    private static final String ACCESS_TOKEN = "EAAG-limbo-access-token";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void sendsInFlightWhenTheNodeIsKilledEndUnknownAndAreNeverSentAgain(@TempDir Path logDir) throws Exception {
        try (FakeCloudApi cloud = new FakeCloudApi()) {
            String database = TestDatabase.shared().createDatabase();
            String phoneNumberId = "1099077";
            String instanceId;
            String apiKey;
            // A second node that looks while the first is dead; its deadline is long, so it sweeps nothing yet.
            try (GatewayUnderTest observer = GatewayUnderTest.on(database, Map.of(
                    "GATEWAY_META_GRAPH_URL", cloud.url(), "GATEWAY_REQUEST_DEADLINE_MS", "60000"))) {
                GatewayUnderTest.Client client = observer.newMetaClient("growth", phoneNumberId, ACCESS_TOKEN);
                instanceId = client.instanceId();
                apiKey = client.apiKey();
                // Free-form text on meta_cloud needs the recipient's window open (contract §13): they all wrote just now.
                observer.sql("""
                        insert into customer_service_window (instance_id, phone, last_wrote_at)
                        select ?, '+96650123400' || g, now() from generate_series(0, ?) g
                        """, instanceId, IN_FLIGHT - 1);

                // The node to kill, a process of its own. Its deadline is long too: its own sweep must not resolve
                // the rows while the Cloud API holds them.
                int port = GatewayProcess.freePort();
                Process doomed = GatewayProcess.launch(logDir, settings(port, database, cloud.url()));
                List<CompletableFuture<HttpResponse<String>>> unanswered = new ArrayList<>();
                try {
                    GatewayProcess.awaitHealthy(port, doomed, WAIT);
                    cloud.holdAnswers();
                    for (int i = 0; i < IN_FLIGHT; i++) {
                        unanswered.add(HttpClient.newHttpClient().sendAsync(sendRequest(
                                        "http://127.0.0.1:" + port, apiKey, "order-" + i, body(instanceId, i)),
                                HttpResponse.BodyHandlers.ofString()));
                    }
                    Eventually.assertSeenWithin(WAIT, () -> cloud.requests().size() == IN_FLIGHT, "every send reached the Cloud API");
                } finally {
                    doomed.destroyForcibly().waitFor();
                }
                // From now on the Cloud API answers at once: a retry that wrongly reached it would be answered 200.
                cloud.releaseAnswers();
                for (CompletableFuture<HttpResponse<String>> send : unanswered) {
                    assertTrue(send.handle((answer, failure) -> answer == null).join(), "the client never got an answer");
                }

                List<JsonObject> rows = messages(observer, apiKey, instanceId);
                assertEquals(IN_FLIGHT, rows.size());
                rows.forEach(row -> assertEquals("accepted", row.getString("status"), row.toString()));
                Response retry = observer.call("POST", "/api/send-message", body(instanceId, 0),
                        headers(apiKey, "order-0"));
                SendMessageEndToEndTest.assertShape(retry, 409, "idempotency_key_in_progress");
                assertEquals(IN_FLIGHT, cloud.requests().size(), "the retry did not reach the Cloud API");
            }

            // A node with a short deadline: its sweep resolves what the dead node left after twice the deadline.
            try (GatewayUnderTest sweeper = GatewayUnderTest.on(database, Map.of(
                    "GATEWAY_META_GRAPH_URL", cloud.url(), "GATEWAY_REQUEST_DEADLINE_MS", "1000"))) {
                Eventually.assertSeenWithin(WAIT, () -> messages(sweeper, apiKey, instanceId).stream()
                        .allMatch(row -> row.getString("status").equals("unknown")), "every row became unknown");
                for (JsonObject row : messages(sweeper, apiKey, instanceId)) {
                    assertEquals(List.of("unknown"), row.getJsonArray("status_history").getValuesAs(JsonObject.class)
                            .stream().map(entry -> entry.getString("status")).toList());
                }
                assertEquals(IN_FLIGHT, sweeper.get(apiKey, "/api/usage?instance_id=" + instanceId).json()
                        .getJsonObject("daily").getInt("used"), "the quota stays counted: the messages may have gone out");

                Set<Long> answeredLogIds = new HashSet<>();
                for (int i = 0; i < IN_FLIGHT; i++) {
                    Response again = sweeper.call("POST", "/api/send-message", body(instanceId, i),
                            headers(apiKey, "order-" + i));
                    SendMessageEndToEndTest.assertSeedError(again, "gateway_send_failed");
                    assertEquals("unknown", again.details().getString("delivery"), again.body());
                    long logId = again.details().getJsonNumber("log_id").longValue();
                    answeredLogIds.add(logId);
                    assertEquals("unknown", sweeper.get(apiKey, "/api/messages/" + logId).json().getString("status"));
                }
                assertEquals(IN_FLIGHT, answeredLogIds.size(), "each key answers its own first attempt");
                assertEquals(IN_FLIGHT, cloud.requests().size(), "no retry reached the Cloud API");
                assertEquals(IN_FLIGHT, sweeper.get(apiKey, "/api/usage?instance_id=" + instanceId).json()
                        .getJsonObject("daily").getInt("used"));
            }
        }
    }

    private static String body(String instanceId, int i) {
        return "{\"instance_id\": \"" + instanceId + "\", \"phone\": \"+96650123400" + i
                + "\", \"message\": \"Your appointment #" + (300 + i) + " is confirmed.\","
                + " \"message_purpose\": \"transactional\"}";
    }

    private static Map<String, String> headers(String apiKey, String idempotencyKey) {
        return Map.of("Authorization", "Bearer " + apiKey, "Content-Type", "application/json",
                "Idempotency-Key", idempotencyKey);
    }

    private static HttpRequest sendRequest(String base, String apiKey, String idempotencyKey, String body) {
        return HttpRequest.newBuilder(URI.create(base + "/api/send-message"))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static Map<String, String> settings(int port, String database, String graphUrl) {
        return Map.of(
                "GATEWAY_DB_URL", database,
                "GATEWAY_DB_USER", TestDatabase.shared().user(),
                "GATEWAY_DB_PASSWORD", TestDatabase.shared().password(),
                "GATEWAY_ADMIN_TOKEN", GatewayUnderTest.ADMIN_TOKEN,
                "GATEWAY_SECRET_KEY", TestSecretKeys.BASE64,
                "GATEWAY_PORT", String.valueOf(port),
                "GATEWAY_META_GRAPH_URL", graphUrl,
                "GATEWAY_REQUEST_DEADLINE_MS", "60000");
    }

    private static List<JsonObject> messages(GatewayUnderTest node, String apiKey, String instanceId) {
        return node.get(apiKey, "/api/messages?instance_id=" + instanceId).json().getJsonArray("messages")
                .getValuesAs(JsonObject.class);
    }
}
