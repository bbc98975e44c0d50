-- The token service (app/code/Magento/Integration/etc/db_schema.xml,
-- app/code/Magento/JwtUserToken/etc/db_schema.xml).

-- Opaque tokens: admin/customer tokens before 2.4.4, and OAuth request/access tokens.
CREATE TABLE oauth_token (
    entity_id    INTEGER PRIMARY KEY,
    consumer_id  INTEGER,
    admin_id     INTEGER,
    customer_id  INTEGER,
    type         TEXT NOT NULL,
    token        TEXT NOT NULL UNIQUE,
    secret       TEXT NOT NULL,
    verifier     TEXT,
    callback_url TEXT NOT NULL DEFAULT '',
    revoked      INTEGER NOT NULL DEFAULT 0,
    authorized   INTEGER NOT NULL DEFAULT 0,
    user_type    INTEGER,
    created_at   TEXT NOT NULL
);
CREATE INDEX oauth_token_consumer ON oauth_token(consumer_id);

-- RequestThrottler's failure log, unique per (user_name, user_type).
CREATE TABLE oauth_token_request_log (
    log_id          INTEGER PRIMARY KEY,
    user_name       TEXT NOT NULL,
    user_type       INTEGER NOT NULL,
    failures_count  INTEGER NOT NULL DEFAULT 0,
    lock_expires_at TEXT,
    UNIQUE (user_name, user_type)
);

-- JWT revocation: tokens with iat <= revoke_before are dead.
CREATE TABLE jwt_auth_revoked (
    user_type_id  INTEGER NOT NULL,
    user_id       INTEGER NOT NULL,
    revoke_before INTEGER NOT NULL,
    PRIMARY KEY (user_type_id, user_id)
);

-- magemock's own record of the JWTs it issued (Magento keeps none), for GET /__magemock/tokens.
CREATE TABLE magemock_jwt_issued (
    id           INTEGER PRIMARY KEY,
    user_type_id INTEGER NOT NULL,
    user_id      INTEGER NOT NULL,
    iat          INTEGER NOT NULL,
    exp          INTEGER NOT NULL,
    token        TEXT NOT NULL
);
