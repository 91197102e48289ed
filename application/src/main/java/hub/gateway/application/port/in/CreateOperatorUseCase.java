package hub.gateway.application.port.in;

import hub.gateway.domain.message.FieldError;
import hub.gateway.domain.operator.Operator;
import hub.gateway.domain.operator.OperatorToken;

import java.util.List;

/** An operator creates another; the new operator's token is in this answer and nowhere else, ever. */
public interface CreateOperatorUseCase {
    /** Audited as {@code by}'s {@code operator.create}. */
    CreateOperatorResult create(CreateOperatorCommand command, Operator by);

    /** @param name 1–100 characters: letters, digits, {@code .}, {@code _}, {@code -}, {@code @}; unique */
    record CreateOperatorCommand(Input name) {
    }

    sealed interface CreateOperatorResult {
        record Created(Operator operator, OperatorToken token) implements CreateOperatorResult {
        }

        record Invalid(List<FieldError> fields) implements CreateOperatorResult {
        }

        /** Another operator (revoked ones and the built-in {@code admin} included) has the name. */
        record NameTaken() implements CreateOperatorResult {
        }
    }
}
