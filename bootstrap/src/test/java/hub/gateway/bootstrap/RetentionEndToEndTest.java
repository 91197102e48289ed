package hub.gateway.bootstrap;

import hub.gateway.bootstrap.GatewayUnderTest.Client;
import hub.gateway.bootstrap.GatewayUnderTest.Response;
import hub.gateway.testdb.Eventually;
import hub.gateway.testdb.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract §10's retention at work in a running gateway: the sweep removes a large backlog of expired rows
 * while clients keep sending, and no count of a window still open changes. The backlog's size is
 * {@code -Dretention.rows} (default 50,000; {@code scripts/benchmark-retention} runs it with millions and
 * reads the figures this test prints).
 */
class RetentionEndToEndTest {
    private static final int OLD_ROWS = Integer.getInteger("retention.rows", 50_000);
    private static final int SENDERS = 4;
    /** Sends before the backlog, which also warm the JVM up (the second gateway runs in the same JVM). */
    private static final int SENDS_BEFORE = Integer.getInteger("retention.sendsBefore", 200);

    @Test
    void aLargeBacklogIsSweptWhileSendsGoOnAndOpenWindowsKeepTheirCounts() throws Exception {
        TestDatabase db = TestDatabase.shared();
        String url = db.createDatabase();
        Client client;
        List<Long> before = Collections.synchronizedList(new ArrayList<>());
        try (GatewayUnderTest first = GatewayUnderTest.on(url)) {
            client = first.newClient("scale");
            first.setLimits(client.instanceId(), "{\"daily_limit\": 100000, \"monthly_limit\": 100000, \"per_minute_limit\": 100000}");
            // The same senders as during the sweep, for latencies to compare.
            try (ExecutorService senders = Executors.newFixedThreadPool(SENDERS)) {
                for (int i = 0; i < SENDS_BEFORE; i++) {
                    int n = i;
                    senders.submit(() -> before.add(timedSend(first, client, n)));
                }
            }
            assertEquals(SENDS_BEFORE, before.size());
        }
        long inserted = insertExpiredRows(url, db, client);
        assertEquals(OLD_ROWS, inserted);

        // A gateway starting on this database sweeps at once, and keeps sweeping while the senders send.
        AtomicInteger sentWhileBacklogRemained = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean swept = new AtomicBoolean();
        List<Long> during = Collections.synchronizedList(new ArrayList<>());
        long sweepStarted = System.nanoTime();
        long sweptAfterNanos;
        try (GatewayUnderTest second = GatewayUnderTest.on(url);
             ExecutorService senders = Executors.newFixedThreadPool(SENDERS)) {
            List<Future<?>> running = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                running.add(senders.submit(() -> {
                    for (int i = 0; !swept.get(); i++) {
                        during.add(timedSend(second, client, 1_000 + sender * 100_000 + i));
                        sent.incrementAndGet();
                        // Only a send answered while expired rows remained proves the sweep did not hold it up.
                        if (i % 10 == 0 && expiredRows(url, db) > 0) {
                            sentWhileBacklogRemained.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            Eventually.assertSeenWithin(Duration.ofMinutes(20), () -> expiredRows(url, db) == 0);
            sweptAfterNanos = System.nanoTime() - sweepStarted;
            swept.set(true);
            for (Future<?> sender : running) {
                sender.get();
            }

            assertTrue(sentWhileBacklogRemained.get() > 0, "sends were answered while the sweep was under way");
            int expected = SENDS_BEFORE + sent.get();
            Response usage = second.get(client.apiKey(), "/api/usage?instance_id=" + client.instanceId());
            assertEquals(expected, usage.json().getJsonObject("daily").getInt("used"), usage.body());
            assertEquals(expected, usage.json().getJsonObject("monthly").getInt("used"), usage.body());
            assertEquals(expected, count(url, db, "select count(*) from message_log where status = 'sent'"),
                    "every send of the open windows is still in the log");
            assertEquals(expected, count(url, db, "select count(*) from message_status where status = 'sent'"),
                    "with its history");
        }
        System.out.printf("retention sweep: %,d expired rows (each with 2 history entries and a risk event) removed in %.1f s"
                        + " (%,.0f rows/s) while %d senders sent %,d messages%n",
                OLD_ROWS, sweptAfterNanos / 1e9, OLD_ROWS / (sweptAfterNanos / 1e9), SENDERS, sent.get());
        System.out.printf("send latency before the backlog (%d senders): %s%n", SENDERS, percentiles(before));
        System.out.printf("send latency during the sweep (%d senders): %s%n", SENDERS, percentiles(during));
    }

    private static long timedSend(GatewayUnderTest gateway, Client client, int n) {
        long started = System.nanoTime();
        // Ends in 1: the sandbox fails numbers ending in 0000 on purpose. A text of its own per send.
        Response answer = gateway.send(client, String.format("+96650%06d1", n % 1_000_000), "Your order #" + n + " has shipped.",
                "transactional");
        long took = System.nanoTime() - started;
        assertEquals(200, answer.status(), answer.body());
        return took;
    }

    /**
     * As if the gateway had logged them 500 days ago: a delivered send with its history and its assessment. Their
     * ids are negative so that they come before the rows just sent, as rows logged earlier do.
     */
    private static long insertExpiredRows(String url, TestDatabase db, Client client) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, db.user(), db.password());
             PreparedStatement insert = connection.prepareStatement("""
                     with rows as (
                         insert into message_log (id, account_id, instance_id, phone, message_purpose, status,
                                                  message_id, created_at, content_hash)
                         select -g, ?, ?, '+96650' || lpad(g::text, 7, '0'), 'transactional', 'delivered',
                                'wamid.old.' || g, now() - interval '500 days' - g * interval '10 ms', g
                           from generate_series(1, ?) g
                         returning id, created_at),
                     history as (
                         insert into message_status (log_id, status, at)
                         select id, s, created_at from rows, unnest(array['sent', 'delivered']) s)
                     insert into risk_event (instance_id, at, score, action, signals, log_id)
                     select ?, created_at, 20, 'allow', '[]'::jsonb, id from rows
                     """)) {
            insert.setString(1, client.accountId());
            insert.setString(2, client.instanceId());
            insert.setInt(3, OLD_ROWS);
            insert.setString(4, client.instanceId());
            insert.executeUpdate();
        }
        return expiredRows(url, db);
    }

    private static long expiredRows(String url, TestDatabase db) {
        return count(url, db, "select count(*) from message_log where created_at < now() - interval '400 days'");
    }

    private static long count(String url, TestDatabase db, String sql) {
        try (Connection connection = DriverManager.getConnection(url, db.user(), db.password());
             ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String percentiles(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return String.format("n=%d p50 %.1f ms, p99 %.1f ms, max %.1f ms", sorted.size(),
                at(sorted, 0.50) / 1e6, at(sorted, 0.99) / 1e6, sorted.getLast() / 1e6);
    }

    private static long at(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }
}
