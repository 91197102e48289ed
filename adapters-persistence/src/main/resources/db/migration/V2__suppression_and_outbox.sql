-- Suppression (who an instance must not message), its audit trail, and the outbox of client events.
-- Phones are stored normalised (E.164), as everywhere else, so two spellings are one recipient.

-- One row per reason: a recipient may be blocked by the client and stopped by themselves at once, and each
-- is lifted on its own.
create table suppression (
    instance_id text        not null references instance (id),
    phone       text        not null,
    reason      text        not null check (reason in ('recipient_requested_stop', 'blocked')),
    added_by    text        not null check (added_by in ('recipient', 'client', 'admin')),
    since       timestamptz not null,
    primary key (instance_id, phone, reason)
);

-- Newest first per instance, for the client's list.
create index suppression_recent on suppression (instance_id, since desc);

-- Who added or lifted what, when and why. Never rewritten: the triggers below refuse UPDATE, DELETE and
-- TRUNCATE, so the trail holds even against a careless migration or a console session.
create table suppression_audit (
    id          bigserial primary key,
    instance_id text        not null,
    phone       text        not null,
    action      text        not null check (action in ('added', 'lifted')),
    reason      text        not null,
    actor       text        not null,
    at          timestamptz not null,
    note        text
);

create index suppression_audit_recipient on suppression_audit (instance_id, phone, id);

create function suppression_audit_is_append_only()
    returns trigger
    language plpgsql
as
$$
begin
    raise exception 'suppression_audit is append-only: % refused', tg_op
        using errcode = 'restrict_violation';
end;
$$;

create trigger suppression_audit_append_only
    before update or delete on suppression_audit
    for each row execute function suppression_audit_is_append_only();

create trigger suppression_audit_never_truncated
    before truncate on suppression_audit
    for each statement execute function suppression_audit_is_append_only();

-- The outbox: an event is inserted by the same statement as the change that caused it, and delivered by
-- whichever node claims it. payload holds the event's own fields (see PgEvents); the columns around it
-- are the delivery's state. next_attempt_at is when the event is due; leased_until, while set and in the
-- future, means a node is delivering it right now.
create table client_event (
    id               bigserial primary key,
    instance_id      text        not null references instance (id),
    event_type       text        not null,
    payload          jsonb       not null,
    status           text        not null default 'pending' check (status in ('pending', 'delivered', 'dead')),
    attempts         integer     not null default 0,
    first_attempt_at timestamptz,
    last_attempt_at  timestamptz,
    last_http_status integer,
    last_error       text,
    next_attempt_at  timestamptz not null,
    leased_until     timestamptz,
    created_at       timestamptz not null
);

-- Finds each instance's head (oldest pending event) without reading the delivered history.
create index client_event_pending on client_event (instance_id, id) where status = 'pending';
-- The operator's view: an instance's events, newest first.
create index client_event_recent on client_event (instance_id, id desc);

-- reserve_quota gains the suppression check, first of all (contract §3: step 8 before steps 10 and 11),
-- so the send path stays one round trip. The signature changes, hence drop and create.
drop function reserve_quota(text, text, text, text, integer, integer, integer, timestamptz, date, date, timestamptz);

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
                              p_blocking_reasons text[])
    returns table (outcome text, quota_limit integer, used integer, log_id bigint)
    language plpgsql
as
$$
declare
    q            instance_quota%rowtype;
    minute_count integer;
    day_count    integer;
    month_count  integer;
    refusal      text;
    refused_at   integer;
    new_log_id   bigint;
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

    outcome := 'reserved';
    quota_limit := null;
    used := null;
    log_id := new_log_id;
    return next;
end;
$$;
