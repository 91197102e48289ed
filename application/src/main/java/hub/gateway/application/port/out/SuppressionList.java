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
