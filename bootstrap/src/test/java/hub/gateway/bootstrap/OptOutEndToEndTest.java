package hub.gateway.bootstrap;

import hub.gateway.bootstrap.GatewayUnderTest.Client;
import hub.gateway.bootstrap.GatewayUnderTest.Response;
import hub.gateway.testdb.Eventually;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static hub.gateway.bootstrap.SendMessageEndToEndTest.assertSeedError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** STOP, suppression and the signed webhooks that tell the client, through real HTTP on real PostgreSQL. */
class OptOutEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    @RegisterExtension
    static final GatewayUnderTest gateway = GatewayUnderTest.onFreshDatabase();

    @Test
    void stopSuppressesTheRecipientAndTheClientReceivesTheSeedsSignedEvent() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Client client = gateway.newClient("starter", receiver.url());
            Instant before = Instant.now().minusSeconds(1);
            assertEquals(202, gateway.inbound(client, "+966501234567", "STOP").status());

            Response refused = gateway.send(client, "+966501234567", "Your order #2041 has shipped.", "transactional");
            assertSeedError(refused, "recipient_suppressed");
            assertEquals("block", refused.details().getString("action"));
            assertEquals(100, refused.details().getInt("risk_score"));
            assertEquals(200, gateway.send(client, "+966501234567", "Your login code is 482913", "authentication").status(),
                    "the login codes a recipient asks for still reach them");

            WebhookReceiver.Delivery delivery = receiver.await(1, WAIT).getFirst();
            assertTrue(StandardWebhooksVerifier.verify(client.webhookSecret(), delivery.headers(), delivery.body()),
                    "signature verifies with the instance's secret");
            JsonObject event = Json.createReader(new StringReader(delivery.body())).readObject();
            assertEquals(Set.of("event", "instance_id", "instance_name", "from", "reason", "message_text", "timestamp"), event.keySet());
            assertEquals("recipient.opted_out", event.getString("event"));
            assertEquals(client.instanceId(), event.getString("instance_id"));
            assertEquals("Shop line", event.getString("instance_name"));
            assertEquals("+966501234567", event.getString("from"));
            assertEquals("recipient_requested_stop", event.getString("reason"));
            assertEquals("STOP", event.getString("message_text"));
            assertFalse(Instant.parse(event.getString("timestamp")).isBefore(before));
            long sentAt = Long.parseLong(delivery.headers().get("webhook-timestamp"));
            assertTrue(Math.abs(sentAt - Instant.now().getEpochSecond()) < 60);
            assertFalse(StandardWebhooksVerifier.verify("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]),
                    delivery.headers(), delivery.body()), "another secret does not verify");
        }
    }

    @Test
    void anArabicStopFromASpacedNumberSuppressesTheSameRecipient() {
        Client client = gateway.newClient("starter");
        assertEquals(202, gateway.inbound(client, "+966 50 123 4567", "إيقاف").status());
        assertSeedError(gateway.send(client, "+966501234567", "Ticket #12 was updated", "support"), "recipient_suppressed");
        assertSeedError(gateway.send(client, "+966-50-123-4567", "Ticket #12 was updated", "support"), "recipient_suppressed");
        JsonObject listed = gateway.get(client.apiKey(), "/api/suppressions?instance_id=" + client.instanceId()).json();
        JsonObject only = listed.getJsonArray("suppressions").getJsonObject(0);
        assertEquals("+966501234567", only.getString("phone"));
        assertEquals("recipient_requested_stop", only.getString("reason"));
    }

    @Test
    void aSentenceThatContainsStopChangesNothing() {
        Client client = gateway.newClient("starter");
        assertEquals(202, gateway.inbound(client, "+966501234567", "please stop the late deliveries").status());
        assertEquals(200, gateway.send(client, "+966501234567", "Sorry about the delay on order #88", "support").status());
    }

    @Test
    void aClientBlockStopsEvenLoginCodesAndOnlyItsOwnBlockCanBeLifted() {
        Client client = gateway.newClient("starter");
        Response blocked = gateway.call("POST", "/api/suppressions",
                "{\"instance_id\": \"" + client.instanceId() + "\", \"phone\": \"+966 50 777 0001\"}",
                Map.of("Authorization", "Bearer " + client.apiKey(), "Content-Type", "application/json"));
        assertEquals(201, blocked.status(), blocked.body());
        assertSeedError(gateway.send(client, "+966507770001", "Your login code is 111222", "authentication"), "recipient_suppressed");

        String path = "/api/suppressions/" + client.instanceId() + "/%2B966507770001";
        assertEquals(200, gateway.call("DELETE", path, null, Map.of("Authorization", "Bearer " + client.apiKey())).status());
        assertEquals(200, gateway.send(client, "+966507770001", "Your login code is 111222", "authentication").status());

        gateway.inbound(client, "+966507770002", "UNSUBSCRIBE");
        Response notYours = gateway.call("DELETE", "/api/suppressions/" + client.instanceId() + "/%2B966507770002", null,
                Map.of("Authorization", "Bearer " + client.apiKey()));
        assertSeedError(notYours, "recipient_suppressed");
        assertEquals(202, gateway.inbound(client, "+966507770002", "START").status());
        assertEquals(200, gateway.send(client, "+966507770002", "Ticket #3 closed", "support").status(),
                "the recipient's own START lifts the stop");
    }

    @Test
    void aReceiverThatFailsFirstStillGetsTheEventOnceItAccepts() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.answer(500);
            Client client = gateway.newClient("starter", receiver.url());
            gateway.inbound(client, "+966501234567", "STOP");
            List<WebhookReceiver.Delivery> deliveries = receiver.await(2, WAIT);
            assertEquals(deliveries.get(0).body(), deliveries.get(1).body(), "a retry sends the same event");
            assertEquals(deliveries.get(0).headers().get("webhook-id"), deliveries.get(1).headers().get("webhook-id"));

            JsonObject view = awaitDelivered(client);
            JsonObject event = view.getJsonArray("deliveries").getJsonObject(0);
            assertEquals(2, event.getInt("attempts"));
            assertEquals(200, event.getInt("last_http_status"));
            // The positive signal instead of a pause: the instance's next event arrives. An instance's events go
            // out in order, so a redelivery of the accepted one would have come before it.
            gateway.inbound(client, "+966501234567", "START");
            assertEquals(List.of("recipient.opted_out", "recipient.opted_out", "recipient.opted_in"),
                    receiver.await(3, WAIT).stream().map(OptOutEndToEndTest::eventName).toList(), "nothing more once accepted");
        }
    }

    @Test
    void eventsOfAnInstanceArriveInTheOrderTheyHappened() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Client client = gateway.newClient("starter", receiver.url());
            gateway.inbound(client, "+966501234567", "STOP");
            gateway.inbound(client, "+966501234567", "START");
            gateway.inbound(client, "+966501234567", "إلغاء");
            List<String> events = receiver.await(3, WAIT).stream()
                    .map(d -> Json.createReader(new StringReader(d.body())).readObject().getString("event")).toList();
            assertEquals(List.of("recipient.opted_out", "recipient.opted_in", "recipient.opted_out"), events);
        }
    }

    @Test
    void anEventWaitingWhenTheGatewayStopsIsDeliveredAfterARestart() throws Exception {
        String database = hub.gateway.testdb.TestDatabase.shared().createDatabase();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.answer(503);
            Client client;
            try (GatewayUnderTest first = GatewayUnderTest.on(database)) {
                client = first.newClient("starter", receiver.url());
                first.inbound(client, "+966501234567", "STOP");
                receiver.await(1, WAIT);
            }
            // The event now waits in the outbox for its retry, with no gateway running.
            try (GatewayUnderTest second = GatewayUnderTest.on(database)) {
                WebhookReceiver.Delivery retried = receiver.await(2, WAIT).get(1);
                assertTrue(retried.body().contains("recipient.opted_out"));
                assertTrue(StandardWebhooksVerifier.verify(client.webhookSecret(), retried.headers(), retried.body()));
            }
        }
    }

    @Test
    void aWebhookUrlOnAPrivateAddressIsRefusedUnlessAllowed() {
        // This gateway allows private destinations (tests listen on loopback); an unsupported scheme never passes.
        Response ftp = gateway.admin("POST", "/admin/instances", "{\"account_id\": \"acc_x\", \"name\": \"x\", \"plan\": \"starter\","
                + " \"webhook_url\": \"ftp://127.0.0.1/hooks\"}");
        assertEquals(422, ftp.status(), ftp.body());
    }

    private static JsonObject awaitDelivered(Client client) {
        AtomicReference<JsonObject> view = new AtomicReference<>();
        Eventually.assertSeenWithin(WAIT, () -> {
            view.set(gateway.admin("GET", "/admin/instances/" + client.instanceId() + "/webhook-deliveries", null).json());
            return "delivered".equals(view.get().getJsonArray("deliveries").getJsonObject(0).getString("status"));
        }, "delivered");
        return view.get();
    }

    private static String eventName(WebhookReceiver.Delivery delivery) {
        return Json.createReader(new StringReader(delivery.body())).readObject().getString("event");
    }
}
