package hub.gateway.application.port.in;

import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.message.FieldError;
import hub.gateway.domain.suppression.Suppression;

import java.util.List;

/** The suppressed recipients of one instance of the asking account, newest first. */
public interface ListSuppressionsUseCase {
    int MAX = 1_000;

    ListSuppressionsResult list(AccountId accountId, Input instanceId);

    sealed interface ListSuppressionsResult {
        record Listed(List<Suppression> suppressions) implements ListSuppressionsResult {
        }

        record UnknownInstance() implements ListSuppressionsResult {
        }

        record Invalid(List<FieldError> fields) implements ListSuppressionsResult {
        }
    }
}
