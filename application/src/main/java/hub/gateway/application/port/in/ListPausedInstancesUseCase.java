package hub.gateway.application.port.in;

import hub.gateway.application.port.in.ListRiskEventsUseCase.RiskEvent;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.message.FieldError;
import hub.gateway.domain.message.MessageRecord;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The review list (contract §12): instances paused for review, the most recently paused first, each with the
 * evidence an operator needs to decide whether it may resume.
 */
public interface ListPausedInstancesUseCase {
    /** The assessments shown per instance: the pause's own and those before it. */
    int ASSESSMENTS = 10;
    /** The refusals shown per instance, found among its latest {@link #SCANNED} message-log rows. */
    int REFUSALS = 10;
    int SCANNED = 500;

    ListPausedInstancesResult listPaused(Optional<String> cursor, int limit);

    /**
     * @param pause         the assessment that paused the instance; empty when an operator paused it
     * @param assessments   the instance's stored assessments up to its pause, newest first (the pause's own first)
     * @param recentRefusals the instance's latest refused sends, newest first
     * @param ledToPause    for a pause by repeated violations: the violations it counted — refusals judged with high
     *                      certainty within the rule's window before the pause (contract §6) — newest first; empty for
     *                      any other pause
     */
    record PausedInstance(Instance instance, Instant pausedAt, Optional<RiskEvent> pause, List<RiskEvent> assessments,
                          List<MessageRecord> recentRefusals, List<RiskEvent> ledToPause) {
        public PausedInstance {
            assessments = List.copyOf(assessments);
            recentRefusals = List.copyOf(recentRefusals);
            ledToPause = List.copyOf(ledToPause);
        }

        /** Whether a refused send is one of the violations the pause counted. */
        public boolean ledToPause(MessageRecord refusal) {
            return ledToPause.stream().anyMatch(e -> e.logId().equals(Optional.of(refusal.logId())));
        }
    }

    sealed interface ListPausedInstancesResult {
        record Listed(Page<PausedInstance> page) implements ListPausedInstancesResult {
        }

        record Invalid(List<FieldError> fields) implements ListPausedInstancesResult {
        }
    }
}
