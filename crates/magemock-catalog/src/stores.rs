//! Websites, store groups and store views (`Magento_Store`). The admin scope (website, group and
//! store 0) is seeded by the migration; everything else is inserted here.

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::categories;
use crate::error::{CatalogError, Existing};
use crate::store_code::{StoreCode, is_valid_code};

/// The admin website, group and store id (`Store::DEFAULT_STORE_ID`, `ADMIN_CODE`).
pub const ADMIN_ID: i64 = 0;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewWebsite {
    pub code: String,
    pub name: String,
    pub sort_order: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Website {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub sort_order: i64,
    pub default_group_id: i64,
    pub is_default: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStoreGroup {
    pub website_id: i64,
    pub name: String,
    /// `None`: derived from the name as Magento's `UpdateStoreGroupCodes` patch derives it.
    pub code: Option<String>,
    pub root_category_id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreGroup {
    pub id: i64,
    pub website_id: i64,
    pub name: String,
    pub root_category_id: i64,
    pub default_store_id: i64,
    pub code: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStore {
    pub group_id: i64,
    pub code: StoreCode,
    pub name: String,
    pub sort_order: i64,
    pub is_active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    pub id: i64,
    pub code: String,
    pub website_id: i64,
    pub group_id: i64,
    pub name: String,
    pub sort_order: i64,
    pub is_active: bool,
}

/// Inserts a website. The first storefront website becomes the default one (`is_default`), as
/// `base` is in a fresh Magento.
pub fn insert_website(conn: &Connection, new: &NewWebsite) -> Result<i64, CatalogError> {
    if !is_valid_code(&new.code) {
        return Err(CatalogError::InvalidCode(new.code.clone()));
    }
    if website_by_code(conn, &new.code)?.is_some() {
        return Err(CatalogError::AlreadyExists(Existing::Website(
            new.code.clone(),
        )));
    }
    let has_default: bool = conn
        .prepare_cached("SELECT EXISTS(SELECT 1 FROM store_website WHERE is_default = 1)")
        .and_then(|mut s| s.query_row([], |r| r.get(0)))?;
    conn.prepare_cached(
        "INSERT INTO store_website (code, name, sort_order, default_group_id, is_default) \
         VALUES (?1, ?2, ?3, 0, ?4)",
    )
    .and_then(|mut s| s.execute(params![new.code, new.name, new.sort_order, !has_default]))?;
    Ok(conn.last_insert_rowid())
}

/// Inserts a store group under a website; the website's first group becomes its default group.
/// The root category must be a root (a child of the hidden tree root, level 1).
pub fn insert_group(conn: &Connection, new: &NewStoreGroup) -> Result<i64, CatalogError> {
    let website = website_by_id(conn, new.website_id)?
        .ok_or_else(|| CatalogError::no_such("website", "websiteId", new.website_id))?;
    let root = categories::category_by_id(conn, new.root_category_id)?
        .ok_or_else(|| CatalogError::no_such("category", "id", new.root_category_id))?;
    if root.level != 1 {
        return Err(CatalogError::invalid(
            "root_category_id",
            new.root_category_id.to_string(),
            "a store group's root category must be a child of the tree root (level 1)",
        ));
    }
    let code = match &new.code {
        Some(code) => {
            if !is_valid_code(code) {
                return Err(CatalogError::InvalidCode(code.clone()));
            }
            if group_by_code(conn, code)?.is_some() {
                return Err(CatalogError::AlreadyExists(Existing::StoreGroup(
                    code.clone(),
                )));
            }
            code.clone()
        }
        None => derive_group_code(conn, &new.name)?,
    };
    conn.prepare_cached(
        "INSERT INTO store_group (website_id, name, root_category_id, default_store_id, code) \
         VALUES (?1, ?2, ?3, 0, ?4)",
    )
    .and_then(|mut s| s.execute(params![website.id, new.name, root.id, code]))?;
    let id = conn.last_insert_rowid();
    if website.default_group_id == 0 {
        conn.prepare_cached("UPDATE store_website SET default_group_id = ?1 WHERE website_id = ?2")
            .and_then(|mut s| s.execute(params![id, website.id]))?;
    }
    Ok(id)
}

/// `UpdateStoreGroupCodes`: whitespace to `_`, keep `[a-z0-9-_]` of the lower-cased name, drop
/// leading non-letters, `store_group` when nothing is left, a counter when the code is taken.
/// (`-` survives Magento's filter though the store-code rule refuses it; it is dropped here so
/// that the code is valid.)
pub fn derive_group_code(conn: &Connection, name: &str) -> Result<String, CatalogError> {
    let mut lowered = String::with_capacity(name.len());
    let mut in_space = false;
    for c in name.to_lowercase().chars() {
        if c.is_whitespace() {
            if !in_space {
                lowered.push('_');
            }
            in_space = true;
            continue;
        }
        in_space = false;
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' {
            lowered.push(c);
        }
    }
    let trimmed = lowered.trim_start_matches(|c: char| !c.is_ascii_lowercase());
    let base = if trimmed.is_empty() {
        "store_group".to_string()
    } else {
        trimmed.to_string()
    };
    let mut code = base.clone();
    let mut n = 1;
    while group_by_code(conn, &code)?.is_some() {
        n += 1;
        code = format!("{base}{n}");
    }
    Ok(code)
}

/// Inserts a store view into a group (and so into the group's website); the group's first store
/// becomes its default store.
pub fn insert_store(conn: &Connection, new: &NewStore) -> Result<i64, CatalogError> {
    let group = group_by_id(conn, new.group_id)?
        .ok_or_else(|| CatalogError::no_such("store group", "groupId", new.group_id))?;
    if store_by_code(conn, &new.code)?.is_some() {
        return Err(CatalogError::AlreadyExists(Existing::Store(
            new.code.to_string(),
        )));
    }
    conn.prepare_cached(
        "INSERT INTO store (code, website_id, group_id, name, sort_order, is_active) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
    .and_then(|mut s| {
        s.execute(params![
            new.code.as_str(),
            group.website_id,
            group.id,
            new.name,
            new.sort_order,
            new.is_active
        ])
    })?;
    let id = conn.last_insert_rowid();
    if group.default_store_id == 0 {
        conn.prepare_cached("UPDATE store_group SET default_store_id = ?1 WHERE group_id = ?2")
            .and_then(|mut s| s.execute(params![id, group.id]))?;
    }
    Ok(id)
}

const WEBSITE_COLUMNS: &str = "website_id, code, name, sort_order, default_group_id, is_default";
const GROUP_COLUMNS: &str = "group_id, website_id, name, root_category_id, default_store_id, code";
const STORE_COLUMNS: &str = "store_id, code, website_id, group_id, name, sort_order, is_active";

fn website_row(r: &Row<'_>) -> rusqlite::Result<Website> {
    Ok(Website {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        sort_order: r.get(3)?,
        default_group_id: r.get(4)?,
        is_default: r.get(5)?,
    })
}

fn group_row(r: &Row<'_>) -> rusqlite::Result<StoreGroup> {
    Ok(StoreGroup {
        id: r.get(0)?,
        website_id: r.get(1)?,
        name: r.get(2)?,
        root_category_id: r.get(3)?,
        default_store_id: r.get(4)?,
        code: r.get(5)?,
    })
}

fn store_row(r: &Row<'_>) -> rusqlite::Result<Store> {
    Ok(Store {
        id: r.get(0)?,
        code: r.get(1)?,
        website_id: r.get(2)?,
        group_id: r.get(3)?,
        name: r.get(4)?,
        sort_order: r.get(5)?,
        is_active: r.get(6)?,
    })
}

pub fn website_by_code(conn: &Connection, code: &str) -> Result<Option<Website>, CatalogError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {WEBSITE_COLUMNS} FROM store_website WHERE code = ?1"
        ))
        .and_then(|mut s| s.query_row([code], website_row))
        .optional()?)
}

pub fn website_by_id(conn: &Connection, id: i64) -> Result<Option<Website>, CatalogError> {
    crate::read_cache::memo(
        |c| &c.website_by_id,
        id,
        || {
            Ok(conn
                .prepare_cached(&format!(
                    "SELECT {WEBSITE_COLUMNS} FROM store_website WHERE website_id = ?1"
                ))
                .and_then(|mut s| s.query_row([id], website_row))
                .optional()?)
        },
    )
}

/// Every website, the admin one (id 0) included, by id.
pub fn websites(conn: &Connection) -> Result<Vec<Website>, CatalogError> {
    let all = crate::read_cache::memo(
        |c| &c.websites,
        (),
        || {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {WEBSITE_COLUMNS} FROM store_website ORDER BY website_id"
            ))?;
            let rows = stmt.query_map([], website_row)?;
            Ok::<_, CatalogError>(std::sync::Arc::new(rows.collect::<Result<Vec<_>, _>>()?))
        },
    )?;
    Ok(all.to_vec())
}

/// The website flagged `is_default` (`base` in a Luma-like store), if any.
pub fn default_website(conn: &Connection) -> Result<Option<Website>, CatalogError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {WEBSITE_COLUMNS} FROM store_website WHERE is_default = 1 \
                 ORDER BY website_id LIMIT 1"
        ))
        .and_then(|mut s| s.query_row([], website_row))
        .optional()?)
}

pub fn group_by_code(conn: &Connection, code: &str) -> Result<Option<StoreGroup>, CatalogError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {GROUP_COLUMNS} FROM store_group WHERE code = ?1"
        ))
        .and_then(|mut s| s.query_row([code], group_row))
        .optional()?)
}

pub fn group_by_id(conn: &Connection, id: i64) -> Result<Option<StoreGroup>, CatalogError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {GROUP_COLUMNS} FROM store_group WHERE group_id = ?1"
        ))
        .and_then(|mut s| s.query_row([id], group_row))
        .optional()?)
}

/// The store view with this code (case-insensitive, as Magento's lookup through MySQL is).
pub fn store_by_code(conn: &Connection, code: &StoreCode) -> Result<Option<Store>, CatalogError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {STORE_COLUMNS} FROM store WHERE code = ?1"
        ))
        .and_then(|mut s| s.query_row([code.as_str()], store_row))
        .optional()?)
}

pub fn store_by_id(conn: &Connection, id: i64) -> Result<Option<Store>, CatalogError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {STORE_COLUMNS} FROM store WHERE store_id = ?1"
        ))
        .and_then(|mut s| s.query_row([id], store_row))
        .optional()?)
}

/// The store a website's visitors land on: its default group's default store.
pub fn website_default_store(
    conn: &Connection,
    website_id: i64,
) -> Result<Option<Store>, CatalogError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {} FROM store s \
                 JOIN store_group g ON g.default_store_id = s.store_id \
                 JOIN store_website w ON w.default_group_id = g.group_id \
                 WHERE w.website_id = ?1",
            STORE_COLUMNS
                .split(", ")
                .map(|c| format!("s.{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .and_then(|mut s| s.query_row([website_id], store_row))
        .optional()?)
}
