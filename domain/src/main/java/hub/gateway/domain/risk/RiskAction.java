package hub.gateway.domain.risk;

import java.util.Locale;

/** What the gateway does about a request, as reported in every refusal's details. */
public enum RiskAction {
    ALLOW,
    THROTTLE,
    BLOCK,
    PAUSE_INSTANCE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
