package hub.gateway.application.port.in;

import hub.gateway.domain.message.FieldError;
import hub.gateway.domain.suppression.Suppression;
import hub.gateway.domain.suppression.SuppressionReason;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The operator's view of an instance's suppressions, newest first, each with its audit trail. */
public interface ListSuppressionHistoryUseCase {
    /** The newest audit rows shown per suppression. */
    int HISTORY = 20;

    ListSuppressionHistoryResult listHistory(String instanceId, Optional<String> cursor, int limit);

    /** @param history the audit rows of this suppression's recipient and reason, oldest first */
    record SuppressionEntry(Suppression suppression, List<HistoryEntry> history) {
        public SuppressionEntry {
            history = List.copyOf(history);
        }
    }

    /**
     * @param action {@code added} or {@code lifted}
     * @param actor  {@code recipient}, {@code client} or {@code admin}
     * @param note   why: the recipient's words, or what the client or operator gave
     */
    record HistoryEntry(String action, SuppressionReason reason, String actor, Instant at, Optional<String> note) {
    }

    sealed interface ListSuppressionHistoryResult {
        record Listed(Page<SuppressionEntry> page) implements ListSuppressionHistoryResult {
        }

        record UnknownInstance() implements ListSuppressionHistoryResult {
        }

        record Invalid(List<FieldError> fields) implements ListSuppressionHistoryResult {
        }
    }
}
