package hub.gateway.application.port.out;

import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.PhoneNumber;
import hub.gateway.domain.quota.Usage;
import hub.gateway.domain.quota.UsageWindows;
import hub.gateway.domain.send.GateOutcome;

import java.time.Instant;
import java.util.Map;

/**
 * The gate every send passes before it may be handed to a transport: contract §3's steps 8 to 11 (suppression,
 * the customer-service window of contract §13, duplicate content, then the speed, daily and monthly limits), decided and counted as one atomic step shared by
 * every gateway node, so that with limit L any number of concurrent requests sends exactly L.
 *
 * <p>Every refusal is logged by the same step; a duplicate-content refusal is also recorded as a policy violation
 * with its risk event, and answers the instance's count of violations, so the caller decides the review pause
 * without asking again. A reserved send is counted, logged 'accepted', its assessment stored when it scored above
 * 0, and its Idempotency-Key claim linked to its log row ({@link IdempotencyKeys}).
 */
public interface SendGate {
    GateOutcome reserve(SendReservation reservation);

    /**
     * The recipient wrote to the instance at {@code at} (an inbound message of any transport): their
     * customer-service window runs from their latest message, which the gate keeps for {@link #reserve} to check.
     * An older moment than the one kept changes nothing, so a re-delivered or late webhook never shortens a window.
     */
    void recipientWrote(InstanceId instanceId, PhoneNumber recipient, Instant at);

    /**
     * Gives a reserved send's quota back. Counters go down only in the windows that are still the current ones,
     * and only once: a row no longer waiting for its transport changes nothing.
     */
    void giveBack(long logId, GiveBack reason, Instant at);

    /** The instance's counts in the given windows (zero in a window that is not the counted one). */
    Usage usage(InstanceId instanceId, UsageWindows windows);

    /**
     * The same for many instances at once, each in its own windows (time zones differ): one round trip for a page of
     * instances. Every instance asked for is answered; one without counts has {@link Usage#NONE}.
     */
    Map<InstanceId, Usage> usage(Map<InstanceId, UsageWindows> windows);

    /** Why a reserved send's quota goes back. */
    enum GiveBack {
        /**
         * The transport failed it: the log row becomes 'failed' (error {@code gateway_send_failed}) with a status
         * history entry; a row the limbo sweep made 'unknown' is given back too.
         */
        DELIVERY_FAILED,
        /**
         * The request's deadline passed before any delivery attempt: the row becomes 'refused' (error
         * {@code service_unavailable}) without a history entry — nothing failed to deliver, so the risk facts'
         * failed-delivery share must not see it.
         */
        DEADLINE_PASSED
    }
}
