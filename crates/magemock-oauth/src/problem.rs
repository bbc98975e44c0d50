//! [`OauthError`]: every way Magento's OAuth provider says no, and its two renderings.
//!
//! * On `/oauth/token/request` and `/oauth/token/access` the controllers catch everything and
//!   answer `http_build_query(['oauth_problem' => $msg])` through
//!   `Helper\Request::prepareErrorResponse` (Request.php commit
//!   0074c14457b523457df17840f1462ae1d3256381; Token/Request.php commit
//!   06691e10a40a264928a8da0bda34ecad357c5633, Token/Access.php commit
//!   0a78c678c4b14ce946999f9ffff156656307c742): [`OauthError::problem_body`].
//! * On a signed REST call the same exceptions escape into the webapi error processor and
//!   come out as Magento's JSON error: [`ToMagentoError`].

use std::borrow::Cow;

use magemock_core::{ExceptionKind, MagentoError, Params, ToMagentoError};

use crate::messages;
use crate::php;

/// The PHP class of the exception, which decides the status on `/oauth/token/*`
/// (`prepareErrorResponse`) and on REST (`Oauth\Exception` extends `AuthenticationException`,
/// `OauthInputException` extends `InputException`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemClass {
    /// `Magento\Framework\Oauth\OauthInputException` → 400.
    Input,
    /// `Magento\Framework\Oauth\Exception` → 401.
    Oauth,
    /// Anything else → 500.
    Other,
}

impl ProblemClass {
    pub const fn status(self) -> u16 {
        match self {
            ProblemClass::Input => 400,
            ProblemClass::Oauth => 401,
            ProblemClass::Other => 500,
        }
    }
}

/// One Magento OAuth failure. Parameters that come from the request are bytes, as in PHP.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", String::from_utf8_lossy(&self.message_bytes()))]
pub enum OauthError {
    /// `_checkRequiredParams`: the missing names, in Magento's order (one OauthInputException
    /// aggregating one error per name).
    RequiredParams(Vec<&'static str>),
    /// `_validateVersionParam`, with the version as sent.
    UnsupportedVersion(Vec<u8>),
    /// `_validateProtocolParams`: `oauth_token` is not 32 bytes long.
    InvalidTokenLength,
    /// `_validateProtocolParams`, with the method as sent.
    UnsupportedSignatureMethod(Vec<u8>),
    ConsumerKeyLength,
    ConsumerNotFound,
    ConsumerKeyExpired,
    /// Bad timestamp, or the nonce could not be stored.
    NonceValidationFailed,
    /// The id is a string: MySQL hands ids to PHP as strings.
    NonceUsed {
        consumer_id: String,
    },
    NotVerifierToken,
    NotRequestToken,
    /// `Provider::_getToken`'s own length check (401, unlike [`OauthError::InvalidTokenLength`]).
    ProviderTokenLength,
    TokenNotFound,
    RequestTokenConsumerMismatch,
    TokenAlreadyUsed,
    VerifierInvalid,
    VerifierLength,
    VerifierMismatch,
    AccessTokenConsumerMismatch,
    NotAccessToken,
    AccessTokenRevoked,
    IntegrationTokenNotFound {
        consumer_id: String,
    },
    ConsumerIdNotFound {
        consumer_id: String,
    },
    SignatureInvalid,
    /// Not an OAuth exception (e.g. a URL laminas-uri cannot print, or the store failing).
    Internal {
        message: String,
    },
}

impl OauthError {
    pub const fn class(&self) -> ProblemClass {
        match self {
            OauthError::RequiredParams(_)
            | OauthError::UnsupportedVersion(_)
            | OauthError::InvalidTokenLength
            | OauthError::UnsupportedSignatureMethod(_) => ProblemClass::Input,
            OauthError::ConsumerKeyLength
            | OauthError::ConsumerNotFound
            | OauthError::ConsumerKeyExpired
            | OauthError::NonceValidationFailed
            | OauthError::NonceUsed { .. }
            | OauthError::NotVerifierToken
            | OauthError::NotRequestToken
            | OauthError::ProviderTokenLength
            | OauthError::TokenNotFound
            | OauthError::RequestTokenConsumerMismatch
            | OauthError::TokenAlreadyUsed
            | OauthError::VerifierInvalid
            | OauthError::VerifierLength
            | OauthError::VerifierMismatch
            | OauthError::AccessTokenConsumerMismatch
            | OauthError::NotAccessToken
            | OauthError::AccessTokenRevoked
            | OauthError::IntegrationTokenNotFound { .. }
            | OauthError::ConsumerIdNotFound { .. }
            | OauthError::SignatureInvalid => ProblemClass::Oauth,
            OauthError::Internal { .. } => ProblemClass::Other,
        }
    }

    pub const fn status(&self) -> u16 {
        self.class().status()
    }

    /// The raw phrase template and its arguments, as the REST error body carries them.
    fn phrase(&self) -> (&'static str, Params) {
        let one = |v: &[u8]| Params::positional([String::from_utf8_lossy(v).into_owned()]);
        match self {
            OauthError::RequiredParams(names) => match names.as_slice() {
                [name] => (
                    messages::REQUIRED_FIELD,
                    Params::named([(messages::FIELD_NAME, *name)]),
                ),
                _ => (messages::INPUT_EXCEPTION_DEFAULT, Params::None),
            },
            OauthError::UnsupportedVersion(v) => (messages::VERSION_NOT_SUPPORTED, one(v)),
            OauthError::InvalidTokenLength => (messages::TOKEN_LENGTH_INVALID, Params::None),
            OauthError::UnsupportedSignatureMethod(m) => {
                (messages::SIGNATURE_METHOD_NOT_SUPPORTED, one(m))
            }
            OauthError::ConsumerKeyLength => (messages::CONSUMER_KEY_LENGTH, Params::None),
            OauthError::ConsumerNotFound => (messages::CONSUMER_NOT_FOUND, Params::None),
            OauthError::ConsumerKeyExpired => (messages::CONSUMER_KEY_EXPIRED, Params::None),
            OauthError::NonceValidationFailed => (messages::NONCE_VALIDATION_FAILED, Params::None),
            OauthError::NonceUsed { consumer_id } => {
                (messages::NONCE_USED, one(consumer_id.as_bytes()))
            }
            OauthError::NotVerifierToken => (messages::NOT_VERIFIER_TOKEN, Params::None),
            OauthError::NotRequestToken => (messages::NOT_REQUEST_TOKEN, Params::None),
            OauthError::ProviderTokenLength => (messages::PROVIDER_TOKEN_LENGTH, Params::None),
            OauthError::TokenNotFound => (messages::TOKEN_NOT_FOUND, Params::None),
            OauthError::RequestTokenConsumerMismatch => {
                (messages::REQUEST_TOKEN_CONSUMER_MISMATCH, Params::None)
            }
            OauthError::TokenAlreadyUsed => (messages::TOKEN_ALREADY_USED, Params::None),
            OauthError::VerifierInvalid => (messages::VERIFIER_INVALID, Params::None),
            OauthError::VerifierLength => (messages::VERIFIER_LENGTH, Params::None),
            OauthError::VerifierMismatch => (messages::VERIFIER_MISMATCH, Params::None),
            OauthError::AccessTokenConsumerMismatch => {
                (messages::ACCESS_TOKEN_CONSUMER_MISMATCH, Params::None)
            }
            OauthError::NotAccessToken => (messages::NOT_ACCESS_TOKEN, Params::None),
            OauthError::AccessTokenRevoked => (messages::ACCESS_TOKEN_REVOKED, Params::None),
            OauthError::IntegrationTokenNotFound { consumer_id } => (
                messages::INTEGRATION_TOKEN_NOT_FOUND,
                one(consumer_id.as_bytes()),
            ),
            OauthError::ConsumerIdNotFound { consumer_id } => {
                (messages::CONSUMER_ID_NOT_FOUND, one(consumer_id.as_bytes()))
            }
            OauthError::SignatureInvalid => (messages::SIGNATURE_INVALID, Params::None),
            OauthError::Internal { .. } => ("", Params::None),
        }
    }

    /// `$exception->getMessage()`: the phrase rendered, byte-exact (a version sent as `%FF`
    /// is the byte 0xFF in the message, as in PHP).
    pub fn message_bytes(&self) -> Vec<u8> {
        let substitute = |template: &str, value: &[u8]| {
            let mut out = Vec::with_capacity(template.len() + value.len());
            let (before, after) = template.split_once("%1").unwrap_or((template, ""));
            out.extend_from_slice(before.as_bytes());
            out.extend_from_slice(value);
            out.extend_from_slice(after.as_bytes());
            out
        };
        match self {
            OauthError::UnsupportedVersion(v) => substitute(messages::VERSION_NOT_SUPPORTED, v),
            OauthError::UnsupportedSignatureMethod(m) => {
                substitute(messages::SIGNATURE_METHOD_NOT_SUPPORTED, m)
            }
            OauthError::Internal { message } => message.as_bytes().to_vec(),
            other => {
                let (template, params) = other.phrase();
                params.render(template).into_bytes()
            }
        }
    }

    /// The `oauth_problem` value `prepareErrorResponse` picks.
    fn problem_bytes(&self) -> Vec<u8> {
        match self {
            // An aggregate keeps the generic message, which `prepareErrorResponse` swaps for
            // `getAggregatedErrorMessage()`: each error rendered, trailing dots trimmed
            // (`rtrim($m, '.')`), joined with ", ". With one error the message *is* that
            // error, period included.
            OauthError::RequiredParams(names) if names.len() != 1 => names
                .iter()
                .map(|name| {
                    let message = Params::named([(messages::FIELD_NAME, *name)])
                        .render(messages::REQUIRED_FIELD);
                    message.trim_end_matches('.').to_owned()
                })
                .collect::<Vec<_>>()
                .join(", ")
                .into_bytes(),
            OauthError::Internal { message } => {
                let message: &[u8] = if php::truthy(message.as_bytes()) {
                    message.as_bytes()
                } else {
                    messages::EMPTY_MESSAGE.as_bytes()
                };
                [messages::INTERNAL_ERROR_PREFIX.as_bytes(), message].concat()
            }
            other => other.message_bytes(),
        }
    }

    /// The body `/oauth/token/*` answers with (status: [`OauthError::status`]).
    pub fn problem_body(&self) -> String {
        http_build_query(&[("oauth_problem", &self.problem_bytes())])
    }
}

impl OauthError {
    /// The store failing under a provider step: not an OAuth exception.
    pub(crate) fn internal(e: impl std::fmt::Display) -> Self {
        OauthError::Internal {
            message: e.to_string(),
        }
    }
}

impl From<magemock_core::CoreError> for OauthError {
    fn from(e: magemock_core::CoreError) -> Self {
        OauthError::internal(e)
    }
}

impl ToMagentoError for OauthError {
    fn to_magento(&self) -> MagentoError {
        let kind = match self.class() {
            ProblemClass::Input => ExceptionKind::Input,
            ProblemClass::Oauth => ExceptionKind::Authentication,
            ProblemClass::Other => {
                let cause = String::from_utf8_lossy(&self.message_bytes()).into_owned();
                return MagentoError::internal(cause);
            }
        };
        if let OauthError::RequiredParams(names) = self
            && names.len() > 1
        {
            let errors = names
                .iter()
                .map(|name| MagentoError::required_field(name))
                .collect();
            if let Some(aggregate) = MagentoError::aggregate(errors) {
                return aggregate;
            }
        }
        let (template, params) = self.phrase();
        MagentoError::new(kind, Cow::Borrowed(template), params)
    }
}

/// PHP `http_build_query()` over string values: `k=v` joined by `&`, both `urlencode`d.
pub fn http_build_query(pairs: &[(&str, &[u8])]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", php::urlencode(k.as_bytes()), php::urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The 200 body of both token endpoints (`Provider::createRequestToken` / `getAccessToken`
/// through `http_build_query`).
pub fn token_body(token: &str, token_secret: &str) -> String {
    http_build_query(&[
        ("oauth_token", token.as_bytes()),
        ("oauth_token_secret", token_secret.as_bytes()),
    ])
}

#[cfg(test)]
mod tests;
