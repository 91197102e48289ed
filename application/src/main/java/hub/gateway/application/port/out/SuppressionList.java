package hub.gateway.application.port.out;

import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.suppression.SuppressedBy;
import hub.gateway.domain.suppression.Suppression;
import hub.gateway.domain.suppression.SuppressionReason;
import hub.gateway.domain.webhook.ClientEvent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who an instance must not message. A recipient may be suppressed for both reasons at once (blocked by
 * the client and stopped by themselves); each reason is its own entry and is lifted on its own.
 *
 * <p>Every change appends to an audit trail that is never rewritten (who, when, why), and stores its
 * client event, if any, in the same transaction: a change is never without its event, nor an event
 * without its change. The send path does not call this port: the send gate checks suppression in
 * the same statement (see {@link SendReservation#suppressedBy()}).
 */
public interface SuppressionList {
    /** Every suppression of one recipient of one instance (none, one, or one per reason). */
    List<Suppression> find(InstanceId instanceId, PhoneNumber phone);

    /** Newest first. */
    List<Suppression> list(InstanceId instanceId, int limit);

    /**
     * The operator's page: the instance's suppressions newest first (ties: phone, then reason), those after
     * {@code after} only, each with its audit trail.
     *
     * @param historyLimit the newest audit rows kept per suppression
     */
    List<SuppressionHistory> withHistory(InstanceId instanceId, Optional<SuppressionPosition> after, int limit,
                                         int historyLimit);

    /** Recipients' own stops added in {@code [from, until)}, over every instance. */
    long optOutsBetween(Instant from, Instant until);

    /** A place in {@link #withHistory}'s order. */
    record SuppressionPosition(Instant since, PhoneNumber phone, SuppressionReason reason) {
    }

    /** A suppression and its trail: the audit rows of its instance, recipient and reason, oldest first. */
    record SuppressionHistory(Suppression suppression, List<HistoryEntry> history) {
        public SuppressionHistory {
            history = List.copyOf(history);
        }
    }

    /**
     * One audit row.
     *
     * @param action {@code added} or {@code lifted}
     * @param actor  {@code recipient}, {@code client} or {@code admin}
     */
    record HistoryEntry(String action, SuppressionReason reason, String actor, Instant at, Optional<String> note) {
    }

    /**
     * Adds the suppression unless one with the same reason exists; false then, and nothing (no audit row,
     * no event) is written.
     *
     * @param note why, for the audit trail: e.g. the recipient's words, or "client API"
     */
    boolean add(Suppression suppression, String note, Optional<ClientEvent> event);

    /** Lifts the suppression of that reason; false when there was none, and nothing is written. */
    boolean lift(InstanceId instanceId, PhoneNumber phone, SuppressionReason reason, SuppressedBy liftedBy,
                 Instant at, String note, Optional<ClientEvent> event);
}
