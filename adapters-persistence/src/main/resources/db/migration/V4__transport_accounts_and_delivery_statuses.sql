-- Transport accounts (contract §8: meta_cloud's phone_number_id and access_token per instance) and the
-- delivery statuses a transport reports after it took a message (sent < delivered < read, or failed).

-- The instance's own account at its transport; both null for a transport that needs none (the sandbox).
-- access_token is a secret: it is stored as given and never logged. Encrypting it at rest (a key held
-- outside the database) is a further step, not taken here.
alter table instance
    add column phone_number_id text,
    add column access_token    text;

-- Inbound webhooks name the business phone number only: it must lead to one instance per transport.
create unique index instance_transport_account on instance (transport, phone_number_id)
    where phone_number_id is not null;

-- Delivery reports find their row by the transport's message id.
create index message_log_message_id on message_log (message_id) where message_id is not null;

-- A row's status may now also be 'delivered' and 'read'.
alter table message_log drop constraint message_log_status_check;
alter table message_log
    add constraint message_log_status_check
        check (status in ('accepted', 'sent', 'delivered', 'read', 'failed', 'refused'));

-- A status is recorded once per message, so a re-delivered report changes nothing. Until now a row had at
-- most one history entry ('sent' by markSent, 'failed' by give_back_quota, each guarded by the row's
-- status), so existing data satisfies it. It also serves every look-up by log_id, replacing the old index.
create unique index message_status_once on message_status (log_id, status);
drop index message_status_log;

-- The behaviour facts (RiskFacts) count every message the transport took, whatever became of it since: a
-- delivered or read message is still one of the "last deliveries". The partial indexes follow the queries.
drop index message_log_transport_outcomes;
create index message_log_transport_outcomes on message_log (instance_id, id desc)
    where status in ('sent', 'delivered', 'read', 'failed');
drop index message_log_recipients;
create index message_log_recipients on message_log (instance_id, created_at)
    where status in ('accepted', 'sent', 'delivered', 'read', 'failed');
