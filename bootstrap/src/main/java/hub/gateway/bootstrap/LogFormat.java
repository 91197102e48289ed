package hub.gateway.bootstrap;

import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Logger;

/**
 * {@code GATEWAY_LOG_FORMAT}: {@code text} (unset: the default), the human-readable lines of
 * {@code java.util.logging.SimpleFormatter} as {@link Main} sets them up, or {@code json}, one JSON object per line
 * for a log collector ({@link JsonLogFormatter}, contract §11).
 */
public enum LogFormat {
    TEXT,
    JSON;

    static final String SETTING = "GATEWAY_LOG_FORMAT";

    static LogFormat from(String raw) {
        if (raw == null || raw.isBlank()) {
            return TEXT;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new GatewayConfig.ConfigurationException(SETTING + " must be text or json, was '" + raw + "'");
        };
    }

    /** Puts this format on the handlers of the given logger (the root logger's console handler, in Main). */
    void applyTo(Logger logger) {
        if (this == JSON) {
            for (Handler handler : logger.getHandlers()) {
                handler.setFormatter(new JsonLogFormatter());
            }
        }
    }
}
