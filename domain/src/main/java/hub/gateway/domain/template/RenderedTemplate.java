package hub.gateway.domain.template;

import hub.gateway.domain.message.MessageText;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A template filled in for one send: what a transport needs to send it as a template (name, language, category,
 * parameters) and the text the recipient will read.
 */
public record RenderedTemplate(TemplateKey key, TemplateCategory category, List<String> parameters, MessageText text) {
    public RenderedTemplate {
        Objects.requireNonNull(key);
        Objects.requireNonNull(category);
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(text);
    }

    /** An authentication template's code: its first parameter (WhatsApp puts it on the copy-code button too). */
    public Optional<String> code() {
        return category == TemplateCategory.AUTHENTICATION && !parameters.isEmpty()
                ? Optional.of(parameters.getFirst()) : Optional.empty();
    }

    /** The code is a secret of the recipient's: never in a log line. */
    @Override
    public String toString() {
        return "RenderedTemplate[" + key + ", " + category.wireName() + ", " + parameters.size() + " parameters]";
    }
}
