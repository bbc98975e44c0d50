//! Signature base string, key, HMAC and comparison as Magento's `Oauth::_validateSignature`
//! computes them, per release line ([`SignatureRules`]), plus [`sign_header`] for clients.
//!
//! Common to every line: the key is `rawurlencode(consumer_secret) & rawurlencode(token_secret)`
//! with an empty token secret on the request-token step (laminas-oauth `AbstractSignature`
//! defaults `$tokenSecret = ''`, so the `&` is always there), the digest is base64'd, and the
//! comparison is `Security::compareStrings` (`hash_equals`).
//!
//! Parameter normalisation differs:
//! * Zend_Oauth / laminas-oauth (2.4.0–2.4.7): every key and value `rawurlencode`d, then the
//!   *encoded* keys sorted with `strnatcmp` (natural order: `a9` before `a10`). Keys are unique
//!   because Magento's params are a PHP array, so values never need sorting.
//! * Magento's own `Helper\Signature\Hmac` (2.4.8, commit
//!   64f689d2897b9e1f2166b1c9f665dca8090babc8): the URL's query is `parse_str`'d and
//!   `array_merge`d over the params (integer keys renumbered, `oauth_*` query parameters now
//!   included), array values dropped, the *decoded* keys sorted with `ksort`, then encoded.

use base64::Engine as _;
use hmac::{Hmac, Mac};
use magemock_core::MagentoVersion;

use crate::header::{HttpRequest, prepare_request};
use crate::params::{Params, Value, parse_str};
use crate::php;
use crate::problem::OauthError;
use crate::url::{self, PathDecoding, UrlError};

/// `oauth_signature_method` values Magento knows (`OauthInterface::SIGNATURE_SHA1/256`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SignatureMethod {
    HmacSha1,
    HmacSha256,
}

impl SignatureMethod {
    pub const fn as_str(self) -> &'static str {
        match self {
            SignatureMethod::HmacSha1 => "HMAC-SHA1",
            SignatureMethod::HmacSha256 => "HMAC-SHA256",
        }
    }

    /// Exact, case-sensitive match, as `in_array` on two non-numeric strings is.
    pub fn from_wire(value: &[u8]) -> Option<Self> {
        match value {
            b"HMAC-SHA1" => Some(SignatureMethod::HmacSha1),
            b"HMAC-SHA256" => Some(SignatureMethod::HmacSha256),
            _ => None,
        }
    }
}

/// Which copy of Magento's signing code a release runs (see the module docs and `url.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureRules {
    /// 2.4.0–2.4.3: `Zend_Oauth_Http_Utility` (Oauth.php commit
    /// 0bd0482bf7c0619a2b65ae89e84cffb67694508a).
    Zend,
    /// 2.4.4–2.4.6: laminas-oauth `Http\Utility` (Oauth.php commit
    /// 447c9b4dc5aaed80f7d5547c31bbc189c11544c3).
    Laminas,
    /// 2.4.7: laminas-oauth through Magento's `Helper\Signature\Hmac` subclass, whose URI class
    /// decodes only unreserved characters in the path.
    LaminasUnreservedPath,
    /// 2.4.8: Magento's own `Helper\Signature\Hmac`; 2.4.8 no longer ships laminas-oauth.
    Magento,
}

impl SignatureRules {
    pub fn for_version(version: MagentoVersion) -> Self {
        if version.at_least(4, 8) {
            SignatureRules::Magento
        } else if version.at_least(4, 7) {
            SignatureRules::LaminasUnreservedPath
        } else if version.at_least(4, 4) {
            SignatureRules::Laminas
        } else {
            SignatureRules::Zend
        }
    }

    /// `toAuthorizationHeader` joins with `,` (Zend/laminas) or `, ` (2.4.8 `Helper\Utility`).
    fn header_separator(self) -> &'static str {
        match self {
            SignatureRules::Zend
            | SignatureRules::Laminas
            | SignatureRules::LaminasUnreservedPath => ",",
            SignatureRules::Magento => ", ",
        }
    }
}

/// Why no signature could be computed; Magento answers these with a 500.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error(transparent)]
    Url(#[from] UrlError),
    /// A form-body array (`a[]=1`) reaching `rawurlencode()`: a TypeError on PHP 8, a warning
    /// turned exception on PHP 7. Only the Zend/laminas lines encode values before sorting.
    #[error("rawurlencode(): Argument #1 ($string) must be of type string, array given")]
    ArrayParameter,
    /// Cannot happen (HMAC takes keys of any length); kept so that no path can panic.
    #[error("HMAC key rejected")]
    HmacKey,
}

const SIGNATURE_PARAM: &[u8] = b"oauth_signature";

/// The signature base string Magento computes for a request whose collected parameters (see
/// [`prepare_request`]) are `params`; `oauth_signature` is left out whatever its source.
pub fn base_string(
    rules: SignatureRules,
    http_method: &[u8],
    url: &[u8],
    params: &Params,
) -> Result<String, SignatureError> {
    let (base_uri, pairs) = match rules {
        SignatureRules::Zend => (url::zend(url)?, encoded_natural_pairs(params)?),
        SignatureRules::Laminas => (
            url::laminas(url, PathDecoding::Laminas)?,
            encoded_natural_pairs(params)?,
        ),
        SignatureRules::LaminasUnreservedPath => (
            url::laminas(url, PathDecoding::Unreserved)?,
            encoded_natural_pairs(params)?,
        ),
        SignatureRules::Magento => magento_pairs(url, params)?,
    };
    let joined = pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    Ok(format!(
        "{}&{}&{}",
        String::from_utf8_lossy(&http_method.to_ascii_uppercase()),
        php::rawurlencode(&base_uri),
        php::rawurlencode(joined.as_bytes())
    ))
}

/// laminas-oauth `getBaseSignatureString` + `toByteValueOrderedQueryString`.
fn encoded_natural_pairs(params: &Params) -> Result<Pairs, SignatureError> {
    let mut pairs = params
        .iter()
        .filter(|(k, _)| *k != SIGNATURE_PARAM)
        .map(|(k, v)| match v {
            Value::Str(v) => Ok((php::rawurlencode(k), php::rawurlencode(v))),
            Value::Array => Err(SignatureError::ArrayParameter),
        })
        .collect::<Result<Vec<_>, _>>()?;
    // `uksort` is stable since PHP 8; so is `sort_by`.
    pairs.sort_by(|a, b| php::strnatcmp(a.0.as_bytes(), b.0.as_bytes()));
    Ok(pairs)
}

/// Encoded `name=value` pairs, in base-string order.
type Pairs = Vec<(String, String)>;

/// 2.4.8 `Hmac::createBaseString`: returns the base-string URI and the encoded pairs.
fn magento_pairs(url: &[u8], params: &Params) -> Result<(Vec<u8>, Pairs), SignatureError> {
    let parsed = url::php_parse_url(url)?;
    let mut merged = match parsed.query {
        Some(query) => array_merge(&[params, &parse_str(query)]),
        None => params.clone(),
    };
    // `removeNestedArrays`: `a[b]=1` from Request.php's flat query parsing wins over the
    // array `a` that `parse_str` built from the same query.
    let shadowed: Vec<Vec<u8>> = merged
        .iter()
        .filter(|(k, _)| k.contains(&b'[') && k.contains(&b']'))
        .filter_map(|(k, _)| k.split(|&b| b == b'[').next().map(<[u8]>::to_vec))
        .collect();
    for base in shadowed {
        if merged.get_bytes_key(&base) == Some(&Value::Array) {
            merged.remove_bytes_key(&base);
        }
    }
    let mut entries: Vec<(&[u8], &Value)> = merged.iter().collect();
    entries.sort_by(|a, b| php::smart_strcmp(a.0, b.0));
    let pairs = entries
        .into_iter()
        .filter(|(k, _)| *k != SIGNATURE_PARAM)
        .filter_map(|(k, v)| {
            v.as_bytes()
                .map(|v| (php::rawurlencode(k), php::rawurlencode(v)))
        })
        .collect();
    Ok((parsed.base, pairs))
}

/// `array_merge()`: string keys overwrite in place, integer keys are appended renumbered.
fn array_merge(arrays: &[&Params]) -> Params {
    let mut out = Params::new();
    let mut next: u64 = 0;
    for array in arrays {
        for (key, value) in array.iter() {
            if php::is_integer_key(key) {
                out.insert(next.to_string(), value.clone());
                next += 1;
            } else {
                out.insert(key.to_vec(), value.clone());
            }
        }
    }
    out
}

/// `rawurlencode(consumer_secret) . '&' . rawurlencode(token_secret)`.
pub fn signing_key(consumer_secret: &[u8], token_secret: &[u8]) -> String {
    format!(
        "{}&{}",
        php::rawurlencode(consumer_secret),
        php::rawurlencode(token_secret)
    )
}

/// `base64_encode(hash_hmac($algo, $base, $key, true))`.
pub fn sign(method: SignatureMethod, key: &str, base: &str) -> Result<String, SignatureError> {
    let digest = match method {
        SignatureMethod::HmacSha1 => {
            let mut mac = Hmac::<sha1::Sha1>::new_from_slice(key.as_bytes())
                .map_err(|_| SignatureError::HmacKey)?;
            mac.update(base.as_bytes());
            mac.finalize().into_bytes().to_vec()
        }
        SignatureMethod::HmacSha256 => {
            let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes())
                .map_err(|_| SignatureError::HmacKey)?;
            mac.update(base.as_bytes());
            mac.finalize().into_bytes().to_vec()
        }
    };
    Ok(base64::engine::general_purpose::STANDARD.encode(digest))
}

/// Everything needed to recompute a request's signature on the server.
#[derive(Debug, Clone, Copy)]
pub struct SignedRequest<'a> {
    pub rules: SignatureRules,
    pub method: SignatureMethod,
    /// The HTTP method as received; upper-cased here.
    pub http_method: &'a [u8],
    /// The request URL ([`crate::request_url`]).
    pub url: &'a [u8],
    /// All collected parameters ([`prepare_request`]).
    pub params: &'a Params,
}

/// The signature Magento expects for `request`.
pub fn expected_signature(
    request: &SignedRequest<'_>,
    consumer_secret: &[u8],
    token_secret: &[u8],
) -> Result<String, SignatureError> {
    let base = base_string(
        request.rules,
        request.http_method,
        request.url,
        request.params,
    )?;
    sign(
        request.method,
        &signing_key(consumer_secret, token_secret),
        &base,
    )
}

/// `Security::compareStrings` (`hash_equals`): unequal lengths fail at once, equal lengths
/// are compared without an early exit.
pub fn signatures_match(expected: &[u8], provided: &[u8]) -> bool {
    if expected.len() != provided.len() {
        return false;
    }
    let diff = expected
        .iter()
        .zip(provided)
        .fold(0u8, |acc, (a, b)| acc | std::hint::black_box(a ^ b));
    diff == 0
}

/// The last step of `_validateSignature`: 401 `The signature is invalid. Verify and try again.`
/// on a mismatch, a 500 when Magento itself would have crashed computing it.
pub fn check_signature(
    request: &SignedRequest<'_>,
    consumer_secret: &[u8],
    token_secret: &[u8],
    provided: &[u8],
) -> Result<(), OauthError> {
    let expected = expected_signature(request, consumer_secret, token_secret).map_err(|e| {
        OauthError::Internal {
            message: e.to_string(),
        }
    })?;
    if signatures_match(expected.as_bytes(), provided) {
        Ok(())
    } else {
        Err(OauthError::SignatureInvalid)
    }
}

/// A client's credentials for [`sign_header`].
#[derive(Debug, Clone, Copy, Default)]
pub struct ClientCredentials<'a> {
    pub consumer_key: &'a str,
    pub consumer_secret: &'a str,
    /// The request or access token, if the step has one.
    pub token: Option<&'a str>,
    /// Its secret; empty for the request-token step.
    pub token_secret: &'a str,
    /// The verifier, for the access-token step.
    pub verifier: Option<&'a str>,
}

/// The request a client is about to send, for [`sign_header`]. Nonce and timestamp are the
/// caller's, so that a seeded test gives the same header every run.
#[derive(Debug, Clone, Copy)]
pub struct ClientRequest<'a> {
    pub http_method: &'a str,
    /// `scheme://Host` + request-target, exactly as the server will see them.
    pub url: &'a str,
    /// A body sent as `application/x-www-form-urlencoded`, if any.
    pub form_body: Option<&'a [u8]>,
    pub nonce: &'a str,
    pub timestamp: &'a str,
    pub method: SignatureMethod,
    pub rules: SignatureRules,
}

/// A complete `Authorization` header value in the shape of Magento's
/// `Oauth::buildAuthorizationHeader` (`OAuth k="v",k="v"`, values `rawurlencode`d, no realm;
/// `, ` between pairs on 2.4.8), signed so that the emulated Magento accepts it: the signature
/// is computed over the parameters Magento will collect from this very header, URL and body.
///
/// Deliberately not copied from `buildAuthorizationHeader`: it puts the consumer and token
/// secrets in the header, leaves out `oauth_signature_method`, and on 2.4.4+ signs only the
/// caller's parameters (not nonce, timestamp and version), so its own output would fail.
pub fn sign_header(
    request: &ClientRequest<'_>,
    credentials: &ClientCredentials<'_>,
) -> Result<String, SignatureError> {
    let mut pairs: Vec<(&str, &str)> = vec![
        ("oauth_nonce", request.nonce),
        ("oauth_timestamp", request.timestamp),
        ("oauth_version", "1.0"),
        ("oauth_consumer_key", credentials.consumer_key),
    ];
    pairs.extend(credentials.token.map(|t| ("oauth_token", t)));
    pairs.extend(credentials.verifier.map(|v| ("oauth_verifier", v)));
    pairs.push(("oauth_signature_method", request.method.as_str()));
    let separator = request.rules.header_separator();
    let unsigned = authorization_header(&pairs, separator);
    let seen = prepare_request(&HttpRequest {
        authorization: Some(unsigned.as_bytes()),
        content_type: request
            .form_body
            .map(|_| &b"application/x-www-form-urlencoded"[..]),
        body: request.form_body.unwrap_or_default(),
        url: request.url.as_bytes(),
    });
    let signature = expected_signature(
        &SignedRequest {
            rules: request.rules,
            method: request.method,
            http_method: request.http_method.as_bytes(),
            url: request.url.as_bytes(),
            params: &seen,
        },
        credentials.consumer_secret.as_bytes(),
        credentials.token_secret.as_bytes(),
    )?;
    pairs.push(("oauth_signature", &signature));
    Ok(authorization_header(&pairs, separator))
}

fn authorization_header(pairs: &[(&str, &str)], separator: &str) -> String {
    let body = pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{}=\"{}\"",
                php::rawurlencode(k.as_bytes()),
                php::rawurlencode(v.as_bytes())
            )
        })
        .collect::<Vec<_>>()
        .join(separator);
    format!("OAuth {body}")
}

#[cfg(test)]
mod tests;
