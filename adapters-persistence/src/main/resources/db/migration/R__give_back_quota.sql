-- Undoes a reservation whose send failed: the log row becomes 'failed', and each counter goes down only if it
-- still counts the window the send was counted in (yesterday's send gives nothing back today). Only a row still
-- 'accepted' is given back — or one the limbo sweep made 'unknown' while a slow transport still had it, whose
-- failure is now known — which makes a repeated call harmless.
--
-- Its one source from V8 on (earlier: V1). No retired signatures yet: when the parameters change, drop the old
-- signature here first.
create or replace function give_back_quota(p_log_id bigint, p_error text, p_at timestamptz)
    returns void
    language plpgsql
as
$$
declare
    r message_log%rowtype;
begin
    update message_log
       set status = 'failed', error = p_error
     where id = p_log_id and status in ('accepted', 'unknown')
    returning * into r;
    if not found then
        return;
    end if;

    update instance_quota
       set minute_used = case when minute_start = r.counted_minute then greatest(minute_used - 1, 0) else minute_used end,
           day_used    = case when day_start = r.counted_day then greatest(day_used - 1, 0) else day_used end,
           month_used  = case when month_start = r.counted_month then greatest(month_used - 1, 0) else month_used end
     where instance_id = r.instance_id;

    insert into message_status (log_id, status, at) values (p_log_id, 'failed', p_at);
end;
$$;
