package hub.gateway.bootstrap;

import hub.gateway.bootstrap.GatewayUnderTest.Client;
import hub.gateway.bootstrap.GatewayUnderTest.Response;
import hub.gateway.testdb.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GATEWAY_LOG_FORMAT=json (contract §11) on a real gateway: every record the root logger publishes while the
 * gateway serves real HTTP requests goes through the format the configuration chose, into a buffer that is then
 * read line by line.
 */
class JsonLogsEndToEndTest {
    private static final String ACCESS_LOGGER = "hub.gateway.adapter.http.access";
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";
    private static final String PHONE = "+966501234567";
    private static final String BLOCKED_PHONE = "+966507770001";

    private static final ByteArrayOutputStream CAPTURED = new ByteArrayOutputStream();
    private static StreamHandler capture;
    private static GatewayUnderTest gateway;

    @BeforeAll
    static void startWithJsonLogs() {
        Map<String, String> settings = Map.of("GATEWAY_LOG_FORMAT", "json");
        GatewayConfig config = GatewayUnderTest.config(settings);
        assertEquals(LogFormat.JSON, config.logFormat());
        capture = new StreamHandler(CAPTURED, new SimpleFormatter());
        capture.setLevel(Level.ALL);
        // What Main does to the root logger's console handler.
        Logger holder = Logger.getAnonymousLogger();
        holder.addHandler(capture);
        config.logFormat().applyTo(holder);
        assertInstanceOf(JsonLogFormatter.class, capture.getFormatter());
        Logger.getLogger("").addHandler(capture);
        gateway = GatewayUnderTest.on(TestDatabase.shared().createDatabase(), settings);
    }

    @AfterAll
    static void stop() {
        Logger.getLogger("").removeHandler(capture);
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void everyLineIsOneJsonObjectAndEveryRequestHasItsAccessLineWithoutSecretsOrPhoneNumbers() {
        Client client = gateway.newClient("starter");
        Response sent = call("POST", "/api/send-message", "req-send-1", client.apiKey(), sendBody(client, PHONE, "transactional"),
                Map.of("traceparent", TRACEPARENT));
        assertEquals(200, sent.status(), sent.body());
        long logId = sent.json().getJsonNumber("log_id").longValue();
        Response refused = call("POST", "/api/send-message", "req-refused-1", client.apiKey(),
                sendBody(client, PHONE, "marketing"), Map.of());
        assertEquals(422, refused.status(), refused.body());
        Response wrongKey = call("POST", "/api/send-message", "req-wrong-key", "gk_live_not-a-key",
                sendBody(client, PHONE, "transactional"), Map.of());
        assertEquals(401, wrongKey.status());
        Response blocked = call("POST", "/api/suppressions", "req-block", client.apiKey(),
                "{\"instance_id\": \"" + client.instanceId() + "\", \"phone\": \"" + BLOCKED_PHONE + "\"}", Map.of());
        assertEquals(201, blocked.status(), blocked.body());
        Response suppressed = call("POST", "/api/send-message", "req-suppressed", client.apiKey(),
                sendBody(client, BLOCKED_PHONE, "transactional"), Map.of());
        assertEquals(403, suppressed.status(), suppressed.body());
        Response lifted = call("DELETE", "/api/suppressions/" + client.instanceId() + "/%2B966507770001", "req-lift",
                client.apiKey(), null, Map.of());
        assertEquals(200, lifted.status(), lifted.body());
        Response read = call("GET", "/api/messages/" + logId, "req-read", client.apiKey(), null, Map.of());
        assertEquals(200, read.status(), read.body());
        Response instance = gateway.call("GET", "/admin/instances/" + client.instanceId(), null,
                Map.of("Authorization", "Bearer " + GatewayUnderTest.ADMIN_TOKEN, "X-Request-Id", "req-admin"));
        assertEquals(200, instance.status(), instance.body());
        Response notFound = call("GET", "/api/nothing-here", "req-404", client.apiKey(), null, Map.of());
        assertEquals(404, notFound.status());

        // The access line is written once the answer is on its way: wait for the last request's.
        String output = capturedOnceItHas("\"request_id\":\"req-404\"");
        List<JsonObject> lines = parsedLines(output);

        JsonObject send = accessLine(lines, sent);
        assertEquals("POST", send.getString("method"));
        assertEquals("/api/send-message", send.getString("route"));
        assertEquals(200, send.getInt("status"));
        assertInstanceOf(JsonNumber.class, send.get("duration_ms"));
        assertEquals("sent", send.getString("outcome"));
        assertEquals(client.instanceId(), send.getString("instance_id"));
        assertEquals(TRACE_ID, send.getString("trace_id"));
        assertEquals("INFO", send.getString("level"));
        assertTrue(send.getString("message").matches("POST /api/send-message 200 \\d+ms request_id=req-send-1"),
                "the text format's line, unchanged: " + send.getString("message"));

        JsonObject refusal = accessLine(lines, refused);
        assertEquals(422, refusal.getInt("status"));
        assertEquals("message_purpose_not_allowed", refusal.getString("outcome"));
        assertFalse(refusal.containsKey("instance_id"), "refused before the instance was found to be the client's");
        assertFalse(refusal.containsKey("trace_id"), "no traceparent, no trace id");

        JsonObject unauthenticated = accessLine(lines, wrongKey);
        assertEquals("invalid_api_key", unauthenticated.getString("outcome"));
        assertEquals("/api/send-message", unauthenticated.getString("route"));
        assertFalse(unauthenticated.containsKey("instance_id"));

        JsonObject suppressedLine = accessLine(lines, suppressed);
        assertEquals("recipient_suppressed", suppressedLine.getString("outcome"));
        assertEquals(client.instanceId(), suppressedLine.getString("instance_id"));

        JsonObject lift = accessLine(lines, lifted);
        assertEquals("DELETE", lift.getString("method"));
        assertEquals("/api/suppressions/{instance_id}/{phone}", lift.getString("route"));
        assertFalse(lift.containsKey("outcome"), "only a send or an error has an outcome");

        assertEquals("/api/messages/{log_id}", accessLine(lines, read).getString("route"));
        JsonObject admin = accessLine(lines, instance);
        assertEquals("/admin/instances/{id}", admin.getString("route"));
        assertEquals(client.instanceId(), admin.getString("instance_id"));
        JsonObject missing = accessLine(lines, notFound);
        assertEquals("not_found", missing.getString("outcome"));
        assertFalse(missing.containsKey("route"), "no route matched");

        assertFalse(output.contains(client.apiKey()), "an API key was logged");
        assertFalse(output.contains(GatewayUnderTest.ADMIN_TOKEN), "the admin token was logged");
        for (String phone : List.of(PHONE, BLOCKED_PHONE)) {
            assertFalse(output.contains(phone.substring(1)), "a whole phone number was logged: " + phone);
        }
    }

    private static String sendBody(Client client, String phone, String purpose) {
        return "{\"instance_id\": \"" + client.instanceId() + "\", \"phone\": \"" + phone
                + "\", \"message\": \"Your order #2041 has been shipped.\", \"message_purpose\": \"" + purpose + "\"}";
    }

    private static Response call(String method, String path, String requestId, String apiKey, String body,
                                 Map<String, String> more) {
        Map<String, String> headers = new HashMap<>(more);
        headers.put("X-Request-Id", requestId);
        headers.put("Authorization", "Bearer " + apiKey);
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        Response response = gateway.call(method, path, body, headers);
        assertEquals(requestId, response.header("X-Request-Id").orElseThrow(), "the caller's sane request id is kept");
        return response;
    }

    /** The access line of an answer, found by the request id the answer carries. */
    private static JsonObject accessLine(List<JsonObject> lines, Response response) {
        String requestId = response.header("X-Request-Id").orElseThrow();
        List<JsonObject> found = lines.stream()
                .filter(line -> line.getString("logger").equals(ACCESS_LOGGER))
                .filter(line -> line.get("request_id") instanceof JsonString id && id.getString().equals(requestId))
                .toList();
        assertEquals(1, found.size(), "one access line for " + requestId + " in " + lines);
        return found.getFirst();
    }

    private static String capturedOnceItHas(String text) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            capture.flush();
            String output;
            synchronized (capture) {
                output = CAPTURED.toString(StandardCharsets.UTF_8);
            }
            if (output.contains(text) || System.nanoTime() > deadline) {
                return output;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static List<JsonObject> parsedLines(String output) {
        List<JsonObject> lines = new ArrayList<>();
        for (String line : output.split("\n")) {
            JsonObject object;
            try (var reader = Json.createReader(new StringReader(line))) {
                object = reader.readObject();
            } catch (RuntimeException e) {
                throw new AssertionError("not one JSON object: " + line, e);
            }
            for (String field : List.of("ts", "level", "logger", "message")) {
                assertTrue(object.containsKey(field), field + " missing: " + line);
            }
            lines.add(object);
        }
        assertFalse(lines.isEmpty());
        return lines;
    }
}
