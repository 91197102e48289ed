package hub.gateway.bootstrap;

import hub.gateway.bootstrap.GatewayUnderTest.Client;
import hub.gateway.bootstrap.GatewayUnderTest.Response;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;

import static hub.gateway.bootstrap.SendMessageEndToEndTest.assertSeedError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Step 9 of the send checks and the review pause, through real HTTP on real PostgreSQL. */
class RiskAssessmentEndToEndTest {
    @RegisterExtension
    static final GatewayUnderTest gateway = GatewayUnderTest.onFreshDatabase();

    @Test
    void spamIsRefusedWithItsScoreAndSignalsAndTheAssessmentIsStored() {
        Client client = roomyClient(null);
        Response refused = gateway.send(client, "+966501234567",
                "Congratulations! You have won an iPhone 15. Claim your prize at bit.ly/win-now", "transactional");
        assertSeedError(refused, "policy_violation");
        assertEquals("block", refused.details().getString("action"));
        assertTrue(refused.details().getInt("risk_score") >= 80);
        List<String> signals = refused.details().getJsonArray("signals").getValuesAs(JsonObject.class).stream()
                .map(s -> s.getString("name")).toList();
        assertTrue(signals.containsAll(List.of("scam", "shortened_link")), signals.toString());

        JsonObject events = gateway.admin("GET", "/admin/instances/" + client.instanceId() + "/risk-events", null).json();
        JsonObject stored = events.getJsonArray("risk_events").getJsonObject(0);
        assertEquals("block", stored.getString("action"));
        assertEquals(refused.details().getInt("risk_score"), stored.getInt("score"));
        JsonObject log = gateway.get(client.apiKey(), "/api/messages?instance_id=" + client.instanceId()).json();
        assertEquals("policy_violation", log.getJsonArray("messages").getJsonObject(0).getString("error"));
    }

    @Test
    void arabicMarketingIsRefusedWhateverPurposeItDeclares() {
        Client client = roomyClient(null);
        assertSeedError(gateway.send(client, "+966501234567", "تخفيضات الجمعة البيضاء! خصم 50% على كل شيء، اشتر الآن", "support"),
                "policy_violation");
    }

    @Test
    void aTransactionalMessageWithOneWeakSignalIsSentAndItsAssessmentKept() {
        Client client = roomyClient(null);
        assertEquals(200, gateway.send(client, "+966501234567", "Your discounted shipping label is attached to order #5521",
                "transactional").status());
        JsonObject stored = gateway.admin("GET", "/admin/instances/" + client.instanceId() + "/risk-events", null).json()
                .getJsonArray("risk_events").getJsonObject(0);
        assertEquals("allow", stored.getString("action"));
        assertTrue(stored.getInt("score") > 0 && stored.getInt("score") < 80);
    }

    @Test
    void theSameTextToMoreThanTwentyFiveRecipientsIsBlocked() {
        Client client = roomyClient(null);
        for (int i = 1; i <= 25; i++) {
            Response sent = gateway.send(client, String.format("+96650120%04d", i), "Our branch closes at 6 pm today.", "operational");
            assertEquals(200, sent.status(), sent.body());
        }
        Response blocked = gateway.send(client, "+966501209999", "our branch  closes at 6 PM today.", "operational");
        assertSeedError(blocked, "policy_violation");
        assertTrue(blocked.body().contains("duplicate_content"), blocked.body());
        assertEquals(200, gateway.send(client, "+966501200001", "Our branch closes at 6 pm today.", "operational").status(),
                "an earlier recipient is not a new one");
    }

    @Test
    void repeatedViolationsPauseTheInstanceTellTheClientAndOnlyAResumeLiftsIt() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Client client = roomyClient(receiver.url());
            for (int i = 0; i < 4; i++) {
                assertSeedError(gateway.send(client, "+966501234567", "Vote for Ahmed Saleh in the municipal elections", "support"),
                        "policy_violation");
            }
            Response paused = gateway.send(client, "+966501234567", "Vote for Ahmed Saleh in the municipal elections", "support");
            assertSeedError(paused, "instance_paused_for_review");
            assertEquals("pause_instance", paused.details().getString("action"));
            assertEquals(100, paused.details().getInt("risk_score"));
            assertEquals("paused_for_review",
                    gateway.admin("GET", "/admin/instances/" + client.instanceId(), null).json().getString("status"));
            assertSeedError(gateway.send(client, "+966501234567", "Your order #77 has shipped", "transactional"),
                    "instance_paused_for_review");

            WebhookReceiver.Delivery delivery = receiver.await(1, Duration.ofSeconds(15)).getFirst();
            JsonObject event = Json.createReader(new StringReader(delivery.body())).readObject();
            assertEquals("instance.paused_for_review", event.getString("event"));
            assertEquals(100, event.getInt("risk_score"));
            assertEquals("violations", event.getString("cause"), "a pause by the rules names its rule");
            assertFalse(event.containsKey("note"));
            assertTrue(event.getJsonArray("signals").getValuesAs(JsonObject.class).stream()
                    .anyMatch(s -> s.getString("name").equals("repeated_violations")));
            assertTrue(StandardWebhooksVerifier.verify(client.webhookSecret(), delivery.headers(), delivery.body()));

            gateway.admin("POST", "/admin/instances/" + client.instanceId() + "/resume", "");
            assertEquals(200, gateway.send(client, "+966501234567", "Your order #77 has shipped", "transactional").status());
        }
    }

    @Test
    void aHighShareOfFailedDeliveriesPausesTheInstance() {
        Client client = roomyClient(null);
        for (int i = 0; i < 20; i++) {
            // The sandbox fails every number that ends in 0000.
            assertEquals(502, gateway.send(client, String.format("+9665%02d000000", i + 10), "Your order #9 is on its way",
                    "transactional").status());
        }
        // Behaviour facts are cached, but a failure on this node is seen by its very next send.
        Response answer = gateway.send(client, "+966501234567", "Your order #9 is on its way", "transactional");
        assertSeedError(answer, "instance_paused_for_review");
        JsonObject pause = gateway.admin("GET", "/admin/instances/" + client.instanceId() + "/risk-events", null).json()
                .getJsonArray("risk_events").getJsonObject(0);
        assertEquals("pause_instance", pause.getString("action"));
        assertTrue(pause.toString().contains("failed_deliveries"), pause.toString());
    }

    /** A Scale instance with limits out of the way, so that only the risk rules refuse. */
    private static Client roomyClient(String webhookUrl) {
        Client client = gateway.newClient("scale", webhookUrl);
        gateway.setLimits(client.instanceId(), "{\"daily_limit\": 100000, \"per_minute_limit\": 100000}");
        return client;
    }
}
