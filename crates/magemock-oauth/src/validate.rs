//! The pure checks of `lib/internal/Magento/Framework/Oauth/Oauth.php` (commit
//! 0bd0482bf7c0619a2b65ae89e84cffb67694508a, the Zend_Oauth line up to 2.4.3, and commit
//! 447c9b4dc5aaed80f7d5547c31bbc189c11544c3, the laminas-oauth line from 2.4.4; same order and
//! texts in both) and of the token provider and nonce generator,
//! in Magento's order. The stateful steps between them (consumer, nonce and token rows) belong
//! to the caller; each step's sequence is:
//!
//! | step | sequence |
//! |---|---|
//! | [`Step::RequestToken`] (`getRequestToken`) | [`validate_protocol_params`] → [`check_consumer_key_length`] → consumer row (`ConsumerNotFound`) → [`check_timestamp`] → nonce row (`NonceUsed`; the nonce is stored even if a later check fails) → [`check_consumer_window`] → signature with an empty token secret → verifier row (`IntegrationTokenNotFound`, `NotVerifierToken`) |
//! | [`Step::AccessToken`] (`getAccessToken`) | validate → key length → consumer → timestamp → nonce → request token (`ProviderTokenLength`, `TokenNotFound`, `RequestTokenConsumerMismatch`, `TokenAlreadyUsed`) → [`check_verifier`] → signature with the request-token secret → `IntegrationTokenNotFound`, `NotRequestToken` |
//! | [`Step::RestCall`] (`validateAccessTokenRequest`) | validate → key length → consumer → timestamp → nonce → access token (`ProviderTokenLength`, `TokenNotFound`, `AccessTokenConsumerMismatch`, `NotAccessToken`, `AccessTokenRevoked`) → signature with the access-token secret |

use magemock_core::MagentoVersion;

use crate::params::{Params, Value};
use crate::php;
use crate::problem::OauthError;
use crate::signature::SignatureMethod;

/// Which entry point of `OauthInterface` is validating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// `POST /oauth/token/request`.
    RequestToken,
    /// `POST /oauth/token/access`.
    AccessToken,
    /// A REST call signed with an integration access token.
    RestCall,
}

const REQUEST_TOKEN_PARAMS: &[&str] = &[
    "oauth_consumer_key",
    "oauth_signature",
    "oauth_signature_method",
    "oauth_nonce",
    "oauth_timestamp",
];
const ACCESS_TOKEN_PARAMS: &[&str] = &[
    "oauth_consumer_key",
    "oauth_signature",
    "oauth_signature_method",
    "oauth_nonce",
    "oauth_timestamp",
    "oauth_token",
    "oauth_verifier",
];
const REST_CALL_PARAMS: &[&str] = &[
    "oauth_consumer_key",
    "oauth_signature",
    "oauth_signature_method",
    "oauth_nonce",
    "oauth_timestamp",
    "oauth_token",
];

impl Step {
    /// The `$required` list of each entry point, in Magento's order (which is the order of
    /// the aggregated message).
    pub const fn required_params(self) -> &'static [&'static str] {
        match self {
            Step::RequestToken => REQUEST_TOKEN_PARAMS,
            Step::AccessToken => ACCESS_TOKEN_PARAMS,
            Step::RestCall => REST_CALL_PARAMS,
        }
    }
}

/// `Oauth::getSupportedSignatureMethods()`. HMAC-SHA1 went away in 2.4.4 (the laminas-oauth
/// rewrite returns only `SIGNATURE_SHA256`; magento/magento2#35357 and #35510, both reported
/// on 2.4.4), not in 2.4.7 as the reference document says.
pub fn supported_signature_methods(version: MagentoVersion) -> &'static [SignatureMethod] {
    if version.at_least(4, 4) {
        &[SignatureMethod::HmacSha256]
    } else {
        &[SignatureMethod::HmacSha1, SignatureMethod::HmacSha256]
    }
}

/// The protocol parameters once `_validateProtocolParams` has passed them, so the caller
/// cannot forget a presence check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProtocolParams<'a> {
    pub consumer_key: &'a Value,
    pub signature: &'a Value,
    pub signature_method: SignatureMethod,
    pub nonce: &'a Value,
    pub timestamp: &'a Value,
    /// Present and 32 bytes long whenever it was sent (it is optional on the request step).
    pub token: Option<&'a [u8]>,
    pub verifier: Option<&'a Value>,
}

/// What PHP does when a string function meets a form-body array on PHP 8.
fn array_given(function: &str) -> OauthError {
    OauthError::Internal {
        message: format!("{function}(): Argument #1 ($string) must be of type string, array given"),
    }
}

/// `_validateProtocolParams` up to, not including, the consumer lookup: version (if sent),
/// required parameters (all missing ones at once), token length (if sent), signature method.
pub fn validate_protocol_params<'a>(
    params: &'a Params,
    step: Step,
    version: MagentoVersion,
) -> Result<ProtocolParams<'a>, OauthError> {
    // 2.4.4 is the first release on PHP 8, whose numeric strings may end in whitespace.
    let php8 = version.at_least(4, 4);
    if let Some(sent) = params.get("oauth_version") {
        // `'1.0' != $version` is PHP's loose comparison: "1", "1.00" and "1e0" pass.
        let ok = match sent {
            Value::Str(v) => php::loose_equals(b"1.0", v, php8),
            Value::Array => false,
        };
        if !ok {
            return Err(OauthError::UnsupportedVersion(phrase_arg(sent)));
        }
    }
    let missing: Vec<&'static str> = step
        .required_params()
        .iter()
        .copied()
        .filter(|name| !params.contains(name))
        .collect();
    let (Some(consumer_key), Some(signature), Some(method), Some(nonce), Some(timestamp), true) = (
        params.get("oauth_consumer_key"),
        params.get("oauth_signature"),
        params.get("oauth_signature_method"),
        params.get("oauth_nonce"),
        params.get("oauth_timestamp"),
        missing.is_empty(),
    ) else {
        return Err(OauthError::RequiredParams(missing));
    };
    let token = match params.get("oauth_token") {
        None => None,
        Some(Value::Array) => return Err(array_given("strlen")),
        Some(Value::Str(t)) if t.len() == 32 => Some(t.as_slice()),
        Some(Value::Str(_)) => return Err(OauthError::InvalidTokenLength),
    };
    let signature_method = method
        .as_bytes()
        .and_then(SignatureMethod::from_wire)
        .filter(|m| supported_signature_methods(version).contains(m))
        .ok_or_else(|| OauthError::UnsupportedSignatureMethod(phrase_arg(method)))?;
    Ok(ProtocolParams {
        consumer_key,
        signature,
        signature_method,
        nonce,
        timestamp,
        token,
        verifier: params.get("oauth_verifier"),
    })
}

/// How PHP prints a phrase argument: an array renders as `Array`.
fn phrase_arg(value: &Value) -> Vec<u8> {
    value
        .as_bytes()
        .map_or_else(|| b"Array".to_vec(), <[u8]>::to_vec)
}

/// `Provider::getConsumerByKey`'s first check: `strlen($key) != 32` → 401.
pub fn check_consumer_key_length(consumer_key: &Value) -> Result<&[u8], OauthError> {
    match consumer_key {
        Value::Str(key) if key.len() == 32 => Ok(key),
        Value::Str(_) => Err(OauthError::ConsumerKeyLength),
        Value::Array => Err(array_given("strlen")),
    }
}

/// `Nonce\Generator::TIME_DEVIATION`: how far into the future a timestamp may be.
pub const TIME_DEVIATION: i64 = 600;

/// `Nonce\Generator::validateNonce`'s timestamp rule: `(int) $timestamp` must be > 0 and at
/// most `now + 600`. Old timestamps are fine. On the wire the failure is the nonce message.
pub fn check_timestamp(timestamp: &Value, now: i64) -> Result<i64, OauthError> {
    let value = match timestamp {
        Value::Str(t) => php::int_cast(t),
        // `(int)` of a non-empty array is 1; `parse_str` never builds an empty one.
        Value::Array => 1,
    };
    if value <= 0 || value > now.saturating_add(TIME_DEVIATION) {
        Err(OauthError::NonceValidationFailed)
    } else {
        Ok(value)
    }
}

/// `Consumer::isValidForTokenExchange` (per reference §4.2, 2.2+ copy; not re-read here):
/// the request-token step must come within `oauth/consumer/expiration_period` seconds of the
/// credentials POST that stamped `updated_at`.
pub fn check_consumer_window(
    updated_at: i64,
    now: i64,
    expiration_period: i64,
) -> Result<(), OauthError> {
    if expiration_period > now.saturating_sub(updated_at) {
        Ok(())
    } else {
        Err(OauthError::ConsumerKeyExpired)
    }
}

/// `Provider::_validateVerifierParam`: a string, 32 bytes, equal (`hash_equals`) to the
/// verifier stored with the token.
pub fn check_verifier(sent: &Value, stored: &[u8]) -> Result<(), OauthError> {
    let Value::Str(sent) = sent else {
        return Err(OauthError::VerifierInvalid);
    };
    if sent.len() != 32 {
        return Err(OauthError::VerifierLength);
    }
    if crate::signature::signatures_match(stored, sent) {
        Ok(())
    } else {
        Err(OauthError::VerifierMismatch)
    }
}

#[cfg(test)]
mod tests;
