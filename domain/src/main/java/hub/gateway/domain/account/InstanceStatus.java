package hub.gateway.domain.account;

import java.util.Arrays;
import java.util.Locale;

public enum InstanceStatus {
    ACTIVE,
    /** Refuses every send until an admin resumes the instance. */
    PAUSED_FOR_REVIEW;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InstanceStatus fromWireName(String value) {
        return Arrays.stream(values())
                .filter(s -> s.wireName().equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown instance status " + value));
    }
}
