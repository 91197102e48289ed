package hub.gateway.adapter.whatsapp;

import hub.gateway.application.port.out.TransportWebhooks.TransportUpdate.DeliveryUpdate;
import hub.gateway.application.port.out.TransportWebhooks.TransportUpdate.InboundText;
import hub.gateway.application.port.out.TransportWebhooks.WebhookRead;
import hub.gateway.domain.account.TransportAccount;
import hub.gateway.domain.account.WahaAccount;
import hub.gateway.domain.message.DeliveryStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class WahaWebhooksTest {
    private static final String KEY = "waha-webhook-hmac-key";
    private static final TransportAccount ACCOUNT = TransportAccount.of(new WahaAccount(Optional.of("http://waha:3000"),
            Optional.of("default"), Optional.of("api-key"), Optional.of(KEY)));
    private final WahaWebhooks webhooks = new WahaWebhooks();

    @Test
    void aRecipientsTextIsAnInboundMessageFromTheirNumber() {
        String event = """
                {"id":"evt_1","timestamp":1700000000123,"event":"message","session":"default",
                 "payload":{"id":"false_966501234567@c.us_AAA","timestamp":1700000000,"from":"966501234567@c.us",
                            "fromMe":false,"body":"STOP","hasMedia":false}}""";

        assertEquals(List.of(new InboundText("default", "+966501234567", "STOP", Instant.ofEpochSecond(1700000000),
                "false_966501234567@c.us_AAA")), updates(event));
    }

    @ParameterizedTest
    @CsvSource({"966501234567@c.us,true,Hi", "120363000000000000@g.us,false,STOP", "status@broadcast,false,STOP",
            "966501234567@c.us,false,''"})
    void ownMessagesGroupsStatusesAndEmptyBodiesAreSkipped(String from, boolean fromMe, String body) {
        String event = """
                {"event":"message","session":"default","payload":{"id":"x","timestamp":1700000000,"from":"%s",
                 "fromMe":%s,"body":"%s"}}""".formatted(from, fromMe, body);

        assertEquals(List.of(), updates(event));
    }

    @ParameterizedTest
    @CsvSource({"SERVER,1,sent", "DEVICE,2,delivered", "READ,3,read", "PLAYED,4,read", "ERROR,-1,failed"})
    void acksMoveTheStatusByNameOrByNumber(String name, int number, String status) {
        DeliveryStatus expected = DeliveryStatus.fromWireName(status).orElseThrow();
        for (String payload : List.of("\"ackName\":\"" + name + "\",\"ack\":" + number, "\"ack\":" + number)) {
            String event = """
                    {"event":"message.ack","session":"default","timestamp":1700000005000,
                     "payload":{"id":"true_966501234567@c.us_3EB0","from":"966501234567@c.us","fromMe":true,%s}}"""
                    .formatted(payload);

            DeliveryUpdate update = assertInstanceOf(DeliveryUpdate.class, updates(event).getFirst());
            assertEquals(expected, update.status());
            assertEquals("true_966501234567@c.us_3EB0", update.providerMessageId());
            assertEquals(Instant.ofEpochMilli(1700000005000L), update.at());
            assertEquals(expected == DeliveryStatus.FAILED, update.error().isPresent());
        }
    }

    @Test
    void aPendingAckAndOtherEventsAreAcceptedAndIgnored() {
        assertEquals(List.of(), updates("""
                {"event":"message.ack","session":"default","payload":{"id":"x","ack":0,"ackName":"PENDING"}}"""));
        assertEquals(List.of(), updates("""
                {"event":"session.status","session":"default","payload":{"status":"WORKING"}}"""));
    }

    @Test
    void aMissingWrongOrForeignSignatureIsUnauthenticated() {
        byte[] body = "{\"event\":\"message\",\"session\":\"default\",\"payload\":{}}".getBytes(StandardCharsets.UTF_8);

        assertInstanceOf(WebhookRead.Unauthenticated.class, webhooks.readFor(ACCOUNT, Map.of(), body));
        assertInstanceOf(WebhookRead.Unauthenticated.class,
                webhooks.readFor(ACCOUNT, Map.of("x-webhook-hmac", "00".repeat(64)), body));
        assertInstanceOf(WebhookRead.Unauthenticated.class,
                webhooks.readFor(ACCOUNT, Map.of("x-webhook-hmac", sign("another-key", body)), body));
        assertInstanceOf(WebhookRead.Unauthenticated.class, webhooks.readFor(ACCOUNT,
                Map.of("x-webhook-hmac", sign(KEY, body), "x-webhook-hmac-algorithm", "sha256"), body));
        assertInstanceOf(WebhookRead.Unauthenticated.class, webhooks.read(Map.of("x-webhook-hmac", sign(KEY, body)), body),
                "never without the instance");
    }

    @Test
    void aSignedEventOfAnotherSessionIsMisdirected() {
        byte[] body = "{\"event\":\"message\",\"session\":\"other\",\"payload\":{}}".getBytes(StandardCharsets.UTF_8);

        assertInstanceOf(WebhookRead.Misdirected.class,
                webhooks.readFor(ACCOUNT, Map.of("x-webhook-hmac", sign(KEY, body)), body));
    }

    @Test
    void aSignedBodyThatIsNotAnEventIsMalformed() {
        byte[] body = "[1,2]".getBytes(StandardCharsets.UTF_8);

        assertInstanceOf(WebhookRead.Malformed.class,
                webhooks.readFor(ACCOUNT, Map.of("X-Webhook-Hmac", sign(KEY, body)), body));
    }

    private List<?> updates(String event) {
        byte[] body = event.getBytes(StandardCharsets.UTF_8);
        WebhookRead read = webhooks.readFor(ACCOUNT,
                Map.of("x-webhook-hmac", sign(KEY, body), "x-webhook-hmac-algorithm", "sha512"), body);
        return assertInstanceOf(WebhookRead.Updates.class, read).updates();
    }

    static String sign(String key, byte[] body) {
        return HexFormat.of().formatHex(WahaWebhooks.hmac(key.getBytes(StandardCharsets.UTF_8), body));
    }
}
