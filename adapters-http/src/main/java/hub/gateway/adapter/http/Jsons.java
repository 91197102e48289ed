package hub.gateway.adapter.http;

import jakarta.json.spi.JsonProvider;

/**
 * One JSON provider for the whole edge. {@code jakarta.json.Json}'s static factories look the provider
 * up through ServiceLoader on every call, which showed up in the send path's profile.
 */
final class Jsons {
    static final JsonProvider JSON = JsonProvider.provider();

    private Jsons() {
    }
}
