//! Loading many products at once (a fixture file): the secondary indexes that only reads need
//! are dropped while the rows go in and built once afterwards, each by one sort instead of a
//! B-tree insert per row.

use std::collections::HashSet;

use rusqlite::{Connection, params};

use crate::attributes;
use crate::error::{CatalogError, Existing};

/// Below this many products a load keeps the indexes up to date row by row.
const DEFER_INDEXES_FROM: usize = 1000;

/// The index that finds a product by URL key (migration 0007). A load deferring it checks URL
/// keys against [`UrlKeys`] instead.
const URL_KEY_INDEX: &str = "catalog_product_entity_value_attribute_value";

/// The secondary indexes a bulk insert dropped, to build again with [`restore_row_indexes`],
/// and, while the URL-key index is away, the URL keys products hold.
#[derive(Debug, Default)]
#[must_use = "the dropped indexes must be built again"]
pub struct DeferredIndexes {
    sql: Vec<String>,
    url_keys: Option<UrlKeys>,
}

impl DeferredIndexes {
    pub(crate) fn url_keys(&mut self) -> Option<&mut UrlKeys> {
        self.url_keys.as_mut()
    }
}

/// Every product URL key in the store, as `products::URL_KEY_TAKEN` would find them (any store
/// view, compared byte for byte as the `value` column's BINARY collation does).
#[derive(Debug)]
pub(crate) struct UrlKeys(HashSet<String>);

impl UrlKeys {
    fn load(conn: &Connection) -> Result<Self, CatalogError> {
        let mut stmt = conn.prepare(
            "SELECT v.value FROM catalog_product_entity_value v \
             JOIN eav_attribute a ON a.attribute_id = v.attribute_id \
             WHERE a.entity_type_id = ?1 AND a.attribute_code = 'url_key' \
             AND v.value IS NOT NULL",
        )?;
        let keys = stmt
            .query_map(params![attributes::PRODUCT_ENTITY_TYPE_ID], |r| r.get(0))?
            .collect::<Result<HashSet<String>, _>>()?;
        Ok(Self(keys))
    }

    /// Takes `key` for the product being inserted; refused as the SQL check refuses it. A
    /// refused product ends the load (its transaction rolls back), so a key taken by a product
    /// that then fails is never seen again.
    pub(crate) fn claim(&mut self, key: &str) -> Result<(), CatalogError> {
        if self.0.contains(key) {
            return Err(CatalogError::AlreadyExists(Existing::UrlKey(
                key.to_string(),
            )));
        }
        self.0.insert(key.to_string());
        Ok(())
    }
}

/// Before a bulk insert of `adding` products: when the load at least doubles the table, drops
/// the price and name indexes of `catalog_product_entity` and the URL-key index of its values
/// (together about half of a 100,000-product load), keeping the SKU's, which the load reads.
/// Insert with `products::insert_product_in_load`. Run inside the load's transaction: a
/// failure restores them.
pub fn defer_row_indexes(
    conn: &Connection,
    adding: usize,
) -> Result<DeferredIndexes, CatalogError> {
    let held: i64 = conn
        .prepare_cached("SELECT COUNT(*) FROM catalog_product_entity")
        .and_then(|mut s| s.query_row([], |r| r.get(0)))?;
    if adding < DEFER_INDEXES_FROM || i64::try_from(adding).unwrap_or(i64::MAX) < held {
        return Ok(DeferredIndexes::default());
    }
    let url_keys = UrlKeys::load(conn)?;
    let indexes: Vec<(String, String)> = conn
        .prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL \
             AND (tbl_name = 'catalog_product_entity' OR name = ?1) ORDER BY name",
        )?
        .query_map([URL_KEY_INDEX], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (name, _) in &indexes {
        conn.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }
    let url_key_index_dropped = indexes.iter().any(|(name, _)| name == URL_KEY_INDEX);
    Ok(DeferredIndexes {
        sql: indexes.into_iter().map(|(_, sql)| sql).collect(),
        url_keys: url_key_index_dropped.then_some(url_keys),
    })
}

/// After the bulk insert: builds the indexes [`defer_row_indexes`] dropped.
pub fn restore_row_indexes(
    conn: &Connection,
    deferred: DeferredIndexes,
) -> Result<(), CatalogError> {
    for sql in deferred.sql {
        conn.execute_batch(&sql)?;
    }
    Ok(())
}
