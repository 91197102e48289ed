package hub.gateway.domain.send;

import java.time.Duration;
import java.time.Instant;

/**
 * WhatsApp's customer-service window (contract §13): on a transport that enforces it, free-form text reaches a
 * recipient only within 24 hours of the recipient's last message to the business; outside it only an approved
 * template does. A message the recipient wrote exactly 24 hours ago no longer keeps the window open.
 */
public final class CustomerServiceWindow {
    public static final Duration LENGTH = Duration.ofHours(24);

    private CustomerServiceWindow() {
    }

    /** The window is open at {@code at} when the recipient last wrote strictly after this moment. */
    public static Instant openIfWrittenAfter(Instant at) {
        return at.minus(LENGTH);
    }

    public static boolean isOpen(Instant lastWrote, Instant at) {
        return lastWrote.isAfter(openIfWrittenAfter(at));
    }
}
