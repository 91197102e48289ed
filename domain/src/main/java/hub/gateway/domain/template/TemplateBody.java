package hub.gateway.domain.template;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A template's body: text with numbered placeholders {@code {{1}}} … {@code {{n}}}, each number from 1 to n used at
 * least once (WhatsApp's positional parameters). Braces that do not make such a placeholder are refused, so that what
 * the recipient reads is never a half-filled template.
 */
public record TemplateBody(String text) {
    /** Meta's limit for a template's body. */
    public static final int MAX_CHARACTERS = 1_024;
    public static final int MAX_PLACEHOLDERS = 100;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([1-9][0-9]{0,2})}}");

    public TemplateBody {
        problemWith(text).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /** Why this text makes no body, in words for the operator; empty when it does. */
    public static Optional<String> problemWith(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (text.codePointCount(0, text.length()) > MAX_CHARACTERS) {
            return Optional.of("must be at most " + MAX_CHARACTERS + " characters");
        }
        String withoutPlaceholders = PLACEHOLDER.matcher(text).replaceAll("");
        if (withoutPlaceholders.contains("{{") || withoutPlaceholders.contains("}}")) {
            return Optional.of("placeholders must be written {{1}}, {{2}} … {{n}}");
        }
        TreeSet<Integer> numbers = numbers(text);
        if (!numbers.isEmpty() && (numbers.first() != 1 || numbers.last() != numbers.size())) {
            return Optional.of("placeholders must be numbered from {{1}} without gaps");
        }
        if (numbers.size() > MAX_PLACEHOLDERS) {
            return Optional.of("must have at most " + MAX_PLACEHOLDERS + " placeholders");
        }
        return Optional.empty();
    }

    /** How many parameters a send of this template takes. */
    public int placeholders() {
        return numbers(text).size();
    }

    /** The body with each {@code {{i}}} replaced by the i-th parameter, as given; the caller checked their count. */
    String fill(List<String> parameters) {
        if (parameters.size() != placeholders()) {
            throw new IllegalArgumentException("expected " + placeholders() + " parameters, got " + parameters.size());
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(filled, Matcher.quoteReplacement(parameters.get(Integer.parseInt(matcher.group(1)) - 1)));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    private static TreeSet<Integer> numbers(String text) {
        TreeSet<Integer> numbers = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            numbers.add(Integer.parseInt(matcher.group(1)));
        }
        return numbers;
    }
}
