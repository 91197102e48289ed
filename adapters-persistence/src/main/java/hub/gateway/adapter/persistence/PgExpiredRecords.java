package hub.gateway.adapter.persistence;

import hub.gateway.application.port.out.ExpiredRecords;

import java.time.Instant;

/**
 * The retention sweep's deletes (contract §10). Each is one statement, so one short transaction, and finds
 * its batch among the table's oldest rows by primary key (ids grow with time): a round costs the same whether
 * the table holds a thousand rows or a billion, and a round with nothing due reads one batch of keys and stops.
 * Rows another node is deleting at the same moment are skipped ({@code SKIP LOCKED}), never waited for.
 * Deleting takes only row locks, which sends (inserts) never wait for.
 *
 * <p>The duplicate-content fingerprint (V6) is a column of the log row and goes with it: clearing it earlier
 * would rewrite every row once more (a non-HOT update adding an entry to each of the table's indexes), which
 * costs about as much as the send itself, for no change in behaviour — the rule reads only the last hour.
 */
final class PgExpiredRecords implements ExpiredRecords {
    private final Database db;

    PgExpiredRecords(Database db) {
        this.db = db;
    }

    /**
     * The status history and the risk events go in the same statement as their log row: foreign keys are
     * checked at the end of the statement, when both are gone.
     */
    @Override
    public int removeMessagesBefore(Instant cutoff, int batch) {
        return delete("""
                with doomed as (
                    select m.id
                      from (select id from message_log order by id limit :batch) oldest
                      join message_log m on m.id = oldest.id
                     where m.created_at < :cutoff
                       for update of m skip locked),
                history as (delete from message_status s using doomed where s.log_id = doomed.id),
                assessments as (delete from risk_event r using doomed where r.log_id = doomed.id)
                delete from message_log m using doomed where m.id = doomed.id
                """, cutoff, batch);
    }

    @Override
    public int removeRiskEventsBefore(Instant cutoff, int batch) {
        return delete("""
                delete from risk_event r
                 where r.id in (select e.id
                                  from (select id from risk_event order by id limit :batch) oldest
                                  join risk_event e on e.id = oldest.id
                                 where e.log_id is null and e.at < :cutoff
                                   for update of e skip locked)
                """, cutoff, batch);
    }

    /** Pending events are never removed, however old: the dispatcher still owes them an attempt. */
    @Override
    public int removeWebhookEventsBefore(Instant cutoff, int batch) {
        return delete("""
                delete from client_event c
                 where c.id in (select e.id
                                  from (select id from client_event order by id limit :batch) oldest
                                  join client_event e on e.id = oldest.id
                                 where e.status in ('delivered', 'dead') and e.created_at < :cutoff
                                   for update of e skip locked)
                """, cutoff, batch);
    }

    /** Through idempotency_key_age (V9): keys live a day, so the oldest are found without a scan. */
    @Override
    public int removeIdempotencyKeysBefore(Instant cutoff, int batch) {
        return delete("""
                delete from idempotency_key k
                 where (k.account_id, k.key) in (select account_id, key from idempotency_key
                                                  where created_at < :cutoff
                                                  order by created_at
                                                  limit :batch
                                                    for update skip locked)
                """, cutoff, batch);
    }

    /** Through console_session_idle (V11): the sessions idle longest first. */
    @Override
    public int removeConsoleSessionsIdleBefore(Instant cutoff, int batch) {
        return delete("""
                delete from console_session s
                 where s.id_hash in (select id_hash from console_session
                                      where last_seen_at < :cutoff
                                      order by last_seen_at
                                      limit :batch
                                        for update skip locked)
                """, cutoff, batch);
    }

    private int delete(String sql, Instant cutoff, int batch) {
        return Math.toIntExact(db.call(exec -> exec.createDelete(sql)
                .addParam("cutoff", Columns.utc(cutoff))
                .addParam("batch", batch)
                .execute()));
    }
}
