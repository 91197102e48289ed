package hub.gateway.adapter.whatsapp;

import hub.gateway.application.port.out.TransportWebhooks.TransportUpdate;
import hub.gateway.application.port.out.TransportWebhooks.TransportUpdate.DeliveryUpdate;
import hub.gateway.application.port.out.TransportWebhooks.TransportUpdate.InboundText;
import hub.gateway.application.port.out.TransportWebhooks.WebhookRead;
import hub.gateway.domain.message.DeliveryStatus;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import hub.gateway.domain.template.TemplateKey;
import hub.gateway.domain.template.TemplateQuality;
import hub.gateway.domain.template.TemplateStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetaWebhooksTest {
    private static final String APP_SECRET = "3f2a9c1e5b7d4a6c8e0f1a2b3c4d5e6f";
    private static final String VERIFY_TOKEN = "hub-verify-7c1d";
    private static final Instant AT = Instant.ofEpochSecond(1715162400);

    private final MetaWebhooks webhooks = new MetaWebhooks(Optional.of(APP_SECRET), Optional.of(VERIFY_TOKEN));

    // --- subscription handshake

    @Test
    void theRightVerifyTokenGetsTheChallengeBack() {
        assertEquals(Optional.of("1158201444"), webhooks.answerSubscription(
                Map.of("hub.mode", "subscribe", "hub.verify_token", VERIFY_TOKEN, "hub.challenge", "1158201444")));
    }

    @Test
    void aWrongTokenOrModeGetsNothing() {
        assertEquals(Optional.empty(), webhooks.answerSubscription(
                Map.of("hub.mode", "subscribe", "hub.verify_token", "guess", "hub.challenge", "1")));
        assertEquals(Optional.empty(), webhooks.answerSubscription(
                Map.of("hub.mode", "unsubscribe", "hub.verify_token", VERIFY_TOKEN, "hub.challenge", "1")));
        assertEquals(Optional.empty(), webhooks.answerSubscription(Map.of("hub.mode", "subscribe", "hub.challenge", "1")));
    }

    @Test
    void withoutAConfiguredTokenNoOneSubscribes() {
        MetaWebhooks unset = new MetaWebhooks(Optional.of(APP_SECRET), Optional.empty());
        assertEquals(Optional.empty(), unset.answerSubscription(
                Map.of("hub.mode", "subscribe", "hub.verify_token", "", "hub.challenge", "1")));
    }

    // --- signature

    @Test
    void aCorrectlySignedBodyIsRead() {
        byte[] body = notification(textMessage("STOP")).getBytes(StandardCharsets.UTF_8);
        assertInstanceOf(WebhookRead.Updates.class, webhooks.read(signed(body), body));
        // Meta writes lower-case hex; upper case means the same bytes.
        assertInstanceOf(WebhookRead.Updates.class, webhooks.read(
                Map.of("x-hub-signature-256", signed(body).get("x-hub-signature-256").toUpperCase(Locale.ROOT)
                        .replace("SHA256=", "sha256=")), body));
    }

    @Test
    void aWrongMissingOrIllFormedSignatureIsUnauthenticated() {
        byte[] body = notification(textMessage("STOP")).getBytes(StandardCharsets.UTF_8);
        byte[] other = notification(textMessage("START")).getBytes(StandardCharsets.UTF_8);
        String right = signed(body).get("x-hub-signature-256");
        for (Map<String, String> headers : List.of(
                signed(other),
                Map.<String, String>of(),
                Map.of("x-hub-signature-256", ""),
                Map.of("x-hub-signature-256", right.substring("sha256=".length())),
                Map.of("x-hub-signature-256", right.replace("sha256=", "sha1=")),
                Map.of("x-hub-signature-256", right.substring(0, right.length() - 2)),
                Map.of("x-hub-signature", right))) {
            assertInstanceOf(WebhookRead.Unauthenticated.class, webhooks.read(headers, body), headers.toString());
        }
    }

    @Test
    void withoutAnAppSecretNothingIsAuthenticated() {
        MetaWebhooks unset = new MetaWebhooks(Optional.empty(), Optional.of(VERIFY_TOKEN));
        byte[] body = notification(textMessage("STOP")).getBytes(StandardCharsets.UTF_8);
        assertInstanceOf(WebhookRead.Unauthenticated.class, unset.read(signed(body), body));
        MetaWebhooks blank = new MetaWebhooks(Optional.of(""), Optional.of(VERIFY_TOKEN));
        assertInstanceOf(WebhookRead.Unauthenticated.class, blank.read(signed(body), body));
    }

    @Test
    void anUnsignedBodyIsNotParsedAtAll() {
        assertInstanceOf(WebhookRead.Unauthenticated.class, webhooks.read(Map.of(), "not json".getBytes(StandardCharsets.UTF_8)));
    }

    // --- payloads

    @Test
    void aTextMessageBecomesAnInboundTextFromThePlusNumber() {
        assertEquals(List.of(new InboundText("106540352242922", "+966501234567", "STOP", AT, "wamid.IN1")),
                updates(notification(textMessage("STOP"))));
    }

    @Test
    void anArabicTextIsReadAsUtf8() {
        assertEquals("إيقاف", ((InboundText) updates(notification(textMessage("إيقاف"))).getFirst()).text());
    }

    @Test
    void buttonAndInteractiveRepliesCountAsTextOtherMessagesAreSkipped() {
        String messages = String.join(",",
                message("wamid.B", "\"type\":\"button\",\"button\":{\"payload\":\"p\",\"text\":\"Stop promotions\"}"),
                message("wamid.I", "\"type\":\"interactive\",\"interactive\":{\"type\":\"button_reply\","
                        + "\"button_reply\":{\"id\":\"b1\",\"title\":\"STOP\"}}"),
                message("wamid.P", "\"type\":\"image\",\"image\":{\"id\":\"media1\",\"mime_type\":\"image/jpeg\"}"),
                message("wamid.R", "\"type\":\"reaction\",\"reaction\":{\"message_id\":\"wamid.X\",\"emoji\":\"👍\"}"));
        List<TransportUpdate> updates = updates(notification("\"messages\":[" + messages + "]"));
        assertEquals(List.of(
                new InboundText("106540352242922", "+966501234567", "Stop promotions", AT, "wamid.B"),
                new InboundText("106540352242922", "+966501234567", "STOP", AT, "wamid.I")), updates);
    }

    @Test
    void statusesBecomeDeliveryUpdatesWithTheFirstErrorOfAFailure() {
        String statuses = String.join(",",
                status("wamid.S1", "sent", ""),
                status("wamid.S2", "delivered", ""),
                status("wamid.S3", "read", ""),
                status("wamid.S4", "failed", ",\"errors\":[{\"code\":131026,\"title\":\"Message undeliverable.\","
                        + "\"message\":\"Message undeliverable.\",\"error_data\":{\"details\":\"Receiver is incapable\"}},"
                        + "{\"code\":1,\"title\":\"second\"}]"),
                status("wamid.S5", "failed", ",\"errors\":[{\"code\":131999,\"title\":\"Something new\"}]"),
                status("wamid.S6", "deleted", ""));
        List<TransportUpdate> updates = updates(notification("\"statuses\":[" + statuses + "]"));
        assertEquals(List.of(
                new DeliveryUpdate("106540352242922", "wamid.S1", Optional.empty(), DeliveryStatus.SENT, AT, Optional.empty()),
                new DeliveryUpdate("106540352242922", "wamid.S2", Optional.empty(), DeliveryStatus.DELIVERED, AT, Optional.empty()),
                new DeliveryUpdate("106540352242922", "wamid.S3", Optional.empty(), DeliveryStatus.READ, AT, Optional.empty()),
                new DeliveryUpdate("106540352242922", "wamid.S4", Optional.empty(), DeliveryStatus.FAILED, AT,
                        Optional.of("131026 Message undeliverable")),
                new DeliveryUpdate("106540352242922", "wamid.S5", Optional.empty(), DeliveryStatus.FAILED, AT,
                        Optional.of("131999 Something new"))), updates);
    }

    /** Meta echoes the send's biz_opaque_callback_data, where the gateway put the log id; anything else is not ours. */
    @Test
    void theLogIdTheSendCarriedComesBackWithItsStatuses() {
        String statuses = String.join(",",
                status("wamid.C1", "delivered", ",\"biz_opaque_callback_data\":\"4211\""),
                status("wamid.C2", "read", ",\"biz_opaque_callback_data\":\"order-77\""),
                status("wamid.C3", "sent", ",\"biz_opaque_callback_data\":\"99999999999999999999999\""));
        assertEquals(List.of(
                new DeliveryUpdate("106540352242922", "wamid.C1", Optional.of(4211L), DeliveryStatus.DELIVERED, AT, Optional.empty()),
                new DeliveryUpdate("106540352242922", "wamid.C2", Optional.empty(), DeliveryStatus.READ, AT, Optional.empty()),
                new DeliveryUpdate("106540352242922", "wamid.C3", Optional.empty(), DeliveryStatus.SENT, AT, Optional.empty())),
                updates(notification("\"statuses\":[" + statuses + "]")));
    }

    @Test
    void aMixedNotificationKeepsEveryEntryAndChange() {
        String secondNumber = "{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
                + "\"metadata\":{\"display_phone_number\":\"15550001111\",\"phone_number_id\":\"222\"},"
                + "\"statuses\":[" + status("wamid.OUT", "delivered", "") + "]}}";
        String templateChange = "{\"field\":\"message_template_status_update\",\"value\":{\"event\":\"APPROVED\"}}";
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":["
                + "{\"id\":\"WABA1\",\"changes\":[" + change("\"contacts\":[{\"profile\":{\"name\":\"Sara\"},"
                + "\"wa_id\":\"966501234567\"}],\"messages\":[" + message("wamid.IN1", "\"type\":\"text\",\"text\":{\"body\":\"hello\"}")
                + "],\"statuses\":[" + status("wamid.S1", "read", "") + "]") + "," + templateChange + "]},"
                + "{\"id\":\"WABA2\",\"changes\":[" + secondNumber + "]}]}";
        assertEquals(List.of(
                new InboundText("106540352242922", "+966501234567", "hello", AT, "wamid.IN1"),
                new DeliveryUpdate("106540352242922", "wamid.S1", Optional.empty(), DeliveryStatus.READ, AT, Optional.empty()),
                new DeliveryUpdate("222", "wamid.OUT", Optional.empty(), DeliveryStatus.DELIVERED, AT, Optional.empty())), updates(body));
    }

    @Test
    void notJsonOrTheWrongShapeIsMalformed() {
        for (String body : List.of(
                "{\"object\":\"whatsapp_business_account\",\"entry\":[",
                "<html></html>",
                "[]",
                "{\"object\":\"page\",\"entry\":[]}",
                "{\"object\":\"whatsapp_business_account\"}",
                notification("\"messages\":[{\"from\":\"966501234567\",\"type\":\"text\",\"text\":{\"body\":\"x\"},"
                        + "\"timestamp\":\"1715162400\"}]"),
                notification("\"messages\":[" + message("wamid.T", "\"type\":\"text\",\"text\":{\"body\":\"x\"}")
                        .replace("1715162400", "yesterday") + "]"),
                "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":\"messages\","
                        + "\"value\":{\"messages\":[]}}]}]}")) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            WebhookRead read = webhooks.read(signed(bytes), bytes);
            WebhookRead.Malformed malformed = assertInstanceOf(WebhookRead.Malformed.class, read, body);
            assertTrue(!malformed.reason().isBlank());
        }
    }

    // --- templates

    @Test
    void templateStatusAndQualityNewsNameTheBusinessAccountAndTheTemplate() {
        List<TransportUpdate> updates = updates("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\","
                + "\"time\":1751247548,\"changes\":["
                + "{\"field\":\"message_template_status_update\",\"value\":{\"event\":\"PAUSED\",\"message_template_id\":1689556908129832,"
                + "\"message_template_name\":\"order_shipped\",\"message_template_language\":\"en-US\",\"reason\":\"NONE\","
                + "\"message_template_category\":\"UTILITY\"}},"
                + "{\"field\":\"message_template_status_update\",\"value\":{\"event\":\"REINSTATED\","
                + "\"message_template_name\":\"login_code\",\"message_template_language\":\"en\"}},"
                + "{\"field\":\"message_template_status_update\",\"value\":{\"event\":\"SOMETHING_NEW\","
                + "\"message_template_name\":\"login_code\",\"message_template_language\":\"en\"}},"
                + "{\"field\":\"message_template_quality_update\",\"value\":{\"previous_quality_score\":\"GREEN\","
                + "\"new_quality_score\":\"YELLOW\",\"message_template_id\":1,\"message_template_name\":\"order_shipped\","
                + "\"message_template_language\":\"en_US\"}}]}]}");

        TemplateKey shipped = new TemplateKey("order_shipped", "en_US");
        assertEquals(List.of(
                new TransportUpdate.TemplateStatusChange("102290129340398", shipped, TemplateStatus.PAUSED),
                new TransportUpdate.TemplateStatusChange("102290129340398", new TemplateKey("login_code", "en"), TemplateStatus.APPROVED),
                new TransportUpdate.TemplateQualityChange("102290129340398", shipped, TemplateQuality.YELLOW)), updates);
    }

    @Test
    void aTemplateChangeWithoutItsValueIsMalformedAndAnUnsignedOneIsNotRead() {
        byte[] body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":["
                + "{\"field\":\"message_template_status_update\"}]}]}").getBytes(StandardCharsets.UTF_8);
        assertInstanceOf(WebhookRead.Malformed.class, webhooks.read(signed(body), body));
        assertInstanceOf(WebhookRead.Unauthenticated.class, webhooks.read(Map.of(), body));
    }

    private List<TransportUpdate> updates(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return assertInstanceOf(WebhookRead.Updates.class, webhooks.read(signed(bytes), bytes)).updates();
    }

    private static String notification(String valueFields) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA1\",\"changes\":["
                + change(valueFields) + "]}]}";
    }

    private static String change(String valueFields) {
        return "{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
                + "\"metadata\":{\"display_phone_number\":\"15551234567\",\"phone_number_id\":\"106540352242922\"},"
                + valueFields + "}}";
    }

    private static String textMessage(String text) {
        return "\"contacts\":[{\"profile\":{\"name\":\"Sara\"},\"wa_id\":\"966501234567\"}],\"messages\":["
                + message("wamid.IN1", "\"type\":\"text\",\"text\":{\"body\":\"" + text + "\"}") + "]";
    }

    private static String message(String id, String typeAndContent) {
        return "{\"from\":\"966501234567\",\"id\":\"" + id + "\",\"timestamp\":\"1715162400\"," + typeAndContent + "}";
    }

    private static String status(String id, String status, String extra) {
        return "{\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"timestamp\":\"1715162400\","
                + "\"recipient_id\":\"966501234567\"" + extra + "}";
    }

    private static Map<String, String> signed(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Map.of("x-hub-signature-256", "sha256=" + HexFormat.of().formatHex(mac.doFinal(body)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
