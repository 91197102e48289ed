package hub.gateway.application.spi;

import hub.gateway.application.port.out.Transport;

import java.util.Map;

/**
 * How a module offers a transport: it {@code provides} this service, and an instance chooses the
 * transport by {@link #name()}. Found with {@link java.util.ServiceLoader} at start-up.
 */
public interface TransportProvider {
    /** The name instances use, such as {@code sandbox}: lowercase letters, digits and '_'. */
    String name();

    /** @param settings the gateway's configuration, for the keys this transport documents */
    Transport create(Map<String, String> settings);
}
