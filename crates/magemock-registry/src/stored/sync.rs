//! `ConfigBasedIntegrationManager::processConfigBasedIntegrations` (what `setup:upgrade` does
//! with the integrations modules declare): a new name is created (inactive); an unchanged one is
//! left alone; a changed one is deleted and re-created with status 2 ("Reset"): a new id, a new
//! consumer key and secret, and its old tokens gone. Integrations from the deprecated
//! config.xml + api.xml pair are only updated in place (`processIntegrationConfig`).

use magemock_acl::{AclResourceId, AclTree, Grant};
use serde::Serialize;

use super::entity::{IntegrationChanges, NewIntegration, SetupType, Status};
use super::grant::grant_of;
use super::repo::{by_name, create, delete_unchecked, update_unchecked};
use super::{RegistryContext, RegistryError};
use crate::declared::{DeclaredIntegration, Origin};

/// What a synchronisation did, by integration name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SyncReport {
    pub created: Vec<String>,
    pub unchanged: Vec<String>,
    pub recreated: Vec<String>,
    pub updated: Vec<String>,
}

/// The grant a declaration gives: each resource with its ancestors and the admin root
/// (Config/Consolidated/Converter.php); an unknown resource id is refused by name.
pub fn declared_grant(
    tree: &AclTree,
    declared: &DeclaredIntegration,
) -> Result<Grant, RegistryError> {
    let ids = declared
        .resources
        .iter()
        .map(|r| AclResourceId::try_from(r.as_str()))
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(unknown) = ids.iter().find(|id| !tree.contains(id)) {
        return Err(RegistryError::Invalid(format!(
            "integration \"{}\" declares the resource {unknown}, which is not in the ACL tree (files: {})",
            declared.name,
            declared
                .files
                .iter()
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    Ok(tree.expand(&ids)?)
}

pub fn sync_declared(
    conn: &rusqlite::Connection,
    ctx: &RegistryContext<'_>,
    tree: &AclTree,
    declared: &[DeclaredIntegration],
) -> Result<SyncReport, RegistryError> {
    let mut report = SyncReport::default();
    for d in declared {
        let grant = declared_grant(tree, d)?;
        let wanted = NewIntegration {
            name: d.name.clone(),
            email: d.email.clone(),
            endpoint: d.endpoint_url.clone(),
            identity_link_url: d.identity_link_url.clone(),
            setup_type: SetupType::Config,
            status: Status::Inactive,
            grant: grant.clone(),
        };
        let Some(current) = by_name(conn, &d.name)? else {
            create(conn, ctx, &wanted)?;
            report.created.push(d.name.clone());
            continue;
        };
        let same = current.email == wanted.email
            && current.endpoint == wanted.endpoint
            && current.identity_link_url == wanted.identity_link_url
            && current.setup_type == SetupType::Config
            && grant_of(conn, current.id)? == grant;
        match (d.origin, same) {
            (_, true) => report.unchanged.push(d.name.clone()),
            (Origin::Legacy, false) => {
                let changes = IntegrationChanges {
                    name: None,
                    email: Some(wanted.email.clone()),
                    endpoint: Some(wanted.endpoint.clone()),
                    identity_link_url: Some(wanted.identity_link_url.clone()),
                    grant: Some(grant),
                };
                update_unchecked(conn, ctx, &current, &changes)?;
                conn.prepare_cached(
                    "UPDATE integration SET setup_type = 1 WHERE integration_id = ?1",
                )
                .and_then(|mut s| s.execute([current.id]))?;
                report.updated.push(d.name.clone());
            }
            (Origin::Consolidated, false) => {
                delete_unchecked(conn, &current)?;
                create(
                    conn,
                    ctx,
                    &NewIntegration {
                        status: Status::Recreated,
                        ..wanted
                    },
                )?;
                report.recreated.push(d.name.clone());
            }
        }
    }
    Ok(report)
}
