package hub.gateway.application.port.in;

import hub.gateway.domain.operator.Operator;

/** Removes a template from an instance (not from Meta's WhatsApp Business Account: a later sync brings it back). */
public interface DeleteTemplateUseCase {
    /** Audited as {@code by}'s {@code template.delete}. */
    DeleteTemplateResult delete(String instanceId, String name, String language, Operator by);

    sealed interface DeleteTemplateResult {
        record Deleted() implements DeleteTemplateResult {
        }

        record UnknownInstance() implements DeleteTemplateResult {
        }

        record UnknownTemplate() implements DeleteTemplateResult {
        }
    }
}
