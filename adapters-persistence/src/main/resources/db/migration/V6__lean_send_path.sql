-- A leaner send path (docs/performance.md): per send, fewer index entries and no second table.
--
-- 1. Marking a row sent is a HOT update: it changes no indexed column (status and message_id no longer
--    appear in any index of message_log, not even in a partial index's condition) and fillfactor 90 leaves
--    room on the row's own page, so the update adds no index entry at all.
-- 2. The transport's message id is looked up in message_status instead: markSent's 'sent' entry carries it.
-- 3. The duplicate-content rule reads a 64-bit fingerprint stored on the log row itself (content_hash, set
--    only for counted sends) instead of a separate table that needed an insert and a clean-up per send. Its
--    index is the one entry step 9 adds to a send.
-- 4. The behaviour facts read the instance's rows through message_log_recent (V1) instead of two partial
--    indexes on status.

alter table message_log set (fillfactor = 90);

alter table message_status add column message_id text;
update message_status s
   set message_id = m.message_id
  from message_log m
 where s.log_id = m.id and s.status = 'sent' and m.message_id is not null;
create index message_status_message_id on message_status (message_id) where message_id is not null;
drop index message_log_message_id;

drop index message_log_transport_outcomes;
drop index message_log_recipients;

-- A fingerprint counts for an hour: sends counted before this migration are not carried over, so for the
-- first hour after it a text may reach up to 25 more recipients than the rule allows.
alter table message_log add column content_hash bigint;
create index message_log_same_content on message_log (instance_id, content_hash, created_at)
    where content_hash is not null;
drop table content_fingerprint;

-- The fingerprint parameter becomes a bigint, hence drop and create.
drop function reserve_quota(text, text, text, text, integer, integer, integer, timestamptz, date, date, timestamptz,
                            text[], text, integer, timestamptz, integer, text, text, text, text);

create function reserve_quota(p_instance_id text,
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
                              p_signal_evidence text)
    returns table (outcome text, quota_limit integer, used integer, log_id bigint)
    language plpgsql
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

    outcome := 'reserved';
    quota_limit := null;
    used := null;
    log_id := new_log_id;
    return next;
end;
$$;
