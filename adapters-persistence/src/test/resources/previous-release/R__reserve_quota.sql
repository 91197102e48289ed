-- reserve_quota, the send path's one statement (contract §3, steps 8 to 11; docs/design.md): suppression, then
-- under the instance's quota row lock the duplicate-content rule and the speed, daily and monthly limits; a
-- reserved send is counted, logged 'accepted', its fingerprint and risk assessment stored, and its
-- Idempotency-Key (when the request has one) linked to the new log row.
--
-- Its one source from V8 on (earlier versions: V1, V2, V3, V6 and V7's plan setting). Re-applied whenever this
-- file changes; a signature that changes is dropped here first, so that no stale overload survives.
drop function if exists reserve_quota(text, text, text, text, integer, integer, integer, timestamptz, date, date,
                                      timestamptz, text[], bigint, integer, timestamptz, integer, text, text, text,
                                      text);

create or replace function reserve_quota(p_instance_id text,
                                         p_account_id text,
                                         p_phone text,
                                         p_purpose text,
                                         p_per_minute_limit integer,
                                         p_daily_limit integer,
                                         p_monthly_limit integer,
                                         p_minute timestamptz,
                                         p_day date,
                                         p_month date,
                                         p_at timestamptz,
                                         p_blocking_reasons text[],
                                         p_fingerprint bigint,
                                         p_max_other_recipients integer,
                                         p_fingerprint_since timestamptz,
                                         p_risk_score integer,
                                         p_risk_action text,
                                         p_signal_names text,
                                         p_signal_weights text,
                                         p_signal_evidence text,
                                         p_idempotency_key text)
    returns table (outcome text, quota_limit integer, used integer, log_id bigint)
    language plpgsql
    -- V7: the plans of its statements are made once per connection and kept (docs/performance.md).
    set plan_cache_mode = force_generic_plan
as
$$
declare
    q                instance_quota%rowtype;
    minute_count     integer;
    day_count        integer;
    month_count      integer;
    other_recipients integer;
    refusal          text;
    refused_at       integer;
    new_log_id       bigint;
begin
    -- Before the quota row's lock: a suppressed recipient counts nothing, so it need not queue behind the
    -- instance's other sends.
    if exists (select 1 from suppression s
                where s.instance_id = p_instance_id and s.phone = p_phone
                  and s.reason = any (p_blocking_reasons)) then
        insert into message_log (account_id, instance_id, phone, message_purpose, status, error, created_at)
        values (p_account_id, p_instance_id, p_phone, p_purpose, 'refused', 'recipient_suppressed', p_at)
        returning id into new_log_id;
        outcome := 'recipient_suppressed';
        quota_limit := null;
        used := null;
        log_id := new_log_id;
        return next;
        return;
    end if;

    select * into q from instance_quota where instance_id = p_instance_id for update;
    if not found then
        -- An instance created outside add() (or before this table existed) gets its row lazily; the
        -- foreign key still refuses an instance that does not exist.
        insert into instance_quota (instance_id) values (p_instance_id) on conflict do nothing;
        select * into q from instance_quota where instance_id = p_instance_id for update;
    end if;

    -- Only under the lock: the previous holder's log row is committed by now, and this statement takes a
    -- fresh snapshot (READ COMMITTED), so the count is exact across nodes. Nothing is written: the caller
    -- records the violation with its own assessment.
    select count(distinct m.phone) into other_recipients
      from message_log m
     where m.instance_id = p_instance_id and m.content_hash = p_fingerprint
       and m.created_at > p_fingerprint_since and m.phone <> p_phone;
    if other_recipients >= p_max_other_recipients then
        outcome := 'duplicate_content';
        quota_limit := p_max_other_recipients;
        used := other_recipients;
        log_id := null;
        return next;
        return;
    end if;

    minute_count := case when q.minute_start = p_minute then q.minute_used else 0 end;
    day_count := case when q.day_start = p_day then q.day_used else 0 end;
    month_count := case when q.month_start = p_month then q.month_used else 0 end;

    if minute_count >= p_per_minute_limit then
        refusal := 'sending_throttled';
        quota_limit := p_per_minute_limit;
        refused_at := minute_count;
    elsif day_count >= p_daily_limit then
        refusal := 'daily_message_limit_exceeded';
        quota_limit := p_daily_limit;
        refused_at := day_count;
    elsif month_count >= p_monthly_limit then
        refusal := 'monthly_message_limit_exceeded';
        quota_limit := p_monthly_limit;
        refused_at := month_count;
    end if;

    if refusal is not null then
        insert into message_log (account_id, instance_id, phone, message_purpose, status, error, created_at)
        values (p_account_id, p_instance_id, p_phone, p_purpose, 'refused', refusal, p_at)
        returning id into new_log_id;
        outcome := refusal;
        used := refused_at;
        log_id := new_log_id;
        return next;
        return;
    end if;

    update instance_quota
       set minute_start = p_minute, minute_used = minute_count + 1,
           day_start    = p_day,    day_used    = day_count + 1,
           month_start  = p_month,  month_used  = month_count + 1
     where instance_id = p_instance_id;

    insert into message_log (account_id, instance_id, phone, message_purpose, status,
                             counted_minute, counted_day, counted_month, created_at, content_hash)
    values (p_account_id, p_instance_id, p_phone, p_purpose, 'accepted', p_minute, p_day, p_month, p_at,
            p_fingerprint)
    returning id into new_log_id;

    if p_risk_score > 0 then
        insert into risk_event (instance_id, at, score, action, signals, log_id)
        values (p_instance_id, p_at, p_risk_score, p_risk_action,
                coalesce(risk_signals(p_signal_names, p_signal_weights, p_signal_evidence), '[]'::jsonb),
                new_log_id);
    end if;

    -- The key's claim learns which row its request reserved, in this same statement: a retry after a crash is
    -- answered from that row and never sends again. Only a claim still in progress and not yet linked: a claim
    -- taken over meanwhile keeps the row of the request that took it over.
    if p_idempotency_key is not null then
        update idempotency_key k
           set log_id = new_log_id
         where k.account_id = p_account_id and k.key = p_idempotency_key
           and k.state = 'in_progress' and k.log_id is null;
    end if;

    outcome := 'reserved';
    quota_limit := null;
    used := null;
    log_id := new_log_id;
    return next;
end;
$$;
