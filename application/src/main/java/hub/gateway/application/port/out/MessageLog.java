package hub.gateway.application.port.out;

import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.DeliveryStatus;
import hub.gateway.domain.message.MessageRecord;
import hub.gateway.domain.send.RefusalReason;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What happened to every request that reached the instance check. Rows are never deleted. */
public interface MessageLog {
    /** A request refused before the quota step; returns its log id. */
    long recordRefusal(RefusedRequest request);

    void markSent(long logId, String messageId, Instant at);

    /**
     * Records what the transport reported about a message it took, by the transport's message id: appends
     * to its status history and updates its status (a failure is a failure whatever came before; otherwise
     * sent < delivered < read). False when no message has that id or that status is already recorded, so
     * a re-delivered report changes nothing.
     */
    boolean recordDeliveryStatus(String providerMessageId, DeliveryStatus status, Instant at, Optional<String> error);

    Optional<MessageRecord> find(AccountId accountId, long logId);

    /** Newest first. */
    List<MessageRecord> recent(AccountId accountId, InstanceId instanceId, int limit);

    /**
     * @param instanceId as the client sent it: the instance may not exist
     * @param phone      normalised when it could be, else empty
     * @param purpose    as the client declared it, lower-cased
     */
    record RefusedRequest(AccountId accountId, String instanceId, Optional<String> phone, Optional<String> purpose,
                          RefusalReason reason, Instant at) {
    }
}
