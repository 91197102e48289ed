-- Transport secrets at rest (contract §13). V4 stored instance.access_token as given; from this version on the
-- gateway seals it before writing (AES-256-GCM under GATEWAY_SECRET_KEY, bound to its column and row) and opens it
-- after reading, in the persistence adapter (SecretSealer). No statement can do the sealing, since the database
-- never holds the key: every start seals what is still plain or under the previous key (PgSecretResealing), so a
-- database upgraded by this migration has its tokens sealed before the node that ran it takes a request.
-- The comment travels with the schema (and with every dump of it).
comment on column instance.access_token is
    'sealed: v1:<key id>:<base64 of nonce, ciphertext and tag>, AES-256-GCM under GATEWAY_SECRET_KEY; '
    'a value without the v1: prefix is a plain token from before V13, sealed at the next start';
