-- The duplicate-content fingerprint now covers the sending instance as well as the text (ContentFingerprint),
-- so its index needs no instance column: two 8-byte keys instead of a text and two, compared without a
-- collation. Every counted send adds one entry to this index and probes it once (docs/performance.md).
-- reserve_quota still checks the instance of every row it counts, so the rule stays exact.
--
-- Fingerprints stored before this migration hashed the text alone and match nothing now: for the first hour
-- after it, a text may reach up to 25 more recipients than the rule allows.

drop index message_log_same_content;
create index message_log_same_content on message_log (content_hash, created_at) where content_hash is not null;

-- The plans of reserve_quota's statements are made once per connection and kept. Left to choose while
-- message_log had no statistics yet (a young table, or one autovacuum has not analysed), PostgreSQL evidently
-- re-planned the duplicate probe on every call: step 9 then cost the database about +250 µs per send in the
-- benchmark, against +10 to +140 µs with the plans kept (docs/performance.md). A plan is still made afresh
-- whenever ANALYZE or a schema change invalidates it.
alter function reserve_quota(text, text, text, text, integer, integer, integer, timestamptz, date, date, timestamptz,
                             text[], bigint, integer, timestamptz, integer, text, text, text, text)
    set plan_cache_mode = force_generic_plan;
