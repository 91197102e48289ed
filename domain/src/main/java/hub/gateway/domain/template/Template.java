package hub.gateway.domain.template;

import hub.gateway.domain.message.MessageText;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message template an instance may send: WhatsApp's only way to write to a recipient who has not written in the
 * last 24 hours.
 *
 * @param quality Meta's rating from recipients' feedback, when Meta has told it
 */
public record Template(TemplateKey key, TemplateCategory category, TemplateBody body, List<TemplateButton> buttons,
                       TemplateStatus status, Optional<TemplateQuality> quality) {
    public static final int MAX_BUTTONS = 10;

    public Template {
        Objects.requireNonNull(key);
        Objects.requireNonNull(category);
        Objects.requireNonNull(body);
        buttons = List.copyOf(buttons);
        Objects.requireNonNull(status);
        Objects.requireNonNull(quality);
        problemWith(category, body, buttons).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    public Template(TemplateKey key, TemplateCategory category, TemplateBody body, List<TemplateButton> buttons,
                    TemplateStatus status) {
        this(key, category, body, buttons, status, Optional.empty());
    }

    /** Why these parts make no template, beyond each part's own rules; empty when they do. */
    public static Optional<String> problemWith(TemplateCategory category, TemplateBody body, List<TemplateButton> buttons) {
        if (buttons.size() > MAX_BUTTONS) {
            return Optional.of("a template has at most " + MAX_BUTTONS + " buttons");
        }
        if (category == TemplateCategory.AUTHENTICATION && body.placeholders() == 0) {
            return Optional.of("an authentication template's body needs the code's placeholder {{1}}");
        }
        return Optional.empty();
    }

    public Template withStatus(TemplateStatus newStatus) {
        return new Template(key, category, body, buttons, newStatus, quality);
    }

    public Template withQuality(TemplateQuality newQuality) {
        return new Template(key, category, body, buttons, status, Optional.of(newQuality));
    }

    /** Why these parameters cannot fill this template, in words for the client; empty when they can. */
    public Optional<String> problemWith(List<String> parameters) {
        Optional<String> problem = TemplateParameters.problemWith(parameters, body, category);
        if (problem.isPresent()) {
            return problem;
        }
        return Optional.ofNullable(MessageText.problemWith(body.fill(parameters))).map(p -> "with its parameters " + p);
    }

    /** The template filled with these parameters: what the recipient reads, and what the risk assessment judges. */
    public RenderedTemplate render(List<String> parameters) {
        problemWith(parameters).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return new RenderedTemplate(key, category, parameters, new MessageText(body.fill(parameters)));
    }
}
