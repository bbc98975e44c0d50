//! Integrations in the store: the `integration` and `oauth_consumer` rows and the integration's
//! ACL role (app/code/Magento/Integration/Model/IntegrationService.php, OauthService.php,
//! AuthorizationService.php, ConfigBasedIntegrationManager.php).

mod entity;
mod error;
mod grant;
mod repo;
mod sync;

pub use entity::{Consumer, Integration, IntegrationChanges, NewIntegration, SetupType, Status};
pub use error::{RegistryError, messages};
pub use grant::{grant_of, save_grant};
pub use repo::{
    access_token, by_name, consumer, consumer_by_key, create, delete, get, list, set_status,
    touch_consumer, update,
};
pub use sync::{SyncReport, sync_declared};

use magemock_core::{Clock, Entropy};

/// Time and randomness for registry writes (consumer keys and secrets come from the entropy).
pub struct RegistryContext<'a> {
    pub clock: &'a Clock,
    pub entropy: &'a Entropy,
}

#[cfg(test)]
mod tests;
