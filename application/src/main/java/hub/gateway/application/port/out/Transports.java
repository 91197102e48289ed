package hub.gateway.application.port.out;

import java.util.Optional;
import java.util.Set;

/** The transports this deployment offers, by the name an instance gives. */
public interface Transports {
    Optional<Transport> named(String name);

    Set<String> names();

    /** The transport's incoming webhooks, for transports that have them. */
    Optional<TransportWebhooks> webhooks(String name);

    /** Why an instance's account does not suit the named transport; empty when it does. */
    Optional<String> problemWith(String name, hub.gateway.domain.account.TransportAccount account);
}
