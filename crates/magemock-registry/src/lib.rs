//! Magento 2.4's integration registry, as seen from the files a module ships.
//!
//! Stands in for `Magento_Integration`'s configuration side: the integrations that modules
//! declare in `etc/integration.xml` (and in the deprecated `etc/integration/config.xml` +
//! `etc/integration/api.xml` pair), read and merged across modules in Magento's module load
//! order.
//!
//! * [`declared`] finds modules on disk and reads what they declare, with no database and no
//!   ACL knowledge.

pub mod declared;
