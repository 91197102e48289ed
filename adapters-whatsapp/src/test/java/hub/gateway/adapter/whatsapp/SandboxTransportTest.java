package hub.gateway.adapter.whatsapp;

import hub.gateway.application.port.out.Transport;
import hub.gateway.application.port.out.Transport.Delivery;
import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.account.InstanceStatus;
import hub.gateway.domain.message.MessageText;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.quota.LimitOverrides;
import hub.gateway.domain.quota.Plan;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SandboxTransportTest {
    private final Instance instance = new Instance(new InstanceId("demo"), new AccountId("acc_1"), "Demo", Plan.STARTER,
            LimitOverrides.NONE, InstanceStatus.ACTIVE, "sandbox", Optional.empty(), ZoneOffset.UTC, Instant.EPOCH);

    @Test
    void deliversAndRecordsTheMessage() {
        SandboxTransport sandbox = new SandboxTransport();
        Delivery delivery = sandbox.deliver(message("+966501234567"));
        Delivery.Delivered delivered = assertInstanceOf(Delivery.Delivered.class, delivery);
        assertTrue(delivered.messageId().startsWith("sandbox."));
        assertEquals("+966501234567", sandbox.recent().getFirst().to());
        assertEquals("Your order #2041 has been shipped.", sandbox.recent().getFirst().text());
    }

    @Test
    void acceptsATemplateAndRecordsItsRenderedText() {
        SandboxTransport sandbox = new SandboxTransport();
        var template = new hub.gateway.domain.template.Template(
                new hub.gateway.domain.template.TemplateKey("order_shipped", "en"),
                hub.gateway.domain.template.TemplateCategory.UTILITY,
                new hub.gateway.domain.template.TemplateBody("Your order {{1}} has been shipped."), java.util.List.of(),
                hub.gateway.domain.template.TemplateStatus.APPROVED);

        assertInstanceOf(Delivery.Delivered.class, sandbox.deliver(new Transport.OutboundMessage(instance,
                PhoneNumber.parse("+966501234567").orElseThrow(), template.render(java.util.List.of("#2041")), 1L)));

        assertEquals("Your order #2041 has been shipped.", sandbox.recent().getFirst().text());
        assertEquals(Optional.of("order_shipped/en"), sandbox.recent().getFirst().template());
    }

    @Test
    void failsForNumbersEndingInFourZeros() {
        SandboxTransport sandbox = new SandboxTransport();
        Delivery.Failed failed = assertInstanceOf(Delivery.Failed.class, sandbox.deliver(message("+966501230000")));
        assertEquals("sandbox_undeliverable", failed.code());
        assertTrue(sandbox.recent().isEmpty());
    }

    @Test
    void isFoundThroughServiceLoader() {
        assertTrue(ServiceLoader.load(hub.gateway.application.spi.TransportProvider.class).stream()
                .anyMatch(p -> p.get().name().equals("sandbox")));
    }

    private Transport.OutboundMessage message(String to) {
        return new Transport.OutboundMessage(instance, PhoneNumber.parse(to).orElseThrow(),
                new MessageText("Your order #2041 has been shipped."), 1L);
    }
}
