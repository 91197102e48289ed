package hub.gateway.application.port.in;

import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.message.MessageRecord;

import java.util.Optional;

/** One message log row, if it belongs to the asking account. */
public interface GetMessageUseCase {
    Optional<MessageRecord> get(AccountId accountId, long logId);
}
