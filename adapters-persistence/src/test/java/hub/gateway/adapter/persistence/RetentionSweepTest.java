package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.ExpiredRecords;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The retention sweep's deletes on PostgreSQL: what is older than the cutoff goes, with everything that hangs
 * off it, and nothing younger is touched; two nodes sweeping at once remove every row exactly once.
 */
class RetentionSweepTest {
    private static final Instant NOW = Instant.now();
    private static final Instant CUTOFF = NOW.minus(Duration.ofDays(400));
    private static final int OLD_MESSAGES = 5_000;
    private static final int BATCH = 1_000;

    @RegisterExtension
    static final FreshDatabase database = new FreshDatabase();

    private ExpiredRecords records;

    @BeforeEach
    void emptyTables() throws SQLException {
        records = database.persistence().expiredRecords();
        database.jdbc().update("truncate message_status, risk_event, message_log, client_event, idempotency_key");
    }

    @Test
    void oldMessagesGoWithTheirHistoryAndAssessmentsAndTheYoungOnesStay() throws SQLException {
        String instance = database.fixtures().instance(database.fixtures().account(java.time.ZoneOffset.UTC)).id().value();
        insertMessages(instance, OLD_MESSAGES, "now() - interval '500 days'");
        // A row a minute younger than the cutoff: the first thing a sweep must not take.
        insertMessages(instance, 1, "now() - interval '399 days 23 hours 59 minutes'");
        insertMessages(instance, 40, "now()");

        int removed = sweep(records::removeMessagesBefore);

        assertEquals(OLD_MESSAGES, removed);
        var jdbc = database.jdbc();
        assertEquals(41, jdbc.count("select count(*) from message_log"));
        assertEquals(0, jdbc.count("select count(*) from message_log where created_at < now() - interval '400 days'"));
        assertEquals(82, jdbc.count("select count(*) from message_status"), "the young rows keep their history");
        assertEquals(41, jdbc.count("select count(*) from risk_event"), "the young rows keep their assessments");
        assertEquals(0, jdbc.count("select count(*) from message_status s where not exists "
                + "(select 1 from message_log m where m.id = s.log_id)"));
    }

    @Test
    void twoNodesSweepingAtOnceRemoveEveryRowExactlyOnce() throws Exception {
        String instance = database.fixtures().instance(database.fixtures().account(java.time.ZoneOffset.UTC)).id().value();
        insertMessages(instance, OLD_MESSAGES, "now() - interval '500 days'");
        // The second node has its own pool, as another gateway would.
        try (PostgresPersistence otherNode = database.jdbc().connect(2);
             ExecutorService nodes = Executors.newFixedThreadPool(2)) {
            ExpiredRecords other = otherNode.expiredRecords();
            List<Future<Integer>> sweeps = new ArrayList<>();
            for (ExpiredRecords node : List.of(records, other)) {
                sweeps.add(nodes.submit((Callable<Integer>) () -> sweep(node::removeMessagesBefore)));
            }
            int total = 0;
            for (Future<Integer> sweep : sweeps) {
                total += sweep.get();
            }
            assertEquals(OLD_MESSAGES, total, "every row counted once, by whichever node took it");
        }
        assertEquals(0, database.jdbc().count("select count(*) from message_log"));
    }

    @Test
    void standaloneRiskEventsFinishedWebhookEventsAndExpiredKeysGoPendingEventsStay() throws SQLException {
        String instance = database.fixtures().instance(database.fixtures().account(java.time.ZoneOffset.UTC)).id().value();
        var jdbc = database.jdbc();
        jdbc.update("""
                insert into risk_event (instance_id, at, score, action, signals)
                select ?, now() - (case when g <= 1500 then interval '500 days' else interval '1 day' end), 100,
                       'pause_instance', '[]'::jsonb
                  from generate_series(1, 3000) g
                """, instance);
        jdbc.update("""
                insert into client_event (instance_id, event_type, payload, status, next_attempt_at, created_at)
                select ?, 'recipient.opted_out', '{}'::jsonb,
                       (array['delivered', 'dead', 'pending'])[g % 3 + 1], now(),
                       now() - (case when g <= 2400 then interval '500 days' else interval '1 hour' end)
                  from generate_series(1, 3000) g
                """, instance);
        jdbc.update("""
                insert into idempotency_key (account_id, key, request_hash, state, status, body, created_at)
                select 'acc', 'key-' || g, 'hash', 'answered', 200, '{}',
                       now() - (case when g <= 2500 then interval '25 hours' else interval '23 hours' end)
                  from generate_series(1, 3000) g
                """);

        assertEquals(1500, sweep(records::removeRiskEventsBefore));
        assertEquals(1600, sweep(records::removeWebhookEventsBefore));
        assertEquals(2500, sweep((cutoff, batch) -> records.removeIdempotencyKeysBefore(NOW.minus(Duration.ofHours(24)), batch)));

        assertEquals(1500, jdbc.count("select count(*) from risk_event where at > now() - interval '2 days'"));
        assertEquals(800, jdbc.count("select count(*) from client_event where status = 'pending' and created_at < now() - interval '400 days'"),
                "an event still owed an attempt is never removed");
        assertEquals(600, jdbc.count("select count(*) from client_event where created_at > now() - interval '1 day'"));
        assertEquals(500, jdbc.count("select count(*) from idempotency_key"));
    }

    @FunctionalInterface
    private interface Batch {
        int remove(Instant cutoff, int batch);
    }

    /** Rounds until one removes nothing, as the gateway's job does; each round is one small batch. */
    private static int sweep(Batch batch) {
        int total = 0;
        int removed;
        do {
            removed = batch.remove(CUTOFF, BATCH);
            total += removed;
        } while (removed > 0);
        return total;
    }

    /** Each row with a 'sent' and a 'delivered' history entry and a risk event, as an assessed send has. */
    private static void insertMessages(String instance, int count, String createdAt) throws SQLException {
        var jdbc = database.jdbc();
        jdbc.update("""
                with rows as (
                    insert into message_log (account_id, instance_id, phone, message_purpose, status, message_id,
                                             created_at, content_hash)
                    select 'acc', ?, '+96650' || lpad(g::text, 7, '0'), 'transactional', 'delivered', 'wamid.' || g,
                           %1$s, g
                      from generate_series(1, ?) g
                    returning id, created_at),
                history as (
                    insert into message_status (log_id, status, at)
                    select id, s, created_at from rows, unnest(array['sent', 'delivered']) s)
                insert into risk_event (instance_id, at, score, action, signals, log_id)
                select ?, created_at, 20, 'allow', '[]'::jsonb, id from rows
                """.formatted(createdAt), instance, count, instance);
    }
}
