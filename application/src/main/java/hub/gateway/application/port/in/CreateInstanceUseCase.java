package hub.gateway.application.port.in;

import hub.gateway.domain.operator.Operator;

import hub.gateway.domain.message.FieldError;

import java.util.List;

public interface CreateInstanceUseCase {
    /** Audited as {@code by}'s {@code instance.create}. */
    CreateInstanceResult create(CreateInstanceCommand command, Operator by);

    /**
     * {@code instanceId} absent: one is generated. {@code transport} absent: {@code sandbox}.
     * {@code phoneNumberId} and {@code accessToken}: the instance's account at a transport that needs one
     * ({@code meta_cloud}); {@code wabaId} its WhatsApp Business Account, where its templates are synced from;
     * {@code waha} its session on a WAHA server ({@code waha}).
     */
    record CreateInstanceCommand(Input accountId, Input instanceId, Input name, Input plan, Input transport,
                                 Input webhookUrl, Input phoneNumberId, Input accessToken, Input wabaId,
                                 WahaInput waha) {
        public CreateInstanceCommand(Input accountId, Input instanceId, Input name, Input plan, Input transport,
                                     Input webhookUrl, Input phoneNumberId, Input accessToken, Input wabaId) {
            this(accountId, instanceId, name, plan, transport, webhookUrl, phoneNumberId, accessToken, wabaId,
                    WahaInput.MISSING);
        }

        public CreateInstanceCommand(Input accountId, Input instanceId, Input name, Input plan, Input transport,
                                     Input webhookUrl, Input phoneNumberId, Input accessToken) {
            this(accountId, instanceId, name, plan, transport, webhookUrl, phoneNumberId, accessToken, Input.MISSING);
        }

        public CreateInstanceCommand(Input accountId, Input instanceId, Input name, Input plan, Input transport,
                                     Input webhookUrl) {
            this(accountId, instanceId, name, plan, transport, webhookUrl, Input.MISSING, Input.MISSING);
        }
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
