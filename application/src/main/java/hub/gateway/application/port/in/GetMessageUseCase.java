package hub.gateway.application.port.in;

import hub.gateway.domain.AccountId;
import hub.gateway.domain.MessageRecord;

import java.util.Optional;

/** One message log row, if it belongs to the asking account. */
public interface GetMessageUseCase {
    Optional<MessageRecord> get(AccountId accountId, long logId);
}
