package hub.gateway.bootstrap;

import hub.gateway.bootstrap.GatewayUnderTest.Client;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static hub.gateway.bootstrap.SendMessageEndToEndTest.assertSeedError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract §13's honest outcomes, end to end: a request that may have reached Meta is {@code unknown} (its quota
 * kept) until a status settles it; one that never reached Meta failed (its quota given back). Two gateways: one
 * whose Cloud API answers after the gateway's read time-out, one whose Cloud API address nobody listens on.
 */
class DeliveryOutcomesEndToEndTest {
    private static final String ACCESS_TOKEN = "EAAG-secret-access-token-456";
    /** Shorter than the fake's delay, which is far below the 10-second default: only the setting can make it time out. */
    private static final Duration READ_TIMEOUT = Duration.ofMillis(1_000);
    private static final Duration SLOW_META = Duration.ofSeconds(4);
    private static FakeCloudApi cloud;
    private static GatewayUnderTest gateway;
    private static GatewayUnderTest unreachable;
    private static int phoneNumberIds = 100;

    @BeforeAll
    static void start() throws IOException {
        cloud = new FakeCloudApi();
        gateway = GatewayUnderTest.on(TestDatabase.shared().createDatabase(), Map.of(
                "GATEWAY_META_GRAPH_URL", cloud.url(),
                "GATEWAY_META_APP_SECRET", CloudApiWebhooks.APP_SECRET,
                "GATEWAY_TRANSPORT_CONNECT_TIMEOUT_MS", "500",
                "GATEWAY_TRANSPORT_READ_TIMEOUT_MS", String.valueOf(READ_TIMEOUT.toMillis())));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        unreachable = GatewayUnderTest.on(TestDatabase.shared().createDatabase(), Map.of(
                "GATEWAY_META_GRAPH_URL", "http://127.0.0.1:" + closedPort + "/v21.0",
                "GATEWAY_META_APP_SECRET", CloudApiWebhooks.APP_SECRET));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        unreachable.close();
        cloud.close();
    }

    @Test
    void aReadTimeOutAfterTheRequestWasWrittenIsUnknownKeepsTheQuotaAndAStatusCarryingTheLogIdSettlesIt() {
        MetaClient client = newMetaClient(gateway);
        int before = cloud.requests().size();
        Response timedOut;
        cloud.delayAnswers(SLOW_META);
        try {
            timedOut = send(gateway, client, "Your parcel arrives tomorrow between 9 and 12.");
        } finally {
            cloud.delayAnswers(Duration.ZERO);
        }

        assertSeedError(timedOut, "gateway_send_failed");
        assertEquals("unknown", timedOut.details().getString("delivery"), timedOut.body());
        assertEquals("timeout", timedOut.details().getJsonObject("transport_error").getString("code"));
        long logId = timedOut.details().getJsonNumber("log_id").longValue();
        assertTrue(timedOut.header("RateLimit").isPresent(), "the send stays counted, and its headers say so");
        assertEquals(1, usedToday(gateway, client), "the quota stays counted");
        List<FakeCloudApi.Request> asked = cloud.requests().subList(before, cloud.requests().size());
        assertEquals(1, asked.size(), "asked once, never again");
        assertEquals(String.valueOf(logId), Json.createReader(new StringReader(asked.getFirst().body())).readObject()
                .getString("biz_opaque_callback_data"));
        JsonObject unknown = gateway.get(client.apiKey(), "/api/messages/" + logId).json();
        assertEquals("unknown", unknown.getString("status"));
        assertTrue(unknown.isNull("message_id"), unknown.toString());

        // No row holds this wamid: the status finds its row by the log id the send carried.
        String wamid = "wamid.LATE" + logId;
        String delivered = CloudApiWebhooks.status(client.phoneNumberId(), wamid, "delivered", Optional.of(String.valueOf(logId)), null);
        assertEquals(200, CloudApiWebhooks.post(gateway, delivered).status());
        assertEquals(200, CloudApiWebhooks.post(gateway, delivered).status(), "a re-delivery changes nothing");

        JsonObject settled = gateway.get(client.apiKey(), "/api/messages/" + logId).json();
        assertEquals("delivered", settled.getString("status"));
        assertEquals(wamid, settled.getString("message_id"));
        assertEquals(List.of("unknown", "delivered"), settled.getJsonArray("status_history").getValuesAs(JsonObject.class)
                .stream().map(s -> s.getString("status")).toList());
        assertEquals(1, usedToday(gateway, client));
    }

    @Test
    void aRefusedConnectionFailedGivesTheQuotaBackAndIsNotUnknown() {
        MetaClient client = newMetaClient(unreachable);
        Response failed = send(unreachable, client, "Your parcel arrives tomorrow between 9 and 12.");

        assertSeedError(failed, "gateway_send_failed");
        assertFalse(failed.details().containsKey("delivery"), failed.body());
        assertEquals("unreachable", failed.details().getJsonObject("transport_error").getString("code"));
        assertEquals(0, usedToday(unreachable, client), "the quota is given back");
        assertEquals("failed", unreachable.get(client.apiKey(), "/api/messages/"
                + failed.details().getJsonNumber("log_id").longValue()).json().getString("status"));
    }

    private record MetaClient(String instanceId, String phoneNumberId, String apiKey) {
    }

    private static MetaClient newMetaClient(GatewayUnderTest on) {
        String phoneNumberId = "20990" + (phoneNumberIds++);
        Client client = on.newMetaClient("growth", phoneNumberId, ACCESS_TOKEN);
        return new MetaClient(client.instanceId(), phoneNumberId, client.apiKey());
    }

    private static Response send(GatewayUnderTest on, MetaClient client, String text) {
        // Free-form text on meta_cloud needs the recipient's window open (contract §13).
        on.recipientWroteJustNow(client.instanceId(), "+966501234567");
        return on.send(client.apiKey(), "{\"instance_id\": \"" + client.instanceId() + "\", \"phone\": \"+966501234567\","
                + " \"message\": \"" + text + "\", \"message_purpose\": \"transactional\"}");
    }

    private static int usedToday(GatewayUnderTest on, MetaClient client) {
        return on.get(client.apiKey(), "/api/usage?instance_id=" + client.instanceId()).json()
                .getJsonObject("daily").getInt("used");
    }
}
