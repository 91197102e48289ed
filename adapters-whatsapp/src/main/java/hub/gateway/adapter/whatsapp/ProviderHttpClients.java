package hub.gateway.adapter.whatsapp;

import java.net.http.HttpClient;
import java.time.Duration;

/** The HTTP client every provider call goes through (Meta's Cloud API, its template list, WAHA). */
final class ProviderHttpClients {
    private ProviderHttpClients() {
    }

    /**
     * HTTP/1.1, the given connect time-out, and no redirects: every request carries the instance's credential (a
     * bearer token, an API key), which a redirect would hand to wherever the provider's address pointed. The JDK
     * client never resends a POST on its own.
     */
    static HttpClient withoutRedirects(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }
}
