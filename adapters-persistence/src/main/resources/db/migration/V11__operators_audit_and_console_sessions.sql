-- Operators (contract §12): named tokens, stored as the SHA-256 hex of the whole token, like API keys. The built-in
-- operator "admin" (GATEWAY_ADMIN_TOKEN) is configuration and never stored here. Names are unique whatever their
-- case, revoked operators' included, so that the audit log's names always mean one operator.
create table operator (
    id         text primary key,
    name       text        not null,
    token_hash text        not null unique,
    created_at timestamptz not null,
    revoked_at timestamptz
);

create unique index operator_name on operator (lower(name));

-- What operators changed, append-only: R__append_only.sql's triggers refuse UPDATE, DELETE and TRUNCATE,
-- and retention keeps every row. operator is the name as it was (operators are never renamed).
create table operator_audit (
    id       bigserial primary key,
    at       timestamptz not null,
    operator text        not null,
    action   text        not null,
    target   text        not null,
    note     text
);

-- Console sessions: the SHA-256 hex of the cookie's value, never the value. operator_id is an operator's id, or
-- 'admin' for the built-in one (hence no foreign key); token_hash is the hash of the token the session was started
-- with. The retention sweep removes sessions idle past their expiry (oldest first, by last_seen_at).
create table console_session (
    id_hash       text primary key,
    operator_id   text        not null,
    operator_name text        not null,
    token_hash    text        not null,
    csrf_token    text        not null,
    started_at    timestamptz not null,
    last_seen_at  timestamptz not null
);

create index console_session_idle on console_session (last_seen_at);
