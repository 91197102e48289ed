package hub.gateway.bootstrap;

import hub.gateway.application.port.out.Transport;
import hub.gateway.application.port.out.TransportTemplates;
import hub.gateway.application.port.out.TransportWebhooks;
import hub.gateway.application.port.out.Transports;
import hub.gateway.application.spi.TransportProvider;
import hub.gateway.domain.account.TransportAccount;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The transports found at start-up, each created once with the gateway's settings. */
final class LoadedTransports implements Transports {
    private final Map<String, TransportProvider> providers;
    private final Map<String, Transport> transports;
    private final Map<String, TransportWebhooks> webhooks;
    private final Map<String, TransportTemplates> templates;

    LoadedTransports(Map<String, TransportProvider> providers, Map<String, String> settings) {
        this.providers = providers;
        this.transports = providers.values().stream()
                .collect(Collectors.toUnmodifiableMap(TransportProvider::name, p -> p.create(settings)));
        this.webhooks = providers.values().stream()
                .flatMap(p -> p.webhooks(settings).map(w -> Map.entry(p.name(), w)).stream())
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        this.templates = providers.values().stream()
                .flatMap(p -> p.templates(settings).map(t -> Map.entry(p.name(), t)).stream())
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Override
    public Optional<Transport> named(String name) {
        return Optional.ofNullable(transports.get(name));
    }

    @Override
    public Set<String> names() {
        return transports.keySet();
    }

    @Override
    public Optional<TransportWebhooks> webhooks(String name) {
        return Optional.ofNullable(webhooks.get(name));
    }

    @Override
    public Optional<TransportTemplates> templates(String name) {
        return Optional.ofNullable(templates.get(name));
    }

    @Override
    public Optional<String> problemWith(String name, TransportAccount account) {
        return Optional.ofNullable(providers.get(name)).flatMap(provider -> provider.problemWith(account));
    }
}
