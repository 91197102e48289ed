package hub.gateway.bootstrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A database dump as an operator takes one: PostgreSQL's own {@code pg_dump} of a test database, as text. Found at
 * {@code GATEWAY_TEST_PG_DUMP}, else the newest {@code /usr/lib/postgresql/<version>/bin/pg_dump}, else on the PATH;
 * it must be at least as new as the server. Where there is none (the embedded PostgreSQL of a clean CI run is newer
 * than the machine's client, and brings no pg_dump), the dump is every row of every table of the database in
 * PostgreSQL's own text form, read over JDBC (the data a data-only dump holds), so the test never skips.
 */
final class PgDump {
    private static final Pattern JDBC_URL = Pattern.compile("^jdbc:(postgresql://[^/?]+/[^?]*)(\\?.*)?$");
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    private PgDump() {
    }

    static String dump(String jdbcUrl, String user, String password) throws IOException, InterruptedException, SQLException {
        int serverMajor = serverMajor(jdbcUrl, user, password);
        Optional<Path> pgDump = candidates().stream().filter(p -> major(p).orElse(0) >= serverMajor).findFirst();
        if (pgDump.isEmpty()) {
            System.err.println("no pg_dump of PostgreSQL " + serverMajor + " or newer here (set GATEWAY_TEST_PG_DUMP): "
                    + "dumping every table's rows over JDBC instead");
            return everyRow(jdbcUrl, user, password);
        }
        Matcher url = JDBC_URL.matcher(jdbcUrl);
        if (!url.matches()) {
            throw new IllegalArgumentException("expected jdbc:postgresql://host[:port]/database");
        }
        Path out = Files.createTempFile("gateway-dump", ".sql");
        try {
            ProcessBuilder builder = new ProcessBuilder(pgDump.get().toString(), "--no-owner", "--username", user,
                    "--file", out.toString(), "--dbname", url.group(1)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("PGPASSWORD", password);
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("pg_dump did not finish within a minute");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("pg_dump exited with " + process.exitValue());
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Every row of every table outside PostgreSQL's own schemas, each as its composite text ({@code t::text}). */
    private static String everyRow(String jdbcUrl, String user, String password) throws SQLException {
        StringBuilder dump = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             Statement sql = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = sql.executeQuery("select format('%I.%I', table_schema, table_name)"
                    + " from information_schema.tables where table_type = 'BASE TABLE'"
                    + " and table_schema not in ('pg_catalog', 'information_schema')")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                dump.append("-- ").append(table).append('\n');
                try (ResultSet rows = sql.executeQuery("select t::text from " + table + " t")) {
                    while (rows.next()) {
                        dump.append(rows.getString(1)).append('\n');
                    }
                }
            }
        }
        return dump.toString();
    }

    private static List<Path> candidates() {
        List<Path> found = new ArrayList<>();
        Optional.ofNullable(System.getenv("GATEWAY_TEST_PG_DUMP")).filter(s -> !s.isBlank()).map(Path::of)
                .ifPresent(found::add);
        Path installed = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(installed)) {
            try (Stream<Path> versions = Files.list(installed)) {
                versions.map(v -> v.resolve("bin").resolve("pg_dump")).filter(Files::isExecutable)
                        .sorted(Comparator.comparing((Path p) -> major(p).orElse(0)).reversed())
                        .forEach(found::add);
            } catch (IOException e) {
                // Nothing found there: the PATH may still have one.
            }
        }
        Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "pg_dump")).filter(Files::isExecutable).findFirst().ifPresent(found::add);
        return found;
    }

    private static Optional<Integer> major(Path pgDump) {
        try {
            Process process = new ProcessBuilder(pgDump.toString(), "--version").redirectErrorStream(true).start();
            String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            Matcher matcher = VERSION.matcher(version);
            return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static int serverMajor(String jdbcUrl, String user, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("show server_version_num")) {
            row.next();
            return Integer.parseInt(row.getString(1)) / 10_000;
        }
    }
}
