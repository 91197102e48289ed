package hub.gateway.application.port.in;

import hub.gateway.domain.message.FieldError;
import hub.gateway.domain.operator.Operator;
import hub.gateway.domain.template.Template;

import java.util.List;

/**
 * Registers a template on an instance (contract §13): {@code approved} at once on a transport that sends any template
 * (the sandbox), {@code pending} on one whose provider reviews templates (Meta) until a sync or its webhook says
 * otherwise.
 */
public interface RegisterTemplateUseCase {
    /** Audited as {@code by}'s {@code template.register}. */
    RegisterTemplateResult register(RegisterTemplateCommand command, Operator by);

    /** @param buttons absent or an array of {@code {type, text, url?, phone_number?}} */
    record RegisterTemplateCommand(String instanceId, Input name, Input language, Input category, Input body,
                                   Input buttons) {
    }

    sealed interface RegisterTemplateResult {
        record Registered(Template template) implements RegisterTemplateResult {
        }

        record Invalid(List<FieldError> fields) implements RegisterTemplateResult {
        }

        record UnknownInstance() implements RegisterTemplateResult {
        }

        /** The instance already holds a template of this name and language. */
        record AlreadyExists() implements RegisterTemplateResult {
        }
    }
}
