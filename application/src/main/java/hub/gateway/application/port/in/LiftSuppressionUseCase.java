package hub.gateway.application.port.in;

import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.message.FieldError;

import java.util.List;
import java.util.Optional;

/**
 * Lifts a block. A client lifts only the blocks it added; an operator any block; nobody but the
 * recipient lifts a recipient's own opt-out.
 */
public interface LiftSuppressionUseCase {
    LiftSuppressionResult lift(LiftSuppressionCommand command);

    /** {@code accountId} empty: an operator. */
    record LiftSuppressionCommand(Optional<AccountId> accountId, String instanceId, String phone) {
    }

    sealed interface LiftSuppressionResult {
        record Lifted() implements LiftSuppressionResult {
        }

        /** The suppression is the recipient's own opt-out, or a block this caller may not lift. */
        record NotYours() implements LiftSuppressionResult {
        }

        record NotSuppressed() implements LiftSuppressionResult {
        }

        record UnknownInstance() implements LiftSuppressionResult {
        }

        record Invalid(List<FieldError> fields) implements LiftSuppressionResult {
        }
    }
}
