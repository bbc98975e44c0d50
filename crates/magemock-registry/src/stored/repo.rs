//! Creating, reading, changing and deleting integrations and their consumers
//! (IntegrationService.php, OauthService.php `createConsumer` / `deleteConsumer`).

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::entity::{Consumer, Integration, IntegrationChanges, NewIntegration, SetupType, Status};
use super::grant::{delete_grant, save_grant};
use super::{RegistryContext, RegistryError};

const COLUMNS: &str = "integration_id, name, email, endpoint, status, setup_type, consumer_id, \
                       created_at, updated_at, identity_link_url";

fn row(r: &Row<'_>) -> rusqlite::Result<Integration> {
    Ok(Integration {
        id: r.get(0)?,
        name: r.get(1)?,
        email: r.get(2)?,
        endpoint: r.get(3)?,
        status: Status::from_db(r.get(4)?),
        setup_type: if r.get::<_, i64>(5)? == 1 {
            SetupType::Config
        } else {
            SetupType::Manual
        },
        consumer_id: r.get::<_, Option<i64>>(6)?.unwrap_or(0),
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
        identity_link_url: r.get(9)?,
    })
}

/// The checks of the integration XSD (integration_base.xsd), applied to hand-made ones too.
fn validate(
    name: &str,
    email: &str,
    endpoint: Option<&str>,
    identity: Option<&str>,
) -> Result<(), RegistryError> {
    if name.trim().chars().count() < 2 {
        return Err(RegistryError::Invalid(format!(
            "integration name {name:?} is too short: at least 2 characters"
        )));
    }
    let email_ok = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain
                .split_once('.')
                .is_some_and(|(host, rest)| !host.is_empty() && !rest.is_empty())
    });
    if !email_ok {
        return Err(RegistryError::Invalid(format!(
            "{email:?} is not an e-mail address"
        )));
    }
    for (what, url) in [("endpoint_url", endpoint), ("identity_link_url", identity)] {
        if let Some(u) = url
            && u.chars().count() < 4
        {
            return Err(RegistryError::Invalid(format!(
                "{what} {u:?} is too short: at least 4 characters"
            )));
        }
    }
    Ok(())
}

pub fn get(conn: &Connection, id: i64) -> Result<Integration, RegistryError> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM integration WHERE integration_id = ?1"
    ))
    .and_then(|mut s| s.query_row([id], row))
    .optional()?
    .ok_or(RegistryError::NoSuchId(id))
}

pub fn by_name(conn: &Connection, name: &str) -> Result<Option<Integration>, RegistryError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM integration WHERE name = ?1"
        ))
        .and_then(|mut s| s.query_row([name], row))
        .optional()?)
}

pub fn list(conn: &Connection) -> Result<Vec<Integration>, RegistryError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM integration ORDER BY integration_id"
    ))?;
    let rows = stmt.query_map([], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// `IntegrationService::create`: the row, then a consumer named `Integration<id>` with a
/// 32-character key and secret, then the ACL grant.
pub fn create(
    conn: &Connection,
    ctx: &RegistryContext<'_>,
    new: &NewIntegration,
) -> Result<Integration, RegistryError> {
    validate(
        &new.name,
        &new.email,
        new.endpoint.as_deref(),
        new.identity_link_url.as_deref(),
    )?;
    if by_name(conn, &new.name)?.is_some() {
        return Err(RegistryError::NameExists(new.name.clone()));
    }
    let now = ctx.clock.now_db();
    conn.prepare_cached(
        "INSERT INTO integration(name, email, endpoint, status, setup_type, created_at, updated_at, identity_link_url) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
    )
    .and_then(|mut s| s.execute(params![new.name, new.email, new.endpoint, new.status as i64, new.setup_type as i64, now, new.identity_link_url]))?;
    let id = conn.last_insert_rowid();
    let key = ctx.entropy.token32();
    let secret = ctx.entropy.token32();
    conn.prepare_cached(
        "INSERT INTO oauth_consumer(created_at, updated_at, name, key, secret) VALUES (?1, \
         NULL, ?2, ?3, ?4)",
    )
    .and_then(|mut s| s.execute(params![now, format!("Integration{id}"), key, secret]))?;
    let consumer_id = conn.last_insert_rowid();
    conn.prepare_cached("UPDATE integration SET consumer_id = ?1 WHERE integration_id = ?2")
        .and_then(|mut s| s.execute(params![consumer_id, id]))?;
    save_grant(conn, id, &new.grant)?;
    get(conn, id)
}

/// Changes a hand-made integration; config-made ones belong to their module files.
pub fn update(
    conn: &Connection,
    ctx: &RegistryContext<'_>,
    id: i64,
    changes: &IntegrationChanges,
) -> Result<Integration, RegistryError> {
    let current = get(conn, id)?;
    if current.setup_type == SetupType::Config {
        return Err(RegistryError::ConfigBased(current.name));
    }
    update_unchecked(conn, ctx, &current, changes)
}

pub(crate) fn update_unchecked(
    conn: &Connection,
    ctx: &RegistryContext<'_>,
    current: &Integration,
    changes: &IntegrationChanges,
) -> Result<Integration, RegistryError> {
    let name = changes.name.clone().unwrap_or_else(|| current.name.clone());
    let email = changes
        .email
        .clone()
        .unwrap_or_else(|| current.email.clone());
    let endpoint = changes
        .endpoint
        .clone()
        .unwrap_or_else(|| current.endpoint.clone());
    let identity = changes
        .identity_link_url
        .clone()
        .unwrap_or_else(|| current.identity_link_url.clone());
    validate(&name, &email, endpoint.as_deref(), identity.as_deref())?;
    if name != current.name && by_name(conn, &name)?.is_some() {
        return Err(RegistryError::NameExists(name));
    }
    conn.prepare_cached(
        "UPDATE integration SET name = ?1, email = ?2, endpoint = ?3, identity_link_url = ?4, updated_at = ?5 \
         WHERE integration_id = ?6",
    )
    .and_then(|mut s| s.execute(params![name, email, endpoint, identity, ctx.clock.now_db(), current.id]))?;
    if let Some(grant) = &changes.grant {
        save_grant(conn, current.id, grant)?;
    }
    get(conn, current.id)
}

/// Deletes the integration with its consumer, tokens, nonces and ACL role.
pub fn delete(conn: &Connection, id: i64) -> Result<Integration, RegistryError> {
    let current = get(conn, id)?;
    delete_unchecked(conn, &current)?;
    Ok(current)
}

pub(crate) fn delete_unchecked(
    conn: &Connection,
    current: &Integration,
) -> Result<(), RegistryError> {
    conn.prepare_cached("DELETE FROM oauth_token WHERE consumer_id = ?1")
        .and_then(|mut s| s.execute([current.consumer_id]))?;
    conn.prepare_cached("DELETE FROM oauth_nonce WHERE consumer_id = ?1")
        .and_then(|mut s| s.execute([current.consumer_id]))?;
    delete_grant(conn, current.id)?;
    conn.prepare_cached("DELETE FROM integration WHERE integration_id = ?1")
        .and_then(|mut s| s.execute([current.id]))?;
    conn.prepare_cached("DELETE FROM oauth_consumer WHERE entity_id = ?1")
        .and_then(|mut s| s.execute([current.consumer_id]))?;
    Ok(())
}

pub fn set_status(
    conn: &Connection,
    ctx: &RegistryContext<'_>,
    id: i64,
    status: Status,
) -> Result<(), RegistryError> {
    conn.prepare_cached(
        "UPDATE integration SET status = ?1, updated_at = ?2 WHERE integration_id = ?3",
    )
    .and_then(|mut s| s.execute(params![status as i64, ctx.clock.now_db(), id]))?;
    Ok(())
}

const CONSUMER_COLUMNS: &str = "entity_id, name, key, secret, created_at, updated_at";

fn consumer_row(r: &Row<'_>) -> rusqlite::Result<Consumer> {
    Ok(Consumer {
        id: r.get(0)?,
        name: r.get(1)?,
        key: r.get(2)?,
        secret: r.get(3)?,
        created_at: r.get(4)?,
        updated_at: r.get(5)?,
    })
}

pub fn consumer(conn: &Connection, id: i64) -> Result<Option<Consumer>, RegistryError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {CONSUMER_COLUMNS} FROM oauth_consumer WHERE entity_id = ?1"
        ))
        .and_then(|mut s| s.query_row([id], consumer_row))
        .optional()?)
}

pub fn consumer_by_key(conn: &Connection, key: &str) -> Result<Option<Consumer>, RegistryError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {CONSUMER_COLUMNS} FROM oauth_consumer WHERE key = ?1"
        ))
        .and_then(|mut s| s.query_row([key], consumer_row))
        .optional()?)
}

/// Starts the consumer's token-exchange window (`OauthService::postToConsumer`).
pub fn touch_consumer(
    conn: &Connection,
    ctx: &RegistryContext<'_>,
    consumer_id: i64,
) -> Result<(), RegistryError> {
    conn.prepare_cached("UPDATE oauth_consumer SET updated_at = ?1 WHERE entity_id = ?2")
        .and_then(|mut s| s.execute(params![ctx.clock.now_db(), consumer_id]))?;
    Ok(())
}

/// The integration's access token and secret, once issued (`IntegrationService::get` adds them).
pub fn access_token(
    conn: &Connection,
    consumer_id: i64,
) -> Result<Option<(String, String)>, RegistryError> {
    Ok(conn
        .prepare_cached(
            "SELECT token, secret FROM oauth_token WHERE consumer_id = ?1 AND type = 'access' \
             ORDER BY entity_id DESC LIMIT 1",
        )
        .and_then(|mut s| s.query_row([consumer_id], |r| Ok((r.get(0)?, r.get(1)?))))
        .optional()?)
}
