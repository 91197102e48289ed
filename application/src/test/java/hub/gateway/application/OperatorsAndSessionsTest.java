package hub.gateway.application;

import hub.gateway.application.port.in.ActiveConsoleSession;
import hub.gateway.application.port.in.AuthenticateOperatorUseCase.OperatorAuthentication;
import hub.gateway.application.port.in.BlockRecipientUseCase.BlockRecipientCommand;
import hub.gateway.application.port.in.ChangeInstanceStatusUseCase.ChangeInstanceStatusCommand;
import hub.gateway.application.port.in.ChangeInstanceStatusUseCase.ChangeInstanceStatusResult;
import hub.gateway.application.port.in.CreateAccountUseCase.CreateAccountCommand;
import hub.gateway.application.port.in.CreateAccountUseCase.CreateAccountResult;
import hub.gateway.application.port.in.CreateInstanceUseCase.CreateInstanceCommand;
import hub.gateway.application.port.in.CreateOperatorUseCase.CreateOperatorCommand;
import hub.gateway.application.port.in.CreateOperatorUseCase.CreateOperatorResult;
import hub.gateway.application.port.in.Input;
import hub.gateway.application.port.in.IssueApiKeyUseCase.IssueApiKeyResult;
import hub.gateway.application.port.in.LiftSuppressionUseCase.LiftSuppressionCommand;
import hub.gateway.application.port.in.ListOperatorsUseCase.ListedOperator;
import hub.gateway.application.port.in.RevokeOperatorUseCase.RevokeOperatorResult;
import hub.gateway.application.port.in.SignInOperatorUseCase.SignInResult;
import hub.gateway.application.port.in.UpdateInstanceUseCase.UpdateInstanceCommand;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.InstanceStatus;
import hub.gateway.domain.operator.AuditAction;
import hub.gateway.domain.operator.AuditEntry;
import hub.gateway.domain.operator.ConsoleSession;
import hub.gateway.domain.operator.Operator;
import hub.gateway.domain.risk.PauseCause;
import hub.gateway.domain.webhook.ClientEvent;
import hub.gateway.domain.webhook.ClientEvent.InstancePausedForReview;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Operators, the audit of what they change, and console sessions, on the in-memory ports and a clock of the test's. */
class OperatorsAndSessionsTest {
    private static final String ADMIN_TOKEN = "the-admin-token-of-this-deployment";
    private static final Instant START = Instant.parse("2026-05-08T10:00:00Z");

    private final OptOutAndWebhooksTest.MutableClock clock = new OptOutAndWebhooksTest.MutableClock(START);
    private InMemoryPorts ports;
    private UseCases useCases;

    @BeforeEach
    void aGatewayWithAnAdminToken() {
        ports = new InMemoryPorts(clock);
        useCases = ports.useCases(UseCases.Policies.defaults().withAdminToken(Optional.of(ADMIN_TOKEN)));
    }

    @Test
    void theAdminTokenIsTheBuiltInAdminAndAnythingElseIsRefused() {
        assertEquals(new OperatorAuthentication.Authenticated(Operator.ADMIN), useCases.authenticateOperator().authenticate(ADMIN_TOKEN));
        assertInstanceOf(OperatorAuthentication.Refused.class, useCases.authenticateOperator().authenticate(ADMIN_TOKEN + "x"));
        assertInstanceOf(OperatorAuthentication.Refused.class, useCases.authenticateOperator().authenticate(""));

        UseCases withoutAdmin = ports.useCases();
        assertInstanceOf(OperatorAuthentication.Refused.class, withoutAdmin.authenticateOperator().authenticate(ADMIN_TOKEN));
    }

    @Test
    void aCreatedOperatorsTokenWorksUntilItIsRevokedAndBothAreAudited() {
        var created = assertInstanceOf(CreateOperatorResult.Created.class,
                useCases.createOperator().create(new CreateOperatorCommand(Input.text(" alice ")), Operator.ADMIN));
        assertEquals("alice", created.operator().name());
        assertTrue(created.token().value().startsWith("gop_"));
        assertEquals(new OperatorAuthentication.Authenticated(created.operator()),
                useCases.authenticateOperator().authenticate(created.token().value()));

        clock.advanceSeconds(60);
        assertEquals(new RevokeOperatorResult.Revoked(created.operator().id()),
                useCases.revokeOperator().revoke(created.operator().id(), Operator.ADMIN));
        assertInstanceOf(OperatorAuthentication.Refused.class,
                useCases.authenticateOperator().authenticate(created.token().value()));

        assertEquals(List.of(
                        new AuditEntry(START.plusSeconds(60), "admin", AuditAction.OPERATOR_REVOKE, "alice", Optional.empty()),
                        new AuditEntry(START, "admin", AuditAction.OPERATOR_CREATE, "alice", Optional.empty())),
                useCases.listAuditEntries().list(50));
    }

    @Test
    void namesAreCheckedUniqueWhateverTheirCaseAndAdminIsTaken() {
        useCases.createOperator().create(new CreateOperatorCommand(Input.text("alice")), Operator.ADMIN);

        assertInstanceOf(CreateOperatorResult.NameTaken.class,
                useCases.createOperator().create(new CreateOperatorCommand(Input.text("ALICE")), Operator.ADMIN));
        assertInstanceOf(CreateOperatorResult.NameTaken.class,
                useCases.createOperator().create(new CreateOperatorCommand(Input.text("Admin")), Operator.ADMIN));
        for (Input bad : List.of(Input.MISSING, Input.NULL, Input.text(""), Input.text("two words"), Input.text("-x"),
                Input.text("a".repeat(101)), new Input.Number(java.math.BigDecimal.ONE))) {
            var invalid = assertInstanceOf(CreateOperatorResult.Invalid.class,
                    useCases.createOperator().create(new CreateOperatorCommand(bad), Operator.ADMIN), bad.toString());
            assertEquals("name", invalid.fields().getFirst().field());
        }
        assertEquals(1, useCases.listAuditEntries().list(50).size(), "only the one creation");
    }

    @Test
    void theBuiltInAdminIsListedFirstAndCannotBeRevoked() {
        useCases.createOperator().create(new CreateOperatorCommand(Input.text("alice")), Operator.ADMIN);

        List<ListedOperator> listed = useCases.listOperators().list();
        assertEquals(List.of("admin", "alice"), listed.stream().map(l -> l.operator().name()).toList());
        assertTrue(listed.getFirst().builtIn());
        assertInstanceOf(RevokeOperatorResult.BuiltIn.class, useCases.revokeOperator().revoke("admin", Operator.ADMIN));
        assertInstanceOf(RevokeOperatorResult.UnknownOperator.class, useCases.revokeOperator().revoke("op_nobody", Operator.ADMIN));
    }

    @Test
    void everyChangeAnOperatorMakesIsAuditedWithTheirName() {
        Operator alice = new Operator("op_alice", "alice");
        AccountId account = ((CreateAccountResult.Created) useCases.createAccount()
                .create(new CreateAccountCommand(Input.text("Clinic"), Input.MISSING), alice)).account().id();
        useCases.createInstance().create(new CreateInstanceCommand(Input.text(account.value()), Input.text("clinic-line"),
                Input.text("Clinic line"), Input.text("starter"), Input.MISSING, Input.MISSING), alice);
        var key = (IssueApiKeyResult.Issued) useCases.issueApiKey().issue(account, alice);
        useCases.revokeApiKey().revoke(key.apiKeyId(), alice);
        useCases.updateInstance().update(new UpdateInstanceCommand("clinic-line", Input.MISSING,
                new Input.Number(java.math.BigDecimal.valueOf(300)), Input.MISSING, Input.MISSING, Input.MISSING, Input.MISSING), alice);
        useCases.blockRecipient().block(BlockRecipientCommand.byOperator(alice, Input.text("clinic-line"), Input.text("+966501234567")));
        useCases.liftSuppression().lift(LiftSuppressionCommand.byOperator(alice, "clinic-line", "+966501234567"));
        // A client's block is the suppression trail's, not the operators' audit log.
        useCases.blockRecipient().block(BlockRecipientCommand.byClient(account, Input.text("clinic-line"), Input.text("+966501234568")));

        assertEquals(List.of(
                        "alice suppression.lift clinic-line/+966501234567",
                        "alice suppression.block clinic-line/+966501234567",
                        "alice instance.update clinic-line",
                        "alice api_key.revoke " + key.apiKeyId(),
                        "alice api_key.issue " + key.apiKeyId(),
                        "alice instance.create clinic-line",
                        "alice account.create " + account.value()),
                useCases.listAuditEntries().list(50).stream()
                        .map(e -> e.operator() + " " + e.action().wireName() + " " + e.target()).toList());
        assertEquals("admin API by alice", ports.audit.get(ports.audit.size() - 2).note(), "the lift, in the suppression trail");
    }

    @Test
    void anOperatorsPauseIsAnnouncedWithTheNoteAndTheResumeIsAuditedWithItsOwn() {
        AccountId account = InMemoryFixtures.account(ports);
        var instance = InMemoryFixtures.instance(ports, account);
        Operator alice = new Operator("op_alice", "alice");

        var paused = assertInstanceOf(ChangeInstanceStatusResult.Done.class, useCases.changeInstanceStatus().changeStatus(
                new ChangeInstanceStatusCommand(instance.value(), InstanceStatus.PAUSED_FOR_REVIEW,
                        Input.text("  recipients complain  ")), alice));
        assertEquals(InstanceStatus.PAUSED_FOR_REVIEW, paused.report().instance().status());
        // Again: nothing changes, nothing more is announced or audited.
        useCases.changeInstanceStatus().changeStatus(new ChangeInstanceStatusCommand(instance.value(),
                InstanceStatus.PAUSED_FOR_REVIEW, Input.MISSING), alice);
        clock.advanceSeconds(300);
        useCases.changeInstanceStatus().changeStatus(new ChangeInstanceStatusCommand(instance.value(),
                InstanceStatus.ACTIVE, Input.text("consent records checked")), Operator.ADMIN);

        List<ClientEvent> events = ports.outbox.rows.stream().map(row -> row.event).toList();
        assertEquals(List.of(InstancePausedForReview.byOperator(instance, "Support line", Optional.of("recipients complain"), START)),
                events);
        assertEquals(PauseCause.OPERATOR, ((InstancePausedForReview) events.getFirst()).cause());
        assertEquals(List.of(
                        new AuditEntry(START.plusSeconds(300), "admin", AuditAction.INSTANCE_RESUME, instance.value(),
                                Optional.of("consent records checked")),
                        new AuditEntry(START, "alice", AuditAction.INSTANCE_PAUSE, instance.value(),
                                Optional.of("recipients complain"))),
                useCases.listAuditEntries().list(50));
    }

    @Test
    void aNoteMustBeTextOfAtMostTwoThousandCharacters() {
        var instance = InMemoryFixtures.instance(ports, InMemoryFixtures.account(ports));
        for (Input bad : List.of(Input.text("x".repeat(2_001)), new Input.Number(java.math.BigDecimal.TEN), new Input.Other("object"))) {
            var invalid = assertInstanceOf(ChangeInstanceStatusResult.Invalid.class, useCases.changeInstanceStatus().changeStatus(
                    new ChangeInstanceStatusCommand(instance.value(), InstanceStatus.PAUSED_FOR_REVIEW, bad), Operator.ADMIN));
            assertEquals("note", invalid.fields().getFirst().field());
        }
        assertInstanceOf(ChangeInstanceStatusResult.UnknownInstance.class, useCases.changeInstanceStatus().changeStatus(
                new ChangeInstanceStatusCommand("nowhere", InstanceStatus.ACTIVE, Input.MISSING), Operator.ADMIN));
        assertEquals(List.of(), useCases.listAuditEntries().list(50));
    }

    // --- console sessions ---

    @Test
    void aSignInStartsASessionFoundByItsCookieWithItsOperatorAndCsrfToken() {
        var signedIn = assertInstanceOf(SignInResult.SignedIn.class, useCases.signInOperator().signIn(ADMIN_TOKEN));
        assertTrue(signedIn.sessionId().startsWith("gcs_"));
        assertEquals(Operator.ADMIN, signedIn.session().operator());
        assertEquals(START.plus(ConsoleSession.IDLE_EXPIRY), signedIn.session().expiresAt());

        Optional<ActiveConsoleSession> found = useCases.findConsoleSession().find(signedIn.sessionId());
        assertEquals(Optional.of(signedIn.session()), found);
        var other = (SignInResult.SignedIn) useCases.signInOperator().signIn(ADMIN_TOKEN);
        assertNotEquals(signedIn.session().csrfToken(), other.session().csrfToken(), "a CSRF token per session");
        assertEquals(Optional.empty(), useCases.findConsoleSession().find("gcs_nobody"));
        assertEquals(Optional.empty(), useCases.findConsoleSession().find(""));
    }

    @Test
    void aWrongOrRevokedTokenStartsNoSession() {
        assertInstanceOf(SignInResult.Refused.class, useCases.signInOperator().signIn("wrong"));
        var bob = (CreateOperatorResult.Created) useCases.createOperator().create(new CreateOperatorCommand(Input.text("bob")), Operator.ADMIN);
        useCases.revokeOperator().revoke(bob.operator().id(), Operator.ADMIN);
        assertInstanceOf(SignInResult.Refused.class, useCases.signInOperator().signIn(bob.token().value()));
    }

    @Test
    void aSessionSlidesWithUseExpiresAfterEightIdleHoursAndIsTouchedAtMostOnceAMinute() {
        String session = ((SignInResult.SignedIn) useCases.signInOperator().signIn(ADMIN_TOKEN)).sessionId();

        clock.advanceSeconds(30);
        useCases.findConsoleSession().find(session);
        useCases.findConsoleSession().find(session);
        assertEquals(0, ports.consoleSessions.touches, "younger than a minute: read only");

        clock.advanceSeconds(Duration.ofHours(7).toSeconds());
        assertEquals(START.plusSeconds(30).plus(Duration.ofHours(7)).plus(ConsoleSession.IDLE_EXPIRY),
                useCases.findConsoleSession().find(session).orElseThrow().expiresAt());
        assertEquals(1, ports.consoleSessions.touches);

        clock.advanceSeconds(ConsoleSession.IDLE_EXPIRY.toSeconds() - 1);
        assertTrue(useCases.findConsoleSession().find(session).isPresent(), "used 8 h minus a second ago");
        assertEquals(2, ports.consoleSessions.touches);
        clock.advanceSeconds(ConsoleSession.IDLE_EXPIRY.toSeconds());
        assertEquals(Optional.empty(), useCases.findConsoleSession().find(session));
    }

    @Test
    void signOutAndARevokeEndSessions() {
        var bob = (CreateOperatorResult.Created) useCases.createOperator().create(new CreateOperatorCommand(Input.text("bob")), Operator.ADMIN);
        String first = ((SignInResult.SignedIn) useCases.signInOperator().signIn(bob.token().value())).sessionId();
        String second = ((SignInResult.SignedIn) useCases.signInOperator().signIn(bob.token().value())).sessionId();
        String admins = ((SignInResult.SignedIn) useCases.signInOperator().signIn(ADMIN_TOKEN)).sessionId();

        useCases.signOutOperator().signOut(first);
        assertEquals(Optional.empty(), useCases.findConsoleSession().find(first));
        assertEquals(bob.operator(), useCases.findConsoleSession().find(second).orElseThrow().operator());

        useCases.revokeOperator().revoke(bob.operator().id(), Operator.ADMIN);
        assertEquals(Optional.empty(), useCases.findConsoleSession().find(second));
        assertTrue(useCases.findConsoleSession().find(admins).isPresent());
    }

    @Test
    void aChangedAdminTokenEndsTheBuiltInAdminsSessions() {
        String session = ((SignInResult.SignedIn) useCases.signInOperator().signIn(ADMIN_TOKEN)).sessionId();

        UseCases restartedWithAnotherToken = ports.useCases(UseCases.Policies.defaults().withAdminToken(Optional.of("rotated")));

        assertEquals(Optional.empty(), restartedWithAnotherToken.findConsoleSession().find(session));
        assertTrue(useCases.findConsoleSession().find(session).isPresent());
    }
}
