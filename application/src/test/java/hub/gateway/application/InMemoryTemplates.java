package hub.gateway.application;

import hub.gateway.application.port.out.Templates;
import hub.gateway.domain.account.Instance;
import hub.gateway.domain.account.InstanceId;
import hub.gateway.domain.template.Template;
import hub.gateway.domain.template.TemplateKey;
import hub.gateway.domain.template.TemplateQuality;
import hub.gateway.domain.template.TemplateStatus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** Templates in a map, obviously right; instances are read through the ports' own map for the webhooks' matching. */
final class InMemoryTemplates implements Templates {
    private final Map<InstanceId, Map<TemplateKey, Template>> byInstance = new TreeMap<>(Comparator.comparing(InstanceId::value));
    private final Function<InstanceId, Optional<Instance>> instances;
    /** How many times a send or an operator read one template: a text send reads none. */
    int finds;

    InMemoryTemplates(Function<InstanceId, Optional<Instance>> instances) {
        this.instances = instances;
    }

    @Override
    public synchronized boolean add(InstanceId instance, Template template) {
        return byInstance.computeIfAbsent(instance, id -> new TreeMap<>(ORDER)).putIfAbsent(template.key(), template) == null;
    }

    @Override
    public synchronized List<Template> list(InstanceId instance) {
        return List.copyOf(byInstance.getOrDefault(instance, Map.of()).values());
    }

    @Override
    public synchronized Optional<Template> find(InstanceId instance, TemplateKey key) {
        finds++;
        return Optional.ofNullable(byInstance.getOrDefault(instance, Map.of()).get(key));
    }

    @Override
    public synchronized boolean remove(InstanceId instance, TemplateKey key) {
        return byInstance.getOrDefault(instance, new TreeMap<>()).remove(key) != null;
    }

    @Override
    public synchronized void store(InstanceId instance, List<Template> templates) {
        Map<TemplateKey, Template> held = byInstance.computeIfAbsent(instance, id -> new TreeMap<>(ORDER));
        for (Template synced : templates) {
            Template current = held.get(synced.key());
            held.put(synced.key(), current == null || synced.quality().isPresent() ? synced
                    : new Template(synced.key(), synced.category(), synced.body(), synced.buttons(), synced.status(),
                    current.quality()));
        }
    }

    @Override
    public List<InstanceId> changeStatus(String transport, String businessAccountId, TemplateKey key, TemplateStatus status) {
        return change(transport, businessAccountId, key, template -> template.withStatus(status));
    }

    @Override
    public List<InstanceId> changeQuality(String transport, String businessAccountId, TemplateKey key,
                                          TemplateQuality quality) {
        return change(transport, businessAccountId, key, template -> template.withQuality(quality));
    }

    private synchronized List<InstanceId> change(String transport, String businessAccountId, TemplateKey key,
                                                 UnaryOperator<Template> change) {
        List<InstanceId> changed = new ArrayList<>();
        byInstance.forEach((id, held) -> {
            boolean ofThatAccount = instances.apply(id).filter(i -> i.transport().equals(transport)
                    && i.transportAccount().businessAccountId().equals(Optional.of(businessAccountId))).isPresent();
            if (ofThatAccount && held.containsKey(key)) {
                held.put(key, change.apply(held.get(key)));
                changed.add(id);
            }
        });
        return changed;
    }

    private static final Comparator<TemplateKey> ORDER =
            Comparator.comparing(TemplateKey::name).thenComparing(TemplateKey::language);
}
