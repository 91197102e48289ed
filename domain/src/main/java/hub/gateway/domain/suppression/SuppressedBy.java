package hub.gateway.domain.suppression;

import java.util.Arrays;
import java.util.Locale;

/** Who caused a suppression, or lifted it; kept in the audit trail and deciding who may lift it. */
public enum SuppressedBy {
    RECIPIENT,
    CLIENT,
    ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SuppressedBy fromWireName(String value) {
        return Arrays.stream(values()).filter(r -> r.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown suppression actor " + value));
    }
}
