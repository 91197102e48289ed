package hub.gateway.adapter.persistence;

import com.github.benmanes.caffeine.cache.Ticker;
import hub.gateway.application.port.out.Templates;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.template.Template;
import hub.gateway.domain.template.TemplateKey;
import hub.gateway.domain.template.TemplateQuality;
import hub.gateway.domain.template.TemplateStatus;

import java.util.List;
import java.util.Optional;

/**
 * The template a send names is read here: cached as the instance is ({@link Caches}), so a template send costs one
 * database read at most per {@link Caches#MAX_STALENESS} and a change made on another node (a pause by Meta's
 * webhook, an operator's delete) is seen within that bound, the same second an instance's pause takes. A change
 * made through this node forgets the entries it touched at once. "Not found" is cached too.
 */
final class CachingTemplates implements Templates {
    private final Templates stored;
    private final SharedLoads<Entry, Optional<Template>> byKey;

    CachingTemplates(Templates stored) {
        this(stored, Ticker.systemTicker());
    }

    CachingTemplates(Templates stored, Ticker ticker) {
        this.stored = stored;
        this.byKey = Caches.shortLived(ticker);
    }

    @Override
    public boolean add(InstanceId instance, Template template) {
        try {
            return stored.add(instance, template);
        } finally {
            byKey.invalidate(new Entry(instance, template.key()));
        }
    }

    /** Uncached: the operator's list reads the database as it is. */
    @Override
    public List<Template> list(InstanceId instance) {
        return stored.list(instance);
    }

    /** A failure of the database propagates and leaves nothing cached; concurrent callers share one load. */
    @Override
    public Optional<Template> find(InstanceId instance, TemplateKey key) {
        return byKey.get(new Entry(instance, key), entry -> stored.find(entry.instance(), entry.key()));
    }

    @Override
    public boolean remove(InstanceId instance, TemplateKey key) {
        try {
            return stored.remove(instance, key);
        } finally {
            byKey.invalidate(new Entry(instance, key));
        }
    }

    @Override
    public void store(InstanceId instance, List<Template> templates) {
        try {
            stored.store(instance, templates);
        } finally {
            templates.forEach(template -> byKey.invalidate(new Entry(instance, template.key())));
        }
    }

    @Override
    public List<InstanceId> changeStatus(String transport, String businessAccountId, TemplateKey key, TemplateStatus status) {
        return forgotten(stored.changeStatus(transport, businessAccountId, key, status), key);
    }

    @Override
    public List<InstanceId> changeQuality(String transport, String businessAccountId, TemplateKey key,
                                          TemplateQuality quality) {
        return forgotten(stored.changeQuality(transport, businessAccountId, key, quality), key);
    }

    private List<InstanceId> forgotten(List<InstanceId> changed, TemplateKey key) {
        changed.forEach(instance -> byKey.invalidate(new Entry(instance, key)));
        return changed;
    }

    private record Entry(InstanceId instance, TemplateKey key) {
    }
}
