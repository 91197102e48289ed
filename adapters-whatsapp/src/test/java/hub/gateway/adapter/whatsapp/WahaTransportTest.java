package hub.gateway.adapter.whatsapp;

import hub.gateway.application.port.out.Transport;
import hub.gateway.application.port.out.Transport.Delivery;
import hub.gateway.application.spi.TransportTimeouts;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.account.InstanceStatus;
import hub.gateway.domain.account.TransportAccount;
import hub.gateway.domain.account.WahaAccount;
import hub.gateway.domain.message.MessageText;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.quota.LimitOverrides;
import hub.gateway.domain.quota.Plan;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WahaTransportTest {
    private static final String API_KEY = "waha-api-key-0123456789abcdef";
    private static final String SESSION = "default";

    private FakeCloudApi waha;

    @BeforeEach
    void startTheFake() throws IOException {
        waha = new FakeCloudApi();
        waha.answers(201, "application/json", "{\"id\":\"true_966501234567@c.us_3EB0AAAA\",\"timestamp\":1666943582}");
    }

    @AfterEach
    void stopTheFake() {
        waha.close();
    }

    @Test
    void postsTheTextToSendTextWithTheKeyAndTheChatId() {
        Delivery delivery = transport().deliver(message(waha.baseUrl().toString(), "+966 50 123 4567", "تم شحن طلبك"));

        assertEquals(new Delivery.Delivered("true_966501234567@c.us_3EB0AAAA"), delivery);
        FakeCloudApi.Received request = waha.received().getFirst();
        assertEquals(1, waha.received().size());
        assertEquals("POST", request.method());
        assertEquals("/api/sendText", request.path());
        assertEquals(API_KEY, request.headers().get("x-api-key"));
        assertTrue(request.headers().get("content-type").startsWith("application/json"));
        JsonObject body = JsonTrees.parse(request.body()).flatMap(JsonTrees::asObject).orElseThrow();
        assertEquals(Map.of("session", SESSION, "chatId", "966501234567@c.us", "text", "تم شحن طلبك"),
                Map.of("session", body.getString("session"), "chatId", body.getString("chatId"), "text", body.getString("text")));
    }

    @Test
    void aBaseUrlWithATrailingSlashStillPostsToApiSendText() {
        transport().deliver(message(waha.baseUrl() + "/", "+966501234567", "Hi"));

        assertEquals("/api/sendText", waha.received().getFirst().path());
    }

    @Test
    void theIdMayBeAnObjectWithItsSerializedForm() {
        waha.answers(201, "application/json",
                "{\"id\":{\"fromMe\":true,\"remote\":\"966501234567@c.us\",\"id\":\"3EB0BBBB\",\"_serialized\":\"true_966501234567@c.us_3EB0BBBB\"}}");

        assertEquals(new Delivery.Delivered("true_966501234567@c.us_3EB0BBBB"),
                transport().deliver(message(waha.baseUrl().toString(), "+966501234567", "Hi")));
    }

    @Test
    void anAnswerWithoutAnIdIsUnknown() {
        waha.answers(201, "application/json", "{}");

        assertEquals("unexpected_answer", assertInstanceOf(Delivery.Unknown.class,
                transport().deliver(message(waha.baseUrl().toString(), "+966501234567", "Hi"))).code());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 404, 422})
    void aClientErrorFromWahaFailed(int status) {
        waha.answers(status, "application/json", "{\"statusCode\":" + status + ",\"message\":\"Session not found " + API_KEY + "\"}");

        Delivery.Failed failed = assertInstanceOf(Delivery.Failed.class,
                transport().deliver(message(waha.baseUrl().toString(), "+966501234567", "Hi")));

        assertEquals("http_" + status, failed.code());
        assertTrue(failed.title().contains("Session not found"), failed.title());
        assertFalse(failed.title().contains(API_KEY), "the key quoted back is removed");
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503})
    void aServerErrorIsUnknown(int status) {
        waha.answers(status, "application/json", "{\"statusCode\":" + status + ",\"message\":\"Internal server error\"}");

        assertEquals("http_" + status, assertInstanceOf(Delivery.Unknown.class,
                transport().deliver(message(waha.baseUrl().toString(), "+966501234567", "Hi"))).code());
    }

    @Test
    void aDroppedConnectionIsUnknown() {
        waha.dropsTheConnectionMidAnswer();

        assertEquals("connection_lost", assertInstanceOf(Delivery.Unknown.class,
                transport().deliver(message(waha.baseUrl().toString(), "+966501234567", "Hi"))).code());
    }

    @Test
    void aSilentServerTimesOutAsUnknownAndIsAskedOnlyOnce() {
        waha.neverAnswers();
        WahaTransport transport = new WahaTransport(new TransportTimeouts(Duration.ofMillis(500), Duration.ofMillis(700)));

        Delivery delivery = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> transport.deliver(message(waha.baseUrl().toString(), "+966501234567", "Hi")));

        assertEquals("timeout", assertInstanceOf(Delivery.Unknown.class, delivery).code());
        // The next send arriving is the positive signal that no resend of the first came before it.
        waha.answers(201, "application/json", "{\"id\":\"true_x@c.us_1\"}");
        assertInstanceOf(Delivery.Delivered.class, assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> transport.deliver(message(waha.baseUrl().toString(), "+966501234567", "Next one"))));
        assertEquals(List.of(false, true), waha.received().stream().map(r -> r.body().contains("Next one")).toList());
    }

    @Test
    void aRefusedConnectionFailed() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        assertEquals("unreachable", assertInstanceOf(Delivery.Failed.class,
                transport().deliver(message("http://127.0.0.1:" + closedPort, "+966501234567", "Hi"))).code());
    }

    @Test
    void anInstanceWithoutItsSettingsFailsWithoutARequest() {
        Delivery delivery = transport().deliver(message(TransportAccount.NONE, "+966501234567", "Hi"));

        assertEquals("transport_not_configured", assertInstanceOf(Delivery.Failed.class, delivery).code());
        assertTrue(waha.received().isEmpty());
    }

    @Test
    void theProviderNamesWhatIsMissingAndOffersNoTemplateReview() {
        WahaTransportProvider provider = new WahaTransportProvider();

        assertEquals(Optional.of("The waha transport needs the instance's waha_session, waha_webhook_key."),
                provider.problemWith(TransportAccount.of(new WahaAccount(Optional.of("http://waha:3000"),
                        Optional.empty(), Optional.of("k"), Optional.empty()))));
        assertEquals(Optional.empty(), provider.problemWith(account("http://waha:3000")));
        assertTrue(provider.templates(Map.of()).isEmpty());
        assertFalse(provider.create(Map.of()).enforcesCustomerServiceWindow());
    }

    private static WahaTransport transport() {
        return new WahaTransport(TransportTimeouts.DEFAULT);
    }

    private static TransportAccount account(String url) {
        return TransportAccount.of(new WahaAccount(Optional.of(url), Optional.of(SESSION), Optional.of(API_KEY),
                Optional.of("hmac-key")));
    }

    private static Transport.OutboundMessage message(String url, String to, String text) {
        return message(account(url), to, text);
    }

    private static Transport.OutboundMessage message(TransportAccount account, String to, String text) {
        Instance instance = new Instance(new InstanceId("demo"), new AccountId("acc_1"), "Demo", Plan.STARTER,
                LimitOverrides.NONE, InstanceStatus.ACTIVE, WahaTransportProvider.NAME, account, Optional.empty(),
                ZoneOffset.UTC, Instant.EPOCH);
        return new Transport.OutboundMessage(instance, PhoneNumber.parse(to).orElseThrow(), new MessageText(text), 7L);
    }
}
