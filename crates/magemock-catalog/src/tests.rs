//! Unit tests, one module per table family, over a freshly migrated in-memory store.

mod admins;
mod attributes;
mod categories;
mod customers;
mod errors;
mod newtypes;
mod password;
mod products;
mod search_plans;
mod stores;

use magemock_core::Store;
use rusqlite::Transaction;

use crate::CatalogError;

pub(crate) const NOW: &str = "2024-04-08 12:00:00";

/// Runs `f` in a write transaction of a fresh store and returns its result.
#[track_caller]
pub(crate) fn with_store<T>(f: impl FnOnce(&Transaction<'_>) -> Result<T, CatalogError>) -> T {
    let (store, _) = Store::open(None).expect("open store");
    store.write(f).expect("catalog operation")
}

/// Runs `f` in a write transaction of a fresh store and returns the error it must fail with.
#[track_caller]
pub(crate) fn failing<T: std::fmt::Debug>(
    f: impl FnOnce(&Transaction<'_>) -> Result<T, CatalogError>,
) -> CatalogError {
    let (store, _) = Store::open(None).expect("open store");
    store.write(f).expect_err("the operation must fail")
}

/// The Luma-like storefront: website `base` (1), group 1 with root category 2, store `default` (1).
pub(crate) fn storefront(conn: &rusqlite::Connection) -> Result<(), CatalogError> {
    use crate::categories::{NewCategory, insert_category};
    use crate::stores::{
        NewStore, NewStoreGroup, NewWebsite, insert_group, insert_store, insert_website,
    };
    insert_category(
        conn,
        &NewCategory {
            id: Some(2),
            parent_id: 1,
            name: "Default Category".into(),
            position: Some(1),
            is_active: true,
            include_in_menu: true,
            url_key: None,
        },
        NOW,
    )?;
    let website = insert_website(
        conn,
        &NewWebsite {
            code: "base".into(),
            name: "Main Website".into(),
            sort_order: 0,
        },
    )?;
    let group = insert_group(
        conn,
        &NewStoreGroup {
            website_id: website,
            name: "Main Website Store".into(),
            code: None,
            root_category_id: 2,
        },
    )?;
    insert_store(
        conn,
        &NewStore {
            group_id: group,
            code: crate::StoreCode::try_from("default")?,
            name: "Default Store View".into(),
            sort_order: 0,
            is_active: true,
        },
    )?;
    Ok(())
}
