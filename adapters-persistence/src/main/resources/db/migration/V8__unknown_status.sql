-- Nothing left in limbo (contract §10). A send whose node died between the reservation and the transport's
-- answer left its log row 'accepted' for good. The limbo sweep (R__sweep_limbo.sql) turns such a row 'unknown'
-- after twice the request deadline: the message may have gone out, so its quota stays counted, and a later
-- status from the transport moves it on. Functions live in the R__ files; this file changes tables only.

-- A row's status may now also be 'unknown'.
alter table message_log drop constraint message_log_status_check;
alter table message_log
    add constraint message_log_status_check
        check (status in ('accepted', 'sent', 'delivered', 'read', 'failed', 'refused', 'unknown'));

-- The log row an Idempotency-Key's request reserved, written by reserve_quota in the reservation's own
-- statement: a retry after a crash is answered from that row and never sends again. No foreign key: the
-- retention job removes old log rows, and a key older than 24 hours is claimed afresh anyway.
alter table idempotency_key add column log_id bigint;

-- The sweep finds 'accepted' rows without an index on status (V6: marking a row sent must stay a HOT update):
-- every message_log row whose id is below resolved_below is known to be out of 'accepted' for good (nothing
-- moves a row back to 'accepted'), so a round reads only the rows from there on, in primary-key order. One row;
-- a sweep round holds its lock, so rounds of several nodes never overlap.
create table limbo_sweep (
    one            boolean primary key default true check (one),
    resolved_below bigint  not null
);

-- Starts at the oldest row still 'accepted', so that rows left by crashes before this migration are swept too.
-- Exact: the constraint change above locked message_log, so no send is in flight while this reads it.
insert into limbo_sweep (resolved_below)
select coalesce(min(id) filter (where status = 'accepted'), max(id) + 1, 1) from message_log;
