package hub.gateway.application.port.in;

import hub.gateway.domain.operator.Operator;

import hub.gateway.domain.message.FieldError;

import java.util.List;

/**
 * Changes an instance's plan, reviewed limits, webhook URL, name, or its transport account (phone number
 * id, access token, WhatsApp Business Account id, the WAHA session's settings: a token or key is rotated this way). A field left out stays as it is; a
 * limit or the webhook URL set to null is cleared (the plan's figure applies again).
 */
public interface UpdateInstanceUseCase {
    /** Audited as {@code by}'s {@code instance.update}. */
    UpdateInstanceResult update(UpdateInstanceCommand command, Operator by);

    record UpdateInstanceCommand(String instanceId, Input plan, Input dailyLimit, Input monthlyLimit,
                                 Input perMinuteLimit, Input webhookUrl, Input name, Input phoneNumberId,
                                 Input accessToken, Input wabaId, WahaInput waha) {
        public UpdateInstanceCommand(String instanceId, Input plan, Input dailyLimit, Input monthlyLimit,
                                     Input perMinuteLimit, Input webhookUrl, Input name, Input phoneNumberId,
                                     Input accessToken, Input wabaId) {
            this(instanceId, plan, dailyLimit, monthlyLimit, perMinuteLimit, webhookUrl, name, phoneNumberId,
                    accessToken, wabaId, WahaInput.MISSING);
        }

        public UpdateInstanceCommand(String instanceId, Input plan, Input dailyLimit, Input monthlyLimit,
                                     Input perMinuteLimit, Input webhookUrl, Input name, Input phoneNumberId,
                                     Input accessToken) {
            this(instanceId, plan, dailyLimit, monthlyLimit, perMinuteLimit, webhookUrl, name, phoneNumberId,
                    accessToken, Input.MISSING);
        }

        public UpdateInstanceCommand(String instanceId, Input plan, Input dailyLimit, Input monthlyLimit,
                                     Input perMinuteLimit, Input webhookUrl, Input name) {
            this(instanceId, plan, dailyLimit, monthlyLimit, perMinuteLimit, webhookUrl, name, Input.MISSING, Input.MISSING);
        }
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
