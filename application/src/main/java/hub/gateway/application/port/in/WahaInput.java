package hub.gateway.application.port.in;

import java.util.Objects;

/**
 * The {@code waha_*} fields of an instance's create or update call (contract §14): the WAHA server's base URL, the
 * session, the API key and the webhook (HMAC) key, each as the request gave it.
 */
public record WahaInput(Input url, Input session, Input apiKey, Input webhookKey) {
    public static final WahaInput MISSING = new WahaInput(Input.MISSING, Input.MISSING, Input.MISSING, Input.MISSING);

    public WahaInput {
        Objects.requireNonNull(url);
        Objects.requireNonNull(session);
        Objects.requireNonNull(apiKey);
        Objects.requireNonNull(webhookKey);
    }
}
