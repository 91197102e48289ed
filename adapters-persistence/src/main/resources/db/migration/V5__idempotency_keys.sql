-- The first answer to each Idempotency-Key of an account (contract §3). A row is 'in_progress' from its claim
-- until the answer is stored ('answered', with status and body) or the claim is released (the row is deleted).
-- Rows older than 24 hours are claimed afresh in place; nothing else reads them.
create table idempotency_key (
    account_id   text        not null,
    key          text        not null,
    request_hash text        not null,
    state        text        not null check (state in ('in_progress', 'answered')),
    status       integer,
    body         text,
    created_at   timestamptz not null,
    primary key (account_id, key),
    check ((state = 'answered') = (status is not null and body is not null))
);
