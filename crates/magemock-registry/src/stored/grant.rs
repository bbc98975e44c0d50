//! An integration's ACL grant, stored as Magento's AuthorizationService stores it: a user role
//! (`role_type` 'U', `user_type` '1', `user_id` = integration id) with one `allow` rule per
//! resource, or a single `Magento_Backend::all` rule for "all resources".

use std::collections::BTreeSet;

use magemock_acl::{AclResourceId, Grant};
use rusqlite::{Connection, OptionalExtension, params};

use super::RegistryError;

const USER_TYPE_INTEGRATION: &str = "1";

fn role_id(conn: &Connection, integration_id: i64) -> Result<Option<i64>, RegistryError> {
    Ok(conn
        .prepare_cached(
            "SELECT role_id FROM authorization_role WHERE user_type = ?1 AND user_id = ?2 AND \
             role_type = 'U'",
        )
        .and_then(|mut s| s.query_row(params![USER_TYPE_INTEGRATION, integration_id], |r| r.get(0)))
        .optional()?)
}

/// Replaces the integration's rules (`AuthorizationService::grantPermissions`).
pub fn save_grant(
    conn: &Connection,
    integration_id: i64,
    grant: &Grant,
) -> Result<(), RegistryError> {
    let role = match role_id(conn, integration_id)? {
        Some(id) => id,
        None => {
            conn.prepare_cached(
                "INSERT INTO authorization_role(parent_id, tree_level, sort_order, role_type, user_id, user_type, role_name) \
                 VALUES (0, 1, 0, 'U', ?1, ?2, ?3)",
            )
            .and_then(|mut s| s.execute(params![integration_id, USER_TYPE_INTEGRATION, integration_id.to_string()]))?;
            conn.last_insert_rowid()
        }
    };
    conn.prepare_cached("DELETE FROM authorization_rule WHERE role_id = ?1")
        .and_then(|mut s| s.execute([role]))?;
    let ids: Vec<String> = match grant {
        Grant::All => vec![magemock_acl::ALL_RESOURCES.to_string()],
        Grant::Resources(set) => set.iter().map(ToString::to_string).collect(),
    };
    for id in ids {
        conn.prepare_cached(
            "INSERT INTO authorization_rule(role_id, resource_id, privileges, permission) \
             VALUES (?1, ?2, NULL, 'allow')",
        )
        .and_then(|mut s| s.execute(params![role, id]))?;
    }
    Ok(())
}

pub fn grant_of(conn: &Connection, integration_id: i64) -> Result<Grant, RegistryError> {
    let Some(role) = role_id(conn, integration_id)? else {
        return Ok(Grant::none());
    };
    let mut stmt = conn.prepare_cached(
        "SELECT resource_id FROM authorization_rule WHERE role_id = ?1 AND permission = \
         'allow' ORDER BY rule_id",
    )?;
    let ids: Vec<String> = stmt
        .query_map([role], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    if ids.iter().any(|id| id == magemock_acl::ALL_RESOURCES) {
        return Ok(Grant::All);
    }
    let set: BTreeSet<AclResourceId> = ids
        .iter()
        .filter_map(|id| AclResourceId::try_from(id.as_str()).ok())
        .collect();
    Ok(Grant::Resources(set))
}

pub(crate) fn delete_grant(conn: &Connection, integration_id: i64) -> Result<(), RegistryError> {
    conn.prepare_cached("DELETE FROM authorization_role WHERE user_type = ?1 AND user_id = ?2")
        .and_then(|mut s| s.execute(params![USER_TYPE_INTEGRATION, integration_id]))?;
    Ok(())
}
