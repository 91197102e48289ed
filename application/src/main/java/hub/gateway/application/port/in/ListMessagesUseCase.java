package hub.gateway.application.port.in;

import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.message.FieldError;
import hub.gateway.domain.message.MessageRecord;

import java.util.List;

/** The newest message log rows of one instance of the asking account. */
public interface ListMessagesUseCase {
    int DEFAULT_LIMIT = 50;
    int MAX_LIMIT = 500;

    ListMessagesResult list(ListMessagesQuery query);

    record ListMessagesQuery(AccountId accountId, Input instanceId, Input limit) {
    }

    sealed interface ListMessagesResult {
        record Listed(List<MessageRecord> messages) implements ListMessagesResult {
        }

        record UnknownInstance() implements ListMessagesResult {
        }

        record Invalid(List<FieldError> fields) implements ListMessagesResult {
        }
    }
}
