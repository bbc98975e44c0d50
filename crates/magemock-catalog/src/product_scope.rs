//! Where a product value lives: the global value (store 0, for the attributes magemock keeps on
//! the product row, the row itself) and the store-view values that override it on reads through
//! that store.
//!
//! Writes follow app/code/Magento/Catalog/Model/ResourceModel/AbstractResource.php
//! `_saveAttributeValue` (2.4): with a single store view (`StoreManager::hasSingleStore`, fewer
//! than three stores counting the admin store) every value is written globally and the
//! attribute's store-view values of the product are deleted; otherwise a value written through
//! a store view goes to that store for a store-view attribute, to every store of its website for
//! a website attribute, and to store 0 for a global one. Reads
//! (`_getLoadAttributesSelect`) take the store's value, else the global one.

use rusqlite::{Connection, OptionalExtension, params};

use crate::attributes::{self, AttributeScope};
use crate::error::CatalogError;
use crate::stores::ADMIN_ID;

/// `StoreManager::hasSingleStore`: `count($this->getStores(true)) < 3`, the admin store counted.
pub fn has_single_store(conn: &Connection) -> Result<bool, CatalogError> {
    let stores: i64 = conn
        .prepare_cached("SELECT COUNT(*) FROM store")
        .and_then(|mut s| s.query_row([], |r| r.get(0)))?;
    Ok(stores < 3)
}

/// How a save writes: globally, or into the store view it runs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteScope {
    /// The store the save runs in (0 under `/rest/all`).
    pub store_id: i64,
    /// `hasSingleStore()`: every value goes to store 0.
    pub single_store: bool,
}

impl WriteScope {
    pub fn of(conn: &Connection, store_id: i64) -> Result<Self, CatalogError> {
        Ok(Self {
            store_id,
            single_store: has_single_store(conn)?,
        })
    }

    /// Whether a non-global attribute's value goes to store-view rows.
    pub fn writes_store_values(self) -> bool {
        self.store_id != ADMIN_ID && !self.single_store
    }

    /// The stores a value of an attribute with `scope` is written to.
    pub fn target_stores(
        self,
        conn: &Connection,
        scope: AttributeScope,
    ) -> Result<Vec<i64>, CatalogError> {
        if !self.writes_store_values() {
            return Ok(vec![ADMIN_ID]);
        }
        Ok(match scope {
            AttributeScope::Global => vec![ADMIN_ID],
            AttributeScope::Store => vec![self.store_id],
            // `getStore($storeId)->getWebsite()->getStoreIds()`
            AttributeScope::Website => {
                let mut stmt = conn.prepare_cached(
                    "SELECT s.store_id FROM store s JOIN store w ON w.website_id = s.website_id \
                     WHERE w.store_id = ?1 ORDER BY s.store_id",
                )?;
                let rows = stmt.query_map([self.store_id], |r| r.get(0))?;
                rows.collect::<Result<_, _>>()?
            }
        })
    }
}

/// The value row of one product, attribute and store, if there is one.
pub fn store_row(
    conn: &Connection,
    product_id: i64,
    attribute_id: i64,
    store_id: i64,
) -> Result<Option<String>, CatalogError> {
    Ok(conn
        .prepare_cached(
            "SELECT value FROM catalog_product_entity_value \
             WHERE entity_id = ?1 AND attribute_id = ?2 AND store_id = ?3 AND value IS NOT NULL",
        )
        .and_then(|mut s| s.query_row(params![product_id, attribute_id, store_id], |r| r.get(0)))
        .optional()?)
}

/// Inserts or replaces the value of one product, attribute and store.
pub fn put_value(
    conn: &Connection,
    product_id: i64,
    attribute_id: i64,
    store_id: i64,
    value: &str,
) -> Result<(), CatalogError> {
    conn.prepare_cached(
        "INSERT INTO catalog_product_entity_value (entity_id, attribute_id, store_id, value) \
         VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (entity_id, attribute_id, store_id) DO UPDATE SET value = excluded.value",
    )
    .and_then(|mut s| s.execute(params![product_id, attribute_id, store_id, value]))?;
    Ok(())
}

/// Deletes the attribute's store-view values of the product (single-store mode).
pub fn delete_store_values(
    conn: &Connection,
    product_id: i64,
    attribute_id: i64,
) -> Result<(), CatalogError> {
    conn.prepare_cached(
        "DELETE FROM catalog_product_entity_value \
         WHERE entity_id = ?1 AND attribute_id = ?2 AND store_id != 0",
    )
    .and_then(|mut s| s.execute(params![product_id, attribute_id]))?;
    Ok(())
}

/// The attribute id behind one of the values kept on the product row (`name`, `status`,
/// `visibility`), whose store-view values live in `catalog_product_entity_value`.
pub fn row_attribute_id(conn: &Connection, code: &str) -> Result<i64, CatalogError> {
    attributes::attribute_by_code(conn, code)?
        .map(|a| a.id)
        .ok_or_else(|| CatalogError::no_such("attribute", "attributeCode", code))
}

/// The store-view values of the row-kept attributes a read through `store_id` overrides.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowOverrides {
    pub name: Option<String>,
    pub status: Option<i64>,
    pub visibility: Option<i64>,
}

/// The overrides a load in `store_id` sees, from the product's value rows
/// `(attribute_id, store_id, value)` already read for that load.
pub fn row_overrides(
    conn: &Connection,
    rows: &[(i64, i64, String)],
    store_id: i64,
) -> Result<RowOverrides, CatalogError> {
    if store_id == ADMIN_ID {
        return Ok(RowOverrides::default());
    }
    let get = |code: &str| -> Result<Option<String>, CatalogError> {
        let id = row_attribute_id(conn, code)?;
        Ok(rows
            .iter()
            .find(|(a, s, _)| *a == id && *s == store_id)
            .map(|(_, _, v)| v.clone()))
    };
    let int = |v: Option<String>| v.and_then(|s| s.trim().parse::<i64>().ok());
    Ok(RowOverrides {
        name: get("name")?,
        status: int(get("status")?),
        visibility: int(get("visibility")?),
    })
}
