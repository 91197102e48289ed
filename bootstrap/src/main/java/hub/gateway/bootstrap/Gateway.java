package hub.gateway.bootstrap;

import hub.gateway.adapter.http.GatewayHttp;
import hub.gateway.adapter.persistence.PostgresPersistence;
import hub.gateway.application.UseCases;
import hub.gateway.application.factory.ApplicationFactory;
import hub.gateway.application.port.out.Transports;
import hub.gateway.application.spi.TransportProvider;
import hub.gateway.domain.webhook.RetrySchedule;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.logging.Logger;

/** The composition root: builds every adapter and use case by hand, and stops them in reverse order. */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Gateway.class.getName());
    static final String ADMIN_TOKEN_FILE = "admin-token";
    private static final Duration RETENTION_IDLE_PAUSE = Duration.ofMinutes(1);
    private static final Duration RETENTION_BATCH_PAUSE = Duration.ofMillis(100);
    /**
     * Between idle rounds of the limbo sweep: a row is resolved at most this long after twice the deadline. A
     * backlog (after a long outage) is worked off in consecutive rounds.
     */
    static final Duration LIMBO_SWEEP_PAUSE = Duration.ofSeconds(1);

    private final Optional<EmbeddedDatabase> embedded;
    private final PostgresPersistence persistence;
    private final GatewayHttp http;
    private final List<PeriodicJob> jobs;
    private final Optional<Path> adminTokenFile;
    private final Optional<Path> demoKeyFile;

    private Gateway(Optional<EmbeddedDatabase> embedded, PostgresPersistence persistence, GatewayHttp http,
                    List<PeriodicJob> jobs, Optional<Path> adminTokenFile, Optional<Path> demoKeyFile) {
        this.embedded = embedded;
        this.persistence = persistence;
        this.http = http;
        this.jobs = jobs;
        this.adminTokenFile = adminTokenFile;
        this.demoKeyFile = demoKeyFile;
    }

    public static Gateway start(GatewayConfig config) {
        // First: a key file that cannot be read stops the start before anything else is started.
        PostgresPersistence.SecretKeys secretKeys = SecretKeySettings.keys(config);
        Optional<EmbeddedDatabase> embedded = config.usesEmbeddedDatabase()
                ? Optional.of(EmbeddedDatabase.start(config.dataDir()))
                : Optional.empty();
        try {
            String url = embedded.map(EmbeddedDatabase::jdbcUrl).orElseGet(() -> config.databaseUrl().orElseThrow());
            String user = embedded.map(EmbeddedDatabase::user).orElse(config.databaseUser());
            String password = embedded.map(EmbeddedDatabase::password).orElse(config.databasePassword());
            // The application tells it what happens, the persistence how its calls were grouped; the edge counts its
            // answers and serves the scrape; closed with the gateway.
            GatewayHttp.Metrics metrics = new GatewayHttp.Metrics();
            PostgresPersistence persistence;
            try {
                persistence = PostgresPersistence.connect(url, user, password, config.poolSize(), secretKeys,
                        new PostgresPersistence.Groups() {
                            @Override
                            public void reservationsCalled(int reservations) {
                                metrics.reservationsCalled(reservations);
                            }

                            @Override
                            public void markingsCalled(int markings) {
                                metrics.markingsCalled(markings);
                            }
                        }, config.requestDeadline());
            } catch (RuntimeException e) {
                metrics.close();
                throw e;
            }
            try {
                Optional<Path> adminTokenFile = Optional.empty();
                Optional<String> adminToken = config.adminToken();
                if (adminToken.isEmpty() && embedded.isPresent()) {
                    adminTokenFile = Optional.of(config.dataDir().resolve(ADMIN_TOKEN_FILE));
                    adminToken = Optional.of(SecretFiles.read(adminTokenFile.get()).orElseGet(() -> newAdminToken(config)));
                } else if (adminToken.isEmpty()) {
                    LOG.warning("GATEWAY_ADMIN_TOKEN is not set: the admin API answers 401 to every call but those of stored operators");
                }

                UseCases useCases = ApplicationFactory.create(new UseCases.Ports(
                        persistence.accounts(), persistence.apiKeys(), persistence.instances(),
                        persistence.sendGate(), persistence.messageLog(), loadTransports(config.settings()),
                        persistence.storageHealth(), persistence.suppressions(), persistence.outbox(),
                        GatewayHttp.webhookSender(config.webhookAllowPrivate()),
                        GatewayHttp.webhookDestinations(config.webhookAllowPrivate()),
                        persistence.riskFacts(), persistence.riskLedger(),
                        persistence.idempotencyKeys(), persistence.expiredRecords(), persistence.abandonedSends(),
                        persistence.storageConnections(), metrics, persistence.operators(), persistence.operatorAudit(),
                        persistence.consoleSessions(), persistence.templates(), Clock.systemUTC()),
                        new UseCases.Policies(config.keywords(), RetrySchedule.DEFAULT, config.riskPolicy(),
                                config.requestDeadline(), Duration.ofDays(config.logRetentionDays()),
                                config.riskAssessment(), adminToken));
                if (!config.riskAssessment()) {
                    LOG.warning("GATEWAY_RISK_ASSESSMENT=off: sends skip the risk assessment (step 9); a benchmark "
                            + "baseline only, never for production");
                }

                Optional<Path> demoKeyFile = Optional.empty();
                if (embedded.isPresent() && persistence.accounts().isEmpty()) {
                    DemoProvisioning.provision(useCases, config.dataDir());
                }
                if (embedded.isPresent()) {
                    demoKeyFile = Optional.of(config.dataDir().resolve(DemoProvisioning.KEY_FILE)).filter(java.nio.file.Files::exists);
                }

                GatewayHttp http = GatewayHttp.start(useCases, new GatewayHttp.Settings(config.port(),
                        config.requestDeadline(), config.managementPort()), metrics);
                return new Gateway(embedded, persistence, http, startJobs(useCases), adminTokenFile, demoKeyFile);
            } catch (RuntimeException e) {
                metrics.close();
                persistence.close();
                throw e;
            }
        } catch (RuntimeException e) {
            embedded.ifPresent(EmbeddedDatabase::close);
            throw e;
        }
    }

    public int port() {
        return http.port();
    }

    /** Where {@code /observe} answers: the management port when one is set, else the main port. */
    public int managementPort() {
        return http.managementPort();
    }

    public Optional<Path> adminTokenFile() {
        return adminTokenFile;
    }

    public Optional<Path> demoKeyFile() {
        return demoKeyFile;
    }

    /**
     * Stops taking requests, lets those in flight finish, stops the webhook dispatcher (an event in flight
     * is finished or, if cut off, delivered again after its lease) and the limbo sweep, then closes the pool and
     * the database.
     */
    @Override
    public void close() {
        http.close();
        jobs.forEach(PeriodicJob::close);
        persistence.close();
        embedded.ifPresent(EmbeddedDatabase::close);
    }

    /** The background work every node does; each claims its work in the database, so nodes never collide. */
    private static List<PeriodicJob> startJobs(UseCases useCases) {
        return List.of(
                // A round every quarter second, or at once after a round that found work. Nodes never deliver the
                // same event at the same time (the outbox leases what it hands out).
                PeriodicJob.start("webhook-dispatcher", Duration.ofMillis(250), useCases.deliverWebhooks()::deliverDue),
                // A backlog (the first start after an upgrade, a long outage) is removed in batches with a pause
                // between them, so that sends keep most of the database.
                PeriodicJob.start("retention-sweep", RETENTION_IDLE_PAUSE, RETENTION_BATCH_PAUSE,
                        useCases.sweepExpiredRecords()::sweepOnce),
                // Every node sweeps; the database lets one round at a time through and hands out each row once.
                PeriodicJob.start("limbo-sweep", LIMBO_SWEEP_PAUSE, () -> useCases.sweepLimbo().sweep().more() ? 1 : 0));
    }

    private static String newAdminToken(GatewayConfig config) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = "gadm_" + HexFormat.of().formatHex(random);
        SecretFiles.write(config.dataDir().resolve(ADMIN_TOKEN_FILE), token);
        return token;
    }

    /** Every transport on the module path (or class path) that announces itself, by name. */
    static Transports loadTransports(Map<String, String> settings) {
        Map<String, TransportProvider> providers = new TreeMap<>();
        for (TransportProvider provider : ServiceLoader.load(TransportProvider.class)) {
            if (providers.putIfAbsent(provider.name(), provider) != null) {
                throw new IllegalStateException("two transports are named " + provider.name());
            }
        }
        LOG.info("transports: " + providers.keySet());
        return new LoadedTransports(Map.copyOf(providers), settings);
    }

}
