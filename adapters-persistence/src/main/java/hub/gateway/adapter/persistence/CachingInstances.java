package hub.gateway.adapter.persistence;

import com.github.benmanes.caffeine.cache.Ticker;
import hub.gateway.application.port.out.Instances;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.account.InstanceStatus;
import hub.gateway.domain.operator.AuditEntry;
import hub.gateway.domain.webhook.ClientEvent;

import java.util.List;
import java.util.Optional;

/**
 * See {@link Caches} for how stale an entry may be; changes made on this node are seen at once.
 *
 * <p>A transport account is cached as the id of the instance it leads to (or "not found"), and the instance
 * itself is then read through {@link #find}, so a status or plan change needs forgetting in one place only.
 * An answer whose instance no longer has that account (it was changed on another node) is not trusted: the
 * database is asked again.
 */
final class CachingInstances implements Instances {
    private final Instances stored;
    private final SharedLoads<InstanceId, Optional<Instance>> byId;
    private final SharedLoads<AccountRef, Optional<InstanceId>> byAccount;

    CachingInstances(Instances stored) {
        this(stored, Ticker.systemTicker());
    }

    /** A ticker of a test's own makes the expiry happen when the test says, not when the machine gets to it. */
    CachingInstances(Instances stored, Ticker ticker) {
        this.stored = stored;
        this.byId = Caches.shortLived(ticker);
        this.byAccount = Caches.shortLived(ticker);
    }

    @Override
    public boolean add(Instance instance, String webhookSecret) {
        try {
            return stored.add(instance, webhookSecret);
        } finally {
            // A look-up just before may have cached "not found".
            byId.invalidate(instance.id());
            AccountRef.of(instance).ifPresent(byAccount::invalidate);
        }
    }

    /** A failure of the database propagates and leaves nothing cached; concurrent callers share one load. */
    @Override
    public Optional<Instance> find(InstanceId id) {
        return byId.get(id, stored::find);
    }

    /** A failure of the database propagates and leaves nothing cached; concurrent callers share one load. */
    @Override
    public Optional<Instance> findByTransportAccount(String transport, String accountRef) {
        AccountRef ref = new AccountRef(transport, accountRef);
        Optional<InstanceId> id = byAccount.get(ref,
                key -> stored.findByTransportAccount(key.transport(), key.ref()).map(Instance::id));
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instance> instance = find(id.get());
        if (instance.filter(ref::matches).isPresent()) {
            return instance;
        }
        // The account moved, or the instance is gone: answer from the database, and let the next look-up
        // cache afresh.
        byAccount.invalidate(ref);
        return stored.findByTransportAccount(transport, accountRef);
    }

    /**
     * The entry for the new account is forgotten (it may say "not found"); the one for the old account, if
     * any, still names this instance, whose cached copy is forgotten here, so it no longer matches.
     */
    @Override
    public boolean update(Instance instance) {
        try {
            return stored.update(instance);
        } finally {
            byId.invalidate(instance.id());
            AccountRef.of(instance).ifPresent(byAccount::invalidate);
        }
    }

    @Override
    public StatusChange changeStatus(InstanceId id, InstanceStatus status, Optional<ClientEvent> announced,
                                     AuditEntry audited) {
        try {
            return stored.changeStatus(id, status, announced, audited);
        } finally {
            byId.invalidate(id);
        }
    }

    /** Uncached: the operator's lists read the database as it is. */
    @Override
    public List<Instance> search(Optional<String> text, Optional<InstanceId> after, int limit) {
        return stored.search(text, after, limit);
    }

    @Override
    public List<Paused> pausedForReview(Optional<PausedPosition> after, int limit) {
        return stored.pausedForReview(after, limit);
    }

    /** For a change made behind this adapter's back on this node (the review pause, by the risk ledger). */
    void forget(InstanceId id) {
        byId.invalidate(id);
    }

    private record AccountRef(String transport, String ref) {
        static Optional<AccountRef> of(Instance instance) {
            return instance.transportAccount().phoneNumberId().map(ref -> new AccountRef(instance.transport(), ref));
        }

        boolean matches(Instance instance) {
            return instance.transport().equals(transport)
                    && instance.transportAccount().phoneNumberId().equals(Optional.of(ref));
        }
    }
}
