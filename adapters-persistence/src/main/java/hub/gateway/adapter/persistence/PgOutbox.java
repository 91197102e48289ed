package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.Outbox;
import hub.gateway.domain.account.InstanceId;
import io.helidon.dbclient.DbRow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The outbox on PostgreSQL. Order per instance comes from claiming only an instance's head (its oldest
 * pending event): while the head is leased, waiting for a retry, or failing, nothing behind it moves. Nodes
 * never share an event: the claim locks the heads it takes with {@code FOR UPDATE SKIP LOCKED} and leases
 * them in the same statement, and the lease keeps them out of later claims until it runs out.
 */
final class PgOutbox implements Outbox {
    /**
     * heads: each instance's oldest pending event. The lock then re-reads each candidate row (READ COMMITTED
     * re-checks the WHERE of a row another claim changed meanwhile), which is why status and lease are tested
     * on {@code e}, not only in heads: a head another node just leased or delivered drops out here.
     */
    private static final String CLAIM = """
            with heads as (
                select distinct on (instance_id) id
                  from client_event
                 where status = 'pending'
                 order by instance_id, id),
            due as (
                select e.id
                  from client_event e join heads h on h.id = e.id
                 where e.status = 'pending'
                   and e.next_attempt_at <= cast(? as timestamptz)
                   and (e.leased_until is null or e.leased_until <= cast(? as timestamptz))
                 order by e.id
                 limit ?
                   for update of e skip locked),
            claimed as (
                update client_event c
                   set leased_until = cast(? as timestamptz)
                  from due
                 where c.id = due.id
                returning c.*)
            select c.id, c.attempts, c.first_attempt_at, i.webhook_url, i.webhook_secret, %s
              from claimed c join instance i on i.id = c.instance_id
             order by c.id
            """.formatted(StoredEvent.payloadColumns("c"));

    /** Only a pending event is settled: a late answer after a replay or a repeated call changes nothing. */
    private static final String DELIVERED = """
            update client_event
               set status = 'delivered', attempts = attempts + 1,
                   first_attempt_at = coalesce(first_attempt_at, cast(? as timestamptz)),
                   last_attempt_at = cast(? as timestamptz), last_http_status = ?, last_error = null,
                   leased_until = null
             where id = ? and status = 'pending'
            """;

    private static final String FAILED = """
            update client_event
               set attempts = attempts + 1,
                   first_attempt_at = coalesce(first_attempt_at, cast(? as timestamptz)),
                   last_attempt_at = cast(? as timestamptz), last_error = ?, last_http_status = cast(? as integer),
                   next_attempt_at = coalesce(cast(? as timestamptz), next_attempt_at),
                   status = case when cast(? as boolean) then 'dead' else status end,
                   leased_until = null
             where id = ? and status = 'pending'
            """;

    private static final String RECENT = """
            select id, event_type, status, attempts, last_attempt_at, last_http_status, last_error,
                   next_attempt_at, created_at
              from client_event
             where instance_id = ?
             order by id desc
             limit ?
            """;

    /**
     * A replay starts a fresh retry series (attempts and first attempt cleared): the schedule gives up a day
     * after the first attempt, so keeping it would kill the replayed event after a single try. The last
     * attempt's details stay for the operator.
     */
    private static final String REPLAY = """
            update client_event
               set status = 'pending', next_attempt_at = cast(? as timestamptz), leased_until = null,
                   attempts = 0, first_attempt_at = null
             where id = ? and instance_id = ? and status = 'dead'
            """;

    private static final String WEBHOOK_ID_PREFIX = "evt_";

    private final Database db;

    PgOutbox(Database db) {
        this.db = db;
    }

    @Override
    public List<PendingEvent> claimDue(Instant now, int max, Duration lease) {
        if (max < 1) {
            return List.of();
        }
        return db.call(exec -> {
            try (Stream<DbRow> rows = exec.query(CLAIM, Columns.utc(now), Columns.utc(now), max,
                    Columns.utc(now.plus(lease)))) {
                return rows.map(PgOutbox::pending).toList();
            }
        });
    }

    @Override
    public void delivered(long eventId, Instant at, int httpStatus) {
        db.run(exec -> exec.dml(DELIVERED, Columns.utc(at), Columns.utc(at), httpStatus, eventId));
    }

    @Override
    public void failed(long eventId, Instant at, String error, Optional<Integer> httpStatus,
                      Optional<Instant> nextAttemptAt) {
        db.run(exec -> exec.dml(FAILED, Columns.utc(at), Columns.utc(at), error, httpStatus.orElse(null),
                nextAttemptAt.map(Columns::utc).orElse(null), nextAttemptAt.isEmpty(), eventId));
    }

    @Override
    public List<EventDelivery> recent(InstanceId instanceId, int limit) {
        return db.call(exec -> {
            try (Stream<DbRow> rows = exec.query(RECENT, instanceId.value(), Math.max(0, limit))) {
                return rows.map(PgOutbox::delivery).toList();
            }
        });
    }

    @Override
    public boolean replay(InstanceId instanceId, long eventId, Instant now) {
        return db.call(exec -> exec.dml(REPLAY, Columns.utc(now), eventId, instanceId.value())) == 1;
    }

    /**
     * Through client_event_pending (V2), which holds the pending events only: the cost follows the backlog, not the
     * delivered history.
     */
    @Override
    public Backlog backlog() {
        return db.call(exec -> exec.createGet("""
                        select count(*) as pending, min(created_at) as oldest
                          from client_event
                         where status = 'pending'
                        """).execute())
                .map(row -> new Backlog(Columns.longValue(row, "pending"), Columns.optionalInstant(row, "oldest")))
                .orElse(new Backlog(0, Optional.empty()));
    }

    private static PendingEvent pending(DbRow row) {
        long id = Columns.longValue(row, "id");
        return new PendingEvent(id, WEBHOOK_ID_PREFIX + id, StoredEvent.read(row),
                Columns.optionalString(row, "webhook_url"), Columns.string(row, "webhook_secret"),
                Columns.intValue(row, "attempts"), Columns.optionalInstant(row, "first_attempt_at"));
    }

    /** The next attempt means something only while the event is pending. */
    private static EventDelivery delivery(DbRow row) {
        long id = Columns.longValue(row, "id");
        String status = Columns.string(row, "status");
        Optional<Instant> next = "pending".equals(status)
                ? Columns.optionalInstant(row, "next_attempt_at") : Optional.empty();
        return new EventDelivery(id, WEBHOOK_ID_PREFIX + id, Columns.string(row, "event_type"), status,
                Columns.intValue(row, "attempts"), Columns.optionalInstant(row, "last_attempt_at"),
                Columns.optionalInt(row, "last_http_status"), Columns.optionalString(row, "last_error"), next,
                Columns.instant(row, "created_at"));
    }
}
