package hub.gateway.adapter.persistence;

import com.github.benmanes.caffeine.cache.Cache;
import hub.gateway.application.port.out.Instances;
import hub.gateway.domain.Instance;
import hub.gateway.domain.InstanceId;
import hub.gateway.domain.InstanceStatus;

import java.util.Optional;

/** See {@link Caches} for how stale an entry may be; changes made on this node are seen at once. */
final class CachingInstances implements Instances {
    private final Instances stored;
    private final Cache<InstanceId, Optional<Instance>> byId = Caches.shortLived();

    CachingInstances(Instances stored) {
        this.stored = stored;
    }

    @Override
    public boolean add(Instance instance, String webhookSecret) {
        try {
            return stored.add(instance, webhookSecret);
        } finally {
            // A look-up just before may have cached "not found".
            byId.invalidate(instance.id());
        }
    }

    /** A failure of the database propagates and leaves nothing cached. */
    @Override
    public Optional<Instance> find(InstanceId id) {
        return byId.get(id, stored::find);
    }

    @Override
    public boolean update(Instance instance) {
        try {
            return stored.update(instance);
        } finally {
            byId.invalidate(instance.id());
        }
    }

    @Override
    public boolean changeStatus(InstanceId id, InstanceStatus status) {
        try {
            return stored.changeStatus(id, status);
        } finally {
            byId.invalidate(id);
        }
    }

    /** For a change made behind this adapter's back on this node (the review pause, by the risk ledger). */
    void forget(InstanceId id) {
        byId.invalidate(id);
    }
}
