-- The gateway's schema. Times are timestamptz (instants); days and months are dates in the owning
-- account's time zone, computed by the application (UsageWindows) and passed in, so the database never
-- needs to know about time zones.

create table account (
    id         text primary key,
    name       text        not null,
    time_zone  text        not null,
    created_at timestamptz not null default now()
);

-- Only the SHA-256 hex digest of a key is stored, never the key itself.
create table api_key (
    id         text primary key,
    account_id text        not null references account (id),
    prefix     text        not null,
    key_hash   text        not null unique,
    created_at timestamptz not null,
    revoked_at timestamptz
);

create index api_key_account on api_key (account_id);

-- The time zone is the account's, joined on read, so that changing it changes every instance at once.
create table instance (
    id               text primary key,
    account_id       text        not null references account (id),
    name             text        not null,
    plan             text        not null,
    transport        text        not null,
    webhook_url      text,
    webhook_secret   text        not null,
    daily_limit      integer check (daily_limit > 0),
    monthly_limit    integer check (monthly_limit > 0),
    per_minute_limit integer check (per_minute_limit > 0),
    status           text        not null check (status in ('active', 'paused_for_review')),
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);

create index instance_account on instance (account_id);

-- One row per instance, created with it. Each counter belongs to the window stored beside it; a counter
-- whose window is not the current one counts as zero, so nothing ever has to reset counters at midnight.
-- This row is also the lock that serialises every reservation of one instance, on every node.
create table instance_quota (
    instance_id  text primary key references instance (id),
    minute_start timestamptz,
    minute_used  integer not null default 0,
    day_start    date,
    day_used     integer not null default 0,
    month_start  date,
    month_used   integer not null default 0
);

-- Every request that reached the instance check. instance_id is what the client sent and may name no
-- instance at all, hence no foreign key. counted_* are the windows a reservation was counted in (null
-- when nothing was counted), so that giving quota back touches only a window that is still current.
create table message_log (
    id              bigserial primary key,
    account_id      text        not null,
    instance_id     text        not null,
    phone           text,
    message_purpose text,
    status          text        not null check (status in ('accepted', 'sent', 'failed', 'refused')),
    error           text,
    message_id      text,
    counted_minute  timestamptz,
    counted_day     date,
    counted_month   date,
    created_at      timestamptz not null
);

create index message_log_recent on message_log (account_id, instance_id, id desc);

-- The transport's history of a message: 'sent' and 'failed' (later, delivery statuses). A request refused
-- before the transport has an empty history: its outcome is the log row's own status and error.
create table message_status (
    id     bigserial primary key,
    log_id bigint      not null references message_log (id),
    status text        not null,
    at     timestamptz not null
);

create index message_status_log on message_status (log_id, id);

-- Checks speed, then the daily, then the monthly limit, and either counts the send in all three windows
-- or counts nothing; writes the message-log row either way. One call, one round trip, and exact under
-- any concurrency because the quota row stays locked until the calling transaction commits.
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
                              p_at timestamptz)
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

-- Undoes a reservation whose send failed: the log row becomes 'failed', and each counter goes down only
-- if it still counts the window the send was counted in (yesterday's send gives nothing back today).
-- Only an 'accepted' row is given back, which makes a repeated call harmless.
create function give_back_quota(p_log_id bigint, p_error text, p_at timestamptz)
    returns void
    language plpgsql
as
$$
declare
    r message_log%rowtype;
begin
    update message_log
       set status = 'failed', error = p_error
     where id = p_log_id and status = 'accepted'
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
