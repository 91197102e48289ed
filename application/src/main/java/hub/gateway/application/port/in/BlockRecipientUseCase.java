package hub.gateway.application.port.in;

import hub.gateway.domain.operator.Operator;

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

    /**
     * Exactly one of {@code accountId} (a client, on its own instances) and {@code operator} (on any instance,
     * audited as {@code suppression.block}).
     */
    record BlockRecipientCommand(Optional<AccountId> accountId, Input instanceId, Input phone, Optional<Operator> operator) {
        public BlockRecipientCommand {
            if (accountId.isPresent() == operator.isPresent()) {
                throw new IllegalArgumentException("a block is a client's or an operator's");
            }
        }

        public static BlockRecipientCommand byClient(AccountId accountId, Input instanceId, Input phone) {
            return new BlockRecipientCommand(Optional.of(accountId), instanceId, phone, Optional.empty());
        }

        public static BlockRecipientCommand byOperator(Operator operator, Input instanceId, Input phone) {
            return new BlockRecipientCommand(Optional.empty(), instanceId, phone, Optional.of(operator));
        }
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
