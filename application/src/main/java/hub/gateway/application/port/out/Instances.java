package hub.gateway.application.port.out;

import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.account.InstanceStatus;
import hub.gateway.domain.operator.AuditEntry;
import hub.gateway.domain.webhook.ClientEvent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stored instances. A status change must be seen by every node within one second, so an implementation
 * that caches look-ups keeps them no longer than that.
 */
public interface Instances {
    /** Adds the instance with its webhook secret and an empty quota; false when the id is taken. */
    boolean add(Instance instance, String webhookSecret);

    Optional<Instance> find(InstanceId id);

    /** The instance whose transport account has this reference (Meta: its phone number id). */
    Optional<Instance> findByTransportAccount(String transport, String accountRef);

    /** Stores name, plan, overrides, webhook URL and transport account as given; false when no such instance exists. */
    boolean update(Instance instance);

    /**
     * An operator's pause or resume: the status, the client event it announces (a pause's
     * {@code instance.paused_for_review}; the event's instance name is the stored row's) and the audit entry, all
     * stored together and only when the status actually changes. A change of status is timed by the store's
     * clock ({@link Paused#since()}).
     */
    StatusChange changeStatus(InstanceId id, InstanceStatus status, Optional<ClientEvent> announced, AuditEntry audited);

    enum StatusChange {
        CHANGED,
        /** The instance already had that status: nothing stored, nothing announced. */
        UNCHANGED,
        UNKNOWN_INSTANCE
    }

    /**
     * The operator's search: instances whose id, name or account id contains {@code text} (ignoring case), every
     * instance when it is empty; ordered by id, those after {@code after} only.
     */
    List<Instance> search(Optional<String> text, Optional<InstanceId> after, int limit);

    /**
     * Instances paused for review, the most recently paused first (ties: id descending); with {@code after}, only
     * those that come after it in that order.
     */
    List<Paused> pausedForReview(Optional<PausedPosition> after, int limit);

    /** A paused instance and when its status last changed: the moment of its pause. */
    record Paused(Instance instance, Instant since) {
    }

    /** A place in the review list: the entry of this instance, paused at this moment. */
    record PausedPosition(Instant since, InstanceId id) {
    }
}
