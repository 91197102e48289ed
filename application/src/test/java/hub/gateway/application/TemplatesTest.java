package hub.gateway.application;

import hub.gateway.application.port.in.CreateAccountUseCase;
import hub.gateway.application.port.in.CreateInstanceUseCase;
import hub.gateway.application.port.in.DeleteTemplateUseCase.DeleteTemplateResult;
import hub.gateway.application.port.in.Input;
import hub.gateway.application.port.in.RegisterTemplateUseCase.RegisterTemplateCommand;
import hub.gateway.application.port.in.RegisterTemplateUseCase.RegisterTemplateResult;
import hub.gateway.application.port.in.SendMessageCommand;
import hub.gateway.application.port.in.SendMessageResult;
import hub.gateway.application.port.in.SyncTemplatesUseCase.SyncTemplatesResult;
import hub.gateway.application.port.out.Transport;
import hub.gateway.application.port.out.TransportTemplates.Fetched;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.FieldError;
import hub.gateway.domain.operator.AuditAction;
import hub.gateway.domain.operator.Operator;
import hub.gateway.domain.risk.ContentFingerprint;
import hub.gateway.domain.risk.FoldedText;
import hub.gateway.domain.send.Refusal;
import hub.gateway.domain.template.RenderedTemplate;
import hub.gateway.domain.template.Template;
import hub.gateway.domain.template.TemplateBody;
import hub.gateway.domain.template.TemplateCategory;
import hub.gateway.domain.template.TemplateKey;
import hub.gateway.domain.template.TemplateStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Contract §13's templates: registering, syncing, and sending one, with every refusal, on in-memory ports. */
class TemplatesTest {
    private static final String SHIPPED = "Your order {{1}} has been shipped and arrives on {{2}}.";
    private final Clock clock = Clock.fixed(Instant.parse("2026-05-08T10:00:30Z"), ZoneOffset.UTC);
    private InMemoryPorts ports;
    private UseCases useCases;
    private AccountId account;
    private final List<Transport.OutboundMessage> handed = new ArrayList<>();

    @BeforeEach
    void anAccountWithASandboxAndAReviewedInstance() {
        ports = new InMemoryPorts(clock);
        useCases = ports.useCases();
        account = ((CreateAccountUseCase.CreateAccountResult.Created) useCases.createAccount()
                .create(new CreateAccountUseCase.CreateAccountCommand(Input.text("Shop"), Input.MISSING), Operator.ADMIN)).account().id();
        instance("shop-line", "sandbox", Input.MISSING);
        instance("meta-line", InMemoryPorts.REVIEWING, Input.text("102290129340398"));
        ports.transport = m -> {
            handed.add(m);
            return new Transport.Delivery.Delivered("wamid." + m.logId());
        };
    }

    private void instance(String id, String transport, Input wabaId) {
        assertInstanceOf(CreateInstanceUseCase.CreateInstanceResult.Created.class, useCases.createInstance().create(
                new CreateInstanceUseCase.CreateInstanceCommand(Input.text(account.value()), Input.text(id),
                        Input.text("Line " + id), Input.text("starter"), Input.text(transport), Input.MISSING,
                        Input.MISSING, Input.MISSING, wabaId), Operator.ADMIN));
    }

    private RegisterTemplateResult register(String instance, String name, String category, String body) {
        return useCases.templates().register().register(new RegisterTemplateCommand(instance, Input.text(name), Input.text("en"),
                Input.text(category), Input.text(body), Input.MISSING), Operator.ADMIN);
    }

    private static Input template(String name, String... parameters) {
        return new Input.Fields(Map.of("name", Input.text(name), "language", Input.text("en"),
                "parameters", new Input.Items(Arrays.stream(parameters).map(Input::text).toList())));
    }

    private SendMessageResult send(String instance, String purpose, Input message, Input template) {
        return useCases.sendMessage().send(new SendMessageCommand(account, Input.text(instance), Input.text("+966501234567"),
                message, Input.text(purpose), clock.instant().plusSeconds(5)).withTemplate(template));
    }

    private SendMessageResult sendTemplate(String purpose, Input template) {
        return send("shop-line", purpose, Input.MISSING, template);
    }

    private static Refusal refusal(SendMessageResult result) {
        return assertInstanceOf(SendMessageResult.Refused.class, result).refusal();
    }

    private static List<FieldError> fields(SendMessageResult result) {
        return assertInstanceOf(Refusal.InvalidFields.class, refusal(result)).fields();
    }

    @Test
    void aTemplateIsApprovedAtOnceOnTheSandboxAndPendingWhereTheProviderReviewsIt() {
        Template sandbox = assertInstanceOf(RegisterTemplateResult.Registered.class,
                register("shop-line", "order_shipped", "utility", SHIPPED)).template();
        Template meta = assertInstanceOf(RegisterTemplateResult.Registered.class,
                register("meta-line", "order_shipped", "utility", SHIPPED)).template();

        assertEquals(TemplateStatus.APPROVED, sandbox.status());
        assertEquals(TemplateStatus.PENDING, meta.status());
        assertEquals(List.of(sandbox), useCases.templates().list().list("shop-line").orElseThrow());
        assertEquals(List.of("meta-line/order_shipped/en", "shop-line/order_shipped/en"), ports.operatorAudit.recent(100).stream()
                .filter(e -> e.action() == AuditAction.TEMPLATE_REGISTER).map(e -> e.target()).toList());
        assertInstanceOf(RegisterTemplateResult.AlreadyExists.class, register("shop-line", "order_shipped", "utility", "Other"));
        assertInstanceOf(RegisterTemplateResult.UnknownInstance.class, register("nope", "order_shipped", "utility", SHIPPED));
        assertEquals(Optional.empty(), useCases.templates().list().list("nope"));
    }

    @Test
    void registrationListsEveryFailingField() {
        RegisterTemplateResult.Invalid invalid = assertInstanceOf(RegisterTemplateResult.Invalid.class,
                useCases.templates().register().register(new RegisterTemplateCommand("shop-line", Input.text("Order Shipped"),
                        Input.text("english"), Input.text("promotional"), Input.text("Hi {{2}}"),
                        new Input.Items(List.of(new Input.Fields(Map.of("type", Input.text("url"), "text", Input.text("Track")))))),
                        Operator.ADMIN));

        assertEquals(List.of("name", "language", "category", "body", "buttons[0]"),
                invalid.fields().stream().map(FieldError::field).toList());
        assertEquals(List.of(), useCases.templates().list().list("shop-line").orElseThrow());
        assertInstanceOf(RegisterTemplateResult.Invalid.class, register("shop-line", "login", "authentication", "No code here."));
    }

    @Test
    void aDeletedTemplateIsGoneAndAudited() {
        register("shop-line", "order_shipped", "utility", SHIPPED);

        assertInstanceOf(DeleteTemplateResult.Deleted.class, useCases.templates().delete().delete("shop-line", "order_shipped", "en", Operator.ADMIN));
        assertInstanceOf(DeleteTemplateResult.UnknownTemplate.class, useCases.templates().delete().delete("shop-line", "order_shipped", "en", Operator.ADMIN));
        assertInstanceOf(DeleteTemplateResult.UnknownTemplate.class, useCases.templates().delete().delete("shop-line", "../x", "en", Operator.ADMIN));
        assertInstanceOf(DeleteTemplateResult.UnknownInstance.class, useCases.templates().delete().delete("nope", "order_shipped", "en", Operator.ADMIN));
        assertEquals(List.of(), useCases.templates().list().list("shop-line").orElseThrow());
        assertTrue(ports.operatorAudit.recent(100).stream().anyMatch(e -> e.action() == AuditAction.TEMPLATE_DELETE
                && e.target().equals("shop-line/order_shipped/en")));
    }

    @Test
    void aSyncStoresWhatTheProviderListsWithItsStatus() {
        register("meta-line", "order_shipped", "utility", SHIPPED);
        Template approved = new Template(new TemplateKey("order_shipped", "en"), TemplateCategory.UTILITY,
                new TemplateBody(SHIPPED), List.of(), TemplateStatus.APPROVED);
        Template rejected = new Template(new TemplateKey("win_big", "en"), TemplateCategory.MARKETING,
                new TemplateBody("You won {{1}}!"), List.of(), TemplateStatus.REJECTED);
        ports.providerTemplates = instance -> new Fetched.Read(List.of(approved, rejected), 1);

        SyncTemplatesResult.Synced synced = assertInstanceOf(SyncTemplatesResult.Synced.class,
                useCases.templates().sync().sync("meta-line", Operator.ADMIN));

        assertEquals(List.of(approved, rejected), synced.templates());
        assertEquals(2, synced.read());
        assertEquals(1, synced.skipped());
        assertTrue(ports.operatorAudit.recent(100).stream().anyMatch(e -> e.action() == AuditAction.TEMPLATE_SYNC
                && e.target().equals("meta-line")));
        assertInstanceOf(SendMessageResult.Sent.class, send("meta-line", "transactional", Input.MISSING,
                template("order_shipped", "#2041", "Monday")));
    }

    @Test
    void aSyncNeedsATransportThatReviewsTemplatesAndSaysWhyItCouldNotRead() {
        assertEquals(new SyncTemplatesResult.NothingToSync("sandbox"), useCases.templates().sync().sync("shop-line", Operator.ADMIN));
        assertInstanceOf(SyncTemplatesResult.UnknownInstance.class, useCases.templates().sync().sync("nope", Operator.ADMIN));

        ports.providerTemplates = instance -> new Fetched.NotConfigured("waba_id", "is required to sync templates");
        assertEquals(new SyncTemplatesResult.Invalid(List.of(new FieldError("waba_id", "is required to sync templates"))),
                useCases.templates().sync().sync("meta-line", Operator.ADMIN));

        ports.providerTemplates = instance -> new Fetched.Failed("190", "Invalid OAuth access token");
        assertEquals(new SyncTemplatesResult.Failed("190", "Invalid OAuth access token"),
                useCases.templates().sync().sync("meta-line", Operator.ADMIN));
        assertTrue(ports.operatorAudit.recent(100).stream().noneMatch(e -> e.action() == AuditAction.TEMPLATE_SYNC));
    }

    @Test
    void anApprovedTemplateGoesOutRenderedAndTheTransportIsToldWhichTemplate() {
        register("shop-line", "order_shipped", "utility", SHIPPED);

        SendMessageResult.Sent sent = assertInstanceOf(SendMessageResult.Sent.class,
                sendTemplate("transactional", template("order_shipped", "#2041", "Monday")));

        String rendered = "Your order #2041 has been shipped and arrives on Monday.";
        Transport.OutboundMessage message = handed.getFirst();
        assertEquals(rendered, message.text().value());
        RenderedTemplate template = message.template().orElseThrow();
        assertEquals(new TemplateKey("order_shipped", "en"), template.key());
        assertEquals(List.of("#2041", "Monday"), template.parameters());
        assertEquals(TemplateCategory.UTILITY, template.category());
        assertEquals("sent", ports.log.get(sent.logId()).status());
        // The duplicate-content rule counts the rendered text, as it would count that text sent as a message.
        assertEquals(ContentFingerprint.of(new InstanceId("shop-line"), FoldedText.of(rendered)),
                ports.fingerprinted.getLast().fingerprint());
    }

    @Test
    void aTextSendReadsNoTemplate() {
        register("shop-line", "order_shipped", "utility", SHIPPED);
        int before = ports.templates.finds;

        assertInstanceOf(SendMessageResult.Sent.class, send("shop-line", "transactional", Input.text("Your order shipped."), Input.MISSING));

        assertEquals(before, ports.templates.finds);
        assertEquals(Optional.empty(), handed.getFirst().template());
    }

    @Test
    void exactlyOneOfMessageAndTemplate() {
        register("shop-line", "order_shipped", "utility", SHIPPED);

        assertEquals(List.of(new FieldError("template", "send either message or template, not both")),
                fields(send("shop-line", "transactional", Input.text("Hi"), template("order_shipped", "#1", "Monday"))));
        assertEquals(List.of(new FieldError("message", "is required (or template)")),
                fields(send("shop-line", "transactional", Input.MISSING, Input.NULL)));
        assertEquals(List.of("template.name", "template.language", "template.parameters"), fields(sendTemplate("transactional",
                new Input.Fields(Map.of("language", Input.text("EN"), "parameters", new Input.Items(List.of(new Input.Other("boolean")))))))
                .stream().map(FieldError::field).toList());
        assertEquals(List.of("template"), fields(sendTemplate("transactional", Input.text("order_shipped")))
                .stream().map(FieldError::field).toList());
        assertEquals(0, ports.log.size(), "a request refused before the instance check is not logged");
        assertTrue(handed.isEmpty());
    }

    @Test
    void everyTemplateRefusalNamesTheTemplateIsLoggedAndSendsNothing() {
        register("shop-line", "order_shipped", "utility", SHIPPED);
        register("shop-line", "login_code", "authentication", "{{1}} is your verification code.");
        register("meta-line", "order_shipped", "utility", SHIPPED);

        assertEquals(List.of(new FieldError("template", "is not a template of this instance (name nope, language en)")),
                fields(sendTemplate("transactional", template("nope"))));
        assertEquals(List.of(new FieldError("template", "is pending, not approved")),
                fields(send("meta-line", "transactional", Input.MISSING, template("order_shipped", "#1", "Monday"))));
        assertEquals(List.of(new FieldError("template", "takes 2 parameters, 1 given")),
                fields(sendTemplate("transactional", template("order_shipped", "#1"))));
        assertEquals(List.of(new FieldError("template", "parameter 2 must be on one line: no line breaks, tabs or other control characters")),
                fields(sendTemplate("transactional", template("order_shipped", "#1", "Mon\nday"))));
        assertEquals(List.of(new FieldError("template",
                        "is a utility template; message_purpose authentication needs a authentication template")),
                fields(sendTemplate("authentication", template("order_shipped", "#1", "Monday"))));
        assertEquals(List.of(new FieldError("template",
                        "is a authentication template; message_purpose support needs a utility template")),
                fields(sendTemplate("support", template("login_code", "481516"))));

        ports.templates.changeStatus("sandbox", "none", new TemplateKey("order_shipped", "en"), TemplateStatus.PAUSED);
        assertTrue(ports.templates.find(new InstanceId("shop-line"), new TemplateKey("order_shipped", "en")).orElseThrow()
                .status().sendable(), "a status change reaches only instances of that business account");

        assertEquals(6, ports.log.size());
        assertTrue(ports.log.values().stream().allMatch(r -> r.status().equals("refused")
                && r.error().equals(Optional.of("validation_error"))));
        assertTrue(handed.isEmpty());
        assertInstanceOf(SendMessageResult.Sent.class, sendTemplate("authentication", template("login_code", "481516")));
    }

    @Test
    void aPausedTemplateIsRefused() {
        register("meta-line", "order_shipped", "utility", SHIPPED);
        ports.templates.changeStatus(InMemoryPorts.REVIEWING, "102290129340398", new TemplateKey("order_shipped", "en"),
                TemplateStatus.APPROVED);
        assertInstanceOf(SendMessageResult.Sent.class, send("meta-line", "transactional", Input.MISSING,
                template("order_shipped", "#1", "Monday")));

        assertEquals(List.of(new InstanceId("meta-line")), ports.templates.changeStatus(InMemoryPorts.REVIEWING,
                "102290129340398", new TemplateKey("order_shipped", "en"), TemplateStatus.PAUSED));

        assertEquals(List.of(new FieldError("template", "is paused, not approved")),
                fields(send("meta-line", "transactional", Input.MISSING, template("order_shipped", "#1", "Monday"))));
    }

    @Test
    void aMarketingTemplateIsAPurposeTheGatewayDoesNotAllowWhateverTheRequestDeclares() {
        register("shop-line", "spring_sale", "marketing", "Spring sale: {{1}} off everything!");

        for (String purpose : List.of("transactional", "support", "authentication")) {
            assertEquals(new Refusal.PurposeNotAllowed("marketing", true),
                    refusal(sendTemplate(purpose, template("spring_sale", "20%"))));
        }
        assertTrue(ports.log.values().stream().allMatch(r -> r.error().equals(Optional.of("message_purpose_not_allowed"))));
        assertTrue(handed.isEmpty());
    }

    @Test
    void theRenderedTextIsWhatTheRiskAssessmentJudges() {
        register("shop-line", "prize_notice", "utility", "Notice about {{1}}: {{2}}");

        Refusal refusal = refusal(sendTemplate("transactional", template("prize_notice", "order #5521",
                "Congratulations! You have won an iPhone. Claim your prize at bit.ly/win")));

        assertInstanceOf(Refusal.PolicyViolation.class, refusal);
        assertEquals("policy_violation", ports.log.values().iterator().next().error().orElseThrow());
        assertTrue(handed.isEmpty());
    }
}
