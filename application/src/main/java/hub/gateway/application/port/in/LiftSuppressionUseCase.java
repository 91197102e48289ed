package hub.gateway.application.port.in;

import hub.gateway.domain.operator.Operator;

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

    /**
     * Exactly one of {@code accountId} (a client) and {@code operator} (any block, audited as
     * {@code suppression.lift}).
     */
    record LiftSuppressionCommand(Optional<AccountId> accountId, String instanceId, String phone, Optional<Operator> operator) {
        public LiftSuppressionCommand {
            if (accountId.isPresent() == operator.isPresent()) {
                throw new IllegalArgumentException("a lift is a client's or an operator's");
            }
        }

        public static LiftSuppressionCommand byClient(AccountId accountId, String instanceId, String phone) {
            return new LiftSuppressionCommand(Optional.of(accountId), instanceId, phone, Optional.empty());
        }

        public static LiftSuppressionCommand byOperator(Operator operator, String instanceId, String phone) {
            return new LiftSuppressionCommand(Optional.empty(), instanceId, phone, Optional.of(operator));
        }
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
