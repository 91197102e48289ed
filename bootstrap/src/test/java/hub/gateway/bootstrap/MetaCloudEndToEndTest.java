package hub.gateway.bootstrap;

import hub.gateway.bootstrap.GatewayUnderTest.Client;
import hub.gateway.bootstrap.GatewayUnderTest.Response;
import hub.gateway.testdb.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import hub.gateway.testdb.Eventually;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;

import static hub.gateway.bootstrap.SendMessageEndToEndTest.assertSeedError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An instance on the Meta WhatsApp Cloud API, against a fake Cloud API on loopback, with signed webhooks. */
class MetaCloudEndToEndTest {
    private static final String APP_SECRET = CloudApiWebhooks.APP_SECRET;
    private static final String VERIFY_TOKEN = "test-verify-token";
    private static final String ACCESS_TOKEN = "EAAG-secret-access-token-123";
    private static FakeCloudApi cloud;
    private static GatewayUnderTest gateway;
    private static int phoneNumberIds = 100;

    @BeforeAll
    static void start() {
        cloud = new FakeCloudApi();
        gateway = GatewayUnderTest.on(TestDatabase.shared().createDatabase(), Map.of(
                "GATEWAY_META_GRAPH_URL", cloud.url(),
                "GATEWAY_META_APP_SECRET", APP_SECRET,
                "GATEWAY_META_VERIFY_TOKEN", VERIFY_TOKEN));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        cloud.close();
    }

    record MetaClient(String instanceId, String phoneNumberId, String apiKey) {
    }

    @Test
    void aMessageGoesToTheCloudApiAndItsWamidIsTheMessageId() {
        MetaClient client = newMetaClient();
        openWindow(client, "+966501234567");
        Response sent = send(client, "+966 50 123 4567", "Your order #2041 has shipped.");
        assertEquals(200, sent.status(), sent.body());
        assertTrue(sent.json().getString("message_id").startsWith("wamid.TEST"));

        FakeCloudApi.Request request = cloud.requests().getLast();
        assertEquals("/v21.0/" + client.phoneNumberId() + "/messages", request.path());
        assertEquals("Bearer " + ACCESS_TOKEN, request.authorization());
        JsonObject body = Json.createReader(new StringReader(request.body())).readObject();
        assertEquals("whatsapp", body.getString("messaging_product"));
        assertEquals("individual", body.getString("recipient_type"));
        assertEquals("966501234567", body.getString("to"));
        assertEquals("text", body.getString("type"));
        assertEquals("Your order #2041 has shipped.", body.getJsonObject("text").getString("body"));
        assertEquals(String.valueOf(sent.json().getJsonNumber("log_id").longValue()), body.getString("biz_opaque_callback_data"),
                "the log id, which Meta echoes in every status of the message");

        String instance = gateway.admin("GET", "/admin/instances/" + client.instanceId(), null).body();
        assertFalse(instance.contains(ACCESS_TOKEN), "the token is never shown");
    }

    @Test
    void aCloudApiErrorIsAFailedSendWithItsCodeAndTheQuotaIsGivenBack() {
        MetaClient client = newMetaClient();
        openWindow(client, "+966501234567");
        cloud.answerNext(400, "{\"error\":{\"message\":\"(#131026) Message Undeliverable.\",\"type\":\"OAuthException\","
                + "\"code\":131026,\"fbtrace_id\":\"Az8or2yhqkZfEZ-_4Qn_Bam\"}}");
        Response failed = send(client, "+966501234567", "Your order #2042 has shipped.");
        assertSeedError(failed, "gateway_send_failed");
        assertEquals("131026", failed.details().getJsonObject("transport_error").getString("code"));
        assertFalse(failed.body().contains(ACCESS_TOKEN));
        assertEquals(0, gateway.get(client.apiKey(), "/api/usage?instance_id=" + client.instanceId()).json()
                .getJsonObject("daily").getInt("used"));
    }

    @Test
    void aPhoneNumberIdSendsForOneInstanceOnly() {
        MetaClient first = newMetaClient();
        String account = gateway.admin("POST", "/admin/accounts", "{\"name\": \"Other\"}").json().getString("account_id");
        Response second = gateway.admin("POST", "/admin/instances", "{\"account_id\": \"" + account
                + "\", \"name\": \"Copy\", \"plan\": \"growth\", \"transport\": \"meta_cloud\", \"phone_number_id\": \""
                + first.phoneNumberId() + "\", \"access_token\": \"" + ACCESS_TOKEN + "\"}");
        assertEquals(422, second.status(), second.body());
        assertTrue(second.body().contains("phone_number_id"));
        Response incomplete = gateway.admin("POST", "/admin/instances", "{\"account_id\": \"" + account
                + "\", \"name\": \"No token\", \"plan\": \"growth\", \"transport\": \"meta_cloud\", \"phone_number_id\": \"5550001\"}");
        assertEquals(422, incomplete.status(), incomplete.body());
    }

    @Test
    void theSubscriptionChallengeIsAnsweredOnlyWithTheVerifyToken() {
        Response ok = gateway.call("GET", "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN
                + "&hub.challenge=1158201444", null, Map.of());
        assertEquals(200, ok.status());
        assertEquals("1158201444", ok.body());
        assertEquals(403, gateway.call("GET", "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wrong"
                + "&hub.challenge=1158201444", null, Map.of()).status());
    }

    @Test
    void stopThroughASignedWebhookSuppressesAndAnUnsignedOneChangesNothing() {
        MetaClient client = newMetaClient();
        openWindow(client, "+966507770001");
        String stop = inboundPayload(client.phoneNumberId(), "966507770001", "wamid.IN1", "STOP");
        assertEquals(401, webhook(stop, "sha256=" + "0".repeat(64)).status());
        assertEquals(401, gateway.call("POST", "/webhooks/whatsapp", stop, Map.of("Content-Type", "application/json")).status());
        assertEquals(200, send(client, "+966507770001", "Ticket #1 updated").status(), "nothing changed");

        assertEquals(200, webhook(stop, sign(stop)).status());
        assertSeedError(send(client, "+966507770001", "Ticket #1 updated"), "recipient_suppressed");
        assertEquals(200, webhook(stop, sign(stop)).status(), "a re-delivery is answered 200 and changes nothing");
    }

    @Test
    void deliveryStatusesBuildTheMessagesHistoryOnceEach() {
        MetaClient client = newMetaClient();
        openWindow(client, "+966501234567");
        Response sent = send(client, "+966501234567", "Your appointment is at 10:00 tomorrow.");
        String wamid = sent.json().getString("message_id");
        long logId = sent.json().getJsonNumber("log_id").longValue();

        String delivered = statusPayload(client.phoneNumberId(), wamid, "delivered", null);
        String read = statusPayload(client.phoneNumberId(), wamid, "read", null);
        assertEquals(200, webhook(delivered, sign(delivered)).status());
        assertEquals(200, webhook(read, sign(read)).status());
        assertEquals(200, webhook(delivered, sign(delivered)).status());

        JsonObject message = gateway.get(client.apiKey(), "/api/messages/" + logId).json();
        List<String> history = message.getJsonArray("status_history").getValuesAs(JsonObject.class).stream()
                .map(s -> s.getString("status")).toList();
        assertEquals(List.of("sent", "delivered", "read"), history);
        assertEquals("read", message.getString("status"));
    }

    /**
     * Meta's "sent" or "delivered" can overtake the send's own answer. The fake holds its answer until the status has
     * been posted: no row holds the wamid yet, so the status finds its row by the log id the send carried.
     */
    @Test
    void aStatusThatArrivesBeforeTheSendsAnswerIsStoredStillLands() throws Exception {
        MetaClient client = newMetaClient();
        openWindow(client, "+966501234567");
        String wamid = "wamid.EARLY" + phoneNumberIds;
        int before = cloud.requests().size();
        cloud.answerNext(200, "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"" + wamid + "\"}]}");
        cloud.holdAnswers();
        CompletableFuture<Response> sending;
        String logId;
        try {
            sending = CompletableFuture.supplyAsync(
                    () -> send(client, "+966501234567", "Your table for two is booked for 20:00."));
            Eventually.assertSeenWithin(Duration.ofSeconds(10), () -> cloud.requests().size() > before, "the send reached Meta");
            logId = Json.createReader(new StringReader(cloud.requests().getLast().body())).readObject()
                    .getString("biz_opaque_callback_data");

            String delivered = CloudApiWebhooks.status(client.phoneNumberId(), wamid, "delivered", Optional.of(logId), null);
            assertEquals(200, webhook(delivered, sign(delivered)).status());
        } finally {
            // Never leave the shared fake holding: the other tests of the class would wait for it.
            cloud.releaseAnswers();
        }
        Response sent = sending.get(30, TimeUnit.SECONDS);

        assertEquals(200, sent.status(), sent.body());
        assertEquals(wamid, sent.json().getString("message_id"));
        assertEquals(logId, String.valueOf(sent.json().getJsonNumber("log_id").longValue()));
        JsonObject message = gateway.get(client.apiKey(), "/api/messages/" + logId).json();
        assertEquals("delivered", message.getString("status"), message.toString());
        assertEquals(wamid, message.getString("message_id"));
        String read = statusPayload(client.phoneNumberId(), wamid, "read", null);
        assertEquals(200, webhook(read, sign(read)).status());
        assertEquals("read", gateway.get(client.apiKey(), "/api/messages/" + logId).json().getString("status"),
                "later statuses find the row by the wamid the first one stored");
    }

    @Test
    void aFailedStatusMarksTheMessageFailed() {
        MetaClient client = newMetaClient();
        openWindow(client, "+966501234567");
        Response sent = send(client, "+966501234567", "Your invoice INV-9 is ready.");
        String failed = statusPayload(client.phoneNumberId(), sent.json().getString("message_id"), "failed",
                "{\"code\":131047,\"title\":\"Re-engagement message\"}");
        assertEquals(200, webhook(failed, sign(failed)).status());
        JsonObject message = gateway.get(client.apiKey(), "/api/messages/" + sent.json().getJsonNumber("log_id").longValue()).json();
        assertEquals("failed", message.getString("status"));
    }

    // The customer-service window (contract §13)

    @Test
    void aFreeFormMessageNeedsARecipientWhoWroteInTheLast24HoursAndIsRefusedBeforeMetaOtherwise() {
        MetaClient client = newMetaClient();
        String phone = "+966507770002";
        int calls = cloud.requests().size();

        Response refused = send(client, phone, "Your order #3001 has shipped.");
        assertTemplateRequired(refused);
        assertEquals(calls, cloud.requests().size(), "the Cloud API was not called");
        assertEquals(0, dailyUsed(client), "no quota used");
        JsonObject logged = gateway.get(client.apiKey(), "/api/messages/" + latestLogId(client)).json();
        assertEquals("refused", logged.getString("status"));
        assertEquals("template_required", logged.getString("error"));

        String hello = inboundPayload(client.phoneNumberId(), "966507770002", "wamid.IN-W1", "Hello, where is my order?",
                Instant.now().getEpochSecond());
        assertEquals(200, webhook(hello, sign(hello)).status());
        Response sent = send(client, phone, "Your order #3001 has shipped.");
        assertEquals(200, sent.status(), sent.body());
        assertEquals(calls + 1, cloud.requests().size());
        assertTrue(cloud.requests().getLast().body().contains("\"to\":\"966507770002\""), cloud.requests().getLast().body());
        assertEquals(1, dailyUsed(client));

        // A day later, without waiting for it: the recipient's last message moved back 24 hours.
        assertEquals(1, gateway.sql("update customer_service_window set last_wrote_at = last_wrote_at - interval '24 hours'"
                + " where instance_id = ? and phone = ?", client.instanceId(), phone));
        assertTemplateRequired(send(client, phone, "Your order #3001 has been delivered."));
        assertEquals(calls + 1, cloud.requests().size(), "the Cloud API was not called again");
        assertEquals(1, dailyUsed(client));
    }

    @Test
    void theSandboxHasNoWindowAndItsInboundMessagesAreRecordedToo() {
        Client sandbox = gateway.newClient("growth");
        assertEquals(200, gateway.send(sandbox, "+966507770003", "Your order #3002 has shipped.", "transactional").status(),
                "nobody wrote, and the sandbox sends all the same");

        assertEquals(202, gateway.inbound(sandbox, "+966507770003", "Thanks!").status());
        assertEquals(1, gateway.sql("update customer_service_window set last_wrote_at = last_wrote_at"
                + " where instance_id = ? and phone = ?", sandbox.instanceId(), "+966507770003"), "the row the inbound wrote");
    }

    private static void assertTemplateRequired(Response refused) {
        assertEquals(422, refused.status(), refused.body());
        assertEquals(Json.createObjectBuilder().add("success", false).add("error", "template_required")
                .add("message", "WhatsApp only allows an approved template to a recipient who has not written in the last 24 hours.")
                .add("details", Json.createObjectBuilder().add("action", "block").add("risk_score", 0)).build(), refused.json());
    }

    private static int dailyUsed(MetaClient client) {
        return gateway.get(client.apiKey(), "/api/usage?instance_id=" + client.instanceId()).json()
                .getJsonObject("daily").getInt("used");
    }

    private static long latestLogId(MetaClient client) {
        return gateway.get(client.apiKey(), "/api/messages?instance_id=" + client.instanceId()).json()
                .getJsonArray("messages").getJsonObject(0).getJsonNumber("log_id").longValue();
    }

    /** The recipient writes to the instance now, through a signed webhook: their window is open for 24 hours. */
    private static void openWindow(MetaClient client, String phone) {
        String hello = inboundPayload(client.phoneNumberId(), phone.substring(1), "wamid.HELLO" + phone, "Hello",
                Instant.now().getEpochSecond());
        assertEquals(200, webhook(hello, sign(hello)).status());
    }

    private static MetaClient newMetaClient() {
        String phoneNumberId = "10990" + (phoneNumberIds++);
        Client client = gateway.newMetaClient("growth", phoneNumberId, ACCESS_TOKEN);
        return new MetaClient(client.instanceId(), phoneNumberId, client.apiKey());
    }

    private static Response send(MetaClient client, String phone, String text) {
        return gateway.send(client.apiKey(), "{\"instance_id\": \"" + client.instanceId() + "\", \"phone\": \"" + phone
                + "\", \"message\": \"" + text + "\", \"message_purpose\": \"transactional\"}");
    }

    private static Response webhook(String body, String signature) {
        return CloudApiWebhooks.post(gateway, body, signature);
    }

    private static String sign(String body) {
        return CloudApiWebhooks.sign(body);
    }

    private static String inboundPayload(String phoneNumberId, String from, String wamid, String text) {
        return CloudApiWebhooks.inbound(phoneNumberId, from, wamid, text);
    }

    private static String inboundPayload(String phoneNumberId, String from, String wamid, String text, long timestamp) {
        return CloudApiWebhooks.inbound(phoneNumberId, from, wamid, text, timestamp);
    }

    private static String statusPayload(String phoneNumberId, String wamid, String status, String error) {
        return CloudApiWebhooks.status(phoneNumberId, wamid, status, error);
    }
}
