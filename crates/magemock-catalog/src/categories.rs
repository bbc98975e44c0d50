//! Categories (`Magento_Catalog`'s `catalog_category_entity`): a tree under the hidden
//! "Root Catalog" (id 1, seeded), kept as Magento keeps it, with a materialized `path`, a
//! `level`, a `position` among siblings and a `children_count` of all descendants.

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::error::{CatalogError, Existing};
use crate::url_key::format_url_key;

/// `Magento\Catalog\Model\Category::TREE_ROOT_ID`.
pub const TREE_ROOT_ID: i64 = 1;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCategory {
    /// `None`: the next id (SQLite's max + 1, as sequential as Magento's auto-increment).
    pub id: Option<i64>,
    pub parent_id: i64,
    pub name: String,
    /// `None`: after the last sibling, as `ResourceModel\Category::_beforeSave` places it.
    pub position: Option<i64>,
    pub is_active: bool,
    pub include_in_menu: bool,
    /// `None`: derived from the name; a given key is formatted the same way.
    pub url_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub id: i64,
    pub parent_id: i64,
    pub path: String,
    pub position: i64,
    pub level: i64,
    pub children_count: i64,
    pub name: Option<String>,
    pub is_active: bool,
    pub include_in_menu: bool,
    pub url_key: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// Inserts a category under an existing parent and counts it in every ancestor's
/// `children_count`. `now` is Magento's `YYYY-MM-DD HH:MM:SS`.
pub fn insert_category(
    conn: &Connection,
    new: &NewCategory,
    now: &str,
) -> Result<i64, CatalogError> {
    let parent = category_by_id(conn, new.parent_id)?
        .ok_or_else(|| CatalogError::no_such("category", "id", new.parent_id))?;
    if new.name.trim().is_empty() {
        return Err(CatalogError::RequiredValueEmpty("name".to_string()));
    }
    let id = match new.id {
        Some(id) if id <= 0 => {
            return Err(CatalogError::invalid(
                "id",
                id.to_string(),
                "a category id is a positive integer",
            ));
        }
        Some(id) => {
            if category_by_id(conn, id)?.is_some() {
                return Err(CatalogError::AlreadyExists(Existing::Category(id)));
            }
            id
        }
        None => conn
            .prepare_cached("SELECT COALESCE(MAX(entity_id), 0) + 1 FROM catalog_category_entity")
            .and_then(|mut s| s.query_row([], |r| r.get(0)))?,
    };
    let position = match new.position {
        Some(p) => p,
        None => conn
            .prepare_cached(
                "SELECT COALESCE(MAX(position), 0) + 1 FROM catalog_category_entity \
             WHERE parent_id = ?1",
            )
            .and_then(|mut s| s.query_row([parent.id], |r| r.get(0)))?,
    };
    let url_key = format_url_key(new.url_key.as_deref().unwrap_or(&new.name));
    conn.prepare_cached(
        "INSERT INTO catalog_category_entity \
         (entity_id, attribute_set_id, parent_id, created_at, updated_at, path, position, level, \
          children_count, name, is_active, include_in_menu, url_key) \
         VALUES (?1, 3, ?2, ?3, ?3, ?4, ?5, ?6, 0, ?7, ?8, ?9, ?10)",
    )
    .and_then(|mut s| {
        s.execute(params![
            id,
            parent.id,
            now,
            format!("{}/{id}", parent.path),
            position,
            parent.level + 1,
            new.name,
            new.is_active,
            new.include_in_menu,
            (!url_key.is_empty()).then_some(url_key),
        ])
    })?;
    // The parent's path holds every ancestor's id, the parent's own included.
    conn.prepare_cached(
        "UPDATE catalog_category_entity SET children_count = children_count + 1 \
         WHERE ?1 = path OR ?1 LIKE path || '/%'",
    )
    .and_then(|mut s| s.execute([&parent.path]))?;
    Ok(id)
}

const COLUMNS: &str = "entity_id, parent_id, path, position, level, children_count, name, \
    is_active, include_in_menu, url_key, created_at, updated_at";

fn category_row(r: &Row<'_>) -> rusqlite::Result<Category> {
    Ok(Category {
        id: r.get(0)?,
        parent_id: r.get(1)?,
        path: r.get(2)?,
        position: r.get(3)?,
        level: r.get(4)?,
        children_count: r.get(5)?,
        name: r.get(6)?,
        is_active: r.get(7)?,
        include_in_menu: r.get(8)?,
        url_key: r.get(9)?,
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
    })
}

pub fn category_by_id(conn: &Connection, id: i64) -> Result<Option<Category>, CatalogError> {
    crate::read_cache::memo(
        |c| &c.categories,
        id,
        || {
            Ok(conn
                .prepare_cached(&format!(
                    "SELECT {COLUMNS} FROM catalog_category_entity WHERE entity_id = ?1"
                ))
                .and_then(|mut s| s.query_row([id], category_row))
                .optional()?)
        },
    )
}

/// Direct children in tree order (position, then id).
pub fn children(conn: &Connection, parent_id: i64) -> Result<Vec<Category>, CatalogError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM catalog_category_entity WHERE parent_id = ?1 \
         ORDER BY position, entity_id"
    ))?;
    let rows = stmt.query_map([parent_id], category_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Direct children with this name (a name is not unique among siblings in Magento).
pub fn children_named(
    conn: &Connection,
    parent_id: i64,
    name: &str,
) -> Result<Vec<Category>, CatalogError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM catalog_category_entity WHERE parent_id = ?1 AND name = ?2 \
         ORDER BY position, entity_id"
    ))?;
    let rows = stmt.query_map(params![parent_id, name], category_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
