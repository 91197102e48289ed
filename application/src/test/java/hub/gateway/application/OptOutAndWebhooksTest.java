package hub.gateway.application;

import hub.gateway.domain.operator.Operator;
import hub.gateway.application.port.in.BlockRecipientUseCase.BlockRecipientCommand;
import hub.gateway.application.port.in.BlockRecipientUseCase.BlockRecipientResult;
import hub.gateway.application.port.in.CreateAccountUseCase;
import hub.gateway.application.port.in.CreateInstanceUseCase;
import hub.gateway.application.port.in.Input;
import hub.gateway.application.port.in.LiftSuppressionUseCase.LiftSuppressionCommand;
import hub.gateway.application.port.in.LiftSuppressionUseCase.LiftSuppressionResult;
import hub.gateway.application.port.in.ReceiveInboundMessageUseCase.InboundMessage;
import hub.gateway.application.port.in.ReceiveInboundMessageUseCase.InboundResult;
import hub.gateway.application.port.in.SendMessageCommand;
import hub.gateway.application.port.in.SendMessageResult;
import hub.gateway.application.port.out.WebhookSender;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.send.Refusal;
import hub.gateway.domain.webhook.ClientEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opt-out, suppression and webhook dispatch on in-memory ports. */
class OptOutAndWebhooksTest {
    private static final String PHONE = "+966501234567";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-08T10:00:00Z"));
    private InMemoryPorts ports;
    private UseCases useCases;
    private AccountId account;

    @BeforeEach
    void anInstance() {
        ports = new InMemoryPorts(clock);
        useCases = ports.useCases();
        account = ((CreateAccountUseCase.CreateAccountResult.Created) useCases.createAccount()
                .create(new CreateAccountUseCase.CreateAccountCommand(Input.text("Shop"), Input.MISSING), Operator.ADMIN)).account().id();
        useCases.createInstance().create(new CreateInstanceUseCase.CreateInstanceCommand(Input.text(account.value()),
                Input.text("shop-line"), Input.text("Shop line"), Input.text("starter"), Input.MISSING,
                Input.text("https://client.example/hooks")), Operator.ADMIN);
    }

    @Test
    void stopSuppressesEverythingButAuthenticationAndEmitsTheEvent() {
        assertInstanceOf(InboundResult.OptedOut.class, inbound("+966 50 123 4567", "STOP"));
        assertEquals(new SendMessageResult.Refused(new Refusal.RecipientSuppressed()), send("transactional"));
        assertInstanceOf(SendMessageResult.Sent.class, send("authentication"));

        ClientEvent.RecipientOptedOut event = (ClientEvent.RecipientOptedOut) ports.outbox.rows.getFirst().event;
        assertEquals("Shop line", event.instanceName());
        assertEquals(PHONE, event.from().e164());
        assertEquals("STOP", event.messageText());
    }

    @Test
    void aSecondStopChangesNothingAndStartLiftsOnlyTheRecipientsOwnStop() {
        inbound(PHONE, "stop");
        assertInstanceOf(InboundResult.NoChange.class, inbound(PHONE, "STOP"));
        assertEquals(1, ports.outbox.rows.size());

        useCases.blockRecipient().block(BlockRecipientCommand.byClient(account, Input.text("shop-line"), Input.text(PHONE)));
        assertInstanceOf(InboundResult.OptedIn.class, inbound(PHONE, "START"));
        assertEquals("recipient.opted_in", ports.outbox.rows.get(1).event.type());
        assertEquals(new SendMessageResult.Refused(new Refusal.RecipientSuppressed()), send("authentication"),
                "the client's block still stands");
    }

    @Test
    void aClientLiftsItsBlockButNeverARecipientsStop() {
        inbound(PHONE, "إيقاف");
        assertInstanceOf(LiftSuppressionResult.NotYours.class, lift(Optional.of(account)));
        assertInstanceOf(LiftSuppressionResult.NotYours.class, lift(Optional.empty()), "not even an operator");

        BlockRecipientResult blocked = useCases.blockRecipient().block(
                BlockRecipientCommand.byClient(account, Input.text("shop-line"), Input.text("+966 50 999 0001")));
        assertInstanceOf(BlockRecipientResult.Blocked.class, blocked);
        assertInstanceOf(BlockRecipientResult.AlreadyBlocked.class, useCases.blockRecipient().block(
                BlockRecipientCommand.byClient(account, Input.text("shop-line"), Input.text("+966509990001"))));
        assertInstanceOf(LiftSuppressionResult.Lifted.class, useCases.liftSuppression().lift(
                LiftSuppressionCommand.byClient(account, "shop-line", "+966509990001")));
        assertInstanceOf(LiftSuppressionResult.NotSuppressed.class, useCases.liftSuppression().lift(
                LiftSuppressionCommand.byClient(account, "shop-line", "+966509990001")));
        assertTrue(ports.audit.stream().anyMatch(a -> a.line().startsWith("lifted blocked by client")));
    }

    @Test
    void anotherAccountCannotSeeOrTouchTheSuppressions() {
        AccountId stranger = new AccountId("acc_stranger");
        assertInstanceOf(BlockRecipientResult.UnknownInstance.class, useCases.blockRecipient().block(
                BlockRecipientCommand.byClient(stranger, Input.text("shop-line"), Input.text(PHONE))));
        assertInstanceOf(LiftSuppressionResult.UnknownInstance.class, lift(Optional.of(stranger)));
    }

    @Test
    void aSentenceWithStopInItChangesNothing() {
        assertInstanceOf(InboundResult.NoChange.class, inbound(PHONE, "please stop the late deliveries"));
        assertInstanceOf(SendMessageResult.Sent.class, send("support"));
        assertTrue(ports.outbox.rows.isEmpty());
    }

    @Test
    void webhooksAreDeliveredInOrderAndRetriedWithBackOff() {
        inbound(PHONE, "STOP");
        inbound(PHONE, "START");
        ports.webhookReceiver = r -> new WebhookSender.WebhookResult.Rejected(500);
        assertEquals(1, useCases.deliverWebhooks().deliverDue(), "only the instance's oldest event is in flight");
        assertEquals(0, useCases.deliverWebhooks().deliverDue(), "not due again before its back-off");

        clock.advanceSeconds(6);
        List<WebhookSender.WebhookRequest> received = new java.util.ArrayList<>();
        ports.webhookReceiver = r -> {
            received.add(r);
            return new WebhookSender.WebhookResult.Accepted(204);
        };
        useCases.deliverWebhooks().deliverDue();
        useCases.deliverWebhooks().deliverDue();
        assertEquals(List.of("recipient.opted_out", "recipient.opted_in"), received.stream().map(r -> r.event().type()).toList());
        assertEquals("evt_1", received.getFirst().webhookId());
        assertEquals("delivered", ports.outbox.rows.getFirst().status);
        assertEquals(2, ports.outbox.rows.getFirst().attempts);
    }

    @Test
    void anEventThatKeepsFailingForADayIsDeadAndCanBeReplayed() {
        inbound(PHONE, "STOP");
        ports.webhookReceiver = r -> new WebhookSender.WebhookResult.Failed("timed out after 5 s");
        for (int round = 0; round < 200 && !ports.outbox.rows.getFirst().status.equals("dead"); round++) {
            useCases.deliverWebhooks().deliverDue();
            clock.advanceSeconds(3600);
        }
        assertEquals("dead", ports.outbox.rows.getFirst().status);
        assertTrue(useCases.replayWebhookEvent().replay("shop-line", 1, Operator.ADMIN));
        ports.webhookReceiver = r -> new WebhookSender.WebhookResult.Accepted(200);
        useCases.deliverWebhooks().deliverDue();
        assertEquals("delivered", ports.outbox.rows.getFirst().status);
    }

    @Test
    void aWebhookUrlThatPointsAtAPrivateAddressIsRefused() {
        var result = useCases.createInstance().create(new CreateInstanceUseCase.CreateInstanceCommand(Input.text(account.value()),
                Input.text("other-line"), Input.text("Other"), Input.text("starter"), Input.MISSING,
                Input.text("http://169.254.169.254/latest")), Operator.ADMIN);
        var invalid = assertInstanceOf(CreateInstanceUseCase.CreateInstanceResult.Invalid.class, result);
        assertEquals("webhook_url", invalid.fields().getFirst().field());
    }

    private InboundResult inbound(String from, String text) {
        return useCases.receiveInboundMessage().receive(new InboundMessage("shop-line", from, text, clock.instant(), true));
    }

    private LiftSuppressionResult lift(Optional<AccountId> actor) {
        return useCases.liftSuppression().lift(new LiftSuppressionCommand(actor, "shop-line", PHONE,
                actor.isPresent() ? Optional.empty() : Optional.of(Operator.ADMIN)));
    }

    private SendMessageResult send(String purpose) {
        return useCases.sendMessage().send(new SendMessageCommand(account, Input.text("shop-line"), Input.text(PHONE),
                Input.text("Your code is 482913"), Input.text(purpose), clock.instant().plusSeconds(5)));
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advanceSeconds(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
