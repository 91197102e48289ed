package hub.gateway.application.port.in;

import hub.gateway.domain.FieldError;

import java.util.List;

public interface CreateInstanceUseCase {
    CreateInstanceResult create(CreateInstanceCommand command);

    /** {@code instanceId} absent: one is generated. {@code transport} absent: {@code sandbox}. */
    record CreateInstanceCommand(Input accountId, Input instanceId, Input name, Input plan, Input transport,
                                 Input webhookUrl) {
    }

    sealed interface CreateInstanceResult {
        /** The webhook secret is shown here, at creation, and never again. */
        record Created(InstanceReport report, String webhookSecret) implements CreateInstanceResult {
        }

        record Invalid(List<FieldError> fields) implements CreateInstanceResult {
        }

        record UnknownAccount() implements CreateInstanceResult {
        }

        record AlreadyExists() implements CreateInstanceResult {
        }
    }
}
