-- The hosts accepted sends have linked to, and when one first was (docs/responsible-messaging.md, "Link signals"):
-- send_gate_reserve records them for every reserved send whose text links somewhere, and judges a host no accepted
-- send linked to before signal.new_link_host.days ago as new. One row per host (by its last three labels), so the
-- table grows with the distinct hosts the gateway's clients link to, not with the sends.
create table link_host (
    host       text primary key,
    first_seen timestamptz not null
);
