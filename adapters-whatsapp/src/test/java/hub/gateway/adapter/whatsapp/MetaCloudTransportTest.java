package hub.gateway.adapter.whatsapp;

import hub.gateway.application.port.out.Transport;
import hub.gateway.application.port.out.Transport.Delivery;
import hub.gateway.application.spi.TransportTimeouts;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.account.InstanceStatus;
import hub.gateway.domain.account.TransportAccount;
import hub.gateway.domain.message.MessageText;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.quota.LimitOverrides;
import hub.gateway.domain.quota.Plan;
import hub.gateway.domain.template.RenderedTemplate;
import hub.gateway.domain.template.Template;
import hub.gateway.domain.template.TemplateBody;
import hub.gateway.domain.template.TemplateButton;
import hub.gateway.domain.template.TemplateCategory;
import hub.gateway.domain.template.TemplateKey;
import hub.gateway.domain.template.TemplateStatus;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetaCloudTransportTest {
    private static final String PHONE_NUMBER_ID = "106540352242922";
    private static final String TOKEN = "EAAGm0PX4ZCpsBAsecretTOKENvalue123";

    private FakeCloudApi meta;

    @BeforeEach
    void startTheFake() throws IOException {
        meta = new FakeCloudApi();
    }

    @AfterEach
    void stopTheFake() {
        meta.close();
    }

    @Test
    void postsOneTextMessageToThePhoneNumbersMessagesEdge() {
        transport().deliver(message("+966 50 123 4567", "Your order #2041 has been shipped."));

        FakeCloudApi.Received request = meta.received().getFirst();
        assertEquals(1, meta.received().size());
        assertEquals("POST", request.method());
        assertEquals("/v21.0/" + PHONE_NUMBER_ID + "/messages", request.path());
        assertEquals("Bearer " + TOKEN, request.headers().get("authorization"));
        assertTrue(request.headers().get("content-type").startsWith("application/json"));
        JsonObject body = JsonTrees.parse(request.body()).flatMap(JsonTrees::asObject).orElseThrow();
        assertEquals("whatsapp", body.getString("messaging_product"));
        assertEquals("individual", body.getString("recipient_type"));
        assertEquals("966501234567", body.getString("to"));
        assertEquals("text", body.getString("type"));
        assertFalse(body.getJsonObject("text").getBoolean("preview_url"));
        assertEquals("Your order #2041 has been shipped.", body.getJsonObject("text").getString("body"));
        assertEquals("7", body.getString("biz_opaque_callback_data"), "the log id, which Meta echoes in every status");
    }

    @Test
    void aUtilityTemplateGoesOutAsTheCloudApisTemplateWithItsBodyParameters() {
        Template shipped = new Template(new TemplateKey("order_shipped", "en_US"), TemplateCategory.UTILITY,
                new TemplateBody("Your order {{1}} arrives on {{2}}."), List.of(), TemplateStatus.APPROVED);

        transport().deliver(templateMessage(shipped.render(List.of("#2041", "Monday"))));

        JsonObject body = JsonTrees.parse(meta.received().getFirst().body()).flatMap(JsonTrees::asObject).orElseThrow();
        assertEquals("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"966501234567\","
                + "\"biz_opaque_callback_data\":\"7\",\"type\":\"template\",\"template\":{\"name\":\"order_shipped\",\"language\":{\"code\":\"en_US\"},"
                + "\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"#2041\"},"
                + "{\"type\":\"text\",\"text\":\"Monday\"}]}]}}", body.toString());
    }

    @Test
    void anAuthenticationTemplateAlsoPutsTheCodeOnItsCopyCodeButton() {
        Template login = new Template(new TemplateKey("login_code", "en"), TemplateCategory.AUTHENTICATION,
                new TemplateBody("{{1}} is your verification code."),
                List.of(new TemplateButton(TemplateButton.Type.COPY_CODE, "Copy code", Optional.empty())), TemplateStatus.APPROVED);

        transport().deliver(templateMessage(login.render(List.of("481516"))));

        JsonObject template = JsonTrees.parse(meta.received().getFirst().body()).flatMap(JsonTrees::asObject).orElseThrow()
                .getJsonObject("template");
        assertEquals("{\"name\":\"login_code\",\"language\":{\"code\":\"en\"},\"components\":["
                + "{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"481516\"}]},"
                + "{\"type\":\"button\",\"sub_type\":\"url\",\"index\":\"0\",\"parameters\":[{\"type\":\"text\",\"text\":\"481516\"}]}]}",
                template.toString());
    }

    @Test
    void aTemplateWithoutPlaceholdersHasNoComponents() {
        Template notice = new Template(new TemplateKey("branch_closed", "ar"), TemplateCategory.UTILITY,
                new TemplateBody("الفرع مغلق اليوم."), List.of(), TemplateStatus.APPROVED);

        transport().deliver(templateMessage(notice.render(List.of())));

        assertEquals("{\"name\":\"branch_closed\",\"language\":{\"code\":\"ar\"},\"components\":[]}",
                JsonTrees.parse(meta.received().getFirst().body()).flatMap(JsonTrees::asObject).orElseThrow()
                        .getJsonObject("template").toString());
    }

    @Test
    void sendsArabicTextAsUtf8() {
        transport().deliver(message("+966501234567", "تم شحن طلبك"));
        JsonObject body = JsonTrees.parse(meta.received().getFirst().body()).flatMap(JsonTrees::asObject).orElseThrow();
        assertEquals("تم شحن طلبك", body.getJsonObject("text").getString("body"));
    }

    @Test
    void theWamidBecomesTheMessageId() {
        Delivery delivery = transport().deliver(message("+966501234567", "Hello"));
        Delivery.Delivered delivered = assertInstanceOf(Delivery.Delivered.class, delivery);
        assertEquals("wamid.HBgMOTY2NTAxMjM0NTY3FQIAERgSQUFBQkJCQ0NDRERERUVFRkZGAA==", delivered.messageId());
    }

    @Test
    void anAcceptedRequestWithoutAMessageIdIsNotCalledDeliveredNorFailed() {
        meta.answers(200, "application/json", "{\"messaging_product\":\"whatsapp\"}");
        Delivery.Unknown unknown = assertInstanceOf(Delivery.Unknown.class, transport().deliver(message("+966501234567", "Hi")));
        assertEquals("unexpected_answer", unknown.code());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "400 | 131026 | Message undeliverable",
            "400 | 131047 | Re-engagement message: more than 24 hours since the customer last replied",
            "429 | 130429 | Rate limit hit",
            "400 | 131056 | Pair rate limit hit: too many messages to this recipient",
            "401 | 190    | Access token expired or invalid"})
    void knownErrorCodesGetAClearTitle(int status, String code, String title) {
        meta.answersError(status, "{\"message\":\"(#" + code + ") Meta's own wording\",\"type\":\"OAuthException\","
                + "\"code\":" + code + ",\"error_subcode\":2494055,"
                + "\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"Some details\"},"
                + "\"fbtrace_id\":\"AbCdEf\"}");
        Delivery.Failed failed = assertInstanceOf(Delivery.Failed.class, transport().deliver(message("+966501234567", "Hi")));
        assertEquals(code, failed.code());
        assertEquals(title, failed.title());
        assertEquals(1, meta.received().size());
    }

    @Test
    void anUnknownCodeKeepsMetasMessage() {
        meta.answersError(400, "{\"message\":\"(#100) Invalid parameter\",\"type\":\"OAuthException\",\"code\":100,"
                + "\"error_data\":{\"details\":\"Parameter 'to' is invalid\"},\"fbtrace_id\":\"x\"}");
        Delivery.Failed failed = assertInstanceOf(Delivery.Failed.class, transport().deliver(message("+966501234567", "Hi")));
        assertEquals(new Delivery.Failed("100", "(#100) Invalid parameter"), failed);
    }

    @Test
    void anUnknownCodeWithoutAMessageUsesTheDetails() {
        meta.answersError(400, "{\"code\":131009,\"error_data\":{\"details\":\"Parameter value is not valid\"}}");
        Delivery.Failed failed = assertInstanceOf(Delivery.Failed.class, transport().deliver(message("+966501234567", "Hi")));
        assertEquals(new Delivery.Failed("131009", "Parameter value is not valid"), failed);
    }

    @Test
    void aServerErrorPageWithoutMetasErrorMayHaveGoneOnAndIsUnknownByItsStatus() {
        meta.answers(502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");
        Delivery.Unknown unknown = assertInstanceOf(Delivery.Unknown.class, transport().deliver(message("+966501234567", "Hi")));
        assertEquals("http_502", unknown.code());
        assertEquals(1, meta.received().size());
    }

    @Test
    void aServerErrorWithoutABodyIsUnknownByItsStatus() {
        meta.answers(503, null, "");
        Delivery.Unknown unknown = assertInstanceOf(Delivery.Unknown.class, transport().deliver(message("+966501234567", "Hi")));
        assertEquals("http_503", unknown.code());
    }

    @Test
    void aServerErrorCarryingMetasErrorIsMetasVerdictAndFailed() {
        meta.answersError(500, "{\"message\":\"Service temporarily unavailable\",\"type\":\"OAuthException\","
                + "\"code\":131016,\"fbtrace_id\":\"x\"}");
        Delivery.Failed failed = assertInstanceOf(Delivery.Failed.class, transport().deliver(message("+966501234567", "Hi")));
        assertEquals(new Delivery.Failed("131016", "Service temporarily unavailable"), failed);
    }

    @Test
    void aClientErrorWithoutMetasErrorIsFailedByItsStatus() {
        meta.answers(404, "text/html", "<html>Not Found</html>");
        Delivery.Failed failed = assertInstanceOf(Delivery.Failed.class, transport().deliver(message("+966501234567", "Hi")));
        assertEquals("http_404", failed.code());
    }

    @Test
    void aConnectionDroppedMidAnswerIsUnknownAndNotAskedAgain() {
        meta.dropsTheConnectionMidAnswer();
        Delivery.Unknown unknown = assertInstanceOf(Delivery.Unknown.class, assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> transport().deliver(message("+966501234567", "Hi"))));
        assertEquals("connection_lost", unknown.code());
        assertEquals(1, meta.received().size());
    }

    /** The JDK's exceptions as it throws them: a failure to connect is often wrapped in one of its own. */
    @Test
    void noConnectionIsFailedAndAnythingAfterItIsUnknown() {
        for (IOException notConnected : List.of(new ConnectException("Connection refused"),
                new HttpConnectTimeoutException("HTTP connect timed out"),
                wrapped(new ConnectException()), wrapped(new java.nio.channels.UnresolvedAddressException()),
                wrapped(new java.net.UnknownHostException("graph.example")), new java.net.NoRouteToHostException(),
                new javax.net.ssl.SSLHandshakeException("PKIX path building failed"))) {
            assertEquals("unreachable", assertInstanceOf(Delivery.Failed.class,
                    MetaCloudTransport.notAnswered(notConnected), notConnected.toString()).code());
        }
        assertEquals("timeout", assertInstanceOf(Delivery.Unknown.class,
                MetaCloudTransport.notAnswered(new HttpTimeoutException("request timed out"))).code());
        for (IOException afterWriting : List.of(new IOException("HTTP/1.1 header parser received no bytes"),
                new java.io.EOFException("EOF reached while reading"), new IOException("Connection reset"))) {
            assertEquals("connection_lost", assertInstanceOf(Delivery.Unknown.class,
                    MetaCloudTransport.notAnswered(afterWriting), afterWriting.toString()).code());
        }
    }

    private static IOException wrapped(Throwable cause) {
        return new ConnectException(cause.toString()) {
            {
                initCause(cause);
            }
        };
    }

    @Test
    void aSilentServerTimesOutAsUnknownAndIsAskedOnlyOnce() {
        meta.neverAnswers();
        MetaCloudTransport transport = new MetaCloudTransport(meta.graphUrl(),
                new TransportTimeouts(Duration.ofMillis(500), Duration.ofMillis(700)));

        Delivery delivery = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> transport.deliver(message("+966501234567", "Hi")));

        assertEquals("timeout", assertInstanceOf(Delivery.Unknown.class, delivery).code());
        // The positive signal instead of a pause: the same transport's next send, made after the time-out, has
        // arrived. A resend of the first could only be set off by that time-out, so it would have come before.
        meta.answersAccepted();
        assertInstanceOf(Delivery.Delivered.class, assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> transport.deliver(message("+966501234567", "Next one"))));
        assertEquals(List.of(false, true), meta.received().stream().map(r -> r.body().contains("Next one")).toList(),
                "the first message asked once, then the next one");
    }

    @Test
    void aRefusedConnectionIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        MetaCloudTransport transport = new MetaCloudTransport(URI.create("http://127.0.0.1:" + closedPort + "/v21.0"),
                TransportTimeouts.DEFAULT);
        Delivery.Failed failed = assertInstanceOf(Delivery.Failed.class, transport.deliver(message("+966501234567", "Hi")));
        assertEquals("unreachable", failed.code());
    }

    @Test
    void theTokenNeverAppearsInAFailure() {
        meta.answersError(401, "{\"message\":\"Malformed access token " + TOKEN + "\",\"type\":\"OAuthException\","
                + "\"code\":2500,\"fbtrace_id\":\"x\"}");
        Delivery.Failed failed = assertInstanceOf(Delivery.Failed.class, transport().deliver(message("+966501234567", "Hi")));
        assertEquals("2500", failed.code());
        assertFalse(failed.title().contains(TOKEN), failed.title());
        assertFalse(failed.toString().contains(TOKEN.substring(0, 12)), failed.toString());
    }

    @Test
    void aLongTitleIsShortenedWithoutLeavingPartOfTheToken() {
        String padding = "x".repeat(MetaErrors.MAX_TITLE_LENGTH - 10);
        meta.answersError(400, "{\"message\":\"" + padding + " " + TOKEN + "\",\"code\":1}");
        Delivery.Failed failed = assertInstanceOf(Delivery.Failed.class, transport().deliver(message("+966501234567", "Hi")));
        assertTrue(failed.title().length() <= MetaErrors.MAX_TITLE_LENGTH);
        assertFalse(failed.title().contains(TOKEN.substring(0, 6)), failed.title());
    }

    @Test
    void anInstanceWithoutItsCloudAccountIsNotSent() {
        Transport transport = transport();
        for (TransportAccount account : new TransportAccount[]{
                TransportAccount.NONE,
                new TransportAccount(Optional.of(PHONE_NUMBER_ID), Optional.empty()),
                new TransportAccount(Optional.empty(), Optional.of(TOKEN)),
                new TransportAccount(Optional.of("../other"), Optional.of(TOKEN))}) {
            Delivery.Failed failed = assertInstanceOf(Delivery.Failed.class,
                    transport.deliver(message(account, "+966501234567", "Hi")));
            assertEquals("transport_not_configured", failed.code());
            assertFalse(failed.title().contains(TOKEN));
        }
        assertTrue(meta.received().isEmpty());
    }

    @Test
    void aTokenThatCannotBeAHeaderIsRefusedWithoutQuotingIt() {
        String badToken = "abc\r\nX-Injected: yes";
        Delivery.Failed failed = assertInstanceOf(Delivery.Failed.class, transport().deliver(
                message(new TransportAccount(Optional.of(PHONE_NUMBER_ID), Optional.of(badToken)), "+966501234567", "Hi")));
        assertEquals("transport_not_configured", failed.code());
        assertFalse(failed.title().contains("abc"));
        assertTrue(meta.received().isEmpty());
    }

    private MetaCloudTransport transport() {
        return new MetaCloudTransport(meta.graphUrl(), TransportTimeouts.DEFAULT);
    }

    private static Transport.OutboundMessage message(String to, String text) {
        return message(new TransportAccount(Optional.of(PHONE_NUMBER_ID), Optional.of(TOKEN)), to, text);
    }

    private static Transport.OutboundMessage templateMessage(RenderedTemplate template) {
        Transport.OutboundMessage text = message("+966501234567", "unused");
        return new Transport.OutboundMessage(text.instance(), text.to(), template, 7L);
    }

    private static Transport.OutboundMessage message(TransportAccount account, String to, String text) {
        Instance instance = new Instance(new InstanceId("demo"), new AccountId("acc_1"), "Demo", Plan.STARTER,
                LimitOverrides.NONE, InstanceStatus.ACTIVE, MetaCloudTransportProvider.NAME, account, Optional.empty(),
                ZoneOffset.UTC, Instant.EPOCH);
        return new Transport.OutboundMessage(instance, PhoneNumber.parse(to).orElseThrow(), new MessageText(text), 7L);
    }
}
