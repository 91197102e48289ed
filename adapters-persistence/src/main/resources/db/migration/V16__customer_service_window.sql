-- Contract §13's customer-service window: when each recipient last wrote to each instance (an inbound message of any
-- transport). One row per instance and recipient who ever wrote, like suppression's; written by an upsert that keeps
-- the latest moment (PgSendGate.recipientWrote), read by send_gate_reserve through the primary key alone.
create table customer_service_window (
    instance_id     text        not null references instance (id),
    phone           text        not null,
    last_wrote_at   timestamptz not null,
    primary key (instance_id, phone)
);
