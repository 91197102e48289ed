package com.example.gateway.echo;

import hub.gateway.application.port.out.Transport;
import hub.gateway.application.spi.TransportProvider;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code echo} transport: accepts every message and answers with a message id of its own. A real
 * transport would call its provider here; see docs/transports.md for the steps.
 */
public final class EchoTransportProvider implements TransportProvider {
    @Override
    public String name() {
        return "echo";
    }

    @Override
    public Transport create(Map<String, String> settings) {
        String prefix = settings.getOrDefault("ECHO_MESSAGE_ID_PREFIX", "echo.");
        AtomicLong sequence = new AtomicLong();
        return message -> new Transport.Delivery.Delivered(prefix + sequence.incrementAndGet());
    }
}
