package hub.gateway.application.port.in;

import hub.gateway.domain.message.FieldError;
import hub.gateway.domain.message.MessageRecord;

import java.util.List;
import java.util.Optional;

/** The operator's view of an instance's message log, newest first: what {@link ListMessagesUseCase} gives its client. */
public interface ListInstanceMessagesUseCase {
    ListInstanceMessagesResult listMessages(String instanceId, Optional<String> cursor, int limit);

    sealed interface ListInstanceMessagesResult {
        record Listed(Page<MessageRecord> page) implements ListInstanceMessagesResult {
        }

        record UnknownInstance() implements ListInstanceMessagesResult {
        }

        record Invalid(List<FieldError> fields) implements ListInstanceMessagesResult {
        }
    }
}
