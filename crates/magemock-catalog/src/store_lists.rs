//! The whole store structure as `Magento\Store\Model\StoreRepository::getList`,
//! `GroupRepository::getList` and `WebsiteRepository::getList` return it: every row, the admin
//! scope (id 0) included, in id order (the order Magento's app config loads the scopes in).

use rusqlite::{Connection, params};

use crate::error::CatalogError;
use crate::stores::{Store, StoreGroup, Website};

/// Every store view, the admin store first.
pub fn all_stores(conn: &Connection) -> Result<Vec<Store>, CatalogError> {
    let mut stmt = conn.prepare_cached(
        "SELECT store_id, code, website_id, group_id, name, sort_order, is_active \
         FROM store ORDER BY store_id",
    )?;
    let rows = stmt.query_map(params![], |r| {
        Ok(Store {
            id: r.get(0)?,
            code: r.get(1)?,
            website_id: r.get(2)?,
            group_id: r.get(3)?,
            name: r.get(4)?,
            sort_order: r.get(5)?,
            is_active: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every store group, the admin group first.
pub fn all_groups(conn: &Connection) -> Result<Vec<StoreGroup>, CatalogError> {
    let mut stmt = conn.prepare_cached(
        "SELECT group_id, website_id, name, root_category_id, default_store_id, code \
         FROM store_group ORDER BY group_id",
    )?;
    let rows = stmt.query_map(params![], |r| {
        Ok(StoreGroup {
            id: r.get(0)?,
            website_id: r.get(1)?,
            name: r.get(2)?,
            root_category_id: r.get(3)?,
            default_store_id: r.get(4)?,
            code: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every website, the admin website first.
pub fn all_websites(conn: &Connection) -> Result<Vec<Website>, CatalogError> {
    crate::stores::websites(conn)
}

/// The root category of a store's group (`Store::getRootCategoryId`); 0 for the admin store.
pub fn store_root_category(conn: &Connection, store_id: i64) -> Result<i64, CatalogError> {
    let root = conn
        .prepare_cached(
            "SELECT g.root_category_id FROM store s JOIN store_group g ON g.group_id = s.group_id \
             WHERE s.store_id = ?1",
        )
        .and_then(|mut s| s.query_row([store_id], |r| r.get::<_, i64>(0)));
    match root {
        Ok(id) => Ok(id),
        Err(rusqlite::Error::QueryReturnedNoRows) => Ok(0),
        Err(e) => Err(e.into()),
    }
}
