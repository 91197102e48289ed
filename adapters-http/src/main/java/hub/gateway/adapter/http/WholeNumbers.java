package hub.gateway.adapter.http;

import java.util.Optional;
import java.util.OptionalInt;

/** Numbers in paths and query strings: plain ASCII digits only, so no sign, space or exponent sneaks through. */
final class WholeNumbers {
    private WholeNumbers() {
    }

    static Optional<Long> positiveLong(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 18 || !digits(raw)) {
            return Optional.empty();
        }
        long value = Long.parseLong(raw);
        return value > 0 ? Optional.of(value) : Optional.empty();
    }

    static OptionalInt inRange(String raw, int min, int max) {
        Optional<Long> value = positiveLong(raw);
        return value.isPresent() && value.get() >= min && value.get() <= max
                ? OptionalInt.of(value.get().intValue())
                : OptionalInt.empty();
    }

    private static boolean digits(String raw) {
        return raw.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
