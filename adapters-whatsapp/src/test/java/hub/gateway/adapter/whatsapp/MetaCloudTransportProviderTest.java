package hub.gateway.adapter.whatsapp;

import hub.gateway.application.spi.TransportProvider;
import hub.gateway.domain.account.TransportAccount;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetaCloudTransportProviderTest {
    private static final String TOKEN = "EAAGm0PX4ZCpsBAsecretTOKENvalue123";
    private final MetaCloudTransportProvider provider = new MetaCloudTransportProvider();

    @Test
    void isFoundThroughServiceLoaderAsMetaCloud() {
        assertTrue(ServiceLoader.load(TransportProvider.class).stream()
                .anyMatch(p -> p.get().name().equals("meta_cloud")));
    }

    @Test
    void aCompleteAccountHasNoProblem() {
        assertEquals(Optional.empty(), provider.problemWith(account("106540352242922", TOKEN)));
    }

    @Test
    void eachMissingPartIsNamedAndTheTokenIsNeverEchoed() {
        assertTrue(provider.problemWith(TransportAccount.NONE).orElseThrow().contains("phone_number_id and access_token"));
        assertTrue(provider.problemWith(account("106540352242922", null)).orElseThrow().contains("access_token"));
        String noId = provider.problemWith(account(null, TOKEN)).orElseThrow();
        assertTrue(noId.contains("phone_number_id"));
        assertFalse(noId.contains(TOKEN));
        assertTrue(provider.problemWith(account("  ", " ")).isPresent());
        assertTrue(provider.problemWith(account("1065/../x", TOKEN)).isPresent());
    }

    @Test
    void theGraphUrlDefaultsToMetasAndLosesATrailingSlash() {
        assertEquals(URI.create("https://graph.facebook.com/v21.0"), MetaCloudTransportProvider.graphUrl(Map.of()));
        assertEquals(URI.create("https://graph.facebook.com/v21.0"),
                MetaCloudTransportProvider.graphUrl(Map.of(MetaCloudTransportProvider.GRAPH_URL, " ")));
        assertEquals(URI.create("http://127.0.0.1:8089/v21.0"),
                MetaCloudTransportProvider.graphUrl(Map.of(MetaCloudTransportProvider.GRAPH_URL, "http://127.0.0.1:8089/v21.0/")));
        assertThrows(IllegalArgumentException.class,
                () -> MetaCloudTransportProvider.graphUrl(Map.of(MetaCloudTransportProvider.GRAPH_URL, "graph.facebook.com")));
    }

    @Test
    void createsTheTransportAndItsWebhooks() {
        assertInstanceOf(MetaCloudTransport.class, provider.create(Map.of()));
        assertInstanceOf(MetaWebhooks.class, provider.webhooks(Map.of()).orElseThrow());
    }

    private static TransportAccount account(String phoneNumberId, String token) {
        return new TransportAccount(Optional.ofNullable(phoneNumberId), Optional.ofNullable(token));
    }
}
