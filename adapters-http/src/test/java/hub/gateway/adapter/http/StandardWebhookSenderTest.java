package hub.gateway.adapter.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import hub.gateway.application.port.out.WebhookSender;
import hub.gateway.application.port.out.WebhookSender.WebhookRequest;
import hub.gateway.application.port.out.WebhookSender.WebhookResult;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.risk.RiskSignal;
import hub.gateway.domain.webhook.ClientEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sender against a real receiver on loopback (so private destinations are allowed, as in local development). */
class StandardWebhookSenderTest {
    /** The Standard Webhooks documentation's example secret. */
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Instant SENT_AT = Instant.parse("2026-05-08T10:00:05Z");
    private static final ClientEvent OPTED_OUT = new ClientEvent.RecipientOptedOut(new InstanceId("demo-support-line"),
            "Demo Support Line", new PhoneNumber("+966501234567"), "STOP", Instant.parse("2026-05-08T10:00:00.123456Z"));

    private record Received(String method, String path, Headers headers, byte[] body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch testOver = new CountDownLatch(1);
    private HttpServer receiver;
    private final WebhookSender sender = GatewayHttp.webhookSender(true);

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(executor);
        receiver.createContext("/ok", exchange -> answer(exchange, 200));
        receiver.createContext("/no-content", exchange -> answer(exchange, 204));
        receiver.createContext("/broken", exchange -> answer(exchange, 500));
        receiver.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/ok");
            answer(exchange, 302);
        });
        receiver.createContext("/slow", exchange -> {
            record(exchange);
            // Answers only when the test is over, so the sender's time-out is the only way out of the call.
            try {
                testOver.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        testOver.countDown();
        receiver.stop(0);
        executor.shutdownNow();
    }

    @Test
    void the_seed_event_is_posted_signed_the_standard_webhooks_way() throws Exception {
        WebhookResult result = sender.send(request("/ok", OPTED_OUT));

        assertEquals(new WebhookResult.Accepted(200), result);
        assertEquals(1, received.size());
        Received hit = received.getFirst();
        assertEquals("POST", hit.method());
        String expectedBody = "{\"event\":\"recipient.opted_out\",\"instance_id\":\"demo-support-line\","
                + "\"instance_name\":\"Demo Support Line\",\"from\":\"+966501234567\","
                + "\"reason\":\"recipient_requested_stop\",\"message_text\":\"STOP\",\"timestamp\":\"2026-05-08T10:00:00Z\"}";
        assertEquals(expectedBody, new String(hit.body(), StandardCharsets.UTF_8));
        assertEquals("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", hit.headers().getFirst("webhook-id"));
        assertEquals("1778234405", hit.headers().getFirst("webhook-timestamp"));
        assertEquals("v1," + independentSignature("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", "1778234405", hit.body()),
                hit.headers().getFirst("webhook-signature"));
        assertEquals("application/json", hit.headers().getFirst("Content-Type"));
        assertTrue(hit.headers().getFirst("User-Agent").startsWith("hub-whatsapp-gateway"));
    }

    @Test
    void an_opt_in_has_the_same_fields_and_every_send_the_same_bytes() throws Exception {
        ClientEvent optedIn = new ClientEvent.RecipientOptedIn(new InstanceId("demo-support-line"), "Demo Support Line",
                new PhoneNumber("+966501234567"), "ابدأ", Instant.parse("2026-05-08T11:30:00Z"));
        sender.send(request("/ok", optedIn));
        sender.send(request("/ok", optedIn));

        assertEquals(2, received.size());
        assertArrayEquals(received.get(0).body(), received.get(1).body());
        assertEquals("{\"event\":\"recipient.opted_in\",\"instance_id\":\"demo-support-line\","
                        + "\"instance_name\":\"Demo Support Line\",\"from\":\"+966501234567\","
                        + "\"reason\":\"recipient_requested_start\",\"message_text\":\"ابدأ\",\"timestamp\":\"2026-05-08T11:30:00Z\"}",
                new String(received.getFirst().body(), StandardCharsets.UTF_8));
        assertEquals(received.get(0).headers().getFirst("webhook-signature"), received.get(1).headers().getFirst("webhook-signature"));
    }

    @Test
    void the_review_pause_is_posted_with_its_signals_signed_and_byte_identical_on_redelivery() throws Exception {
        ClientEvent paused = ClientEvent.InstancePausedForReview.byRules(new InstanceId("demo-support-line"), "Demo Support Line",
                100, List.of(new RiskSignal("repeated_violations", 100, "3 in 60 minutes"),
                new RiskSignal("promotional_language", 40, "عرض خاص")), Instant.parse("2026-05-08T10:00:00.987654Z"));
        assertEquals(new WebhookResult.Accepted(200), sender.send(request("/ok", paused)));
        sender.send(request("/ok", paused));

        assertEquals(2, received.size());
        Received hit = received.getFirst();
        assertEquals("{\"event\":\"instance.paused_for_review\",\"instance_id\":\"demo-support-line\","
                        + "\"instance_name\":\"Demo Support Line\",\"reason\":\"responsible_messaging_review\",\"cause\":\"violations\","
                        + "\"risk_score\":100,\"signals\":["
                        + "{\"name\":\"repeated_violations\",\"weight\":100,\"evidence\":\"3 in 60 minutes\"},"
                        + "{\"name\":\"promotional_language\",\"weight\":40,\"evidence\":\"عرض خاص\"}],"
                        + "\"timestamp\":\"2026-05-08T10:00:00Z\"}",
                new String(hit.body(), StandardCharsets.UTF_8));
        assertEquals("v1," + independentSignature("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", "1778234405", hit.body()),
                hit.headers().getFirst("webhook-signature"));
        assertArrayEquals(hit.body(), received.get(1).body());
        assertEquals(hit.headers().getFirst("webhook-signature"), received.get(1).headers().getFirst("webhook-signature"));
    }

    @Test
    void any_2xx_is_accepted_and_anything_else_rejected_without_following_redirects() {
        assertEquals(new WebhookResult.Accepted(204), sender.send(request("/no-content", OPTED_OUT)));
        assertEquals(new WebhookResult.Rejected(500), sender.send(request("/broken", OPTED_OUT)));
        received.clear();
        assertEquals(new WebhookResult.Rejected(302), sender.send(request("/moved", OPTED_OUT)));
        assertEquals(List.of("/moved"), received.stream().map(Received::path).toList());
    }

    @Test
    void a_receiver_that_does_not_answer_in_5_seconds_fails_in_time() {
        long start = System.nanoTime();
        // The receiver never answers: a sender without its time-out would hang here, not pass.
        WebhookResult result = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> sender.send(request("/slow", OPTED_OUT)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        WebhookResult.Failed failed = assertInstanceOf(WebhookResult.Failed.class, result);
        assertTrue(failed.reason().contains("timed out"), failed.reason());
        // Load only makes a time-out late, never early, so the lower bound keeps its tight margin; the upper one
        // leaves a loaded two-core machine three seconds to get the timed-out thread running again.
        assertTrue(took.compareTo(Duration.ofMillis(4_500)) >= 0, "gave up early: " + took);
        assertTrue(took.compareTo(Duration.ofMillis(8_000)) <= 0, "waited too long: " + took);
        assertNoSecret(failed);
    }

    @Test
    void a_refused_connection_fails() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        WebhookResult result = sender.send(new WebhookRequest("http://127.0.0.1:" + closedPort + "/ok", SECRET,
                "msg_1", SENT_AT, OPTED_OUT));
        WebhookResult.Failed failed = assertInstanceOf(WebhookResult.Failed.class, result);
        assertEquals("connection refused", failed.reason());
        assertNoSecret(failed);
    }

    @Test
    void a_private_destination_is_refused_at_delivery_unless_allowed() {
        WebhookResult result = GatewayHttp.webhookSender(false).send(request("/ok", OPTED_OUT));

        WebhookResult.Failed failed = assertInstanceOf(WebhookResult.Failed.class, result);
        assertTrue(failed.reason().startsWith("destination refused"), failed.reason());
        assertTrue(failed.reason().contains("loopback"), failed.reason());
        assertTrue(received.isEmpty(), "nothing may reach a refused destination");
        assertNoSecret(failed);
    }

    @Test
    void a_delivery_connects_to_the_address_its_check_approved_however_the_dns_answer_changes() {
        // A rebinding DNS: the first answer is the receiver, every later one an address where nothing listens.
        AtomicInteger lookups = new AtomicInteger();
        WebhookUrlPolicy.Resolver rebinding = host -> new InetAddress[] {InetAddress.getByAddress(host,
                new byte[] {127, 0, 0, (byte) (lookups.incrementAndGet() == 1 ? 1 : 2)})};
        WebhookSender pinned = new StandardWebhookSender(new WebhookUrlPolicy(true, rebinding));
        String url = "http://hooks.example.test:" + receiver.getAddress().getPort() + "/ok";

        WebhookResult result = pinned.send(new WebhookRequest(url, SECRET, "msg_1", SENT_AT, OPTED_OUT));

        assertEquals(new WebhookResult.Accepted(200), result);
        assertEquals(1, lookups.get(), "the host is looked up once, and that answer is where the delivery goes");
        assertEquals("hooks.example.test:" + receiver.getAddress().getPort(), received.getFirst().headers().getFirst("Host"));
    }

    @Test
    void a_host_that_resolves_to_a_loopback_address_at_delivery_time_is_refused_before_any_byte_is_sent() {
        WebhookUrlPolicy.Resolver toLoopback = host -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
        WebhookSender strict = new StandardWebhookSender(new WebhookUrlPolicy(false, toLoopback));
        String url = "http://hooks.example.test:" + receiver.getAddress().getPort() + "/ok";

        WebhookResult.Failed failed = assertInstanceOf(WebhookResult.Failed.class,
                strict.send(new WebhookRequest(url, SECRET, "msg_1", SENT_AT, OPTED_OUT)));

        assertEquals("destination refused: The webhook URL resolves to a loopback address, which is not allowed.", failed.reason());
        assertTrue(received.isEmpty(), "nothing may reach a refused destination");
    }

    @Test
    void a_secret_that_is_not_a_key_fails_without_being_quoted() {
        String broken = "whsec_not base64!";
        WebhookResult result = sender.send(new WebhookRequest(url("/ok"), broken, "msg_1", SENT_AT, OPTED_OUT));
        WebhookResult.Failed failed = assertInstanceOf(WebhookResult.Failed.class, result);
        assertFalse(failed.reason().contains(broken));
        assertFalse(failed.reason().contains("not base64"));
        assertTrue(received.isEmpty());
    }

    private WebhookRequest request(String path, ClientEvent event) {
        return new WebhookRequest(url(path), SECRET, "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", SENT_AT, event);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private void answer(HttpExchange exchange, int status) throws IOException {
        record(exchange);
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private void record(HttpExchange exchange) throws IOException {
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes()));
    }

    /** Written from the spec, not from the sender: strip whsec_, base64-decode, HMAC-SHA256 of id.timestamp.body. */
    private static String independentSignature(String id, String timestamp, byte[] body) throws Exception {
        byte[] key = Base64.getDecoder().decode(SECRET.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    private static void assertNoSecret(WebhookResult.Failed failed) {
        assertFalse(failed.reason().contains(SECRET.substring("whsec_".length())), failed.reason());
    }
}
