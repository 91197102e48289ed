package hub.gateway.application.port.in;

import hub.gateway.domain.account.InstanceStatus;

import java.util.Optional;

/** An operator pauses an instance for review, or resumes it; the answer is the instance as it now is. */
public interface ChangeInstanceStatusUseCase {
    Optional<InstanceReport> changeStatus(String instanceId, InstanceStatus status);
}
