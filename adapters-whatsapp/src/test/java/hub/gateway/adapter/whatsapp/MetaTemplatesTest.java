package hub.gateway.adapter.whatsapp;

import hub.gateway.application.port.out.TransportTemplates.Fetched;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.account.InstanceStatus;
import hub.gateway.domain.account.TransportAccount;
import hub.gateway.domain.quota.LimitOverrides;
import hub.gateway.domain.quota.Plan;
import hub.gateway.domain.template.Template;
import hub.gateway.domain.template.TemplateBody;
import hub.gateway.domain.template.TemplateButton;
import hub.gateway.domain.template.TemplateCategory;
import hub.gateway.domain.template.TemplateKey;
import hub.gateway.domain.template.TemplateQuality;
import hub.gateway.domain.template.TemplateStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading a WhatsApp Business Account's templates from a fake Graph API on loopback. */
class MetaTemplatesTest {
    private static final String WABA = "102290129340398";
    private static final String TOKEN = "EAAGm0PX4ZCpsBAsecretTOKENvalue123";
    private static final String PATH = "/v21.0/" + WABA + "/message_templates";

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
    void everyPageIsReadThroughPagingNextAndEachTemplateKeepsItsStatus() {
        meta.answersOn(PATH, query -> query.contains("after=P2")
                ? "{\"data\":[" + LOGIN + "," + NAMED + "],\"paging\":{\"cursors\":{\"before\":\"P1\"}}}"
                : "{\"data\":[" + SHIPPED + "],\"paging\":{\"cursors\":{\"after\":\"P2\"},\"next\":\"" + meta.graphUrl()
                        + "/" + WABA + "/message_templates?fields=name&limit=100&after=P2\"}}");

        Fetched.Read read = assertInstanceOf(Fetched.Read.class, templates().fetch(instance(Optional.of(WABA))));

        assertEquals(List.of(
                new Template(new TemplateKey("order_shipped", "en_US"), TemplateCategory.UTILITY,
                        new TemplateBody("Your order {{1}} has been shipped."),
                        List.of(new TemplateButton(TemplateButton.Type.URL, "Track", Optional.of("https://example.com/t/{{1}}")),
                                new TemplateButton(TemplateButton.Type.QUICK_REPLY, "Thanks", Optional.empty())),
                        TemplateStatus.PAUSED, Optional.of(TemplateQuality.YELLOW)),
                new Template(new TemplateKey("login_code", "en"), TemplateCategory.AUTHENTICATION,
                        new TemplateBody("*{{1}}* is your verification code."),
                        List.of(new TemplateButton(TemplateButton.Type.COPY_CODE, "Copy code", Optional.empty())),
                        TemplateStatus.APPROVED)), read.templates());
        assertEquals(1, read.skipped(), "a template with named parameters cannot be held");
        assertEquals(2, meta.received().size());
        FakeCloudApi.Received first = meta.received().getFirst();
        assertEquals("GET", first.method());
        assertEquals(PATH, first.path());
        assertEquals("Bearer " + TOKEN, first.headers().get("authorization"));
        assertTrue(first.query().contains("fields=name%2Clanguage%2Ccategory%2Cstatus%2Ccomponents%2Cquality_score"), first.query());
        assertTrue(meta.received().get(1).query().contains("after=P2"));
    }

    @Test
    void aNextPageOnAnotherHostIsNotFollowedSoTheTokenStaysWithMeta() {
        meta.answersOn(PATH, query -> "{\"data\":[" + SHIPPED + "],\"paging\":{\"next\":\"http://localhost:1/steal?after=P2\"}}");

        Fetched.Read read = assertInstanceOf(Fetched.Read.class, templates().fetch(instance(Optional.of(WABA))));

        assertEquals(1, read.templates().size());
        assertEquals(1, meta.received().size());
    }

    @Test
    void anEndlessPagingStopsAtTheBound() {
        meta.answersOn(PATH, query -> "{\"data\":[],\"paging\":{\"next\":\"" + meta.graphUrl() + "/" + WABA
                + "/message_templates?after=again\"}}");

        Fetched.Failed failed = assertInstanceOf(Fetched.Failed.class, templates().fetch(instance(Optional.of(WABA))));

        assertEquals("too_many_pages", failed.code());
        assertEquals(MetaTemplates.MAX_PAGES, meta.received().size());
    }

    @Test
    void metasErrorIsToldWithoutTheToken() {
        meta.answersError(401, "{\"message\":\"Invalid OAuth access token " + TOKEN + "\",\"type\":\"OAuthException\",\"code\":190}");

        Fetched.Failed failed = assertInstanceOf(Fetched.Failed.class, templates().fetch(instance(Optional.of(WABA))));

        assertEquals("190", failed.code());
        assertFalse(failed.title().contains(TOKEN), failed.title());
    }

    @Test
    void withoutAWabaIdNothingIsAsked() {
        assertEquals(new Fetched.NotConfigured("waba_id",
                        "is required to sync templates: the instance's WhatsApp Business Account id (PATCH the instance)"),
                templates().fetch(instance(Optional.empty())));
        assertInstanceOf(Fetched.NotConfigured.class, templates().fetch(instance(Optional.of("../me"))));
        assertEquals(List.of(), meta.received());
    }

    @Test
    void anUnreachableGraphApiIsAFailure() throws IOException {
        java.net.URI closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = java.net.URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v21.0");
        }
        Fetched.Failed failed = assertInstanceOf(Fetched.Failed.class,
                new MetaTemplates(closed, Duration.ofSeconds(2), Duration.ofSeconds(5)).fetch(instance(Optional.of(WABA))));
        assertEquals("unreachable", failed.code());
    }

    private MetaTemplates templates() {
        return new MetaTemplates(meta.graphUrl(), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    private static Instance instance(Optional<String> waba) {
        return new Instance(new InstanceId("demo"), new AccountId("acc_1"), "Demo", Plan.STARTER, LimitOverrides.NONE,
                InstanceStatus.ACTIVE, MetaCloudTransportProvider.NAME,
                new TransportAccount(Optional.of("106540352242922"), Optional.of(TOKEN), waba), Optional.empty(),
                ZoneOffset.UTC, Instant.EPOCH);
    }

    private static final String SHIPPED = """
            {"name":"order_shipped","language":"en_US","status":"PAUSED","category":"UTILITY","id":"1",
             "quality_score":{"score":"YELLOW"},
             "components":[{"type":"HEADER","format":"TEXT","text":"Shipped"},
                           {"type":"BODY","text":"Your order {{1}} has been shipped."},
                           {"type":"BUTTONS","buttons":[{"type":"URL","text":"Track","url":"https://example.com/t/{{1}}"},
                                                        {"type":"QUICK_REPLY","text":"Thanks"},
                                                        {"type":"FLOW","text":"Open"}]}]}""";
    private static final String LOGIN = """
            {"name":"login_code","language":"en","status":"APPROVED","category":"AUTHENTICATION","id":"2",
             "components":[{"type":"BODY","text":"*{{1}}* is your verification code."},
                           {"type":"BUTTONS","buttons":[{"type":"URL","text":"Copy code",
                             "url":"https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code=otp{{1}}"}]}]}""";
    private static final String NAMED = """
            {"name":"named_params","language":"en","status":"APPROVED","category":"UTILITY","id":"3",
             "components":[{"type":"BODY","text":"Hello {{first_name}}"}]}""";
}
