package hub.gateway.bootstrap;

import hub.gateway.application.policy.RiskPolicyFile;
import hub.gateway.application.spi.TransportTimeouts;
import hub.gateway.domain.risk.RiskPolicy;
import hub.gateway.domain.suppression.OptOutKeywords;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the gateway reads from its environment (contract §1). Unset database URL means the embedded
 * PostgreSQL in {@code dataDir}.
 *
 * @param requestDeadline  {@code GATEWAY_REQUEST_DEADLINE_MS} (contract §10): a send whose reservation completes
 *                         later than this after the request arrived is not handed to the transport
 * @param logRetentionDays {@code GATEWAY_LOG_RETENTION_DAYS} (contract §10): message-log rows older than this
 *                         are removed in the background
 * @param riskAssessment   {@code GATEWAY_RISK_ASSESSMENT} ({@code on}, the default, or {@code off}): off leaves step
 *                         9 out of every send — no assessment, no behaviour facts, no duplicate-content fingerprint.
 *                         A benchmark baseline only (scripts/benchmark-step9-cost), never a production setting
 */
public record GatewayConfig(int port,
                            Optional<String> databaseUrl,
                            String databaseUser,
                            String databasePassword,
                            int poolSize,
                            Path dataDir,
                            Optional<String> adminToken,
                            boolean webhookAllowPrivate,
                            OptOutKeywords keywords,
                            RiskPolicy riskPolicy,
                            Duration requestDeadline,
                            int logRetentionDays,
                            boolean riskAssessment,
                            Map<String, String> settings) {

    static final String MANAGEMENT_PORT = "GATEWAY_MANAGEMENT_PORT";

    public static GatewayConfig fromEnvironment(Map<String, String> env) {
        // Read now so that a wrong value stops the start, like every other setting; kept in settings.
        LogFormat.from(env.get(LogFormat.SETTING));
        int port = intSetting(env, "GATEWAY_PORT", 8080, 0, 65535);
        managementPort(env, port);
        SecretKeySettings.check(env, nonBlank(env, "GATEWAY_DB_URL").isEmpty());
        transportTimeouts(env);
        return new GatewayConfig(
                port,
                nonBlank(env, "GATEWAY_DB_URL"),
                nonBlank(env, "GATEWAY_DB_USER").orElse("postgres"),
                env.getOrDefault("GATEWAY_DB_PASSWORD", ""),
                intSetting(env, "GATEWAY_DB_POOL_SIZE", 8, 1, 64),
                Path.of(nonBlank(env, "GATEWAY_DATA_DIR").orElse("./data")).toAbsolutePath().normalize(),
                nonBlank(env, "GATEWAY_ADMIN_TOKEN"),
                booleanSetting(env, "GATEWAY_WEBHOOK_ALLOW_PRIVATE"),
                OptOutKeywords.of(
                        listSetting(env, "GATEWAY_OPT_OUT_KEYWORDS").orElse(OptOutKeywords.DEFAULT_OPT_OUT),
                        listSetting(env, "GATEWAY_OPT_IN_KEYWORDS").orElse(OptOutKeywords.DEFAULT_OPT_IN)),
                riskPolicy(env),
                Duration.ofMillis(intSetting(env, "GATEWAY_REQUEST_DEADLINE_MS", 5_000, 100, 120_000)),
                intSetting(env, "GATEWAY_LOG_RETENTION_DAYS", 400, 1, 36_500),
                onOffSetting(env, "GATEWAY_RISK_ASSESSMENT", true),
                Map.copyOf(env));
    }

    /** {@code GATEWAY_LOG_FORMAT}: {@code text} (the default) or {@code json} (contract §11). */
    public LogFormat logFormat() {
        return LogFormat.from(settings.get(LogFormat.SETTING));
    }

    /**
     * {@code GATEWAY_MANAGEMENT_PORT} (contract §11): the port every route of {@code /observe} moves to, off the
     * public one; empty (unset): they stay on the main port. 0 picks any free port.
     */
    public Optional<Integer> managementPort() {
        return managementPort(settings, port);
    }

    private static Optional<Integer> managementPort(Map<String, String> env, int port) {
        if (nonBlank(env, MANAGEMENT_PORT).isEmpty()) {
            return Optional.empty();
        }
        int management = intSetting(env, MANAGEMENT_PORT, 0, 0, 65535);
        if (management != 0 && management == port) {
            throw new ConfigurationException(MANAGEMENT_PORT + " must differ from GATEWAY_PORT (" + port
                    + "): unset it to keep /observe on the main port");
        }
        return Optional.of(management);
    }

    /** The settings' names only: values include the admin token, the database password and the secret keys. */
    @Override
    public String toString() {
        return "GatewayConfig[port=" + port + ", embedded database=" + usesEmbeddedDatabase() + ", dataDir=" + dataDir
                + ", settings=" + new java.util.TreeSet<>(settings.keySet()) + "]";
    }

    public boolean usesEmbeddedDatabase() {
        return databaseUrl.isEmpty();
    }

    public GatewayConfig withPort(int newPort) {
        return new GatewayConfig(newPort, databaseUrl, databaseUser, databasePassword, poolSize, dataDir, adminToken,
                webhookAllowPrivate, keywords, riskPolicy, requestDeadline, logRetentionDays, riskAssessment,
                settings);
    }

    /**
     * {@code GATEWAY_TRANSPORT_CONNECT_TIMEOUT_MS} and {@code GATEWAY_TRANSPORT_READ_TIMEOUT_MS} (contract §13):
     * every transport reads them from the settings it is given; checked here so that a wrong one stops the start.
     */
    static TransportTimeouts transportTimeouts(Map<String, String> env) {
        try {
            return TransportTimeouts.from(env);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    private static Optional<String> nonBlank(Map<String, String> env, String key) {
        return Optional.ofNullable(env.get(key)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** The shipped policy, or GATEWAY_POLICY_FILE; a file that cannot be used stops the start with its fault. */
    private static RiskPolicy riskPolicy(Map<String, String> env) {
        Optional<String> file = nonBlank(env, "GATEWAY_POLICY_FILE");
        if (file.isEmpty()) {
            return RiskPolicyFile.defaults();
        }
        try (Reader reader = Files.newBufferedReader(Path.of(file.get()), StandardCharsets.UTF_8)) {
            return RiskPolicyFile.parse(reader);
        } catch (IOException e) {
            throw new ConfigurationException("GATEWAY_POLICY_FILE " + file.get() + " cannot be read: " + e.getMessage());
        } catch (RiskPolicyFile.PolicyException e) {
            throw new ConfigurationException("GATEWAY_POLICY_FILE " + file.get() + ": " + e.getMessage());
        }
    }

    private static boolean booleanSetting(Map<String, String> env, String key) {
        Optional<String> raw = nonBlank(env, key);
        if (raw.isEmpty()) {
            return false;
        }
        return switch (raw.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException(key + " must be true or false, was '" + raw.get() + "'");
        };
    }

    private static boolean onOffSetting(Map<String, String> env, String key, boolean fallback) {
        Optional<String> raw = nonBlank(env, key);
        if (raw.isEmpty()) {
            return fallback;
        }
        return switch (raw.get().toLowerCase(java.util.Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new ConfigurationException(key + " must be on or off, was '" + raw.get() + "'");
        };
    }

    /** Comma-separated, so that keywords of several words ("OPT OUT", "إلغاء الاشتراك") fit. */
    private static Optional<List<String>> listSetting(Map<String, String> env, String key) {
        return nonBlank(env, key).map(raw -> Arrays.stream(raw.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList())
                .filter(list -> !list.isEmpty());
    }

    private static int intSetting(Map<String, String> env, String key, int fallback, int min, int max) {
        Optional<String> raw = nonBlank(env, key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                throw new ConfigurationException(key + " must be between " + min + " and " + max + ", was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key + " must be a whole number, was '" + raw.get() + "'");
        }
    }

    /** A setting the operator must fix; main prints the message alone, without a stack trace. */
    public static final class ConfigurationException extends RuntimeException {
        public ConfigurationException(String message) {
            super(message);
        }
    }
}
