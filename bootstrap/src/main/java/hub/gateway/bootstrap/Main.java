package hub.gateway.bootstrap;

import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Starts the gateway from the environment and runs until stopped (Ctrl-C or SIGTERM stop it gracefully). */
public final class Main {
    static {
        // One line per record, UTC timestamps first; set before the first logger is made.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", TextLogFormatter.PATTERN);
        }
        // helidon-logging-jul (there for its MDC, see LogFormat) would otherwise re-read a logging.properties it
        // finds in the working directory when the server starts, dropping the handlers and format set up here.
        if (System.getProperty("io.helidon.logging.config.disabled") == null) {
            System.setProperty("io.helidon.logging.config.disabled", "true");
        }
    }

    private static final Logger LOG = Logger.getLogger(Main.class.getName());
    /** The embedded database narrates initdb and every start line by line; its warnings are enough. */
    private static final Logger EMBEDDED_DATABASE_LOG = quiet("io.zonky.test.db.postgres");

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.WARNING);
        return logger;
    }

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        GatewayConfig config;
        Gateway gateway;
        try {
            config = GatewayConfig.fromEnvironment(System.getenv());
            // Before the gateway starts, so that every line of the start is already in the chosen format.
            config.logFormat().applyTo(Logger.getLogger(""));
            gateway = Gateway.start(config);
        } catch (GatewayConfig.ConfigurationException e) {
            configurationError(e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "the gateway could not start", e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping: finishing requests in flight");
            gateway.close();
            stopped.countDown();
        }, "gateway-shutdown"));
        printWelcome(config, gateway);
        stopped.await();
    }

    /**
     * A configuration that cannot be used stops the start. With {@code GATEWAY_LOG_FORMAT=json} (even when that is the
     * only setting that could be read) it says so as a JSON line like every other line the gateway prints.
     */
    private static void configurationError(String message) {
        String raw = System.getenv(LogFormat.SETTING);
        if (raw != null && raw.strip().equalsIgnoreCase("json")) {
            java.util.logging.LogRecord record = new java.util.logging.LogRecord(Level.SEVERE, "configuration error: " + message);
            record.setLoggerName(Main.class.getName());
            System.err.print(new JsonLogFormatter().format(record));
        } else {
            System.err.println("configuration error: " + message);
        }
    }

    private static void printWelcome(GatewayConfig config, Gateway gateway) {
        String base = "http://localhost:" + gateway.port();
        StringBuilder text = new StringBuilder("\nhub WhatsApp Gateway is listening on " + base + "\n");
        text.append(config.usesEmbeddedDatabase()
                ? "database: embedded PostgreSQL in " + config.dataDir().resolve("postgres") + "\n"
                : "database: external (GATEWAY_DB_URL)\n");
        text.append("health and metrics: http://localhost:").append(gateway.managementPort())
                .append("/observe/health, /observe/metrics")
                .append(gateway.managementPort() == gateway.port() ? "\n" : " (GATEWAY_MANAGEMENT_PORT)\n");
        gateway.adminTokenFile().ifPresent(f -> text.append("admin token: ").append(f).append('\n'));
        SecretKeySettings.keyFile(config).ifPresent(f -> text.append("secret key (access tokens are encrypted under it;")
                .append(" back it up with the database): ").append(f).append('\n'));
        gateway.demoKeyFile().ifPresent(f -> text
                .append("demo API key: ").append(f).append("\n\nsend the demo message:\n")
                .append("curl -s ").append(base).append("/api/send-message \\\n")
                .append("  -H \"Authorization: Bearer $(cat ").append(f).append(")\" \\\n")
                .append("  -H 'Content-Type: application/json' \\\n")
                .append("  -d '{\"instance_id\": \"").append(DemoProvisioning.INSTANCE_ID)
                .append("\", \"phone\": \"+966501234567\", \"message\": \"Your order #2041 has been shipped.\",")
                .append(" \"message_purpose\": \"transactional\"}'\n"));
        if (config.logFormat() == LogFormat.JSON) {
            // Everything the gateway prints is a JSON line then, the welcome too: one record, its lines in the message.
            LOG.info(text.toString().strip());
        } else {
            System.out.println(text);
        }
    }
}
