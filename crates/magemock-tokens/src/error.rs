use magemock_core::{CoreError, ExceptionKind, MagentoError, Params, ToMagentoError};

use crate::messages;

/// Everything the token service can refuse.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// CredentialsValidator: empty username and/or password (one MagentoError per field).
    #[error("missing credentials")]
    MissingCredentials(Vec<MagentoError>),
    /// Wrong password, unknown or inactive user, or a locked account: one answer for all.
    #[error("sign-in incorrect")]
    SignInIncorrect,
    #[error("e-mail not confirmed")]
    EmailNotConfirmed,
    #[error(transparent)]
    Core(#[from] CoreError),
    #[error(transparent)]
    Catalog(#[from] magemock_catalog::CatalogError),
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl ToMagentoError for TokenError {
    fn to_magento(&self) -> MagentoError {
        match self {
            TokenError::MissingCredentials(errors) => MagentoError::aggregate(errors.clone())
                .unwrap_or_else(|| MagentoError::internal("empty credential error list")),
            TokenError::SignInIncorrect => MagentoError::new(
                ExceptionKind::Authentication,
                messages::SIGN_IN_INCORRECT,
                Params::None,
            ),
            TokenError::EmailNotConfirmed => MagentoError::new(
                ExceptionKind::Authentication,
                messages::EMAIL_NOT_CONFIRMED,
                Params::None,
            ),
            TokenError::Core(e) => e.to_magento(),
            TokenError::Catalog(e) => e.to_magento(),
            TokenError::Sqlite(e) => MagentoError::internal(e),
        }
    }
}
