package hub.gateway.application.port.in;

import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.message.FieldError;
import hub.gateway.domain.suppression.Suppression;

import java.util.List;
import java.util.Optional;

/**
 * A client (through its API key) or an operator blocks a recipient of an instance: nothing reaches them
 * until the block is lifted.
 */
public interface BlockRecipientUseCase {
    BlockRecipientResult block(BlockRecipientCommand command);

    /** {@code accountId} empty: an operator, who may act on any instance. */
    record BlockRecipientCommand(Optional<AccountId> accountId, Input instanceId, Input phone) {
    }

    sealed interface BlockRecipientResult {
        record Blocked(Suppression suppression) implements BlockRecipientResult {
        }

        /** Already blocked: nothing changed, the existing block is answered. */
        record AlreadyBlocked(Suppression suppression) implements BlockRecipientResult {
        }

        record UnknownInstance() implements BlockRecipientResult {
        }

        record Invalid(List<FieldError> fields) implements BlockRecipientResult {
        }
    }
}
