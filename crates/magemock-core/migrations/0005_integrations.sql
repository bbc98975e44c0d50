-- Integrations and their OAuth consumers (app/code/Magento/Integration/etc/db_schema.xml).
-- An integration's ACL grant is an authorization_role row (role_type 'U', user_type '1',
-- user_id = integration_id) with its authorization_rule rows, as Magento stores it.

CREATE TABLE oauth_consumer (
    -- AUTOINCREMENT: like MySQL, a deleted id is never handed out again.
    entity_id             INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at            TEXT NOT NULL,
    -- Set when credentials are posted to the endpoint: starts the token-exchange window.
    updated_at            TEXT,
    name                  TEXT NOT NULL,
    key                   TEXT NOT NULL UNIQUE,
    secret                TEXT NOT NULL UNIQUE,
    callback_url          TEXT,
    rejected_callback_url TEXT NOT NULL DEFAULT ''
);

CREATE TABLE integration (
    integration_id    INTEGER PRIMARY KEY AUTOINCREMENT,
    name              TEXT NOT NULL UNIQUE,
    email             TEXT NOT NULL,
    endpoint          TEXT,
    -- 0 inactive, 1 active, 2 recreated ("Reset").
    status            INTEGER NOT NULL DEFAULT 0,
    consumer_id       INTEGER UNIQUE REFERENCES oauth_consumer(entity_id) ON DELETE CASCADE,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    -- 0 manual (admin / control API), 1 config file.
    setup_type        INTEGER NOT NULL DEFAULT 0,
    identity_link_url TEXT
);

CREATE TABLE oauth_nonce (
    nonce       TEXT NOT NULL,
    timestamp   INTEGER NOT NULL,
    consumer_id INTEGER NOT NULL REFERENCES oauth_consumer(entity_id) ON DELETE CASCADE,
    UNIQUE (nonce, consumer_id)
);

-- Two-factor authentication of admin users (magento/security-package TwoFactorAuth's
-- tfa_user_config, reduced to the Google Authenticator provider).
CREATE TABLE tfa_user_config (
    user_id          INTEGER PRIMARY KEY,
    google_secret    TEXT,
    google_activated INTEGER NOT NULL DEFAULT 0
);
