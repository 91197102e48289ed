-- Message templates (contract §13) and the WhatsApp Business Account that holds an instance's templates at Meta.

-- Meta's template webhooks name the business account, not the phone number: several instances (phone numbers)
-- may share one, so it is indexed, not unique.
alter table instance add column waba_id text;
create index instance_business_account on instance (transport, waba_id) where waba_id is not null;

-- An instance's templates, by name and language. buttons: a JSON array of {type, text, value?}. status and quality
-- are the gateway's lower-case words (approved, pending, paused…; green, yellow, red, unknown). A send reads one row
-- by its primary key; the operator lists an instance's rows in key order.
create table template (
    instance_id text        not null references instance (id) on delete cascade,
    name        text        not null,
    language    text        not null,
    category    text        not null check (category in ('utility', 'authentication', 'marketing')),
    body        text        not null,
    buttons     jsonb       not null default '[]',
    status      text        not null,
    quality     text,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    primary key (instance_id, name, language)
);
