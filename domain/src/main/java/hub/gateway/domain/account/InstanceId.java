package hub.gateway.domain.account;

import java.util.regex.Pattern;

/** Identifies an instance: one WhatsApp sending line of an account. */
public record InstanceId(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    public InstanceId {
        if (value == null || !isWellFormed(value)) {
            throw new IllegalArgumentException("instance id must be 1-64 letters, digits, '_', '-' or '.'");
        }
    }

    public static boolean isWellFormed(String value) {
        return SHAPE.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
