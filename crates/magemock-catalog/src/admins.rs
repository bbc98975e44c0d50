//! Admin users, their roles and the roles' rules (`Magento_User`'s `admin_user`,
//! `Magento_Authorization`'s `authorization_role` and `authorization_rule`). The group role
//! "Administrators" (id 1, `Magento_Backend::all`) is seeded by the migration.

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::error::{CatalogError, Existing};

/// The resource that grants the whole ACL tree.
pub const ALL_RESOURCES: &str = "Magento_Backend::all";
/// `Magento\Authorization\Model\Acl\Role\Group::ROLE_TYPE` and `Role\User::ROLE_TYPE`.
pub const ROLE_TYPE_GROUP: &str = "G";
pub const ROLE_TYPE_USER: &str = "U";
/// `Magento\Authorization\Model\UserContextInterface::USER_TYPE_ADMIN`, stored as text.
pub const USER_TYPE_ADMIN: &str = "2";
/// The seeded "Administrators" role.
pub const ADMINISTRATORS_ROLE_ID: i64 = 1;

/// What a role grants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resources {
    /// Everything (`Magento_Backend::all`).
    All,
    /// These resource ids, in this order.
    Some(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRole {
    pub name: String,
    pub resources: Resources,
}

/// A group role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    pub id: i64,
    pub name: String,
    pub resources: Resources,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAdminUser {
    pub username: String,
    pub firstname: String,
    pub lastname: String,
    pub email: String,
    /// Already hashed ([`crate::password::hash`]).
    pub password_hash: String,
    pub is_active: bool,
    /// The group role the user belongs to.
    pub role_id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminUser {
    pub id: i64,
    pub firstname: Option<String>,
    pub lastname: Option<String>,
    pub email: Option<String>,
    pub username: Option<String>,
    pub password_hash: String,
    pub created: String,
    pub modified: String,
    pub is_active: bool,
}

/// Inserts a group role and one `allow` rule per resource (a single `Magento_Backend::all`
/// rule for [`Resources::All`], as `InitializeAuthRoles` writes it).
pub fn insert_role(conn: &Connection, new: &NewRole) -> Result<i64, CatalogError> {
    let name = new.name.trim();
    if name.is_empty() {
        return Err(CatalogError::RequiredValueEmpty("role_name".to_string()));
    }
    if role_by_name(conn, name)?.is_some() {
        return Err(CatalogError::AlreadyExists(Existing::Role(
            name.to_string(),
        )));
    }
    conn.prepare_cached(
        "INSERT INTO authorization_role (parent_id, tree_level, sort_order, role_type, user_id, \
         user_type, role_name) VALUES (0, 1, 0, ?1, 0, ?2, ?3)",
    )
    .and_then(|mut s| s.execute(params![ROLE_TYPE_GROUP, USER_TYPE_ADMIN, name]))?;
    let id = conn.last_insert_rowid();
    let resources: Vec<&str> = match &new.resources {
        Resources::All => vec![ALL_RESOURCES],
        Resources::Some(list) => {
            let mut unique: Vec<&str> = Vec::with_capacity(list.len());
            for r in list {
                if !unique.contains(&r.as_str()) {
                    unique.push(r);
                }
            }
            unique
        }
    };
    for resource in resources {
        conn.prepare_cached(
            "INSERT INTO authorization_rule (role_id, resource_id, privileges, permission) \
             VALUES (?1, ?2, NULL, 'allow')",
        )
        .and_then(|mut s| s.execute(params![id, resource]))?;
    }
    Ok(id)
}

fn resources_of(conn: &Connection, role_id: i64) -> Result<Resources, CatalogError> {
    let mut stmt = conn.prepare_cached(
        "SELECT resource_id FROM authorization_rule \
         WHERE role_id = ?1 AND permission = 'allow' AND resource_id IS NOT NULL \
         ORDER BY rule_id",
    )?;
    let list: Vec<String> = stmt
        .query_map([role_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(if list.iter().any(|r| r == ALL_RESOURCES) {
        Resources::All
    } else {
        Resources::Some(list)
    })
}

fn role_from(
    conn: &Connection,
    found: Option<(i64, String)>,
) -> Result<Option<Role>, CatalogError> {
    match found {
        Some((id, name)) => Ok(Some(Role {
            id,
            resources: resources_of(conn, id)?,
            name,
        })),
        None => Ok(None),
    }
}

/// The group role with this name (case-sensitive, the first one if Magento data holds two).
pub fn role_by_name(conn: &Connection, name: &str) -> Result<Option<Role>, CatalogError> {
    let found = conn
        .prepare_cached(
            "SELECT role_id, role_name FROM authorization_role \
             WHERE role_type = ?1 AND role_name = ?2 ORDER BY role_id LIMIT 1",
        )
        .and_then(|mut s| {
            s.query_row(params![ROLE_TYPE_GROUP, name], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
        })
        .optional()?;
    role_from(conn, found)
}

pub fn role_by_id(conn: &Connection, id: i64) -> Result<Option<Role>, CatalogError> {
    let found = conn
        .prepare_cached(
            "SELECT role_id, COALESCE(role_name, '') FROM authorization_role \
             WHERE role_type = ?1 AND role_id = ?2",
        )
        .and_then(|mut s| s.query_row(params![ROLE_TYPE_GROUP, id], |r| Ok((r.get(0)?, r.get(1)?))))
        .optional()?;
    role_from(conn, found)
}

/// Inserts an admin user and its user role under the group role, as
/// `Magento\User\Model\ResourceModel\User::_createUserRole` does (role name = first name).
pub fn insert_admin_user(
    conn: &Connection,
    new: &NewAdminUser,
    now: &str,
) -> Result<i64, CatalogError> {
    let required = [
        ("username", new.username.as_str()),
        ("firstname", new.firstname.as_str()),
        ("lastname", new.lastname.as_str()),
        ("email", new.email.as_str()),
    ];
    for (field, value) in required {
        if value.trim().is_empty() {
            return Err(CatalogError::RequiredValueEmpty(field.to_string()));
        }
    }
    if !crate::customers::looks_like_email(&new.email) {
        return Err(CatalogError::invalid(
            "email",
            new.email.as_str(),
            "not a valid e-mail address",
        ));
    }
    // `User::userExists`: the user name and the e-mail must both be free.
    let taken: bool = conn
        .prepare_cached("SELECT EXISTS(SELECT 1 FROM admin_user WHERE username = ?1 OR email = ?2)")
        .and_then(|mut s| {
            s.query_row(params![new.username.trim(), new.email.trim()], |r| r.get(0))
        })?;
    if taken {
        return Err(CatalogError::AlreadyExists(Existing::AdminUser(format!(
            "{} / {}",
            new.username.trim(),
            new.email.trim()
        ))));
    }
    let tree_level: i64 = conn
        .prepare_cached(
            "SELECT tree_level FROM authorization_role WHERE role_id = ?1 AND role_type = ?2",
        )
        .and_then(|mut s| s.query_row(params![new.role_id, ROLE_TYPE_GROUP], |r| r.get(0)))
        .optional()?
        .ok_or_else(|| CatalogError::no_such("role", "roleId", new.role_id))?;
    conn.prepare_cached(
        "INSERT INTO admin_user (firstname, lastname, email, username, password, created, \
         modified, is_active) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
    )
    .and_then(|mut s| {
        s.execute(params![
            new.firstname,
            new.lastname,
            new.email.trim(),
            new.username.trim(),
            new.password_hash,
            now,
            new.is_active
        ])
    })?;
    let id = conn.last_insert_rowid();
    conn.prepare_cached(
        "INSERT INTO authorization_role (parent_id, tree_level, sort_order, role_type, user_id, \
         user_type, role_name) VALUES (?1, ?2, 0, ?3, ?4, ?5, ?6)",
    )
    .and_then(|mut s| {
        s.execute(params![
            new.role_id,
            tree_level + 1,
            ROLE_TYPE_USER,
            id,
            USER_TYPE_ADMIN,
            new.firstname
        ])
    })?;
    Ok(id)
}

const ADMIN_COLUMNS: &str =
    "user_id, firstname, lastname, email, username, password, created, modified, is_active";

fn admin_row(r: &Row<'_>) -> rusqlite::Result<AdminUser> {
    Ok(AdminUser {
        id: r.get(0)?,
        firstname: r.get(1)?,
        lastname: r.get(2)?,
        email: r.get(3)?,
        username: r.get(4)?,
        password_hash: r.get(5)?,
        created: r.get(6)?,
        modified: r.get(7)?,
        is_active: r.get(8)?,
    })
}

/// The admin user with this user name (case-insensitive, as MySQL compares it in Magento).
pub fn admin_by_username(
    conn: &Connection,
    username: &str,
) -> Result<Option<AdminUser>, CatalogError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {ADMIN_COLUMNS} FROM admin_user WHERE username = ?1"
        ))
        .and_then(|mut s| s.query_row([username], admin_row))
        .optional()?)
}

/// The group role an admin user belongs to (`User::getRoles`).
pub fn admin_role(conn: &Connection, user_id: i64) -> Result<Option<Role>, CatalogError> {
    let parent: Option<i64> = conn
        .prepare_cached(
            "SELECT parent_id FROM authorization_role \
             WHERE user_id = ?1 AND user_type = ?2 AND role_type = ?3 AND parent_id > 0 \
             ORDER BY role_id LIMIT 1",
        )
        .and_then(|mut s| {
            s.query_row(params![user_id, USER_TYPE_ADMIN, ROLE_TYPE_USER], |r| {
                r.get(0)
            })
        })
        .optional()?;
    match parent {
        Some(role_id) => role_by_id(conn, role_id),
        None => Ok(None),
    }
}

/// Every group role, by id.
pub fn roles(conn: &Connection) -> Result<Vec<Role>, CatalogError> {
    let mut stmt = conn.prepare_cached(
        "SELECT role_id, role_name FROM authorization_role WHERE role_type = ?1 ORDER BY role_id",
    )?;
    let found: Vec<(i64, String)> = stmt
        .query_map([ROLE_TYPE_GROUP], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    found
        .into_iter()
        .map(|f| role_from(conn, Some(f)).map(|r| r.into_iter()))
        .collect::<Result<Vec<_>, _>>()
        .map(|v| v.into_iter().flatten().collect())
}

/// Every admin user, by id.
pub fn admin_users(conn: &Connection) -> Result<Vec<AdminUser>, CatalogError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ADMIN_COLUMNS} FROM admin_user ORDER BY user_id"
    ))?;
    let rows = stmt.query_map([], admin_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Activates or deactivates an admin user (`admin_user.is_active`).
pub fn set_admin_active(conn: &Connection, user_id: i64, active: bool) -> Result<(), CatalogError> {
    conn.prepare_cached("UPDATE admin_user SET is_active = ?1 WHERE user_id = ?2")
        .and_then(|mut s| s.execute(params![active, user_id]))?;
    Ok(())
}
