-- The waha transport (contract §14): an instance's session on a WAHA server. waha_api_key (sent to WAHA as
-- X-Api-Key) and waha_webhook_key (the HMAC key WAHA signs its events with) are secrets, sealed like access_token
-- (V13) by the persistence adapter before they are written, and re-sealed at start (PgSecretResealing).
alter table instance
    add column waha_url         text,
    add column waha_session     text,
    add column waha_api_key     text,
    add column waha_webhook_key text;

comment on column instance.waha_api_key is
    'sealed: v1:<key id>:<base64 of nonce, ciphertext and tag>, AES-256-GCM under GATEWAY_SECRET_KEY';
comment on column instance.waha_webhook_key is
    'sealed: v1:<key id>:<base64 of nonce, ciphertext and tag>, AES-256-GCM under GATEWAY_SECRET_KEY';
