package hub.gateway.application.port.out;

import java.util.Optional;
import java.util.Set;

/** The transports this deployment offers, by the name an instance gives. */
public interface Transports {
    Optional<Transport> named(String name);

    Set<String> names();
}
