//! Collecting the OAuth request parameters exactly as
//! `lib/internal/Magento/Framework/Oauth/Helper/Request.php` does in 2.4 (`prepareRequest`,
//! `_processRequest`, `_processHeader`, `_extractQueryStringParams`; copy read at commit
//! 0074c14457b523457df17840f1462ae1d3256381, the laminas-uri one).
//!
//! Quirks kept on purpose, each pinned by a test:
//! * the scheme is found with `stripos($header, 'oauth ')` *anywhere* in the header, so
//!   `Basic abc, OAuth oauth_token="x"` works and `OAuth` without a following space does not;
//! * pairs are split on `,` only, names are checked *before* `rawurldecode` with the
//!   unanchored regex `/oauth_[a-z_-]+/`, so `realm` is dropped and `xoauth_a` is kept;
//! * a name keeps inner spaces (`OAuth oauth_a` after a stray comma is not `oauth_a`) and a
//!   value loses every leading and trailing `"` but no spaces;
//! * a repeated name keeps its last value;
//! * no `oauth ` in the header means no parameters at all, not even query ones;
//! * query parameters named like protocol parameters are *never* read (`is_array` on a
//!   string in `_fetchProtocolParamsFromQuery`), other query ones are `urldecode`d and may
//!   overwrite header values (`?oauth%5Fnonce=x` passes the raw-name check);
//! * form-body protocol parameters are used only when the header carried none.

use crate::params::{Params, parse_str};
use crate::php;

/// What `prepareRequest` reads from the HTTP request.
#[derive(Debug, Clone, Copy, Default)]
pub struct HttpRequest<'a> {
    /// The `Authorization` header, if sent.
    pub authorization: Option<&'a [u8]>,
    /// The `Content-Type` header, if sent.
    pub content_type: Option<&'a [u8]>,
    /// The raw body.
    pub body: &'a [u8],
    /// The request URL as `getRequestUrl` builds it (see [`request_url`]).
    pub url: &'a [u8],
}

/// `Helper\Request::getRequestUrl`: `getScheme() . '://' . getHttpHost(false) .
/// getRequestUri()`, i.e. the `Host` header as sent (port included) and the request-target
/// as received (query included, nothing decoded).
pub fn request_url(scheme: &str, http_host: &[u8], request_uri: &[u8]) -> Vec<u8> {
    let mut url = Vec::with_capacity(scheme.len() + 3 + http_host.len() + request_uri.len());
    url.extend_from_slice(scheme.as_bytes());
    url.extend_from_slice(b"://");
    url.extend_from_slice(http_host);
    url.extend_from_slice(request_uri);
    url
}

/// `_isProtocolParameter`: `preg_match('/oauth_[a-z_-]+/', $name)`, unanchored.
pub fn is_protocol_parameter(name: &[u8]) -> bool {
    name.windows(7).any(|w| {
        w.starts_with(b"oauth_") && (w[6].is_ascii_lowercase() || matches!(w[6], b'_' | b'-'))
    })
}

/// `_processHeader`: the protocol parameters of an `Authorization` header, or `None` when it
/// holds no `oauth ` (case-insensitive), in which case Magento ignores the whole request.
pub fn parse_authorization(header: Option<&[u8]>) -> Option<Params> {
    let header = header.filter(|h| php::truthy(h))?;
    let position = php::stripos(header, b"oauth ")?;
    let mut params = Params::new();
    for piece in header[position + 6..].split(|&b| b == b',') {
        let piece = php::trim(piece);
        let Some(eq) = piece.iter().position(|&b| b == b'=') else {
            continue;
        };
        let (name, value) = (&piece[..eq], &piece[eq + 1..]);
        if is_protocol_parameter(name) {
            let value = php::rawurldecode(php::trim_chars(value, b"\""));
            params.insert_str(php::rawurldecode(name), value);
        }
    }
    Some(params)
}

/// `_extractQueryStringParams`: `a=b` pieces (exactly one `=`) whose raw name is not a
/// protocol parameter, `urldecode`d (2.4 uses `urldecode`; the 2.2 copy used `rawurldecode`).
pub fn extract_query_params(params: &mut Params, query: &[u8]) {
    if !php::truthy(query) {
        return;
    }
    for piece in query.split(|&b| b == b'&') {
        let mut parts = piece.split(|&b| b == b'=');
        let (Some(name), Some(value), None) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        if !is_protocol_parameter(name) {
            params.insert_str(php::urldecode(name), php::urldecode(value));
        }
    }
}

/// The body is read only when `Content-Type` *starts with* this (case-sensitive `strpos`).
const FORM_CONTENT_TYPE: &[u8] = b"application/x-www-form-urlencoded";

/// `prepareRequest`: header protocol parameters, then form-body parameters, then query
/// parameters, as one PHP array.
///
/// On REST, an empty result makes `Webapi\Model\Authorization\OauthUserContext::getUserId`
/// return no user (a guest) without validating anything; a non-empty one goes to
/// `validateAccessTokenRequest` ([`crate::Step::RestCall`]). So `Authorization: OAuth realm="x"`
/// on `GET /rest/V1/products?searchCriteria[pageSize]=1` is a 400 for missing parameters,
/// while the same call without the query string is a guest.
pub fn prepare_request(request: &HttpRequest<'_>) -> Params {
    let Some(mut params) = parse_authorization(request.authorization) else {
        return Params::new();
    };
    let is_form = request
        .content_type
        .is_some_and(|ct| php::truthy(ct) && ct.starts_with(FORM_CONTENT_TYPE));
    if is_form {
        let header_had_none = params.is_empty();
        for (name, value) in parse_str(request.body).iter() {
            if header_had_none || !is_protocol_parameter(name) {
                params.insert(name.to_vec(), value.clone());
            }
        }
    }
    if let Some(query) = crate::url::split(request.url).query {
        extract_query_params(&mut params, query);
    }
    params
}

#[cfg(test)]
mod tests;
