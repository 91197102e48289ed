-- Risk: the duplicate-content rule inside the quota reservation, the stored risk assessments, and the
-- indexes the behaviour facts read (contract §3 step 9, §6).

-- Which recipients got which text (its fingerprint, never the text), for the duplicate-content rule. Only
-- the rule's window matters: a fingerprint's older rows are deleted whenever it is reserved again.
create table content_fingerprint (
    instance_id text        not null,
    fingerprint text        not null,
    phone       text        not null,
    at          timestamptz not null
);

create index content_fingerprint_recent on content_fingerprint (instance_id, fingerprint, at);

-- Every assessment scoring above 0 that was acted on: an allowed send (with its log row), a violation (with
-- its refused log row), a review pause (no log row). signals is [{name, weight, evidence}], in the order the
-- policy produced them.
create table risk_event (
    id          bigserial primary key,
    instance_id text        not null,
    at          timestamptz not null,
    score       integer     not null check (score between 0 and 100),
    action      text        not null check (action in ('allow', 'throttle', 'block', 'pause_instance')),
    signals     jsonb       not null,
    log_id      bigint references message_log (id)
);

create index risk_event_recent on risk_event (instance_id, id desc);
-- Counting an instance's violations within a window reads only the violations.
create index risk_event_violations on risk_event (instance_id, at) where action = 'block';

-- RiskFacts: an instance's latest transport outcomes, its recipients within a window, its opt-outs.
create index message_log_transport_outcomes on message_log (instance_id, id desc) where status in ('sent', 'failed');
create index message_log_recipients on message_log (instance_id, created_at)
    where status in ('sent', 'failed', 'accepted');
create index suppression_audit_opt_outs on suppression_audit (instance_id, at)
    where action = 'added' and reason = 'recipient_requested_stop';

-- Signals cross the driver as three comma-separated texts: names and evidence as hex of their UTF-8, weights
-- as decimals. Plain text parameters bind the same way through every DbClient and driver version (a Java
-- array's binding is the driver's guess), and hex can hold any evidence, commas included. Element i of each
-- list is signal i; an empty name or evidence is an empty element.
create function risk_signals(p_names text, p_weights text, p_evidence text)
    returns jsonb
    language sql
    immutable
    strict
as
$$
select coalesce(jsonb_agg(jsonb_build_object('name', convert_from(decode(coalesce(n, ''), 'hex'), 'UTF8'),
                                             'weight', cast(w as integer),
                                             'evidence', convert_from(decode(coalesce(e, ''), 'hex'), 'UTF8'))
                          order by ord), '[]'::jsonb)
  from unnest(string_to_array(p_weights, ','), string_to_array(p_names, ','), string_to_array(p_evidence, ','))
           with ordinality as s (w, n, e, ord)
 where w is not null
$$;

-- The way back: one field of every signal, in order, as risk_signals takes it (null for no signals).
create function risk_signal_field(p_signals jsonb, p_field text)
    returns text
    language sql
    immutable
    strict
as
$$
select string_agg(case when p_field = 'weight' then s ->> 'weight'
                       else encode(convert_to(s ->> p_field, 'UTF8'), 'hex') end, ',' order by ord)
  from jsonb_array_elements(p_signals) with ordinality as t (s, ord)
$$;

-- reserve_quota gains the duplicate-content rule and stores the send's assessment. The signature changes,
-- hence drop and create.
drop function reserve_quota(text, text, text, text, integer, integer, integer, timestamptz, date, date, timestamptz,
                            text[]);

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
                              p_fingerprint text,
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

    -- Only under the lock: the previous holder's fingerprint row is committed by now, and this statement
    -- takes a fresh snapshot (READ COMMITTED), so the count is exact across nodes. Nothing is written: the
    -- caller records the violation with its own assessment.
    select count(distinct f.phone) into other_recipients
      from content_fingerprint f
     where f.instance_id = p_instance_id and f.fingerprint = p_fingerprint
       and f.at > p_fingerprint_since and f.phone <> p_phone;
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
                             counted_minute, counted_day, counted_month, created_at)
    values (p_account_id, p_instance_id, p_phone, p_purpose, 'accepted', p_minute, p_day, p_month, p_at)
    returning id into new_log_id;

    -- Keeps the table at about the window's worth of rows per fingerprint in use, through the same index.
    delete from content_fingerprint
     where instance_id = p_instance_id and fingerprint = p_fingerprint and at <= p_fingerprint_since;
    insert into content_fingerprint (instance_id, fingerprint, phone, at)
    values (p_instance_id, p_fingerprint, p_phone, p_at);

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
