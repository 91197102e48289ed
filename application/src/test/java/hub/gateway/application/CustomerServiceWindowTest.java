package hub.gateway.application;

import hub.gateway.application.OptOutAndWebhooksTest.MutableClock;
import hub.gateway.application.port.in.CreateAccountUseCase;
import hub.gateway.application.port.in.CreateInstanceUseCase;
import hub.gateway.application.port.in.Input;
import hub.gateway.application.port.in.ReceiveInboundMessageUseCase.InboundMessage;
import hub.gateway.application.port.in.ReceiveInboundMessageUseCase.InboundResult;
import hub.gateway.application.port.in.SendMessageCommand;
import hub.gateway.application.port.in.SendMessageResult;
import hub.gateway.application.port.out.Transport;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.operator.Operator;
import hub.gateway.domain.quota.Usage;
import hub.gateway.domain.quota.UsageWindows;
import hub.gateway.domain.send.Refusal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Contract §13's window in the send use case, on in-memory ports: a free-form message on a transport that enforces
 * the window needs the recipient to have written in the last 24 hours; the sandbox needs nothing.
 */
class CustomerServiceWindowTest {
    private static final String PHONE = "+966501234567";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-08T10:00:00Z"));
    private final List<Transport.OutboundMessage> delivered = new ArrayList<>();
    private InMemoryPorts ports;
    private UseCases useCases;
    private AccountId account;

    @BeforeEach
    void anAccountWithACloudLineAndASandboxLine() {
        ports = new InMemoryPorts(clock);
        ports.transport = message -> {
            delivered.add(message);
            return new Transport.Delivery.Delivered("wamid." + message.logId());
        };
        useCases = ports.useCases();
        account = ((CreateAccountUseCase.CreateAccountResult.Created) useCases.createAccount()
                .create(new CreateAccountUseCase.CreateAccountCommand(Input.text("Clinic"), Input.MISSING), Operator.ADMIN))
                .account().id();
        instance("cloud-line", InMemoryPorts.WINDOWED);
        instance("sandbox-line", "sandbox");
    }

    @Test
    void aRecipientWhoNeverWroteIsRefusedBeforeTheTransportWithoutQuota() {
        assertEquals(new SendMessageResult.Refused(new Refusal.WindowClosed()), send("cloud-line", "Your order #2041 has shipped."));

        assertEquals(List.of(), delivered, "the transport was never called");
        assertEquals(Usage.NONE, usage("cloud-line"));
        assertEquals("template_required", onlyLogRow().error().orElseThrow());
        assertEquals("refused", onlyLogRow().status());
    }

    @Test
    void anInboundMessageOpensTheWindowForTwentyFourHours() {
        assertInstanceOf(InboundResult.NoChange.class, inbound("cloud-line", "Hello, where is my order?", clock.instant()));

        assertInstanceOf(SendMessageResult.Sent.class, send("cloud-line", "Your order #2041 has shipped."));
        assertEquals(1, delivered.size());

        clock.advanceSeconds(Duration.ofHours(24).toSeconds());
        assertEquals(new SendMessageResult.Refused(new Refusal.WindowClosed()), send("cloud-line", "Your order #2042 has shipped."),
                "24 hours after the recipient wrote, the window is closed");
        assertEquals(1, delivered.size());
    }

    @Test
    void aStopOpensTheWindowTooButSuppressionAnswersFirst() {
        assertInstanceOf(InboundResult.OptedOut.class, inbound("cloud-line", "STOP", clock.instant()));
        assertEquals(new SendMessageResult.Refused(new Refusal.RecipientSuppressed()), send("cloud-line", "Ticket #1 updated"));

        assertInstanceOf(InboundResult.OptedIn.class, inbound("cloud-line", "START", clock.instant()));
        assertInstanceOf(SendMessageResult.Sent.class, send("cloud-line", "Ticket #1 updated"));
    }

    @Test
    void aProvidersClockAheadOfOursDoesNotStretchTheWindow() {
        inbound("cloud-line", "Hello", clock.instant().plus(Duration.ofDays(10)));

        clock.advanceSeconds(Duration.ofHours(24).toSeconds());
        assertEquals(new SendMessageResult.Refused(new Refusal.WindowClosed()), send("cloud-line", "Your order #2041 has shipped."));
    }

    @Test
    void theSandboxHasNoWindow() {
        assertInstanceOf(SendMessageResult.Sent.class, send("sandbox-line", "Your order #2041 has shipped."));
    }

    @Test
    void aClosedWindowStoresNoAssessment() {
        // Scores above 0 but is allowed: a reserved send would store it with its log row.
        assertEquals(new SendMessageResult.Refused(new Refusal.WindowClosed()),
                send("cloud-line", "Your discounted shipping label is attached to order #5521"));

        assertEquals(List.of(), ports.riskEvents);
    }

    /**
     * The part of step 9 judged before the gate (content and behaviour, no round trip) answers before the gate's
     * window check: a text it refuses is a policy violation whatever the window (docs/design.md, "The window").
     */
    @Test
    void contentTheAssessmentRefusesIsAPolicyViolationWhateverTheWindow() {
        Refusal refusal = ((SendMessageResult.Refused) send("cloud-line",
                "Congratulations! You have won an iPhone. Claim your prize at bit.ly/win")).refusal();

        assertInstanceOf(Refusal.PolicyViolation.class, refusal);
        assertEquals(List.of(), delivered);
    }

    private void instance(String id, String transport) {
        assertInstanceOf(CreateInstanceUseCase.CreateInstanceResult.Created.class, useCases.createInstance().create(
                new CreateInstanceUseCase.CreateInstanceCommand(Input.text(account.value()), Input.text(id),
                        Input.text(id), Input.text("starter"), Input.text(transport), Input.MISSING), Operator.ADMIN));
    }

    private SendMessageResult send(String instance, String text) {
        return useCases.sendMessage().send(new SendMessageCommand(account, Input.text(instance), Input.text(PHONE),
                Input.text(text), Input.text("transactional"), clock.instant().plusSeconds(5)));
    }

    private InboundResult inbound(String instance, String text, Instant at) {
        return useCases.receiveInboundMessage().receive(new InboundMessage(instance, PHONE, text, at, false));
    }

    private Usage usage(String instance) {
        return ports.usage(new InstanceId(instance), UsageWindows.at(clock.instant(), ZoneOffset.UTC));
    }

    private hub.gateway.domain.message.MessageRecord onlyLogRow() {
        assertEquals(1, ports.log.size(), ports.log.toString());
        return ports.log.values().iterator().next();
    }
}
