package hub.gateway.application.port.in;

import hub.gateway.domain.operator.Operator;

import hub.gateway.domain.account.Account;
import hub.gateway.domain.message.FieldError;

import java.util.List;

public interface CreateAccountUseCase {
    /** Audited as {@code by}'s {@code account.create}. */
    CreateAccountResult create(CreateAccountCommand command, Operator by);

    /** {@code timeZone} is an IANA name such as {@code Asia/Riyadh}; absent means UTC. */
    record CreateAccountCommand(Input name, Input timeZone) {
    }

    sealed interface CreateAccountResult {
        record Created(Account account) implements CreateAccountResult {
        }

        record Invalid(List<FieldError> fields) implements CreateAccountResult {
        }
    }
}
