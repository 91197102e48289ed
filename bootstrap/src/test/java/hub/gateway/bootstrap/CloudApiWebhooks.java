package hub.gateway.bootstrap;

import hub.gateway.bootstrap.GatewayUnderTest.Response;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/** Meta's webhooks as the Cloud API posts them to a gateway: bodies from Meta's documentation, signed with the app secret. */
final class CloudApiWebhooks {
    static final String APP_SECRET = "test-app-secret";

    private CloudApiWebhooks() {
    }

    /** Signed with {@link #APP_SECRET}. */
    static Response post(GatewayUnderTest gateway, String body) {
        return post(gateway, body, sign(body));
    }

    static Response post(GatewayUnderTest gateway, String body, String signature) {
        return gateway.call("POST", "/webhooks/whatsapp", body,
                Map.of("Content-Type", "application/json", "X-Hub-Signature-256", signature));
    }

    /** Meta's signature, computed here from its documentation: sha256= and the hex HMAC of the raw body. */
    static String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String envelope(String phoneNumberId, String value) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA1\",\"changes\":[{\"field\":\"messages\","
                + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"966500000000\","
                + "\"phone_number_id\":\"" + phoneNumberId + "\"}," + value + "}}]}]}";
    }

    static String inbound(String phoneNumberId, String from, String wamid, String text) {
        return inbound(phoneNumberId, from, wamid, text, 1779000000L);
    }

    static String inbound(String phoneNumberId, String from, String wamid, String text, long timestamp) {
        return envelope(phoneNumberId, "\"contacts\":[{\"profile\":{\"name\":\"Sara\"},\"wa_id\":\"" + from + "\"}],"
                + "\"messages\":[{\"from\":\"" + from + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + timestamp + "\","
                + "\"type\":\"text\",\"text\":{\"body\":\"" + text + "\"}}]");
    }

    static String status(String phoneNumberId, String wamid, String status, String error) {
        return status(phoneNumberId, wamid, status, Optional.empty(), error);
    }

    /**
     * @param callbackData the send's {@code biz_opaque_callback_data}, which Meta echoes in each status of it
     */
    static String status(String phoneNumberId, String wamid, String status, Optional<String> callbackData, String error) {
        return envelope(phoneNumberId, "\"statuses\":[{\"id\":\"" + wamid + "\",\"status\":\"" + status
                + "\",\"timestamp\":\"" + (Instant.now().getEpochSecond() + rank(status))
                + "\",\"recipient_id\":\"966501234567\""
                + callbackData.map(data -> ",\"biz_opaque_callback_data\":\"" + data + "\"").orElse("")
                + (error == null ? "" : ",\"errors\":[" + error + "]") + "}]");
    }

    /** Meta's timestamps are whole seconds after the send: delivered, then read. */
    private static int rank(String status) {
        return switch (status) {
            case "read" -> 2;
            default -> 1;
        };
    }
}
