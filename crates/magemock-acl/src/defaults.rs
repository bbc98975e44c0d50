//! The stock Magento 2.4.8-p1 tree for the modules magemock emulates, compiled in from
//! `fixtures/acl/` (see its README.md for the source of each file).

use crate::error::AclError;
use crate::tree::AclTree;

/// `(file name, acl.xml)` in Magento's module load order (`app/etc/config.php` of a stock
/// 2.4 install), which decides the order of siblings with equal sortOrder.
const DEFAULT_FILES: [(&str, &str); 10] = [
    (
        "Magento_Config.xml",
        include_str!("../../../fixtures/acl/Magento_Config.xml"),
    ),
    (
        "Magento_Backend.xml",
        include_str!("../../../fixtures/acl/Magento_Backend.xml"),
    ),
    (
        "Magento_User.xml",
        include_str!("../../../fixtures/acl/Magento_User.xml"),
    ),
    (
        "Magento_Customer.xml",
        include_str!("../../../fixtures/acl/Magento_Customer.xml"),
    ),
    (
        "Magento_Integration.xml",
        include_str!("../../../fixtures/acl/Magento_Integration.xml"),
    ),
    (
        "Magento_Catalog.xml",
        include_str!("../../../fixtures/acl/Magento_Catalog.xml"),
    ),
    (
        "Magento_CatalogInventory.xml",
        include_str!("../../../fixtures/acl/Magento_CatalogInventory.xml"),
    ),
    (
        "Magento_TwoFactorAuth.xml",
        include_str!("../../../fixtures/acl/Magento_TwoFactorAuth.xml"),
    ),
    (
        "Magento_Sales.xml",
        include_str!("../../../fixtures/acl/Magento_Sales.xml"),
    ),
    (
        "Magento_AsynchronousOperations.xml",
        include_str!("../../../fixtures/acl/Magento_AsynchronousOperations.xml"),
    ),
];

/// The default tree: Magento_Backend's `all` and `admin` on top, then Config, User,
/// Customer, Integration, Catalog, CatalogInventory, TwoFactorAuth, Sales and
/// AsynchronousOperations. Errors only if a fixture file is broken, which the tests rule out.
pub fn default_tree() -> Result<AclTree, AclError> {
    AclTree::load(&DEFAULT_FILES)
}

/// The files [`default_tree`] is built from, for anyone who wants to show or re-merge them.
pub fn default_files() -> &'static [(&'static str, &'static str)] {
    &DEFAULT_FILES
}

#[cfg(test)]
mod tests;
