-- One round of the limbo sweep (contract §10): 'accepted' rows created before p_accepted_before — their node
-- died between the reservation and the transport's answer — become 'unknown', with a status history entry at
-- p_at. Their quota stays counted: the message may have gone out.
--
-- message_log has no index on status (V6), so rows are found in primary-key order from the watermark
-- limbo_sweep.resolved_below (V8), below which no row is 'accepted'. A round reads at most p_scan rows from
-- there, marks at most p_batch of them (FOR UPDATE SKIP LOCKED: a row a send is marking right now is left for
-- the next round), then moves the watermark up to the first row it could not settle: one still 'accepted', or
-- one younger than p_accepted_before (a younger row may still have an older neighbour whose insert has not
-- committed yet, so the watermark never passes the young end of the log). A round of another node holds the
-- watermark's lock: this one then does nothing, so rounds never overlap and never wait.
--
-- Returns how many rows it marked and how many rows the watermark passed.
--
-- No retired signatures yet: when the parameters change, drop the old signature here first.
create or replace function sweep_limbo(p_accepted_before timestamptz,
                                       p_at timestamptz,
                                       p_scan integer,
                                       p_batch integer)
    returns table (marked integer, passed integer)
    language plpgsql
as
$$
declare
    below      bigint;
    window_end bigint;
    stop_at    bigint;
begin
    marked := 0;
    passed := 0;
    select s.resolved_below into below from limbo_sweep s for update skip locked;
    if not found then
        return next;
        return;
    end if;

    select max(w.id) into window_end
      from (select m.id from message_log m where m.id >= below order by m.id limit p_scan) w;
    if window_end is null then
        return next;
        return;
    end if;

    with due as (
        select m.id
          from message_log m
         where m.id >= below and m.id <= window_end
           and m.status = 'accepted' and m.created_at < p_accepted_before
         order by m.id
         limit p_batch
           for update skip locked),
    swept as (
        update message_log m
           set status = 'unknown'
          from due
         where m.id = due.id
        returning m.id)
    insert into message_status (log_id, status, at)
    select swept.id, 'unknown', p_at from swept
    on conflict (log_id, status) do nothing;
    get diagnostics marked = row_count;

    -- A fresh snapshot: this round's own marks are seen, a row another transaction holds is still 'accepted'.
    select min(m.id) into stop_at
      from message_log m
     where m.id >= below and m.id <= window_end
       and (m.status = 'accepted' or m.created_at >= p_accepted_before);
    stop_at := coalesce(stop_at, window_end + 1);
    if stop_at > below then
        update limbo_sweep set resolved_below = stop_at;
        select count(*) into passed from message_log m where m.id >= below and m.id < stop_at;
    end if;
    return next;
end;
$$;
