package hub.gateway.application.port.in;

import hub.gateway.domain.account.InstanceStatus;
import hub.gateway.domain.message.FieldError;
import hub.gateway.domain.operator.Operator;

import java.util.List;

/**
 * An operator pauses an instance for review, or resumes it, with an optional note; the answer is the instance as
 * it now is. A pause announces itself ({@code instance.paused_for_review}, cause {@code operator}, the note); a
 * change is audited with its note. Pausing a paused instance (or resuming an active one) changes, announces and
 * audits nothing.
 */
public interface ChangeInstanceStatusUseCase {
    ChangeInstanceStatusResult changeStatus(ChangeInstanceStatusCommand command, Operator by);

    /** @param note absent or null: none; else text of at most 2,000 characters */
    record ChangeInstanceStatusCommand(String instanceId, InstanceStatus status, Input note) {
    }

    sealed interface ChangeInstanceStatusResult {
        /** Changed, or it had that status already. */
        record Done(InstanceReport report) implements ChangeInstanceStatusResult {
        }

        record UnknownInstance() implements ChangeInstanceStatusResult {
        }

        record Invalid(List<FieldError> fields) implements ChangeInstanceStatusResult {
        }
    }
}
