-- Admin users and their roles, as Magento 2.4 names them:
-- app/code/Magento/User/etc/db_schema.xml (admin_user) and
-- app/code/Magento/Authorization/etc/db_schema.xml (authorization_role, authorization_rule).
--
-- A role is a tree of rows: a group role (role_type 'G', parent 0) holds the rules; each admin
-- user gets a user role (role_type 'U', user_type '2', parent = the group role, role_name = the
-- user's first name), as Magento\User\Model\ResourceModel\User::_createUserRole writes it.
-- Integrations get user roles too (user_type '1') once the registry adds them.

CREATE TABLE admin_user (
    user_id             INTEGER PRIMARY KEY,
    firstname           TEXT,
    lastname            TEXT,
    email               TEXT COLLATE NOCASE,
    username            TEXT UNIQUE COLLATE NOCASE,
    -- Magento's hash:salt:version form.
    password            TEXT    NOT NULL,
    created             TEXT    NOT NULL,
    modified            TEXT    NOT NULL,
    logdate             TEXT,
    lognum              INTEGER NOT NULL DEFAULT 0,
    reload_acl_flag     INTEGER NOT NULL DEFAULT 0,
    -- 0 once deactivated: the user can no longer get a token, and its tokens stop working.
    is_active           INTEGER NOT NULL DEFAULT 1,
    extra               TEXT,
    rp_token            TEXT,
    rp_token_created_at TEXT,
    interface_locale    TEXT    NOT NULL DEFAULT 'en_US',
    failures_num        INTEGER DEFAULT 0,
    first_failure       TEXT,
    lock_expires        TEXT
);

CREATE TABLE authorization_role (
    role_id    INTEGER PRIMARY KEY,
    parent_id  INTEGER NOT NULL DEFAULT 0,
    tree_level INTEGER NOT NULL DEFAULT 0,
    sort_order INTEGER NOT NULL DEFAULT 0,
    -- 'G' a group role (holds rules), 'U' one user's membership of a group role.
    role_type  TEXT    NOT NULL DEFAULT '0',
    -- No foreign key: an admin_user id or an integration id, told apart by user_type.
    user_id    INTEGER NOT NULL DEFAULT 0,
    -- Magento\Authorization\Model\UserContextInterface: '1' integration, '2' admin.
    user_type  TEXT,
    role_name  TEXT
);
CREATE INDEX authorization_role_parent_id_sort_order ON authorization_role(parent_id, sort_order);
CREATE INDEX authorization_role_user ON authorization_role(user_type, user_id);

CREATE TABLE authorization_rule (
    rule_id     INTEGER PRIMARY KEY,
    role_id     INTEGER NOT NULL DEFAULT 0 REFERENCES authorization_role(role_id) ON DELETE CASCADE,
    resource_id TEXT,
    privileges  TEXT,
    -- 'allow' or 'deny'; magemock writes allowed resources only.
    permission  TEXT
);
CREATE INDEX authorization_rule_role_id_resource_id ON authorization_rule(role_id, resource_id);

-- Magento\Authorization\Setup\Patch\Data\InitializeAuthRoles: every install has the
-- "Administrators" group role with the whole tree (Magento_Backend::all).
INSERT INTO authorization_role (role_id, parent_id, tree_level, sort_order, role_type, user_id, user_type, role_name)
VALUES (1, 0, 1, 1, 'G', 0, '2', 'Administrators');
INSERT INTO authorization_rule (rule_id, role_id, resource_id, privileges, permission)
VALUES (1, 1, 'Magento_Backend::all', NULL, 'allow');
