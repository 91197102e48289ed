package hub.gateway.bootstrap;

import hub.gateway.bootstrap.GatewayUnderTest.Client;
import hub.gateway.bootstrap.GatewayUnderTest.Response;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.risk.ContentFingerprint;
import hub.gateway.domain.risk.FoldedText;
import hub.gateway.testdb.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static hub.gateway.bootstrap.SendMessageEndToEndTest.assertSeedError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract §13's templates through the gateway as built: registered on the sandbox and sent at once; registered on
 * meta_cloud, refused while pending, synced from a fake Cloud API on loopback (paged), sent in the Cloud API's exact
 * template shape, and paused by Meta's signed webhook.
 */
class TemplatesEndToEndTest {
    private static final String APP_SECRET = "test-app-secret";
    private static final String ACCESS_TOKEN = "EAAG-secret-access-token-456";
    private static final String DATABASE = TestDatabase.shared().createDatabase();
    private static FakeCloudApi cloud;
    private static GatewayUnderTest gateway;
    private static int numbers = 100;

    @BeforeAll
    static void start() {
        cloud = new FakeCloudApi();
        gateway = GatewayUnderTest.on(DATABASE, Map.of(
                "GATEWAY_META_GRAPH_URL", cloud.url(),
                "GATEWAY_META_APP_SECRET", APP_SECRET));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        cloud.close();
    }

    @Test
    void onTheSandboxATemplateIsApprovedAtOnceAndGoesOutRendered() throws SQLException {
        Client client = gateway.newClient("growth");
        Response registered = register(client.instanceId(), "order_shipped", "en", "utility",
                "Your order {{1}} has been shipped and arrives on {{2}}.");
        assertEquals(201, registered.status(), registered.body());
        assertEquals("approved", registered.json().getString("status"));

        Response sent = sendTemplate(client, "transactional", "order_shipped", "en", "\"#2041\", \"Monday\"");

        assertEquals(200, sent.status(), sent.body());
        long logId = sent.json().getJsonNumber("log_id").longValue();
        assertEquals("sent", gateway.get(client.apiKey(), "/api/messages/" + logId).json().getString("status"));
        // The log keeps no text (docs/responsible-messaging.md): what it keeps of the content is the fingerprint
        // of the rendered text, which the duplicate-content rule counts.
        String rendered = "Your order #2041 has been shipped and arrives on Monday.";
        assertEquals(ContentFingerprint.of(new InstanceId(client.instanceId()), FoldedText.of(rendered)).value(),
                contentHash(logId));
        JsonObject listed = gateway.admin("GET", "/admin/instances/" + client.instanceId() + "/templates", null).json();
        assertEquals("approved", listed.getJsonArray("templates").getJsonObject(0).getString("status"));
        assertTrue(gateway.admin("GET", "/admin/audit", null).body().contains(
                "\"action\":\"template.register\",\"target\":\"" + client.instanceId() + "/order_shipped/en\""));
    }

    @Test
    void aMarketingTemplateIsRefusedAsAPurposeTheGatewayDoesNotAllow() {
        Client client = gateway.newClient("growth");
        assertEquals(201, register(client.instanceId(), "spring_sale", "en", "marketing", "Spring sale: {{1}} off!").status());

        Response refused = sendTemplate(client, "transactional", "spring_sale", "en", "\"20%\"");

        assertSeedError(refused, "message_purpose_not_allowed");
        assertEquals(100, refused.details().getInt("risk_score"));
    }

    @Test
    void onMetaCloudATemplateIsPendingUntilSyncedThenSentInTheCloudApisShapeUntilMetaPausesIt() {
        String phoneNumberId = "10995" + (numbers++);
        String waba = "20995" + (numbers++);
        Client client = gateway.newMetaClient("growth", phoneNumberId, ACCESS_TOKEN);
        assertEquals(200, gateway.admin("PATCH", "/admin/instances/" + client.instanceId(),
                "{\"waba_id\": \"" + waba + "\"}").status());
        Response registered = register(client.instanceId(), "order_shipped", "en_US", "utility",
                "Your order {{1}} has been shipped and arrives on {{2}}.");
        assertEquals("pending", registered.json().getString("status"), registered.body());

        Response pending = sendTemplate(client, "transactional", "order_shipped", "en_US", "\"#2041\", \"Monday\"");
        assertSeedError(pending, "validation_error");
        assertEquals("{\"field\":\"template\",\"reason\":\"is pending, not approved\"}",
                pending.details().getJsonArray("fields").getJsonObject(0).toString());

        cloud.listsTemplates(waba, List.of(
                "[{\"name\":\"order_shipped\",\"language\":\"en_US\",\"status\":\"APPROVED\",\"category\":\"UTILITY\",\"id\":\"1\","
                        + "\"components\":[{\"type\":\"BODY\",\"text\":\"Your order {{1}} has been shipped and arrives on {{2}}.\"}]}]",
                "[{\"name\":\"login_code\",\"language\":\"en_US\",\"status\":\"APPROVED\",\"category\":\"AUTHENTICATION\",\"id\":\"2\","
                        + "\"components\":[{\"type\":\"BODY\",\"text\":\"*{{1}}* is your verification code.\"},"
                        + "{\"type\":\"BUTTONS\",\"buttons\":[{\"type\":\"URL\",\"text\":\"Copy code\","
                        + "\"url\":\"https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code=otp{{1}}\"}]}]}]"));
        Response synced = gateway.admin("POST", "/admin/instances/" + client.instanceId() + "/templates/sync", null);
        assertEquals(200, synced.status(), synced.body());
        assertEquals(2, synced.json().getInt("read"));
        assertEquals(List.of("login_code approved", "order_shipped approved"), synced.json().getJsonArray("templates")
                .getValuesAs(JsonObject.class).stream().map(t -> t.getString("name") + " " + t.getString("status")).toList());
        List<FakeCloudApi.Request> reads = cloud.requests().stream()
                .filter(r -> r.path().equals("/v21.0/" + waba + "/message_templates")).toList();
        assertEquals(2, reads.size(), "both pages were read");
        assertEquals("Bearer " + ACCESS_TOKEN, reads.getFirst().authorization());

        Response shipped = sendTemplate(client, "transactional", "order_shipped", "en_US", "\"#2041\", \"Monday\"");
        assertEquals(200, shipped.status(), shipped.body());
        assertEquals("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"966501234567\","
                + "\"biz_opaque_callback_data\":\"" + shipped.json().getJsonNumber("log_id").longValue() + "\","
                + "\"type\":\"template\",\"template\":{\"name\":\"order_shipped\",\"language\":{\"code\":\"en_US\"},"
                + "\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"#2041\"},"
                + "{\"type\":\"text\",\"text\":\"Monday\"}]}]}}", lastMessageTo(phoneNumberId).toString());

        Response login = sendTemplate(client, "authentication", "login_code", "en_US", "\"481516\"");
        assertEquals(200, login.status(), login.body());
        assertEquals("{\"name\":\"login_code\",\"language\":{\"code\":\"en_US\"},\"components\":["
                        + "{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"481516\"}]},"
                        + "{\"type\":\"button\",\"sub_type\":\"url\",\"index\":\"0\",\"parameters\":[{\"type\":\"text\",\"text\":\"481516\"}]}]}",
                lastMessageTo(phoneNumberId).getJsonObject("template").toString());

        String paused = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + waba + "\",\"time\":1751247548,"
                + "\"changes\":[{\"field\":\"message_template_status_update\",\"value\":{\"event\":\"PAUSED\","
                + "\"message_template_id\":1,\"message_template_name\":\"order_shipped\",\"message_template_language\":\"en_US\","
                + "\"reason\":\"NONE\",\"message_template_category\":\"UTILITY\"}}]}]}";
        assertEquals(401, webhook(paused, "sha256=" + "0".repeat(64)).status(), "an unsigned status changes nothing");
        assertEquals(200, sendTemplate(client, "transactional", "order_shipped", "en_US", "\"#2042\", \"Tuesday\"").status());
        Response accepted = webhook(paused, sign(paused));
        assertEquals(200, accepted.status(), accepted.body());

        Response refused = sendTemplate(client, "transactional", "order_shipped", "en_US", "\"#2043\", \"Wednesday\"");
        assertSeedError(refused, "validation_error");
        assertEquals("is paused, not approved",
                refused.details().getJsonArray("fields").getJsonObject(0).getString("reason"));
    }

    private static Response register(String instanceId, String name, String language, String category, String body) {
        return gateway.admin("POST", "/admin/instances/" + instanceId + "/templates", "{\"name\": \"" + name
                + "\", \"language\": \"" + language + "\", \"category\": \"" + category + "\", \"body\": \"" + body + "\"}");
    }

    private static Response sendTemplate(Client client, String purpose, String name, String language, String parameters) {
        return gateway.send(client.apiKey(), "{\"instance_id\": \"" + client.instanceId() + "\", \"phone\": \"+966501234567\","
                + " \"message_purpose\": \"" + purpose + "\", \"template\": {\"name\": \"" + name + "\", \"language\": \""
                + language + "\", \"parameters\": [" + parameters + "]}}");
    }

    private static JsonObject lastMessageTo(String phoneNumberId) {
        FakeCloudApi.Request request = cloud.requests().stream()
                .filter(r -> r.path().equals("/v21.0/" + phoneNumberId + "/messages")).toList().getLast();
        return Json.createReader(new StringReader(request.body())).readObject();
    }

    private static long contentHash(long logId) throws SQLException {
        TestDatabase db = TestDatabase.shared();
        try (Connection connection = DriverManager.getConnection(DATABASE, db.user(), db.password());
             PreparedStatement select = connection.prepareStatement("select content_hash from message_log where id = ?")) {
            select.setLong(1, logId);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "the send's log row");
                return row.getLong(1);
            }
        }
    }

    private static Response webhook(String body, String signature) {
        return gateway.call("POST", "/webhooks/whatsapp", body,
                Map.of("Content-Type", "application/json", "X-Hub-Signature-256", signature));
    }

    private static String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
