package hub.gateway.adapter.whatsapp;

import hub.gateway.application.port.out.Transport;
import hub.gateway.application.port.out.TransportTemplates;
import hub.gateway.application.port.out.TransportWebhooks;
import hub.gateway.application.spi.TransportProvider;
import hub.gateway.application.spi.TransportTimeouts;
import hub.gateway.domain.account.TransportAccount;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Offers the {@code meta_cloud} transport: the Meta WhatsApp Cloud API (contract §8). Each instance brings
 * its own phone number id and access token; the gateway-wide settings are the Graph API address, the app
 * secret that signs Meta's webhooks, the token that answers Meta's subscription challenge, and the transport
 * time-outs every transport shares ({@link TransportTimeouts}).
 */
public final class MetaCloudTransportProvider implements TransportProvider {
    public static final String NAME = "meta_cloud";
    public static final String GRAPH_URL = "GATEWAY_META_GRAPH_URL";
    public static final String APP_SECRET = "GATEWAY_META_APP_SECRET";
    public static final String VERIFY_TOKEN = "GATEWAY_META_VERIFY_TOKEN";
    static final String DEFAULT_GRAPH_URL = "https://graph.facebook.com/v21.0";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Transport create(Map<String, String> settings) {
        return new MetaCloudTransport(graphUrl(settings), TransportTimeouts.from(settings));
    }

    @Override
    public Optional<TransportWebhooks> webhooks(Map<String, String> settings) {
        return Optional.of(new MetaWebhooks(setting(settings, APP_SECRET), setting(settings, VERIFY_TOKEN)));
    }

    @Override
    public Optional<TransportTemplates> templates(Map<String, String> settings) {
        return Optional.of(new MetaTemplates(graphUrl(settings), TransportTimeouts.from(settings)));
    }

    @Override
    public Optional<String> problemWith(TransportAccount account) {
        boolean noPhoneNumberId = account.phoneNumberId().filter(id -> !id.isBlank()).isEmpty();
        boolean noAccessToken = account.accessToken().filter(token -> !token.isBlank()).isEmpty();
        if (noPhoneNumberId && noAccessToken) {
            return Optional.of("The meta_cloud transport needs the instance's phone_number_id and access_token.");
        }
        if (noPhoneNumberId) {
            return Optional.of("The meta_cloud transport needs the instance's phone_number_id.");
        }
        if (noAccessToken) {
            return Optional.of("The meta_cloud transport needs the instance's access_token.");
        }
        if (!MetaCloudTransport.PHONE_NUMBER_ID.matcher(account.phoneNumberId().get()).matches()) {
            return Optional.of("The meta_cloud transport needs the phone_number_id as Meta shows it (its digits).");
        }
        return Optional.empty();
    }

    /** A mistyped address should stop the gateway at start-up, not fail every message later. */
    static URI graphUrl(Map<String, String> settings) {
        String raw = setting(settings, GRAPH_URL).orElse(DEFAULT_GRAPH_URL);
        URI uri = URI.create(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException(GRAPH_URL + " must be an http or https address");
        }
        return uri;
    }

    /** An empty variable counts as unset, as it does in a container's environment file. */
    private static Optional<String> setting(Map<String, String> settings, String key) {
        return Optional.ofNullable(settings.get(key)).map(String::strip).filter(value -> !value.isEmpty());
    }
}
