package hub.gateway.domain.account;

import java.util.Objects;
import java.util.Optional;

/**
 * An instance's session on a WAHA server (contract §14): the server's base URL, the session (one phone), the key
 * WAHA's API asks for ({@code X-Api-Key}), and the key WAHA signs its events with ({@code X-Webhook-Hmac}). Both
 * keys are secrets: never shown by the API, never logged, so {@link #toString()} leaves them out.
 */
public record WahaAccount(Optional<String> url, Optional<String> session, Optional<String> apiKey,
                          Optional<String> webhookKey) {
    public static final WahaAccount NONE = new WahaAccount(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public WahaAccount {
        Objects.requireNonNull(url);
        Objects.requireNonNull(session);
        Objects.requireNonNull(apiKey);
        Objects.requireNonNull(webhookKey);
    }

    @Override
    public String toString() {
        return "WahaAccount[url=" + url.orElse("none") + ", session=" + session.orElse("none")
                + ", apiKey=" + (apiKey.isPresent() ? "(set)" : "none")
                + ", webhookKey=" + (webhookKey.isPresent() ? "(set)" : "none") + "]";
    }
}
