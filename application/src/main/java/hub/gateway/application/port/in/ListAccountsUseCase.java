package hub.gateway.application.port.in;

import hub.gateway.domain.account.Account;
import hub.gateway.domain.message.FieldError;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The operator's account list, newest first. */
public interface ListAccountsUseCase {
    ListAccountsResult listAccounts(Optional<String> cursor, int limit);

    record AccountSummary(Account account, Instant createdAt, int instances) {
    }

    sealed interface ListAccountsResult {
        record Listed(Page<AccountSummary> page) implements ListAccountsResult {
        }

        record Invalid(List<FieldError> fields) implements ListAccountsResult {
        }
    }
}
