package hub.gateway.application.port.in;

import java.util.List;
import java.util.Optional;

/**
 * One page of a long list and the cursor that asks for the next one (empty on the last page). A cursor is opaque to
 * its caller: it is handed back as it came, and one the list did not give out is refused as a bad {@code cursor}.
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {
    public Page {
        items = List.copyOf(items);
    }
}
