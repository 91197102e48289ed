package hub.gateway.application.port.in;

import hub.gateway.domain.risk.RiskAssessment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The operator's view of an instance's stored risk assessments, newest first. */
public interface ListRiskEventsUseCase {
    /** Empty when the instance does not exist. */
    Optional<List<RiskEvent>> list(String instanceId, int limit);

    /** One stored assessment; {@code logId} is the message-log row it belongs to, when it has one. */
    record RiskEvent(long id, Instant at, RiskAssessment assessment, Optional<Long> logId) {
    }
}
