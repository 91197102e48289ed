package hub.gateway.application.spi;

import hub.gateway.application.port.out.Transport;
import hub.gateway.application.port.out.TransportWebhooks;

import java.util.Map;
import java.util.Optional;

/**
 * How a module offers a transport: it {@code provides} this service, and an instance chooses the
 * transport by {@link #name()}. Found with {@link java.util.ServiceLoader} at start-up.
 */
public interface TransportProvider {
    /** The name instances use, such as {@code sandbox}: lowercase letters, digits and '_'. */
    String name();

    /** @param settings the gateway's configuration, for the keys this transport documents */
    Transport create(Map<String, String> settings);

    /** Incoming webhooks (messages, delivery statuses), for a transport whose provider sends them. */
    default Optional<TransportWebhooks> webhooks(Map<String, String> settings) {
        return Optional.empty();
    }

    /** The provider's reviewed templates, for a transport whose provider reviews them (Meta's Cloud API). */
    default Optional<hub.gateway.application.port.out.TransportTemplates> templates(Map<String, String> settings) {
        return Optional.empty();
    }

    /**
     * Whether an instance's account at this transport is complete enough to send (for example, Meta's
     * Cloud API needs a phone number id and an access token); why not, in words for the operator.
     */
    default Optional<String> problemWith(hub.gateway.domain.account.TransportAccount account) {
        return Optional.empty();
    }
}
