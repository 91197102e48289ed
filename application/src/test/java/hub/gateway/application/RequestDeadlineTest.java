package hub.gateway.application;

import hub.gateway.domain.operator.Operator;
import hub.gateway.application.OptOutAndWebhooksTest.MutableClock;
import hub.gateway.application.port.in.CreateAccountUseCase;
import hub.gateway.application.port.in.CreateInstanceUseCase;
import hub.gateway.application.port.in.Input;
import hub.gateway.application.port.in.SendMessageCommand;
import hub.gateway.application.port.in.SendMessageResult;
import hub.gateway.application.port.out.Transport;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.MessageRecord;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Contract §10, "never a send the client did not wait for": the request's deadline, on in-memory ports. */
class RequestDeadlineTest {
    private static final Duration DEADLINE = Duration.ofSeconds(5);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-08T10:00:10Z"));
    private final List<Transport.OutboundMessage> handedToTransport = new ArrayList<>();
    private InMemoryPorts ports;
    private UseCases useCases;
    private AccountId account;

    @BeforeEach
    void anAccountWithOneInstance() {
        ports = new InMemoryPorts(clock);
        ports.transport = m -> {
            handedToTransport.add(m);
            return new Transport.Delivery.Delivered("wamid." + m.logId());
        };
        useCases = ports.useCases();
        account = ((CreateAccountUseCase.CreateAccountResult.Created) useCases.createAccount()
                .create(new CreateAccountUseCase.CreateAccountCommand(Input.text("Shop"), Input.MISSING), Operator.ADMIN)).account().id();
        assertInstanceOf(CreateInstanceUseCase.CreateInstanceResult.Created.class, useCases.createInstance().create(
                new CreateInstanceUseCase.CreateInstanceCommand(Input.text(account.value()), Input.text("shop-line"),
                        Input.text("Shop line"), Input.text("starter"), Input.MISSING, Input.MISSING), Operator.ADMIN));
    }

    @Test
    void aReservationCompletingAfterTheDeadlineIsNotSentAndItsQuotaGoesBack() {
        assertInstanceOf(SendMessageResult.Sent.class, send(clock.instant().plus(DEADLINE)));
        ports.duringReservation = () -> clock.advanceSeconds(6);

        SendMessageResult late = send(clock.instant().plus(DEADLINE));

        assertEquals(new SendMessageResult.Refused(new Refusal.DeadlinePassed()), late);
        assertEquals(1, handedToTransport.size(), "only the first send reached the transport");
        assertEquals(1, usageNow().day(), "the late send's quota went back");
        MessageRecord row = ports.log.get(handedToTransport.getFirst().logId() + 1);
        assertEquals("refused", row.status());
        assertEquals("service_unavailable", row.error().orElseThrow());
        assertTrue(row.statusHistory().isEmpty(), "no 'failed' history entry: nothing failed to deliver");
    }

    @Test
    void aDeadlineAlreadyPassedIsRefusedWithoutReservingAndLogged() {
        SendMessageResult late = send(clock.instant());

        assertEquals(new SendMessageResult.Refused(new Refusal.DeadlinePassed()), late);
        assertTrue(handedToTransport.isEmpty());
        assertEquals(Usage.NONE, usageNow());
        MessageRecord row = ports.log.values().iterator().next();
        assertEquals("refused", row.status());
        assertEquals("service_unavailable", row.error().orElseThrow());
    }

    @Test
    void aSendJustInsideItsDeadlineIsSent() {
        ports.duringReservation = () -> clock.advanceSeconds(4);
        assertInstanceOf(SendMessageResult.Sent.class, send(clock.instant().plus(DEADLINE)));
        assertEquals(1, handedToTransport.size());
    }

    private Usage usageNow() {
        return ports.usage(new InstanceId("shop-line"), UsageWindows.at(clock.instant(), ZoneOffset.UTC));
    }

    private SendMessageResult send(Instant deadline) {
        return useCases.sendMessage().send(new SendMessageCommand(account, Input.text("shop-line"),
                Input.text("+966501234567"), Input.text("Your order #2041 has been shipped."),
                Input.text("transactional"), deadline));
    }
}
