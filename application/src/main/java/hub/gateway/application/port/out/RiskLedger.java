package hub.gateway.application.port.out;

import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.risk.RepeatedViolationsRule;
import hub.gateway.domain.risk.RiskAssessment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Risk assessments worth keeping (every one scoring above 0 is stored: allowed sends with the quota
 * reservation, refusals here), and the review pause.
 */
public interface RiskLedger {
    /**
     * Stores a refused send: its message-log row ({@code policy_violation}) and its risk event, in one
     * statement.
     *
     * @return the instance's policy violations as {@code counted} counts them towards the pause — within its window and
     * scored at least its certain score — this one included when it is one of them
     */
    int recordViolation(Violation violation, RepeatedViolationsRule counted);

    /**
     * Pauses the instance for review: its status, a risk event and the {@code instance.paused_for_review}
     * client event, in one transaction. Pausing a paused instance changes nothing and emits nothing.
     *
     * @return false when the instance was already paused
     */
    boolean pauseForReview(InstanceId instanceId, RiskAssessment assessment, Instant at);

    /** Newest first. */
    List<RiskEvent> recent(InstanceId instanceId, int limit);

    /**
     * The assessments that led up to a moment, per instance: each instance's events at or before its own moment,
     * newest first, at most {@code perInstance} each. Every instance asked for is answered.
     */
    Map<InstanceId, List<RiskEvent>> leadingTo(Map<InstanceId, Instant> moments, int perInstance);

    record Violation(AccountId accountId, InstanceId instanceId, String phone, String purpose,
                     RiskAssessment assessment, Instant at) {
    }

    record RiskEvent(long id, Instant at, RiskAssessment assessment, Optional<Long> logId) {
    }
}
