package hub.gateway.domain.template;

import java.util.List;
import java.util.Optional;

/**
 * What a send's parameter may hold. WhatsApp takes a body parameter as plain text on one line: no line breaks or
 * tabs and no more than four spaces in a row (Cloud API error 132018), so the gateway refuses those before Meta
 * would; the same rules hold on every transport, so that a send tried on the sandbox behaves as it will on Meta.
 */
public final class TemplateParameters {
    /** No single parameter is longer than a whole body may be. */
    public static final int MAX_CHARACTERS = TemplateBody.MAX_CHARACTERS;
    /** Meta's limit for an authentication template's code. */
    public static final int MAX_CODE_CHARACTERS = 15;

    private TemplateParameters() {
    }

    /** Why this parameter cannot be sent, in words for the client; empty when it can. */
    public static Optional<String> problemWith(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (parameter.codePointCount(0, parameter.length()) > MAX_CHARACTERS) {
            return Optional.of("must be at most " + MAX_CHARACTERS + " characters");
        }
        if (parameter.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.of("must be on one line: no line breaks, tabs or other control characters");
        }
        if (parameter.contains("     ")) {
            return Optional.of("must not have more than four spaces in a row");
        }
        return Optional.empty();
    }

    /** The first problem of a send's parameters for this template, naming the parameter by its position (from 1). */
    static Optional<String> problemWith(List<String> parameters, TemplateBody body, TemplateCategory category) {
        if (parameters.size() != body.placeholders()) {
            return Optional.of("takes " + body.placeholders() + " parameter" + (body.placeholders() == 1 ? "" : "s")
                    + ", " + parameters.size() + " given");
        }
        for (int i = 0; i < parameters.size(); i++) {
            int position = i + 1;
            Optional<String> problem = problemWith(parameters.get(i));
            if (problem.isPresent()) {
                return Optional.of("parameter " + position + " " + problem.get());
            }
        }
        if (category == TemplateCategory.AUTHENTICATION && !parameters.isEmpty()
                && parameters.getFirst().codePointCount(0, parameters.getFirst().length()) > MAX_CODE_CHARACTERS) {
            return Optional.of("parameter 1, the code, must be at most " + MAX_CODE_CHARACTERS + " characters");
        }
        return Optional.empty();
    }
}
