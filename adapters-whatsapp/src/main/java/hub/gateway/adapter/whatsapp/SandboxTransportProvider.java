package hub.gateway.adapter.whatsapp;

import hub.gateway.application.port.out.Transport;
import hub.gateway.application.spi.TransportProvider;

import java.util.Map;

/** Offers the {@code sandbox} transport: WhatsApp without a network, for trying the gateway and for tests. */
public final class SandboxTransportProvider implements TransportProvider {
    public static final String NAME = "sandbox";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Transport create(Map<String, String> settings) {
        return new SandboxTransport();
    }
}
