-- send_gate_reserve_all, the send path's one statement for a group of sends (contract §3, steps 8 to 11;
-- docs/design.md), behind the SendGate port (PgSendGate, which groups the sends that arrive on a node while a call is
-- in flight): for each send, in the group's order, suppression, the customer-service window (contract §13, when the
-- send needs it), step 9's conditional signals, then under the instance's quota row lock the duplicate-content rule
-- and the speed, daily and monthly limits. Every instance of the group is locked once, at the start, in the order
-- of its id (so that groups of several nodes never wait on each other in a circle), and its counters are kept in
-- variables and written once, at the end; each send is still judged against the counts of the sends before it in
-- the group and of every group committed before (the lock makes them wait for each other, and each statement of
-- the function sees what committed before it began). send_gate_reserve(p_send) is the same for one send. A reserved send is counted, logged 'accepted', its fingerprint and risk
-- assessment stored, and its Idempotency-Key (when the request has one) linked to the new log row. A refusal is
-- logged; a duplicate-content refusal is a policy violation, recorded with its risk event here, and the answer
-- carries the instance's count of violations so that the caller decides the review pause without asking again.
--
-- The one source of the gate from V8 on (earlier versions: V1, V2, V3, V6 and V7's plan setting). Re-applied
-- whenever this file changes; a signature that changes is dropped here first, so that no stale overload survives.
-- The file keeps its name: Flyway knows a repeatable migration by it, and a renamed one would leave the applied
-- entry of this one unresolved on every database migrated before.
--
-- Its input is a jsonb array of documents, one a send, built by PgSendGate with named fields (the shape is in its
-- comment), its fields typed once by jsonb_to_recordset. Its answer, one row a send with its place in the array (ord, from 0), is
-- in the domain's words: outcome 'reserved', 'suppressed',
-- 'window_closed', 'risk_confirmed' (with held: which conditional signals held, bit i for the i-th),
-- 'duplicate_content' or 'exhausted' (with time_window 'minute', 'day' or 'month'). The error names it writes to
-- message_log.error are the log's stored vocabulary, which the API shows as they are (GET /messages); they come
-- in the document ('logged'), from the one table of them in Java (LoggedReasons), so that no spelling is written
-- twice in two languages.
drop function if exists reserve_quota(text, text, text, text, integer, integer, integer, timestamptz, date, date,
                                      timestamptz, text[], bigint, integer, timestamptz, integer, text, text, text,
                                      text, text);
drop function if exists reserve_quota(text, text, text, text, integer, integer, integer, timestamptz, date, date,
                                      timestamptz, text[], bigint, integer, timestamptz, integer, text, text, text,
                                      text);

-- Risk signals travel as JSON arrays built in Java (StoredSignals) since the gate took one jsonb argument: V3's
-- helpers that turned hex-encoded comma-separated texts into jsonb and back are no longer used by anything.
drop function if exists risk_signals(text, text, text);
drop function if exists risk_signal_field(jsonb, text);

-- Its answer gained the three counts after the send (contract §11's rate-limit headers), then which conditional
-- signals held, then the send's place in a group: a function's result type cannot be replaced in place, so the old
-- one goes first (this file runs in one transaction: no caller sees none).
drop function if exists send_gate_reserve(jsonb);
drop function if exists send_gate_reserve_all(jsonb);

-- A policy violation the gate itself judged (duplicate content, a conditional signal that held): its refused log row
-- and its risk event, and the instance's count of violations towards the pause ('violations_since' and
-- 'violations_min_score' of the rule's part of the document, p_rule) with this one. Its inserts are seen by the
-- count: a function's later statements see its earlier ones.
create or replace function send_gate_violation(p_send jsonb, p_score integer, p_action text, p_signals jsonb,
                                               p_rule jsonb, out log_id bigint, out violations integer)
    language plpgsql
    set plan_cache_mode = force_generic_plan
as
$$
declare
    v_instance text := p_send ->> 'instance';
    v_at       timestamptz := cast(p_send ->> 'at' as timestamptz);
begin
    insert into message_log (account_id, instance_id, phone, message_purpose, status, error, created_at)
    values (p_send ->> 'account', v_instance, p_send ->> 'recipient', p_send ->> 'purpose', 'refused',
            p_send -> 'logged' ->> 'violation', v_at)
    returning id into log_id;
    insert into risk_event (instance_id, at, score, action, signals, log_id)
    values (v_instance, v_at, p_score, p_action, p_signals, log_id);
    select count(*) into violations
      from risk_event r
     where r.instance_id = v_instance and r.action = 'block'
       and r.at > cast(p_rule ->> 'violations_since' as timestamptz)
       and r.score >= cast(p_rule ->> 'violations_min_score' as integer);
end;
$$;

create or replace function send_gate_reserve_all(p_sends jsonb)
    returns table (ord integer, outcome text, time_window text, quota_limit integer, used integer, log_id bigint,
                   violations integer, minute_used integer, day_used integer, month_used integer, held integer)
    language plpgsql
    -- V7: the plans of its statements are made once per connection and kept (docs/performance.md).
    set plan_cache_mode = force_generic_plan
as
$$
declare
    -- The group's instances, in id order, and their counters as locked and as counted so far, by the same index.
    v_instances        text[];
    v_minute_start     timestamptz[];
    v_minute_used      integer[];
    v_day_start        date[];
    v_day_used         integer[];
    v_month_start      date[];
    v_month_used       integer[];
    v_counted          boolean[];
    q                  instance_quota%rowtype;
    k                  integer;
    -- One send of the array, its fields typed once by jsonb_to_recordset.
    r                  record;
    v_risk_score       integer;
    v_risk_signals     jsonb;
    v_condition        jsonb;
    v_held             integer;
    v_held_weight      integer;
    minute_count       integer;
    day_count          integer;
    month_count        integer;
    other_recipients   integer;
    refusal            text;
    new_log_id         bigint;
    v_hosts            jsonb := '[]'::jsonb;
    v_hosts_at         timestamptz;
begin
    select array_agg(d.instance order by d.instance) into v_instances
      from (select distinct s ->> 'instance' as instance from jsonb_array_elements(p_sends) s) d;
    -- An instance created outside add() (or before this table existed) gets its counters row lazily; the foreign key
    -- still refuses an instance that does not exist.
    insert into instance_quota (instance_id)
    select i from unnest(v_instances) i where not exists (select 1 from instance_quota c where c.instance_id = i)
    on conflict do nothing;
    for q in select * from instance_quota where instance_id = any (v_instances) order by instance_id for update loop
        k := array_position(v_instances, q.instance_id);
        v_minute_start[k] := q.minute_start;
        v_minute_used[k] := q.minute_used;
        v_day_start[k] := q.day_start;
        v_day_used[k] := q.day_used;
        v_month_start[k] := q.month_start;
        v_month_used[k] := q.month_used;
        v_counted[k] := false;
    end loop;

    -- Each send's fields read and typed once, in the array's order (the document says its own place, ord).
    for r in select *
               from jsonb_to_recordset(p_sends)
                        as x (ord integer, account text, instance text, recipient text, purpose text,
                              idempotency_key text, suppressed_by jsonb, open_window_since timestamptz,
                              minute_limit integer, day_limit integer, month_limit integer,
                              window_minute timestamptz, window_day date, window_month date, at timestamptz,
                              score integer, action text, signals jsonb,
                              fingerprint bigint, max_other_recipients integer, duplicate_since timestamptz,
                              duplicate_content jsonb, conditional jsonb, logged jsonb) loop
        ord := r.ord;
        outcome := null;
        time_window := null;
        quota_limit := null;
        used := null;
        log_id := null;
        violations := null;
        minute_used := null;
        day_used := null;
        month_used := null;
        held := null;
        refusal := null;
        -- suppressed_by: a jsonb array of reason names ("suppressed_by ? reason" is the membership test);
        -- open_window_since: present only when the send needs the recipient's window open (they must have written
        -- after it); fingerprint and duplicate_content: absent only when step 9 is switched off
        -- (GATEWAY_RISK_ASSESSMENT=off, a benchmark baseline); conditional: present only when the text links somewhere.
        v_risk_score := r.score;
        v_risk_signals := coalesce(r.signals, '[]'::jsonb);
        v_held := 0;
        v_held_weight := 0;
        k := array_position(v_instances, r.instance);

        -- A suppressed recipient (step 8), then, when the send needs it, a closed customer-service window (contract
        -- §13: after step 8, before anything of step 9 or the limits; one primary-key probe). Either counts nothing and
        -- stores no assessment.
        if exists (select 1 from suppression s
                    where s.instance_id = r.instance and s.phone = r.recipient and r.suppressed_by ? s.reason) then
            outcome := 'suppressed';
        elsif r.open_window_since is not null
              and not exists (select 1 from customer_service_window w
                               where w.instance_id = r.instance and w.phone = r.recipient
                                 and w.last_wrote_at > r.open_window_since) then
            outcome := 'window_closed';
        end if;
        if outcome is not null then
            -- The outcome names its logged spelling ('suppressed', 'window_closed').
            insert into message_log (account_id, instance_id, phone, message_purpose, status, error, created_at)
            values (r.account, r.instance, r.recipient, r.purpose, 'refused', r.logged ->> outcome, r.at)
            returning id into log_id;
            return next;
            continue;
        end if;

        -- Step 9's conditional signals: a WhatsApp chat link to a recipient who never wrote to the instance (one
        -- probe of the window's primary key), a host no accepted send linked to before 'seen_before' (one of
        -- link_host's). Those that hold join the assessment; if they bring it to the block score, the send is a policy
        -- violation, recorded as the duplicate-content one is.
        if r.conditional is not null then
            for c in 0 .. jsonb_array_length(r.conditional -> 'signals') - 1 loop
                v_condition := r.conditional -> 'signals' -> c;
                if (v_condition ->> 'when' = 'recipient_never_wrote'
                        and not exists (select 1 from customer_service_window w
                                         where w.instance_id = r.instance and w.phone = r.recipient))
                   or (v_condition ->> 'when' = 'host_new'
                        and not exists (select 1 from link_host h
                                         where h.host = v_condition ->> 'host'
                                           and h.first_seen <= cast(v_condition ->> 'seen_before' as timestamptz))) then
                    v_held := v_held | (1 << c);
                    v_held_weight := v_held_weight + cast(v_condition -> 'signal' ->> 'weight' as integer);
                    v_risk_signals := v_risk_signals || jsonb_build_array(v_condition -> 'signal');
                end if;
            end loop;
            if v_held <> 0 then
                v_risk_score := least(100, v_risk_score + v_held_weight);
                if v_risk_score >= cast(r.conditional ->> 'block_score' as integer) then
                    select v.log_id, v.violations into log_id, violations
                      from send_gate_violation(p_sends -> r.ord, v_risk_score, 'block', v_risk_signals, r.conditional) v;
                    outcome := 'risk_confirmed';
                    held := v_held;
                    return next;
                    continue;
                end if;
            end if;
        end if;

        -- Under the lock: a holder's log rows are committed by now, and each statement here takes a fresh snapshot
        -- (READ COMMITTED), so the count is exact across nodes; the group's own earlier rows are seen too.
        if r.duplicate_content is not null then
            select count(distinct m.phone) into other_recipients
              from message_log m
             where m.instance_id = r.instance and m.content_hash = r.fingerprint
               and m.created_at > r.duplicate_since and m.phone <> r.recipient;
            if other_recipients >= r.max_other_recipients then
                -- The violation's last signal is the duplicate-content one: its evidence gets the count.
                select v.log_id, v.violations into log_id, violations
                  from send_gate_violation(p_sends -> r.ord, cast(r.duplicate_content -> 'violation' ->> 'score' as integer),
                           r.duplicate_content -> 'violation' ->> 'action',
                           coalesce((select jsonb_agg(case when t.ord = jsonb_array_length(r.duplicate_content -> 'violation' -> 'signals')
                                                           then jsonb_set(t.s, '{evidence}',
                                                                          to_jsonb(replace(t.s ->> 'evidence', '{recipients}',
                                                                                           other_recipients::text)))
                                                           else t.s end order by t.ord)
                                       from jsonb_array_elements(r.duplicate_content -> 'violation' -> 'signals')
                                            with ordinality as t (s, ord)),
                                    '[]'::jsonb),
                           r.duplicate_content) v;
                outcome := 'duplicate_content';
                quota_limit := r.max_other_recipients;
                used := other_recipients;
                return next;
                continue;
            end if;
        end if;

        minute_count := case when v_minute_start[k] = r.window_minute then v_minute_used[k] else 0 end;
        day_count := case when v_day_start[k] = r.window_day then v_day_used[k] else 0 end;
        month_count := case when v_month_start[k] = r.window_month then v_month_used[k] else 0 end;

        if minute_count >= r.minute_limit then
            refusal := r.logged ->> 'minute';
            time_window := 'minute';
            quota_limit := r.minute_limit;
            used := minute_count;
        elsif day_count >= r.day_limit then
            refusal := r.logged ->> 'day';
            time_window := 'day';
            quota_limit := r.day_limit;
            used := day_count;
        elsif month_count >= r.month_limit then
            refusal := r.logged ->> 'month';
            time_window := 'month';
            quota_limit := r.month_limit;
            used := month_count;
        end if;

        if refusal is not null then
            insert into message_log (account_id, instance_id, phone, message_purpose, status, error, created_at)
            values (r.account, r.instance, r.recipient, r.purpose, 'refused', refusal, r.at)
            returning id into log_id;
            outcome := 'exhausted';
            -- Nothing counted: the counts as they stand, for the answer's RateLimit header.
            minute_used := minute_count;
            day_used := day_count;
            month_used := month_count;
            return next;
            continue;
        end if;

        -- Counted here, written to instance_quota once for the group, at the end.
        v_minute_start[k] := r.window_minute;
        v_minute_used[k] := minute_count + 1;
        v_day_start[k] := r.window_day;
        v_day_used[k] := day_count + 1;
        v_month_start[k] := r.window_month;
        v_month_used[k] := month_count + 1;
        v_counted[k] := true;

        insert into message_log (account_id, instance_id, phone, message_purpose, status,
                                 counted_minute, counted_day, counted_month, created_at, content_hash)
        values (r.account, r.instance, r.recipient, r.purpose, 'accepted', r.window_minute, r.window_day, r.window_month, r.at,
                r.fingerprint)
        returning id into new_log_id;

        if v_risk_score > 0 then
            insert into risk_event (instance_id, at, score, action, signals, log_id)
            values (r.instance, r.at, v_risk_score, r.action, v_risk_signals, new_log_id);
        end if;

        -- The hosts this accepted send links to, recorded with the group's at the end.
        if r.conditional is not null then
            v_hosts := v_hosts || (r.conditional -> 'hosts_to_record');
            v_hosts_at := coalesce(v_hosts_at, r.at);
        end if;

        -- The key's claim learns which row its request reserved, in this same statement: a retry after a crash is
        -- answered from that row and never sends again. Only a claim still in progress and not yet linked: a claim
        -- taken over meanwhile keeps the row of the request that took it over.
        if r.idempotency_key is not null then
            update idempotency_key c
               set log_id = new_log_id
             where c.account_id = r.account and c.key = r.idempotency_key
               and c.state = 'in_progress' and c.log_id is null;
        end if;

        outcome := 'reserved';
        log_id := new_log_id;
        -- The counts with this send.
        minute_used := minute_count + 1;
        day_used := day_count + 1;
        month_used := month_count + 1;
        return next;
    end loop;

    -- The hosts the group's accepted sends link to are known from now on (their first moment is kept). Once, in the
    -- order of the hosts: two groups that record the same new hosts wait for each other in one order, never in a
    -- circle. A host recorded by a send of this group is still new to the sends after it (its first moment is now).
    if jsonb_array_length(v_hosts) > 0 then
        insert into link_host (host, first_seen)
        select distinct h.host, v_hosts_at from jsonb_array_elements_text(v_hosts) as h (host)
         order by h.host
        on conflict (host) do nothing;
    end if;

    update instance_quota c
       set minute_start = u.minute_start, minute_used = u.minute_used,
           day_start    = u.day_start,    day_used    = u.day_used,
           month_start  = u.month_start,  month_used  = u.month_used
      from unnest(v_instances, v_minute_start, v_minute_used, v_day_start, v_day_used, v_month_start, v_month_used,
                  v_counted) as u (instance_id, minute_start, minute_used, day_start, day_used, month_start, month_used,
                                   counted)
     where c.instance_id = u.instance_id and u.counted;
end;
$$;

-- One send: the group of one (tests and tools call it; the gateway always calls send_gate_reserve_all).
create or replace function send_gate_reserve(p_send jsonb)
    returns table (outcome text, time_window text, quota_limit integer, used integer, log_id bigint,
                   violations integer, minute_used integer, day_used integer, month_used integer, held integer)
    language sql
    set plan_cache_mode = force_generic_plan
as
$$
select r.outcome, r.time_window, r.quota_limit, r.used, r.log_id, r.violations, r.minute_used, r.day_used,
       r.month_used, r.held
  from send_gate_reserve_all(jsonb_build_array(p_send)) r;
$$;
