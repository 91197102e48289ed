package hub.gateway.bootstrap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The default database: real PostgreSQL binaries from Maven Central, with data kept in
 * {@code <dataDir>/postgres} so that it survives restarts and a kill -9 (PostgreSQL's own crash recovery
 * replays its write-ahead log on the next start).
 */
final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class.getName());
    private static final Duration STALE_SERVER_GRACE = Duration.ofSeconds(15);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedDatabase start(Path dataDir) {
        Path directory = dataDir.resolve("postgres");
        try {
            Files.createDirectories(directory);
            stopStaleServer(directory);
            return new EmbeddedDatabase(startIn(directory));
        } catch (IOException first) {
            // A server killed a moment ago may still be releasing its files; one more try after it is gone.
            LOG.warning("embedded PostgreSQL did not start (" + first.getMessage() + "); trying once more");
            stopStaleServer(directory);
            try {
                return new EmbeddedDatabase(startIn(directory));
            } catch (IOException second) {
                throw new UncheckedIOException("embedded PostgreSQL could not start in " + directory, second);
            }
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    String user() {
        return "postgres";
    }

    String password() {
        return "";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warning("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }

    private static EmbeddedPostgres startIn(Path directory) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                // The library's defaults suit throw-away test databases (fsync off via -F, asynchronous
                // commit); the gateway's data must survive a crash, so both are switched back on.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
    }

    /**
     * A gateway killed with -9 can leave its PostgreSQL running or still shutting down, holding
     * postmaster.pid; wait for it to go, and stop it if it does not.
     */
    private static void stopStaleServer(Path directory) {
        Optional<ProcessHandle> stale = stalePostmaster(directory);
        if (stale.isEmpty()) {
            return;
        }
        LOG.info("a previous embedded PostgreSQL (pid " + stale.get().pid() + ") still runs; stopping it");
        stale.get().destroy();
        try {
            stale.get().onExit().get(STALE_SERVER_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            stale.get().destroyForcibly();
        }
    }

    private static Optional<ProcessHandle> stalePostmaster(Path directory) {
        Path pidFile = directory.resolve("postmaster.pid");
        try {
            List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.getFirst().strip());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
