-- mark_sent_all, the send path's second statement (issue 20): the markings of a group of delivered sends, each row
-- from 'accepted' or 'unknown' to 'sent' with its message id, and its 'sent' history entry (PgMessageLog.markSent,
-- which groups the markings that arrive on a node while a call is in flight). Its input is a jsonb array of
-- {"log_id", "message_id", "at"}.
--
-- Decision: a loop of one-row updates by primary key rather than one update joined to jsonb_to_recordset. The planner
-- guesses 100 rows for any set-returning function, and against a message_log it believes small (its statistics lag
-- behind a table that grows by every send) chose to read all of message_log for a group of five: at saturation that
-- statement cost more than the reservation itself (docs/performance.md). A generic plan of "id = $1" always probes the
-- primary key.
create or replace function mark_sent_all(p_marks jsonb)
    returns void
    language plpgsql
    set plan_cache_mode = force_generic_plan
as
$$
declare
    m record;
begin
    -- In the order of the rows, as every statement that locks several log rows takes them.
    for m in select * from jsonb_to_recordset(p_marks) as x (log_id bigint, message_id text, at timestamptz)
              order by x.log_id loop
        with sent as (
            update message_log l set status = 'sent', message_id = m.message_id
             where l.id = m.log_id and l.status in ('accepted', 'unknown')
            returning l.id)
        insert into message_status (log_id, status, at, message_id)
        select id, 'sent', m.at, m.message_id from sent;
    end loop;
end;
$$;
