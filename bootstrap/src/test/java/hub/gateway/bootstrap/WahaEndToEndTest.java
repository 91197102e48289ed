package hub.gateway.bootstrap;

import hub.gateway.bootstrap.GatewayUnderTest.Response;
import hub.gateway.testdb.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static hub.gateway.bootstrap.SendMessageEndToEndTest.assertSeedError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Instances on the waha transport (contract §14), against a fake WAHA server on loopback, with signed events. */
class WahaEndToEndTest {
    private static final String API_KEY = "waha-api-key-secret-4711";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static FakeWaha waha;
    private static String database;
    private static GatewayUnderTest gateway;
    private static int sessions;

    @BeforeAll
    static void start() {
        waha = new FakeWaha();
        database = TestDatabase.shared().createDatabase();
        // A short read time-out, so the silent-server case is quick; the connect time-out must stay shorter.
        gateway = GatewayUnderTest.on(database, Map.of("GATEWAY_TRANSPORT_CONNECT_TIMEOUT_MS", "500",
                "GATEWAY_TRANSPORT_READ_TIMEOUT_MS", "1500"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        waha.close();
    }

    record WahaClient(String instanceId, String session, String webhookKey, String apiKey) {
    }

    @Test
    void aMessageGoesToSendTextAndTheKeysAreNeverShownNorStoredPlain() throws SQLException {
        WahaClient client = newClient(waha.url(), null);
        Response sent = send(client, "+966 50 123 4567", "Your order #2041 has shipped.");
        assertEquals(200, sent.status(), sent.body());
        assertTrue(sent.json().getString("message_id").startsWith("true_966501234567@c.us_3EB0WAHA"));

        FakeWaha.Request request = waha.requests().getLast();
        assertEquals("/api/sendText", request.path());
        assertEquals(API_KEY, request.apiKey());
        JsonObject body = Json.createReader(new StringReader(request.body())).readObject();
        assertEquals(client.session(), body.getString("session"));
        assertEquals("966501234567@c.us", body.getString("chatId"));
        assertEquals("Your order #2041 has shipped.", body.getString("text"));

        JsonObject instance = gateway.admin("GET", "/admin/instances/" + client.instanceId(), null).json();
        assertFalse(instance.toString().contains(API_KEY));
        assertFalse(instance.toString().contains(client.webhookKey()));
        assertTrue(instance.getBoolean("waha_api_key_set"));
        assertTrue(instance.getBoolean("waha_webhook_key_set"));
        assertEquals(client.session(), instance.getString("waha_session"));
        try (Connection connection = DriverManager.getConnection(database, TestDatabase.shared().user(), TestDatabase.shared().password());
             PreparedStatement query = connection.prepareStatement(
                     "select waha_api_key, waha_webhook_key from instance where id = ?")) {
            query.setString(1, client.instanceId());
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next());
                assertTrue(row.getString(1).startsWith("v1:") && !row.getString(1).contains(API_KEY), "sealed at rest");
                assertTrue(row.getString(2).startsWith("v1:") && !row.getString(2).contains(client.webhookKey()));
            }
        }
    }

    @Test
    void anIncompleteWahaInstanceIsRefusedNamingWhatIsMissing() {
        String account = gateway.admin("POST", "/admin/accounts", "{\"name\": \"Shop\"}").json().getString("account_id");
        Response refused = gateway.admin("POST", "/admin/instances", "{\"account_id\": \"" + account
                + "\", \"name\": \"WAHA\", \"plan\": \"growth\", \"transport\": \"waha\", \"waha_url\": \"" + waha.url() + "\"}");
        assertEquals(422, refused.status(), refused.body());
        assertTrue(refused.body().contains("waha_session") && refused.body().contains("waha_api_key")
                && refused.body().contains("waha_webhook_key"), refused.body());
        Response badUrl = gateway.admin("POST", "/admin/instances", "{\"account_id\": \"" + account
                + "\", \"name\": \"WAHA\", \"plan\": \"growth\", \"transport\": \"waha\", \"waha_url\": \"ftp://x\","
                + " \"waha_session\": \"s\", \"waha_api_key\": \"k\", \"waha_webhook_key\": \"h\"}");
        assertEquals(422, badUrl.status(), badUrl.body());
        assertTrue(badUrl.body().contains("waha_url"), badUrl.body());
    }

    @Test
    void aKeyIsRotatedByPatchAndTheNewOneIsSent() {
        WahaClient client = newClient(waha.url(), null);
        Response patched = gateway.admin("PATCH", "/admin/instances/" + client.instanceId(), "{\"waha_api_key\": \"rotated-key-1\"}");
        assertEquals(200, patched.status(), patched.body());
        assertFalse(patched.body().contains("rotated-key-1"));
        assertEquals(200, send(client, "+966501234567", "Your order #2 has shipped.").status());
        assertEquals("rotated-key-1", waha.requests().getLast().apiKey());
    }

    @Test
    void failuresMapToFailedOrUnknownWithTheQuotaGivenBackOnlyWhenNothingWentOut() throws IOException {
        WahaClient client = newClient(waha.url(), null);
        waha.answerNext(401, "{\"statusCode\":401,\"message\":\"Unauthorized\"}");
        Response unauthorized = send(client, "+966501234567", "Your order #3 has shipped.");
        assertSeedError(unauthorized, "gateway_send_failed");
        assertEquals("http_401", unauthorized.details().getJsonObject("transport_error").getString("code"));
        waha.answerNext(404, "{\"statusCode\":404,\"message\":\"Session not found\"}");
        assertEquals("http_404", send(client, "+966501234567", "Your order #4 has shipped.").details()
                .getJsonObject("transport_error").getString("code"));
        assertEquals(0, dailyUsed(client), "a refused send gives its quota back");

        waha.answerNext(500, "{\"statusCode\":500,\"message\":\"Internal server error\"}");
        Response unknown = send(client, "+966501234567", "Your order #5 has shipped.");
        assertSeedError(unknown, "gateway_send_failed");
        assertEquals("unknown", unknown.details().getString("delivery"));
        assertEquals(1, dailyUsed(client), "a send that may have gone out keeps its quota");

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        WahaClient unreachable = newClient("http://127.0.0.1:" + closedPort, null);
        Response refused = send(unreachable, "+966501234567", "Your order #6 has shipped.");
        assertSeedError(refused, "gateway_send_failed");
        assertEquals("unreachable", refused.details().getJsonObject("transport_error").getString("code"));
        assertEquals(0, dailyUsed(unreachable));
    }

    @Test
    void aSilentWahaTimesOutAsUnknownAndKeepsTheQuota() {
        try (FakeWaha silent = new FakeWaha()) {
            silent.neverAnswer();
            WahaClient client = newClient(silent.url(), null);
            Response unknown = send(client, "+966501234567", "Your order #7 has shipped.");
            assertSeedError(unknown, "gateway_send_failed");
            assertEquals("unknown", unknown.details().getString("delivery"));
            assertEquals("timeout", unknown.details().getJsonObject("transport_error").getString("code"));
            assertEquals(1, dailyUsed(client));
            assertEquals(1, silent.requests().size(), "asked once, never again");
        }
    }

    @Test
    void stopThroughWahaSuppressesAndTellsTheClientWhileUnsignedEventsChangeNothing() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            WahaClient client = newClient(waha.url(), receiver.url());
            WahaClient other = newClient(waha.url(), null);
            String stop = messageEvent(client.session(), "966507770001@c.us", "false_966507770001@c.us_IN1", "STOP");

            assertEquals(401, event(client, stop, Map.of()).status(), "no signature");
            assertEquals(401, event(client, stop, Map.of("X-Webhook-Hmac", "0".repeat(128))).status(), "a wrong one");
            assertEquals(401, event(client, stop, Map.of("X-Webhook-Hmac", sign(other.webhookKey(), stop))).status(),
                    "another instance's key");
            assertEquals(401, gateway.call("POST", "/webhooks/waha/inst_no_such_one", stop, Map.of("Content-Type",
                    "application/json", "X-Webhook-Hmac", sign(client.webhookKey(), stop))).status(), "an unknown instance");
            String foreign = messageEvent("another-session", "966507770001@c.us", "false_x_IN2", "STOP");
            assertEquals(403, event(client, foreign, signed(client, foreign)).status(), "another session");
            assertEquals(200, send(client, "+966507770001", "Ticket #1 updated").status(), "nothing changed");

            assertEquals(200, event(client, stop, signed(client, stop)).status());
            assertSeedError(send(client, "+966507770001", "Ticket #1 updated"), "recipient_suppressed");
            assertEquals(200, event(client, stop, signed(client, stop)).status(), "a re-delivery changes nothing");
            JsonObject optedOut = Json.createReader(new StringReader(receiver.await(1, WAIT).getFirst().body())).readObject();
            assertEquals("recipient.opted_out", optedOut.getString("event"));
            assertEquals("+966507770001", optedOut.getString("from"));

            String start = messageEvent(client.session(), "966507770001@c.us", "false_966507770001@c.us_IN3", "ابدأ");
            assertEquals(200, event(client, start, signed(client, start)).status());
            assertEquals(200, send(client, "+966507770001", "Ticket #1 updated").status(), "opted in again in Arabic");
        }
    }

    @Test
    void acksBuildTheStatusHistoryOnceEachAndAnErrorFails() {
        WahaClient client = newClient(waha.url(), null);
        Response sent = send(client, "+966501234567", "Your appointment is at 10:00 tomorrow.");
        String messageId = sent.json().getString("message_id");
        long logId = sent.json().getJsonNumber("log_id").longValue();
        // Another instance's own key, its own session, naming this instance's message: accepted, changes nothing.
        WahaClient other = newClient(waha.url(), null);
        String foreign = ack(other, messageId, "ERROR", -1);
        assertEquals(200, event(other, foreign, signed(other, foreign)).status());
        assertEquals("sent", gateway.get(client.apiKey(), "/api/messages/" + logId).json().getString("status"),
                "another instance cannot move this instance's message");

        for (String ack : List.of(ack(client, messageId, "SERVER", 1), ack(client, messageId, "DEVICE", 2),
                ack(client, messageId, "READ", 3), ack(client, messageId, "READ", 3))) {
            assertEquals(200, event(client, ack, signed(client, ack)).status());
        }
        JsonObject message = gateway.get(client.apiKey(), "/api/messages/" + logId).json();
        assertEquals("read", message.getString("status"));
        assertEquals(List.of("sent", "delivered", "read"), message.getJsonArray("status_history").stream()
                .map(entry -> entry.asJsonObject().getString("status")).toList(), "the re-delivered READ counts once");

        Response second = send(client, "+966501234568", "Your appointment is at 11:00 tomorrow.");
        String error = ack(client, second.json().getString("message_id"), "ERROR", -1);
        assertEquals(200, event(client, error, signed(client, error)).status());
        JsonObject failed = gateway.get(client.apiKey(), "/api/messages/" + second.json().getJsonNumber("log_id").longValue()).json();
        assertEquals("failed", failed.getString("status"));
        assertNotNull(failed.getString("error"));
    }

    @Test
    void errorAcksForMostSendsPauseTheInstance() {
        WahaClient client = newClient(waha.url(), null);
        gateway.setLimits(client.instanceId(), "{\"daily_limit\": 100000, \"per_minute_limit\": 100000}");
        for (int i = 0; i < 20; i++) {
            Response sent = send(client, String.format("+9665%02d123456", i + 10), "Your order #9 is on its way");
            assertEquals(200, sent.status(), sent.body());
            String error = ack(client, sent.json().getString("message_id"), "ERROR", -1);
            assertEquals(200, event(client, error, signed(client, error)).status());
        }
        Response paused = send(client, "+966501234567", "Your order #9 is on its way");
        assertSeedError(paused, "instance_paused_for_review");
        JsonObject pause = gateway.admin("GET", "/admin/instances/" + client.instanceId() + "/risk-events", null).json()
                .getJsonArray("risk_events").getJsonObject(0);
        assertTrue(pause.toString().contains("failed_deliveries"), pause.toString());
    }

    private static WahaClient newClient(String url, String webhookUrl) {
        String session = "session_" + (++sessions);
        String webhookKey = "hmac-key-" + session + "-secret";
        String account = gateway.admin("POST", "/admin/accounts", "{\"name\": \"Shop\"}").json().getString("account_id");
        Response instance = gateway.admin("POST", "/admin/instances", "{\"account_id\": \"" + account
                + "\", \"name\": \"Shop line\", \"plan\": \"scale\", \"transport\": \"waha\", \"waha_url\": \"" + url
                + "\", \"waha_session\": \"" + session + "\", \"waha_api_key\": \"" + API_KEY
                + "\", \"waha_webhook_key\": \"" + webhookKey + "\""
                + (webhookUrl == null ? "" : ", \"webhook_url\": \"" + webhookUrl + "\"") + "}");
        assertEquals(201, instance.status(), instance.body());
        assertFalse(instance.body().contains(API_KEY) || instance.body().contains(webhookKey), "secrets are never shown");
        String apiKey = gateway.admin("POST", "/admin/accounts/" + account + "/api-keys", "").json().getString("api_key");
        return new WahaClient(instance.json().getString("instance_id"), session, webhookKey, apiKey);
    }

    private static Response send(WahaClient client, String phone, String text) {
        return gateway.send(client.apiKey(), "{\"instance_id\": \"" + client.instanceId() + "\", \"phone\": \"" + phone
                + "\", \"message\": \"" + text + "\", \"message_purpose\": \"transactional\"}");
    }

    private static int dailyUsed(WahaClient client) {
        return gateway.get(client.apiKey(), "/api/usage?instance_id=" + client.instanceId()).json()
                .getJsonObject("daily").getInt("used");
    }

    private static Response event(WahaClient client, String body, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Content-Type", "application/json");
        return gateway.call("POST", "/webhooks/waha/" + client.instanceId(), body, all);
    }

    private static Map<String, String> signed(WahaClient client, String body) {
        return Map.of("X-Webhook-Hmac", sign(client.webhookKey(), body), "X-Webhook-Hmac-Algorithm", "sha512");
    }

    private static String messageEvent(String session, String from, String id, String text) {
        return Json.createObjectBuilder().add("id", "evt_" + id).add("timestamp", System.currentTimeMillis())
                .add("event", "message").add("session", session)
                .add("payload", Json.createObjectBuilder().add("id", id).add("timestamp", System.currentTimeMillis() / 1000)
                        .add("from", from).add("fromMe", false).add("body", text).add("hasMedia", false))
                .build().toString();
    }

    private static String ack(WahaClient client, String messageId, String name, int number) {
        return Json.createObjectBuilder().add("id", "evt_ack_" + name + messageId).add("timestamp", System.currentTimeMillis())
                .add("event", "message.ack").add("session", client.session())
                .add("payload", Json.createObjectBuilder().add("id", messageId).add("from", "966501234567@c.us")
                        .add("fromMe", true).add("ack", number).add("ackName", name))
                .build().toString();
    }

    static String sign(String key, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
