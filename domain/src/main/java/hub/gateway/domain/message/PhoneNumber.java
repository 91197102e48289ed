package hub.gateway.domain.message;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A recipient in E.164 form. Two spellings of one number ("+966 50 123 4567", "+966501234567") are one
 * recipient everywhere: suppression, limits and logs all see the normalised value.
 */
public record PhoneNumber(String e164) {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.()\\[\\]]");

    public PhoneNumber {
        if (e164 == null || !E164.matcher(e164).matches()) {
            throw new IllegalArgumentException("not an E.164 number");
        }
    }

    /** Removes spaces, dashes, dots and brackets, then requires the E.164 shape with its leading '+'. */
    public static Optional<PhoneNumber> parse(String raw) {
        String compact = SEPARATORS.matcher(raw).replaceAll("");
        return E164.matcher(compact).matches() ? Optional.of(new PhoneNumber(compact)) : Optional.empty();
    }

    /** For logs: the country prefix and the last two digits only. */
    public String masked() {
        int hidden = e164.length() - 6;
        return e164.substring(0, 4) + "*".repeat(hidden) + e164.substring(e164.length() - 2);
    }

    @Override
    public String toString() {
        return masked();
    }
}
