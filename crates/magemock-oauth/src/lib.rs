//! Magento 2.4's OAuth 1.0a provider rules — the part of `Magento_Integration` and
//! `lib/internal/Magento/Framework/Oauth` that checks `/oauth/token/request`,
//! `/oauth/token/access` and REST calls signed with an integration's access token — as pure
//! functions over plain data: no SQL, no HTTP server, no clock (callers pass `now`).
//!
//! * [`header`]: the parameters Magento collects from the `Authorization` header, the form
//!   body and the query string (`Helper\Request::prepareRequest`), quirks included.
//! * [`signature`]: base string, key, HMAC-SHA1/SHA256, comparison, per release line
//!   ([`SignatureRules`]), and [`sign_header`] for clients and the test kit.
//! * [`validate`]: `Oauth::_validateProtocolParams` and the pure checks of the token provider
//!   and nonce generator, in Magento's order; the stateful steps between them are the
//!   caller's (see the table in [`validate`]).
//! * [`problem`]: [`OauthError`], rendered as the `oauth_problem=` body of the token
//!   endpoints or as a [`magemock_core::MagentoError`] for REST.
//!
//! Strings from the request stay bytes (PHP strings are bytes), so a Latin-1 `%E9` in a query
//! string is signed as Magento signs it.
//!
//! Not emulated (each only reachable with malformed requests): laminas-uri's host validation
//! and Zend_Uri's path validation (Magento answers 500); PHP 8 `TypeError`s from form-body
//! arrays, which escape Magento's `catch (\Exception)` and give its generic error page, are
//! reported as [`OauthError::Internal`]; `max_input_vars` and `max_input_nesting_level`.

pub mod header;
pub mod messages;
mod params;
mod php;
pub mod problem;
pub mod provider;
pub mod signature;
mod url;
pub mod validate;

pub use header::{HttpRequest, parse_authorization, prepare_request, request_url};
pub use params::{Params, Value};
pub use php::{rawurlencode, urlencode};
pub use problem::{OauthError, ProblemClass, http_build_query, token_body};
pub use signature::{
    ClientCredentials, ClientRequest, SignatureError, SignatureMethod, SignatureRules,
    SignedRequest, base_string, check_signature, expected_signature, sign, sign_header,
    signatures_match, signing_key,
};
pub use url::UrlError;
pub use validate::{
    ProtocolParams, Step, check_consumer_key_length, check_consumer_window, check_timestamp,
    check_verifier, supported_signature_methods, validate_protocol_params,
};

#[cfg(test)]
mod tests;
