package hub.gateway.application.port.out;

import hub.gateway.domain.account.AccountId;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.message.DeliveryStatus;
import hub.gateway.domain.message.MessageRecord;
import hub.gateway.domain.send.RefusalReason;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What happened to every request that reached the instance check. Rows are never deleted. */
public interface MessageLog {
    /** A request refused before the quota step; returns its log id. */
    long recordRefusal(RefusedRequest request);

    /**
     * Only a row still {@code accepted} (or made {@code unknown} meanwhile) becomes {@code sent}; a row a delivery
     * status has already moved on keeps its status (the status stored the message id).
     */
    void markSent(long logId, String messageId, Instant at);

    /**
     * The transport may have delivered the send: a row still {@code accepted} becomes {@code unknown} (with a history
     * entry); its quota stays counted. A row a delivery status has already moved on keeps its status.
     */
    void markOutcomeUnknown(long logId, Instant at);

    /**
     * Records what the transport reported about a message it took: appends to its status history and updates its
     * status (a failure is a failure whatever came before; otherwise unknown < sent < delivered < read). The row is
     * the one whose message id the report names; when no row holds that id, the one the report's {@code sentAs}
     * names, if it belongs to that instance and has no message id yet or is {@code unknown} — it then gets the
     * report's message id (contract §13, "Statuses always land"). False when no row matches or that status is
     * already recorded, so a re-delivered report changes nothing.
     */
    boolean recordDeliveryStatus(DeliveryReport report);

    /** A report that names its message by the transport's message id alone. */
    default boolean recordDeliveryStatus(String providerMessageId, DeliveryStatus status, Instant at,
                                         Optional<String> error) {
        return recordDeliveryStatus(new DeliveryReport(providerMessageId, Optional.empty(), status, at, error));
    }

    /**
     * @param sentAs      the log row the send named to the transport (Meta's {@code biz_opaque_callback_data}),
     *                    within the instance the report came for; empty when the report names none
     * @param reportedFor the instance whose own key signed the report (WAHA's events are per instance): only its rows
     *                    may be moved; empty when the provider signs for every instance alike (Meta's app secret)
     */
    record DeliveryReport(String providerMessageId, Optional<SentAs> sentAs, DeliveryStatus status, Instant at,
                          Optional<String> error, Optional<InstanceId> reportedFor) {
        public DeliveryReport(String providerMessageId, Optional<SentAs> sentAs, DeliveryStatus status, Instant at,
                              Optional<String> error) {
            this(providerMessageId, sentAs, status, at, error, Optional.empty());
        }

        public DeliveryReport {
            Objects.requireNonNull(reportedFor);
            Objects.requireNonNull(providerMessageId);
            Objects.requireNonNull(sentAs);
            Objects.requireNonNull(status);
            Objects.requireNonNull(at);
            Objects.requireNonNull(error);
        }
    }

    record SentAs(InstanceId instanceId, long logId) {
    }

    Optional<MessageRecord> find(AccountId accountId, long logId);

    /** Newest first. */
    default List<MessageRecord> recent(AccountId accountId, InstanceId instanceId, int limit) {
        return recent(accountId, instanceId, Optional.empty(), limit);
    }

    /** Newest first; with {@code before}, only rows whose log id is below it (the next page). */
    List<MessageRecord> recent(AccountId accountId, InstanceId instanceId, Optional<Long> before, int limit);

    /**
     * Each instance's refused rows among its latest {@code scanned} rows, newest first, at most {@code perInstance}
     * each (bounded, so that a busy instance costs the same as a quiet one). Every instance asked for is answered.
     */
    Map<InstanceId, List<MessageRecord>> recentRefusals(Collection<Instance> instances, int scanned, int perInstance);

    /**
     * Every row created in {@code [from, until)}, counted by the hour it was created in ({@code from} plus whole
     * hours) and its outcome. Hours without rows are left out.
     */
    List<HourOfSends> sendsByHour(Instant from, Instant until);

    /** The refusals logged in {@code [from, until)}, by reason, the most frequent first (ties: by reason), at most {@code top}. */
    List<RefusalCount> refusalsByReason(Instant from, Instant until, int top);

    /**
     * One hour's rows by outcome: {@code sent} the transport took (sent, delivered, read), {@code failed} it did not,
     * {@code refused} the gateway did, {@code unknown} not known yet (accepted, or lost with its node).
     */
    record HourOfSends(Instant hour, long sent, long failed, long refused, long unknown) {
    }

    record RefusalCount(RefusalReason reason, long count) {
    }

    /**
     * @param instanceId as the client sent it: the instance may not exist
     * @param phone      normalised when it could be, else empty
     * @param purpose    as the client declared it, lower-cased
     */
    record RefusedRequest(AccountId accountId, String instanceId, Optional<String> phone, Optional<String> purpose,
                          RefusalReason reason, Instant at) {
    }
}
