package hub.gateway.domain.message;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The purposes a message may declare; only these are ever sent. */
public enum MessagePurpose {
    TRANSACTIONAL,
    OPERATIONAL,
    SUPPORT,
    INTERNAL_TEAM,
    AUTHENTICATION;

    /** The purposes the public documentation names as refused; any other unknown value is refused too. */
    public static final List<String> DISALLOWED =
            List.of("marketing", "promotion", "cold_outreach", "bulk_campaign", "political");

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> allowedWireNames() {
        return Arrays.stream(values()).map(MessagePurpose::wireName).toList();
    }

    /** Case-insensitive, surrounding white space ignored. */
    public static Optional<MessagePurpose> fromWireName(String value) {
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.wireName().equals(wanted)).findFirst();
    }

    public static boolean isDisallowed(String value) {
        return DISALLOWED.contains(value.strip().toLowerCase(Locale.ROOT));
    }
}
