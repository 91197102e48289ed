package hub.gateway.application.spi;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How long a transport waits for its provider (contract §13), the same for every transport: {@code connect} to
 * open a connection, {@code read} for the answer once the request is on its way. A request that ran out of
 * {@code connect} never reached the provider (the send failed); one that ran out of {@code read} may have (its
 * outcome is unknown). Read from the gateway's settings, where bootstrap checks them before anything starts.
 */
public record TransportTimeouts(Duration connect, Duration read) {
    public static final String CONNECT_TIMEOUT_MS = "GATEWAY_TRANSPORT_CONNECT_TIMEOUT_MS";
    public static final String READ_TIMEOUT_MS = "GATEWAY_TRANSPORT_READ_TIMEOUT_MS";
    public static final TransportTimeouts DEFAULT = new TransportTimeouts(Duration.ofMillis(2_000), Duration.ofMillis(10_000));
    static final long MIN_MS = 10;
    static final long MAX_MS = 300_000;

    /**
     * The connect time-out is shorter than the read time-out: a client whose read time-out also covers the
     * connection (the JDK's does) could otherwise run out of it before connecting, and a request that was never
     * written would count as one that may have reached the provider.
     */
    public TransportTimeouts {
        if (connect.compareTo(read) >= 0) {
            throw new IllegalArgumentException(CONNECT_TIMEOUT_MS + " (" + connect.toMillis() + ") must be shorter than "
                    + READ_TIMEOUT_MS + " (" + read.toMillis() + ")");
        }
    }

    /** @throws IllegalArgumentException naming the variable, for a value that is not a whole number in range */
    public static TransportTimeouts from(Map<String, String> settings) {
        return new TransportTimeouts(
                millis(settings, CONNECT_TIMEOUT_MS).orElse(DEFAULT.connect()),
                millis(settings, READ_TIMEOUT_MS).orElse(DEFAULT.read()));
    }

    /** An empty variable counts as unset, as it does in a container's environment file. */
    private static Optional<Duration> millis(Map<String, String> settings, String key) {
        Optional<String> raw = Optional.ofNullable(settings.get(key)).map(String::strip).filter(v -> !v.isEmpty());
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        long value;
        try {
            value = Long.parseLong(raw.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number of milliseconds, was '" + raw.get() + "'");
        }
        if (value < MIN_MS || value > MAX_MS) {
            throw new IllegalArgumentException(key + " must be between " + MIN_MS + " and " + MAX_MS + ", was " + value);
        }
        return Optional.of(Duration.ofMillis(value));
    }
}
