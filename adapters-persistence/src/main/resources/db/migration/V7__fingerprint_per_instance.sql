-- The duplicate-content fingerprint now covers the sending instance as well as the text (ContentFingerprint),
-- so its index needs no instance column: two 8-byte keys instead of a text and two, compared without a
-- collation. Every counted send adds one entry to this index and probes it once (docs/performance.md).
-- reserve_quota still checks the instance of every row it counts, so the rule stays exact.
--
-- Fingerprints stored before this migration hashed the text alone and match nothing now: for the first hour
-- after it, a text may reach up to 25 more recipients than the rule allows.

drop index message_log_same_content;
create index message_log_same_content on message_log (content_hash, created_at) where content_hash is not null;
