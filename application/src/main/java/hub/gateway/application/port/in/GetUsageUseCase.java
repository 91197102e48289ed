package hub.gateway.application.port.in;

import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.message.FieldError;

import java.util.List;

/** The limits and usage of one instance of the asking account. */
public interface GetUsageUseCase {
    GetUsageResult usage(AccountId accountId, Input instanceId);

    sealed interface GetUsageResult {
        record Found(InstanceReport report) implements GetUsageResult {
        }

        record UnknownInstance() implements GetUsageResult {
        }

        record Invalid(List<FieldError> fields) implements GetUsageResult {
        }
    }
}
