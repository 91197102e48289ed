package hub.gateway.domain.message;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What the transport reports about a message after it took it. */
public enum DeliveryStatus {
    SENT,
    DELIVERED,
    READ,
    FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeliveryStatus> fromWireName(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }
}
