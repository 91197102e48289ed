package hub.gateway.domain.template;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A template's name and language, which together name it within an instance (and at Meta, within a WhatsApp
 * Business Account).
 *
 * @param name     Meta's rule: lowercase letters, digits and underscores, at most 512 characters
 * @param language a WhatsApp language code: {@code en}, {@code en_US}, {@code pt_BR}, {@code zh_HK}, {@code fil}
 */
public record TemplateKey(String name, String language) {
    public static final int MAX_NAME = 512;
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1," + MAX_NAME + "}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Za-z]{2,4})?");

    public TemplateKey {
        nameProblem(name).or(() -> languageProblem(language)).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    public static Optional<String> nameProblem(String name) {
        return name != null && NAME.matcher(name).matches() ? Optional.empty()
                : Optional.of("must be lowercase letters, digits and underscores, at most " + MAX_NAME + " characters");
    }

    public static Optional<String> languageProblem(String language) {
        return language != null && LANGUAGE.matcher(language).matches() ? Optional.empty()
                : Optional.of("must be a WhatsApp language code such as en, en_US or pt_BR");
    }

    @Override
    public String toString() {
        return name + "/" + language;
    }
}
