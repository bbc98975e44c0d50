//! The fake commerce data behind magemock's REST API. This crate stands in for Magento's
//! storage layer of `Magento_Store` (websites, store groups, store views), `Magento_Customer`
//! (customer groups, customers, addresses), `Magento_Eav` and `Magento_Catalog` (attributes,
//! attribute sets, categories, products), `Magento_CatalogInventory` (stock items) and
//! `Magento_User` / `Magento_Authorization` (admin users, roles and their rules).
//!
//! The tables are created by `magemock-core`'s migrations `0002_catalog.sql` and
//! `0003_admin.sql`, under Magento's own table and column names. Every function here takes a
//! `&rusqlite::Connection` and runs inside the caller's transaction, so a caller that fails
//! half-way (a fixture load, a REST save) leaves nothing behind.
//!
//! What this crate does not do: HTTP, JSON shaping, and reading the clock or drawing random
//! bytes on its own. Timestamps come in as Magento's `YYYY-MM-DD HH:MM:SS` text; salts come
//! from the [`magemock_core::Entropy`] handed to [`password::hash`].

pub mod admins;
pub mod attribute_api;
pub mod attributes;
pub mod categories;
pub mod category_save;
pub mod category_view;
pub mod customer_account;
pub mod customer_group_repo;
pub mod customer_groups;
pub mod customer_manage;
pub mod customers;
pub mod error;
pub mod list_query;
pub mod password;
pub mod product_bulk_load;
pub mod product_extras;
pub mod product_save;
pub mod product_scope;
pub mod product_search;
pub mod product_view;
pub mod products;
mod read_cache;
pub mod sku;
pub mod stock;
pub mod stock_items;
pub mod store_code;
pub mod store_lists;
pub mod stores;
pub mod url_key;

pub use error::{CatalogError, Existing};
pub use sku::Sku;
pub use store_code::StoreCode;

#[cfg(test)]
mod tests;
