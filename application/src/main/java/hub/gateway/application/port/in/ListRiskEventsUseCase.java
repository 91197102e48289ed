package hub.gateway.application.port.in;

import hub.gateway.application.port.out.RiskLedger.RiskEvent;

import java.util.List;
import java.util.Optional;

/** The operator's view of an instance's stored risk assessments, newest first. */
public interface ListRiskEventsUseCase {
    /** Empty when the instance does not exist. */
    Optional<List<RiskEvent>> list(String instanceId, int limit);
}
