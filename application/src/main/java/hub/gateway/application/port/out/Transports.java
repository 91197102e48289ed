package hub.gateway.application.port.out;

import java.util.Optional;
import java.util.Set;

/** The transports this deployment offers, by the name an instance gives. */
public interface Transports {
    Optional<Transport> named(String name);

    Set<String> names();

    /** The transport's incoming webhooks, for transports that have them. */
    Optional<TransportWebhooks> webhooks(String name);

    /**
     * The named transport's reviewed templates, for a transport whose provider reviews them (Meta); empty for one that
     * sends any template it is given (the sandbox), on which a registered template is approved at once.
     */
    default Optional<TransportTemplates> templates(String name) {
        return Optional.empty();
    }

    /** Why an instance's account does not suit the named transport; empty when it does. */
    Optional<String> problemWith(String name, hub.gateway.domain.account.TransportAccount account);
}
