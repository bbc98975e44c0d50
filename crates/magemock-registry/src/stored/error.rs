use magemock_core::{CoreError, ExceptionKind, MagentoError, Params, ToMagentoError};

/// Phrases of the integration service, verbatim.
pub mod messages {
    /// app/code/Magento/Integration/Model/IntegrationService.php `_checkIntegrationByName`
    pub const NAME_EXISTS: &str = "The integration with name \"%1\" exists.";
    /// app/code/Magento/Integration/Model/IntegrationService.php `_loadIntegrationById`
    pub const NO_SUCH_ID: &str = "The integration with ID \"%1\" doesn't exist.";
}

#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error("The integration with name \"{0}\" exists.")]
    NameExists(String),
    #[error("The integration with ID \"{0}\" doesn't exist.")]
    NoSuchId(i64),
    /// Input the control API refuses before Magento would (what is wrong, in words).
    #[error("{0}")]
    Invalid(String),
    #[error(
        "integration \"{0}\" comes from a module's configuration and cannot be edited or deleted by hand"
    )]
    ConfigBased(String),
    #[error(transparent)]
    Acl(#[from] magemock_acl::AclError),
    #[error(transparent)]
    Core(#[from] CoreError),
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl ToMagentoError for RegistryError {
    fn to_magento(&self) -> MagentoError {
        match self {
            RegistryError::NameExists(name) => {
                MagentoError::input(messages::NAME_EXISTS, Params::positional([name.clone()]))
            }
            RegistryError::NoSuchId(id) => {
                MagentoError::input(messages::NO_SUCH_ID, Params::positional([id.to_string()]))
            }
            RegistryError::Invalid(what) => MagentoError::input(what.clone(), Params::None),
            RegistryError::ConfigBased(_) => {
                MagentoError::new(ExceptionKind::Input, self.to_string(), Params::None)
            }
            RegistryError::Acl(e) => MagentoError::input(e.to_string(), Params::None),
            RegistryError::Core(e) => e.to_magento(),
            RegistryError::Sqlite(e) => MagentoError::internal(e),
        }
    }
}
