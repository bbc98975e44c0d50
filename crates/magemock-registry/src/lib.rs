//! Magento 2.4's integration registry (`Magento_Integration`).
//!
//! * [`declared`] finds modules on disk and reads the integrations they declare in
//!   `etc/integration.xml` (and the deprecated `etc/integration/config.xml` +
//!   `etc/integration/api.xml` pair), merged in Magento's module load order, with no database
//!   and no ACL knowledge.
//! * [`stored`] is the integration entity in the store: integrations with their OAuth consumer
//!   and ACL grant, made by hand (the admin's System > Integrations, magemock's control API) or
//!   synchronised from declarations as `ConfigBasedIntegrationManager` does on `setup:upgrade`.

pub mod declared;
pub mod stored;

pub use stored::{
    Integration, IntegrationChanges, NewIntegration, RegistryContext, RegistryError, SetupType,
    Status, SyncReport,
};
