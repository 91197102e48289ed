package hub.gateway.application.port.in;

import hub.gateway.domain.FieldError;

import java.util.List;

/**
 * Changes an instance's plan, reviewed limits, webhook URL or name. A field left out stays as it is; a
 * limit or the webhook URL set to null is cleared (the plan's figure applies again).
 */
public interface UpdateInstanceUseCase {
    UpdateInstanceResult update(UpdateInstanceCommand command);

    record UpdateInstanceCommand(String instanceId, Input plan, Input dailyLimit, Input monthlyLimit,
                                 Input perMinuteLimit, Input webhookUrl, Input name) {
    }

    sealed interface UpdateInstanceResult {
        record Updated(InstanceReport report) implements UpdateInstanceResult {
        }

        record UnknownInstance() implements UpdateInstanceResult {
        }

        record Invalid(List<FieldError> fields) implements UpdateInstanceResult {
        }
    }
}
