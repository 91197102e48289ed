package hub.gateway.bootstrap;

import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Logger;

/**
 * {@code GATEWAY_LOG_FORMAT}: {@code text} (unset: the default), the human-readable lines of
 * {@link TextLogFormatter}, or {@code json}, one JSON object per line
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

    /**
     * Puts this format on the handlers of the given logger (the root logger's console handler, in Main): JSON lines,
     * or the text lines of {@link TextLogFormatter} unless the operator gave SimpleFormatter a pattern of their own.
     */
    void applyTo(Logger logger) {
        if (this == TEXT && !TextLogFormatter.PATTERN.equals(System.getProperty("java.util.logging.SimpleFormatter.format"))) {
            return;
        }
        for (Handler handler : logger.getHandlers()) {
            handler.setFormatter(this == JSON ? new JsonLogFormatter() : new TextLogFormatter());
        }
    }
}
