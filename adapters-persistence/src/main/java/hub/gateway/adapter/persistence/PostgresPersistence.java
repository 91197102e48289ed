package hub.gateway.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import hub.gateway.application.port.out.AbandonedSends;
import hub.gateway.application.port.out.Accounts;
import hub.gateway.application.port.out.ApiKeys;
import hub.gateway.application.port.out.ConsoleSessions;
import hub.gateway.application.port.out.ExpiredRecords;
import hub.gateway.application.port.out.IdempotencyKeys;
import hub.gateway.application.port.out.Instances;
import hub.gateway.application.port.out.MessageLog;
import hub.gateway.application.port.out.OperatorAudit;
import hub.gateway.application.port.out.Operators;
import hub.gateway.application.port.out.Outbox;
import hub.gateway.application.port.out.SendGate;
import hub.gateway.application.port.out.RiskFacts;
import hub.gateway.application.port.out.RiskLedger;
import hub.gateway.application.port.out.StorageConnections;
import hub.gateway.application.port.out.StorageHealth;
import hub.gateway.application.port.out.StorageUnavailableException;
import hub.gateway.application.port.out.SuppressionList;
import hub.gateway.application.port.out.Templates;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import org.flywaydb.core.Flyway;

import javax.crypto.SecretKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's out-ports on PostgreSQL: one Hikari pool shared by Flyway, Helidon DbClient and the health
 * check. Every call either answers within the pool's timeouts or throws {@link StorageUnavailableException};
 * nothing waits for a database that is gone: once a call finds it unreachable, calls fail at once until a
 * background probe finds it back ({@link DatabaseAvailability}).
 */
public final class PostgresPersistence implements AutoCloseable {
    /**
     * How long one wait for a pool connection lasts. It bounds the first detection of an outage (calls after it fail
     * at once), so it is well inside the contract's 2 s answer; a pool that is only busy while the database answers is
     * waited for again, up to the request deadline ({@link Database}).
     */
    private static final long CONNECTION_TIMEOUT_MILLIS = 1_000;
    private static final String CONNECT_TIMEOUT_SECONDS = "2";
    private static final AtomicInteger POOLS = new AtomicInteger();
    private static final System.Logger LOG = System.getLogger(PostgresPersistence.class.getName());

    private final HikariDataSource dataSource;
    private final DatabaseAvailability availability;
    private final DbClient client;
    private final Accounts accounts;
    private final ApiKeys apiKeys;
    private final Instances instances;
    private final SendGate sendGate;
    private final MessageLog messageLog;
    private final StorageHealth storageHealth;
    private final SuppressionList suppressions;
    private final Outbox outbox;
    private final RiskFacts riskFacts;
    private final RiskLedger riskLedger;
    private final IdempotencyKeys idempotencyKeys;
    private final ExpiredRecords expiredRecords;
    private final AbandonedSends abandonedSends;
    private final Operators operators;
    private final OperatorAudit operatorAudit;
    private final ConsoleSessions consoleSessions;
    private final SecretSealer sealer;
    private final Database db;
    private final Templates templates;

    /** What the persistence tells about its grouped calls: how many reservations or markings each one held. */
    public interface Groups {
        Groups NONE = new Groups() {
            @Override
            public void reservationsCalled(int reservations) {
            }

            @Override
            public void markingsCalled(int markings) {
            }
        };

        void reservationsCalled(int reservations);

        void markingsCalled(int markings);
    }

    private PostgresPersistence(HikariDataSource dataSource, SecretKeys secretKeys, Groups groups,
                                Duration busyPoolPatience) {
        this.dataSource = dataSource;
        this.availability = new DatabaseAvailability(dataSource);
        this.client = JdbcClientBuilder.create().connectionPool(new HikariConnectionPool(dataSource)).build();
        Database db = new Database(client, availability, busyPoolPatience);
        this.db = db;
        this.sealer = new SecretSealer(secretKeys);
        this.accounts = new PgAccounts(db);
        this.apiKeys = new CachingApiKeys(new PgApiKeys(db));
        CachingInstances cachingInstances = new CachingInstances(new PgInstances(db, sealer));
        this.instances = cachingInstances;
        PgRiskFacts pgRiskFacts = new PgRiskFacts(db, Clock.systemUTC());
        this.riskFacts = pgRiskFacts;
        // What changes an instance's risk facts on this node is seen by its next send, not when the cache expires.
        this.sendGate = new PgSendGate(db, pgRiskFacts::forget, groups::reservationsCalled);
        this.messageLog = new PgMessageLog(db, pgRiskFacts::forget, groups::markingsCalled);
        this.storageHealth = new PgStorageHealth(availability);
        this.suppressions = new PgSuppressionList(db, pgRiskFacts::forget);
        this.outbox = new PgOutbox(db);
        this.riskLedger = new PgRiskLedger(db, cachingInstances::forget);
        this.idempotencyKeys = new PgIdempotencyKeys(db);
        this.expiredRecords = new PgExpiredRecords(db);
        this.abandonedSends = new PgAbandonedSends(db);
        this.operators = new PgOperators(db);
        this.operatorAudit = new PgOperatorAudit(db);
        this.consoleSessions = new PgConsoleSessions(db);
        this.templates = new CachingTemplates(new PgTemplates(db));
    }

    /**
     * Opens the pool, migrates the schema, seals under the current key every transport secret that is not yet
     * ({@link PgSecretResealing}), and returns the ports.
     *
     * @param secretKeys what transport secrets (access tokens) are sealed under: the database never sees them plain
     * @throws StorageUnavailableException when the database cannot be reached (within about two seconds)
     */
    public static PostgresPersistence connect(String jdbcUrl, String user, String password, int poolSize,
                                              SecretKeys secretKeys) {
        return connect(jdbcUrl, user, password, poolSize, secretKeys, Groups.NONE, Duration.ofMillis(CONNECTION_TIMEOUT_MILLIS));
    }

    /** As {@link #connect(String, String, String, int, SecretKeys)}, telling {@code groups} about its grouped calls. */
    public static PostgresPersistence connect(String jdbcUrl, String user, String password, int poolSize,
                                              SecretKeys secretKeys, Groups groups) {
        return connect(jdbcUrl, user, password, poolSize, secretKeys, groups, Duration.ofMillis(CONNECTION_TIMEOUT_MILLIS));
    }

    /**
     * As {@link #connect(String, String, String, int, SecretKeys, Groups)}; a call that finds the pool only busy
     * (while the database answers) waits for a connection up to {@code busyPoolPatience} in all before it is
     * answered as unavailable — the request deadline, so that a busy pool refuses no send that could still be made.
     */
    public static PostgresPersistence connect(String jdbcUrl, String user, String password, int poolSize,
                                              SecretKeys secretKeys, Groups groups, Duration busyPoolPatience) {
        Objects.requireNonNull(secretKeys);
        Objects.requireNonNull(groups);
        Objects.requireNonNull(busyPoolPatience);
        HikariDataSource dataSource = openPool(jdbcUrl, user, password, poolSize);
        PostgresPersistence persistence = null;
        try {
            migrate(dataSource);
            persistence = new PostgresPersistence(dataSource, secretKeys, groups, busyPoolPatience);
            persistence.resealSecrets();
            return persistence;
        } catch (RuntimeException e) {
            if (persistence != null) {
                persistence.close();
            } else {
                dataSource.close();
            }
            throw StorageFailures.translate(e);
        }
    }

    /**
     * The keys transport secrets are sealed under (AES-256). {@code previous} only opens: what it sealed is sealed
     * again under {@code current} at the next start.
     */
    public record SecretKeys(SecretKey current, Optional<SecretKey> previous) {
        private static final int KEY_BYTES = 32;

        public SecretKeys {
            check(Objects.requireNonNull(current));
            Objects.requireNonNull(previous).ifPresent(SecretKeys::check);
        }

        /** The short name of the current key that every sealed value carries; not secret. */
        public String currentKeyId() {
            return SecretSealer.keyId(current);
        }

        private static void check(SecretKey key) {
            byte[] encoded = key.getEncoded();
            if (!"AES".equals(key.getAlgorithm()) || encoded == null || encoded.length != KEY_BYTES) {
                throw new IllegalArgumentException("a secret key is 32 bytes for AES");
            }
        }

        @Override
        public String toString() {
            return "SecretKeys[current=" + currentKeyId() + ", previous="
                    + previous.map(SecretSealer::keyId).orElse("none") + "]";
        }
    }

    public Accounts accounts() {
        return accounts;
    }

    /** Cached for less than a second: a revoke on another node is seen within the contract's one second. */
    public ApiKeys apiKeys() {
        return apiKeys;
    }

    /** Cached for less than a second: a pause on another node is seen within the contract's one second. */
    public Instances instances() {
        return instances;
    }

    public SendGate sendGate() {
        return sendGate;
    }

    public MessageLog messageLog() {
        return messageLog;
    }

    public StorageHealth storageHealth() {
        return storageHealth;
    }

    /** Uncached: a change is seen at once, and the send path reads suppressions inside the quota reservation. */
    public SuppressionList suppressions() {
        return suppressions;
    }

    /** The webhook dispatcher's side of the outbox; safe to use from any number of nodes at once. */
    public Outbox outbox() {
        return outbox;
    }

    /**
     * Cached for five seconds per instance: rates over dozens of sends move slowly. Windows end at this
     * node's clock.
     */
    public RiskFacts riskFacts() {
        return riskFacts;
    }

    /** A pause is seen at once by this node's {@link #instances()}, and within a second by the others'. */
    public RiskLedger riskLedger() {
        return riskLedger;
    }

    /** Uncached: a claim is exact across nodes. */
    public IdempotencyKeys idempotencyKeys() {
        return idempotencyKeys;
    }

    /** The retention sweep's deletes: small batches, oldest first, safe to run on every node at once. */
    public ExpiredRecords expiredRecords() {
        return expiredRecords;
    }

    /** The limbo sweep's rows; safe to sweep from any number of nodes at once. */
    public AbandonedSends abandonedSends() {
        return abandonedSends;
    }

    /**
     * The pool's own counts (Hikari's pool bean), never a statement: it answers at once, also while the database is
     * gone. A closed pool has no connections.
     */
    public StorageConnections storageConnections() {
        return () -> {
            HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
            if (pool == null || dataSource.isClosed()) {
                return StorageConnections.Counts.NONE;
            }
            return new StorageConnections.Counts(pool.getActiveConnections(), pool.getIdleConnections(),
                    pool.getThreadsAwaitingConnection());
        };
    }

    /** Uncached: a revoke is seen by every node's next {@code /admin} call. */
    public Operators operators() {
        return operators;
    }

    /** Append-only, kept for good. */
    public OperatorAudit operatorAudit() {
        return operatorAudit;
    }

    /** Uncached: a sign-out or an operator's revoke ends a session on every node at once. */
    public ConsoleSessions consoleSessions() {
        return consoleSessions;
    }

    /**
     * Cached for less than a second, as instances are: a template paused or deleted on another node is refused by
     * this node's sends within the same second as a pause of its instance.
     */
    public Templates templates() {
        return templates;
    }

    /** Closes the pool; afterwards every port throws StorageUnavailableException and health answers false. */
    @Override
    public void close() {
        availability.close();
        client.close();
        dataSource.close();
    }

    private void resealSecrets() {
        PgSecretResealing.Outcome outcome = new PgSecretResealing(db, sealer).resealAll();
        LOG.log(System.Logger.Level.INFO, "transport secrets are sealed under key {0}{1}: {2} sealed again at this "
                        + "start, {3} cannot be opened", sealer.currentKeyId(),
                sealer.previousKeyId().map(id -> " (previous key " + id + ")").orElse(""),
                String.valueOf(outcome.resealed()), String.valueOf(outcome.unreadable()));
    }

    private static HikariDataSource openPool(String jdbcUrl, String user, String password, int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("pool size must be at least 1");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("gateway-db-" + POOLS.incrementAndGet());
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setValidationTimeout(CONNECTION_TIMEOUT_MILLIS / 2);
        // Bounds the driver's own TCP connect and login, which Hikari's timeout does not interrupt.
        config.addDataSourceProperty("connectTimeout", CONNECT_TIMEOUT_SECONDS);
        config.addDataSourceProperty("loginTimeout", CONNECT_TIMEOUT_SECONDS);
        config.addDataSourceProperty("tcpKeepAlive", "true");
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            // Hikari's message may include the URL; the cause keeps the detail for whoever needs it.
            throw new StorageUnavailableException("cannot connect to the database", e);
        }
    }

    private static void migrate(HikariDataSource dataSource) {
        Flyway.configure(PostgresPersistence.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }
}
