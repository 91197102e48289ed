package hub.gateway.adapter.whatsapp;

import hub.gateway.application.port.out.Transport;
import hub.gateway.application.port.out.TransportWebhooks;
import hub.gateway.application.spi.TransportProvider;
import hub.gateway.application.spi.TransportTimeouts;
import hub.gateway.domain.account.TransportAccount;
import hub.gateway.domain.account.WahaAccount;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Offers the {@code waha} transport: a self-hosted WAHA server, one session per instance (contract §14). Everything
 * it needs is per instance ({@code waha_url}, {@code waha_session}, {@code waha_api_key}, {@code waha_webhook_key});
 * gateway-wide only the transport time-outs ({@link TransportTimeouts}). WAHA enforces no customer-service window
 * and reviews no templates, so it offers no {@code templates}: a template registered on it is approved at once.
 */
public final class WahaTransportProvider implements TransportProvider {
    public static final String NAME = "waha";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Transport create(Map<String, String> settings) {
        return new WahaTransport(TransportTimeouts.from(settings));
    }

    @Override
    public Optional<TransportWebhooks> webhooks(Map<String, String> settings) {
        return Optional.of(new WahaWebhooks());
    }

    @Override
    public Optional<String> problemWith(TransportAccount account) {
        WahaAccount waha = account.waha();
        List<String> missing = new ArrayList<>();
        if (waha.url().isEmpty()) {
            missing.add("waha_url");
        }
        if (waha.session().isEmpty()) {
            missing.add("waha_session");
        }
        if (waha.apiKey().isEmpty()) {
            missing.add("waha_api_key");
        }
        if (waha.webhookKey().isEmpty()) {
            missing.add("waha_webhook_key");
        }
        if (!missing.isEmpty()) {
            return Optional.of("The waha transport needs the instance's " + String.join(", ", missing) + ".");
        }
        return Optional.empty();
    }
}
