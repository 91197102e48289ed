-- What the operator console reads (contract §12), without slowing the send path.

-- When the instance last changed status: the review list's "paused at", newest first. updated_at cannot say it (a
-- PATCH of the limits moves it too). Every statement that changes status sets it (PgInstances, PgRiskLedger); a
-- rules pause sets it to its risk event's own time, which is how the review list finds the assessment that paused.
alter table instance add column status_changed_at timestamptz;
update instance i
   set status_changed_at = coalesce((select max(r.at) from risk_event r
                                      where r.instance_id = i.id and r.action = 'pause_instance'
                                        and i.status = 'paused_for_review'),
                                    i.updated_at);
alter table instance alter column status_changed_at set not null;

-- The review list's order and keyset; only paused instances have an entry.
create index instance_paused on instance (status_changed_at desc, id desc) where status = 'paused_for_review';

-- The overview's last 24 hours (sends per hour by outcome, top refusal codes) on a message log of millions of rows.
-- BRIN, not B-tree: rows arrive in created_at order, so each range of 128 pages holds a narrow span of time and the
-- index is a few pages for the whole table. A send adds no entry (the open range at the table's end is summarised
-- by vacuum), and marking a row sent stays a HOT update (created_at never changes). docs/performance.md has the plan.
create index message_log_created_brin on message_log using brin (created_at);
