package hub.gateway.domain.template;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One button of a template, as WhatsApp shows it. The gateway sends no parameters for buttons, with one exception:
 * an {@code authentication} template's copy-code button carries the code.
 *
 * @param text  the label, 1 to 25 characters
 * @param value the URL of a {@code url} button, the number of a {@code phone_number} button; empty for the others
 */
public record TemplateButton(Type type, String text, Optional<String> value) {
    public static final int MAX_TEXT = 25;
    public static final int MAX_VALUE = 2_000;

    public TemplateButton {
        Objects.requireNonNull(type);
        Objects.requireNonNull(value);
        problemWith(type, text, value).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    public enum Type {
        QUICK_REPLY,
        URL,
        PHONE_NUMBER,
        COPY_CODE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Type> fromWireName(String value) {
            String wanted = value.strip().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(t -> t.wireName().equals(wanted)).findFirst();
        }

        boolean needsValue() {
            return this == URL || this == PHONE_NUMBER;
        }
    }

    /** Why these parts make no button, in words for the operator; empty when they do. */
    public static Optional<String> problemWith(Type type, String text, Optional<String> value) {
        if (text == null || text.isBlank() || text.codePointCount(0, text.length()) > MAX_TEXT) {
            return Optional.of("a button's text must be 1 to " + MAX_TEXT + " characters");
        }
        if (type.needsValue() && value.filter(v -> !v.isBlank() && v.length() <= MAX_VALUE).isEmpty()) {
            return Optional.of("a " + type.wireName() + " button needs its value (at most " + MAX_VALUE + " characters)");
        }
        if (!type.needsValue() && value.isPresent()) {
            return Optional.of("a " + type.wireName() + " button takes no value");
        }
        return Optional.empty();
    }
}
