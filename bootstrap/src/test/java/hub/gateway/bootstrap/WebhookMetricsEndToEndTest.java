package hub.gateway.bootstrap;

import hub.gateway.bootstrap.GatewayUnderTest.Client;
import hub.gateway.bootstrap.GatewayUnderTest.Response;
import hub.gateway.testdb.Eventually;
import hub.gateway.testdb.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The webhook deliveries and the outbox gauges, on a gateway of their own whose every instance has a webhook URL:
 * nothing is delivered but what the test makes, so the counts and the backlog are exact.
 */
class WebhookMetricsEndToEndTest {
    private static final String DATABASE = TestDatabase.shared().createDatabase();

    @RegisterExtension
    static final GatewayUnderTest gateway = GatewayUnderTest.on(DATABASE);

    @Test
    void deliveriesCountAsDeliveredRetriedAndDeadAndTheBacklogFollowsThem() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Client client = gateway.newClient("starter", receiver.url());
            PrometheusText before = scrape();
            assertEquals(0.0, before.value("gateway_outbox_pending"));
            assertEquals(0.0, before.value("gateway_outbox_oldest_pending_seconds"));

            // The opt-out's event fails twice: a retry, then (a day later, as far as its first attempt knows) dead.
            receiver.answer(500, 500);
            assertEquals(202, gateway.inbound(client, "+966501234567", "STOP").status());
            Eventually.assertSeenWithin(Duration.ofSeconds(30),
                    () -> scrape().delta(before, "gateway_webhook_deliveries_total", "result", "retried") == 1,
                    "the first attempt is counted as retried");
            PrometheusText waiting = scrape();
            assertEquals(1.0, waiting.value("gateway_outbox_pending"));
            assertTrue(waiting.value("gateway_outbox_oldest_pending_seconds") > 0, "the event has waited some time");

            try (Connection db = DriverManager.getConnection(DATABASE, TestDatabase.shared().user(), TestDatabase.shared().password());
                 PreparedStatement dayOld = db.prepareStatement("update client_event set first_attempt_at = now() - interval '26 hours',"
                         + " next_attempt_at = now() where instance_id = ? and status = 'pending'")) {
                dayOld.setString(1, client.instanceId());
                assertEquals(1, dayOld.executeUpdate());
            }
            Eventually.assertSeenWithin(Duration.ofSeconds(30),
                    () -> scrape().delta(before, "gateway_webhook_deliveries_total", "result", "dead") == 1,
                    "the second attempt gives the event up");

            // The opt-in's event is taken at once.
            assertEquals(202, gateway.inbound(client, "+966501234567", "START").status());
            Eventually.assertSeenWithin(Duration.ofSeconds(30),
                    () -> scrape().delta(before, "gateway_webhook_deliveries_total", "result", "delivered") == 1,
                    "the opt-in's event is delivered");
            assertEquals(3, receiver.received().size());

            PrometheusText after = scrape();
            assertEquals(Map.of("delivered", 1.0, "retried", 1.0, "dead", 1.0),
                    after.deltaByLabel(before, "gateway_webhook_deliveries_total", "result"));
            assertEquals(0.0, after.value("gateway_outbox_pending"));
            assertEquals(0.0, after.value("gateway_outbox_oldest_pending_seconds"));
        }
    }

    private static PrometheusText scrape() {
        Response metrics = gateway.call("GET", "/observe/metrics", null, Map.of());
        assertEquals(200, metrics.status(), metrics.body());
        return PrometheusText.parse(metrics.body());
    }
}
