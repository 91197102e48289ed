-- The retention sweep (contract §10, PgExpiredRecords) removes old rows in small batches, oldest first.
--
-- Deleting a message-log row makes PostgreSQL look for risk events that still reference it: without an index on
-- risk_event.log_id that look-up reads the whole table, once per deleted row. Only assessed sends and violations
-- have a risk event, so the index costs a send an entry only when it scored above 0.
create index risk_event_log on risk_event (log_id) where log_id is not null;

-- Idempotency keys live a day: the sweep finds the expired ones by age. One entry per send that carries a key.
create index idempotency_key_age on idempotency_key (created_at);
