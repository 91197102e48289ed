package hub.gateway.adapter.http.console;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a page says about the last change made from it: a notice after one went through (post, redirect, get), or,
 * when one was refused, the reason beside the form it came from and the values as they were typed.
 *
 * @param errors by form name ({@code limits}, {@code status}, {@code block}, …)
 * @param values by field name
 */
public record Feedback(Optional<String> notice, Map<String, String> errors, Map<String, String> values) {
    public static final Feedback NONE = new Feedback(Optional.empty(), Map.of(), Map.of());

    public Feedback {
        Objects.requireNonNull(notice);
        errors = Map.copyOf(errors);
        values = Map.copyOf(values);
    }

    public static Feedback notice(Optional<String> notice) {
        return new Feedback(notice, Map.of(), Map.of());
    }

    public static Feedback refused(String form, String error, Map<String, String> values) {
        return new Feedback(Optional.empty(), Map.of(form, error), values);
    }

    /** The refusal of this form, or null (jte leaves out an attribute whose value is null). */
    public String error(String form) {
        return errors.get(form);
    }

    public boolean refused(String form) {
        return errors.containsKey(form);
    }

    /** The value typed into a field of a refused form, else the current one. */
    public String value(String field, String current) {
        return values.getOrDefault(field, current);
    }
}
