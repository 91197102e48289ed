package hub.gateway.application.port.in;

import java.util.Optional;

/** An operator's view of one instance: status, plan, limits in force and usage. */
public interface GetInstanceUseCase {
    Optional<InstanceReport> get(String instanceId);
}
