//! The catalog, inventory, store and customer REST routes of Magento_Catalog,
//! Magento_CatalogInventory, Magento_Store and Magento_Customer: each module's `ROUTES` beside
//! its handlers, the JSON shaping of each Data interface beside them.

pub mod addresses;
pub mod attributes;
pub mod categories;
pub mod customer_groups;
mod customer_input;
mod customer_json;
pub mod customers;
mod json;
mod list;
mod params;
pub mod product_extras;
mod product_input;
mod product_json;
pub mod products;
pub mod stock;
pub mod store;

use magemock_core::{CoreError, MagentoError, ToMagentoError};

/// A Magento error carried through `Store::read` / `Store::write`, whose closures need an error
/// type that a store failure converts into. A failed write closure rolls its transaction back.
pub(crate) struct Failed(pub MagentoError);

impl From<CoreError> for Failed {
    fn from(e: CoreError) -> Self {
        Failed(e.to_magento())
    }
}

impl From<MagentoError> for Failed {
    fn from(e: MagentoError) -> Self {
        Failed(e)
    }
}

impl From<magemock_catalog::CatalogError> for Failed {
    fn from(e: magemock_catalog::CatalogError) -> Self {
        Failed(e.to_magento())
    }
}

impl From<magemock_tokens::TokenError> for Failed {
    fn from(e: magemock_tokens::TokenError) -> Self {
        Failed(e.to_magento())
    }
}

impl From<Failed> for MagentoError {
    fn from(f: Failed) -> Self {
        f.0
    }
}
