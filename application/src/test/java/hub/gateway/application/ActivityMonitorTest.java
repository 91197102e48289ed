package hub.gateway.application;

import hub.gateway.application.OptOutAndWebhooksTest.MutableClock;
import hub.gateway.application.port.in.ChangeInstanceStatusUseCase;
import hub.gateway.application.port.in.CreateAccountUseCase;
import hub.gateway.application.port.in.CreateInstanceUseCase;
import hub.gateway.application.port.in.Input;
import hub.gateway.application.port.in.ReadOperatingGaugesUseCase.DatabaseConnections;
import hub.gateway.application.port.in.ReadOperatingGaugesUseCase.OperatingGauges;
import hub.gateway.application.port.in.ReadOperatingGaugesUseCase.WebhookBacklog;
import hub.gateway.application.port.in.ReceiveInboundMessageUseCase.InboundMessage;
import hub.gateway.application.port.in.SendMessageCommand;
import hub.gateway.application.port.in.SendMessageResult;
import hub.gateway.application.port.out.StorageConnections;
import hub.gateway.application.port.out.Transport;
import hub.gateway.application.port.out.WebhookSender;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.InstanceStatus;
import hub.gateway.domain.operator.Operator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** What the services tell the {@code ActivityMonitor} port, and the scrape's gauges, on in-memory ports. */
class ActivityMonitorTest {
    private static final String PHONE = "+966501234567";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-08T10:00:00Z"));
    private InMemoryPorts ports;
    private UseCases useCases;
    private AccountId account;

    @BeforeEach
    void anInstanceWithAWebhook() {
        ports = new InMemoryPorts(clock);
        useCases = ports.useCases();
        account = ((CreateAccountUseCase.CreateAccountResult.Created) useCases.createAccount()
                .create(new CreateAccountUseCase.CreateAccountCommand(Input.text("Shop"), Input.MISSING), Operator.ADMIN)).account().id();
        useCases.createInstance().create(new CreateInstanceUseCase.CreateInstanceCommand(Input.text(account.value()),
                Input.text("shop-line"), Input.text("Shop line"), Input.text("starter"), Input.MISSING,
                Input.text("https://client.example/hooks")), Operator.ADMIN);
    }

    @Test
    void inboundMessagesAreToldByKindWhetherOrNotTheyChangeASuppression() {
        inbound("STOP");
        inbound("STOP");
        inbound("START");
        inbound("Thanks");
        useCases.receiveInboundMessage().receive(new InboundMessage("shop-line", "not a phone", "STOP", clock.instant(), true));

        assertEquals(List.of("inbound opt_out", "inbound opt_out", "inbound opt_in", "inbound other"), ports.activity.events());
    }

    @Test
    void anOperatorPauseIsToldOnceAndAResumeNotAtAll() {
        ChangeInstanceStatusUseCase status = useCases.changeInstanceStatus();
        status.changeStatus(new ChangeInstanceStatusUseCase.ChangeInstanceStatusCommand("shop-line", InstanceStatus.PAUSED_FOR_REVIEW, Input.MISSING), Operator.ADMIN);
        status.changeStatus(new ChangeInstanceStatusUseCase.ChangeInstanceStatusCommand("shop-line", InstanceStatus.PAUSED_FOR_REVIEW, Input.MISSING), Operator.ADMIN);
        status.changeStatus(new ChangeInstanceStatusUseCase.ChangeInstanceStatusCommand("shop-line", InstanceStatus.ACTIVE, Input.MISSING), Operator.ADMIN);

        assertEquals(List.of("paused operator"), ports.activity.events());
    }

    @Test
    void eachTransportAnswerIsToldWithItsTransport() {
        assertInstanceOf(SendMessageResult.Sent.class, send("Your code is 482913"));
        ports.transport = m -> new Transport.Delivery.Failed("131026", "Message undeliverable");
        assertInstanceOf(SendMessageResult.Refused.class, send("Your code is 482914"));
        ports.transport = m -> {
            throw new IllegalStateException("connection reset");
        };
        assertInstanceOf(SendMessageResult.Refused.class, send("Your code is 482915"));
        ports.transport = m -> new Transport.Delivery.Unknown("timeout", "No answer in time.");
        assertInstanceOf(SendMessageResult.DeliveryUnknown.class, send("Your code is 482916"));

        assertEquals(List.of("transport sandbox delivered", "transport sandbox failed", "transport sandbox failed",
                        "transport sandbox unknown"),
                ports.activity.eventsStartingWith("transport"));
    }

    @Test
    void aRiskRefusalIsToldWithItsSignalsAndNothingElse() {
        SendMessageResult refused = send("Congratulations! You have won an iPhone 15. Claim your prize at bit.ly/win-now");

        assertInstanceOf(SendMessageResult.Refused.class, refused);
        List<String> events = ports.activity.events();
        assertEquals(1, events.size(), events.toString());
        assertEquals(true, events.getFirst().startsWith("refused for [") && events.getFirst().contains("shortened_link"),
                events.toString());
    }

    @Test
    void webhookAttemptsAreToldAsRetriedThenDelivered() {
        inbound("STOP");
        ports.webhookReceiver = r -> new WebhookSender.WebhookResult.Rejected(500);
        useCases.deliverWebhooks().deliverDue();
        clock.advanceSeconds(300);
        ports.webhookReceiver = r -> new WebhookSender.WebhookResult.Accepted(200);
        useCases.deliverWebhooks().deliverDue();

        assertEquals(List.of("webhook retried", "webhook delivered"), ports.activity.eventsStartingWith("webhook"));
    }

    @Test
    void theGaugesReadTheBacklogAndThePoolAndSurviveADatabaseThatIsDown() {
        ports.connections = new StorageConnections.Counts(3, 2, 1);
        assertEquals(new OperatingGauges(Optional.of(new WebhookBacklog(0, Duration.ZERO)), new DatabaseConnections(3, 2, 1)),
                useCases.readOperatingGauges().read());

        inbound("STOP");
        clock.advanceSeconds(90);
        assertEquals(Optional.of(new WebhookBacklog(1, Duration.ofSeconds(90))),
                useCases.readOperatingGauges().read().webhookBacklog());

        ports.outbox.unreachable = true;
        assertEquals(new OperatingGauges(Optional.empty(), new DatabaseConnections(3, 2, 1)),
                useCases.readOperatingGauges().read());
    }

    private void inbound(String text) {
        useCases.receiveInboundMessage().receive(new InboundMessage("shop-line", PHONE, text, clock.instant(), true));
    }

    private SendMessageResult send(String text) {
        return useCases.sendMessage().send(new SendMessageCommand(account, Input.text("shop-line"), Input.text(PHONE),
                Input.text(text), Input.text("transactional"), clock.instant().plusSeconds(5)));
    }
}
