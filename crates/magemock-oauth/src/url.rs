//! The base-string URI. Three different pieces of code produced it across 2.4, and they
//! disagree on real requests (uppercase hosts, an explicit `:443`, dot segments, `%2F`):
//!
//! * 2.4.0–2.4.3, Zend_Oauth (`Zend_Oauth_Signature_SignatureAbstract::normaliseBaseSignatureUrl`
//!   over `Zend_Uri_Http`): scheme and host lower-cased, port 80/443 dropped for its own scheme,
//!   query and fragment dropped, **path as received**.
//! * 2.4.4–2.4.7, laminas-oauth (`AbstractSignature::normaliseBaseSignatureUrl` calling
//!   laminas-uri `normalize()`): the same plus path normalisation: dot segments removed,
//!   `%XX` of allowed characters decoded (others upper-cased), disallowed bytes encoded. 2.4.7's
//!   `Magento\Framework\Oauth\Helper\Uri\Http` (commit 62b397ee8a4fce80a93800bd9331d333080a930e)
//!   narrows the decoded set to unreserved characters so a SKU's `%2F` survives.
//! * 2.4.8, Magento's own `Helper\Signature\Hmac::buildRequestUrl` (commit
//!   64f689d2897b9e1f2166b1c9f665dca8090babc8): `parse_url()` parts glued back as
//!   `scheme://host[:port]path` with **no** case folding, **no** default-port removal and no
//!   path changes; user info dropped.
//!
//! Not emulated: laminas-uri's host validation (an invalid `Host` makes Magento answer 500).

use crate::php;

/// Why a URL could not be normalised; Magento answers these with a 500.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    /// laminas-oauth / Zend_Oauth refuse anything but http and https.
    #[error("Invalid URL provided; must be an HTTP or HTTPS scheme")]
    NotHttp,
    /// laminas-uri `toString()` on an invalid URI.
    #[error("URI is not valid and cannot be converted into a string")]
    NotValid,
    /// PHP `parse_url()` returned `false`; Magento then reads an offset of a bool.
    #[error("Trying to access array offset on value of type bool")]
    Unparsable,
}

/// A URL split the way laminas-uri `Uri::parse` does (same regexes, same order).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Parts<'a> {
    pub scheme: Option<&'a [u8]>,
    pub authority: Option<&'a [u8]>,
    pub path: &'a [u8],
    pub query: Option<&'a [u8]>,
}

pub(crate) fn split(url: &[u8]) -> Parts<'_> {
    let mut parts = Parts::default();
    let mut rest = url;
    let scheme_len = match rest.first() {
        Some(b) if b.is_ascii_alphabetic() => rest
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'.' | b'+' | b'-'))),
        _ => None,
    };
    if let Some(n) = scheme_len.filter(|&n| rest.get(n) == Some(&b':')) {
        parts.scheme = Some(&rest[..n]);
        rest = &rest[n + 1..];
    }
    if let Some(after) = rest.strip_prefix(b"//") {
        let end = after
            .iter()
            .position(|b| b"/?#".contains(b))
            .unwrap_or(after.len());
        parts.authority = Some(&after[..end]);
        rest = &after[end..];
    }
    if !php::truthy(rest) {
        return parts;
    }
    let end = rest
        .iter()
        .position(|b| b"?#".contains(b))
        .unwrap_or(rest.len());
    parts.path = &rest[..end];
    rest = &rest[end..];
    if let Some(after) = rest.strip_prefix(b"?") {
        let end = after.iter().position(|&b| b == b'#').unwrap_or(after.len());
        parts.query = Some(&after[..end]);
    }
    parts
}

/// Authority split into user info, host and port, laminas-uri style: user info before the
/// last `@`, a port only from a trailing `:` plus up to five digits.
struct Authority<'a> {
    user_info: Option<&'a [u8]>,
    host: &'a [u8],
    port: Option<u32>,
}

fn laminas_authority(authority: &[u8]) -> Authority<'_> {
    let (user_info, host_port) = match authority.iter().rposition(|&b| b == b'@') {
        Some(i) => (Some(&authority[..i]), &authority[i + 1..]),
        None => (None, authority),
    };
    let digits = host_port
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let colon = host_port.len().checked_sub(digits + 1);
    match colon.filter(|&c| host_port[c] == b':' && digits <= 5) {
        Some(c) => {
            let port = std::str::from_utf8(&host_port[c + 1..])
                .ok()
                .and_then(|p| p.parse().ok());
            Authority {
                user_info,
                host: &host_port[..c],
                port: port.filter(|&p| p != 0),
            }
        }
        None => Authority {
            user_info,
            host: host_port,
            port: None,
        },
    }
}

fn default_port(scheme: &[u8]) -> Option<u32> {
    match scheme {
        b"http" => Some(80),
        b"https" => Some(443),
        _ => None,
    }
}

/// Which characters laminas-uri decodes from `%XX` while normalising a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PathDecoding {
    /// laminas-uri `Uri::normalizePath`: unreserved plus `:@&=+$,/;%`.
    Laminas,
    /// `Magento\Framework\Oauth\Helper\Uri\Http::normalizePath`: unreserved only.
    Unreserved,
}

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'~')
}

/// The path characters laminas-uri `encodePath` leaves alone.
fn is_path_char(b: u8) -> bool {
    is_unreserved(b) || b":@&=+$,/;%".contains(&b)
}

fn hex_at(s: &[u8], i: usize) -> Option<u8> {
    let hi = s.get(i + 1).and_then(|&b| char::from(b).to_digit(16))?;
    let lo = s.get(i + 2).and_then(|&b| char::from(b).to_digit(16))?;
    u8::try_from(hi << 4 | lo).ok()
}

/// laminas-uri `Uri::decodeUrlEncodedChars`.
fn decode_allowed(path: &[u8], decoding: PathDecoding) -> Vec<u8> {
    let mut out = Vec::with_capacity(path.len());
    let mut i = 0;
    while i < path.len() {
        match (path[i], hex_at(path, i)) {
            (b'%', Some(byte)) => {
                let allowed = match decoding {
                    PathDecoding::Laminas => is_path_char(byte),
                    PathDecoding::Unreserved => is_unreserved(byte),
                };
                if allowed {
                    out.push(byte);
                } else {
                    out.push(b'%');
                    out.extend(path[i + 1..i + 3].iter().map(u8::to_ascii_uppercase));
                }
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// laminas-uri `Uri::encodePath`.
fn encode_path(path: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(path.len());
    for (i, &b) in path.iter().enumerate() {
        let lone_percent = b == b'%' && hex_at(path, i).is_none();
        if is_path_char(b) && !lone_percent {
            out.push(b);
        } else {
            out.extend_from_slice(php::rawurlencode(&[b]).as_bytes());
        }
    }
    out
}

/// laminas-uri `Uri::removePathDotSegments` (RFC 3986 §5.2.4, with PHP's `while ($path)`).
fn remove_dot_segments(path: &[u8]) -> Vec<u8> {
    let mut output: Vec<u8> = Vec::with_capacity(path.len());
    let mut path = path.to_vec();
    let pop_segment = |output: &mut Vec<u8>| {
        if let Some(slash) = output.iter().rposition(|&b| b == b'/') {
            output.truncate(slash);
        }
    };
    while php::truthy(&path) {
        if path == b".." || path == b"." {
            break;
        }
        if path == b"/." {
            path = b"/".to_vec();
        } else if path == b"/.." {
            path = b"/".to_vec();
            pop_segment(&mut output);
        } else if path.starts_with(b"/../") {
            path.drain(..3);
            pop_segment(&mut output);
        } else if path.starts_with(b"/./") || path.starts_with(b"./") {
            path.drain(..2);
        } else if path.starts_with(b"../") {
            path.drain(..3);
        } else {
            let end = path
                .iter()
                .skip(1)
                .position(|&b| b == b'/')
                .map_or(path.len(), |i| i + 1);
            output.extend(path.drain(..end));
        }
    }
    output
}

pub(crate) fn normalise_path(path: &[u8], decoding: PathDecoding) -> Vec<u8> {
    encode_path(&decode_allowed(&remove_dot_segments(path), decoding))
}

/// laminas-oauth `AbstractSignature::normaliseBaseSignatureUrl`: `normalize()`, drop the
/// default port, the query and the fragment, `toString()`.
pub(crate) fn laminas(url: &[u8], decoding: PathDecoding) -> Result<Vec<u8>, UrlError> {
    let parts = split(url);
    let scheme = parts
        .scheme
        .map(<[u8]>::to_ascii_lowercase)
        .unwrap_or_default();
    let default = default_port(&scheme).ok_or(UrlError::NotHttp)?;
    let authority = parts.authority.map(laminas_authority);
    let host = authority.as_ref().map(|a| a.host.to_ascii_lowercase());
    let port = authority
        .as_ref()
        .and_then(|a| a.port)
        .filter(|&p| p != default);
    let mut path = if php::truthy(parts.path) {
        normalise_path(parts.path, decoding)
    } else {
        parts.path.to_vec()
    };
    let host_truthy = host.as_deref().is_some_and(php::truthy);
    if host_truthy && !php::truthy(&path) {
        path = b"/".to_vec();
    }
    // `isValid()`: with a host the path must be absolute; without one, no user info or port.
    let valid = if host_truthy {
        path.is_empty() || path.starts_with(b"/")
    } else {
        let user_info = authority
            .as_ref()
            .and_then(|a| a.user_info)
            .is_some_and(php::truthy);
        !user_info && port.is_none() && php::truthy(&path) && !path.starts_with(b"//")
    };
    if !valid {
        return Err(UrlError::NotValid);
    }
    let mut out = scheme;
    out.push(b':');
    if let (Some(authority), Some(host)) = (&authority, &host) {
        out.extend_from_slice(b"//");
        if let Some(user_info) = authority.user_info.filter(|u| php::truthy(u)) {
            out.extend_from_slice(user_info);
            out.push(b'@');
        }
        out.extend_from_slice(host);
        if let Some(port) = port {
            out.extend_from_slice(format!(":{port}").as_bytes());
        }
    }
    if php::truthy(&path) {
        out.extend(encode_path(&path));
    }
    Ok(out)
}

/// Zend_Oauth over `Zend_Uri_Http::getUri()`: the path is not touched.
pub(crate) fn zend(url: &[u8]) -> Result<Vec<u8>, UrlError> {
    let parts = split(url);
    let scheme = parts
        .scheme
        .map(<[u8]>::to_ascii_lowercase)
        .unwrap_or_default();
    let default = default_port(&scheme).ok_or(UrlError::NotHttp)?;
    let authority = parts.authority.ok_or(UrlError::NotValid)?;
    let (user_info, host_port) = match authority.iter().rposition(|&b| b == b'@') {
        Some(i) => (&authority[..=i], &authority[i + 1..]),
        None => (&b""[..], authority),
    };
    // Zend takes everything after the first `:` as the port and compares it loosely.
    let (host, port) = match host_port.iter().position(|&b| b == b':') {
        Some(i) => (&host_port[..i], &host_port[i + 1..]),
        None => (host_port, &b""[..]),
    };
    let keep_port =
        !port.is_empty() && !php::loose_equals(port, default.to_string().as_bytes(), false);
    let mut out = scheme;
    out.extend_from_slice(b"://");
    out.extend_from_slice(user_info);
    out.extend(host.to_ascii_lowercase());
    if keep_port {
        out.push(b':');
        out.extend_from_slice(port);
    }
    out.extend_from_slice(parts.path);
    Ok(out)
}

/// `parse_url()`'s port: digits only, at most 65535, else the whole parse fails.
fn php_port(digits: &[u8]) -> Result<Option<u32>, UrlError> {
    if digits.is_empty() {
        return Ok(None);
    }
    if digits.len() > 5 || !digits.iter().all(u8::is_ascii_digit) {
        return Err(UrlError::Unparsable);
    }
    let port = digits
        .iter()
        .fold(0, |acc, &d| acc * 10 + u32::from(d - b'0'));
    if port > 65535 {
        Err(UrlError::Unparsable)
    } else {
        Ok(Some(port))
    }
}

/// What Magento 2.4.8's `Hmac` reads from `parse_url($url)`.
pub(crate) struct PhpUrl<'a> {
    pub base: Vec<u8>,
    pub query: Option<&'a [u8]>,
}

/// `Helper\Signature\Hmac::buildRequestUrl` over PHP `parse_url()` (simplified to the
/// `scheme://authority/path?query` shape a request URL has).
pub(crate) fn php_parse_url(url: &[u8]) -> Result<PhpUrl<'_>, UrlError> {
    let colon = url
        .iter()
        .position(|&b| b == b':')
        .ok_or(UrlError::Unparsable)?;
    let scheme = &url[..colon];
    let scheme_ok = scheme.first().is_some_and(u8::is_ascii_alphabetic)
        && scheme
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    let rest = url[colon + 1..]
        .strip_prefix(b"//")
        .filter(|_| scheme_ok)
        .ok_or(UrlError::Unparsable)?;
    let end = rest
        .iter()
        .position(|b| b"/?#".contains(b))
        .unwrap_or(rest.len());
    let (authority, rest) = rest.split_at(end);
    let host_port = match authority.iter().rposition(|&b| b == b'@') {
        Some(i) => &authority[i + 1..],
        None => authority,
    };
    let (host, port) = match host_port.iter().rposition(|&b| b == b':') {
        Some(i) if !host_port.ends_with(b"]") => (&host_port[..i], php_port(&host_port[i + 1..])?),
        _ => (host_port, None),
    };
    if host.is_empty() {
        return Err(UrlError::Unparsable);
    }
    let end = rest
        .iter()
        .position(|b| b"?#".contains(b))
        .unwrap_or(rest.len());
    let (path, rest) = rest.split_at(end);
    let query = rest.strip_prefix(b"?").map(|q| {
        let end = q.iter().position(|&b| b == b'#').unwrap_or(q.len());
        &q[..end]
    });
    let mut base = scheme.to_vec();
    base.extend_from_slice(b"://");
    base.extend_from_slice(host);
    if let Some(port) = port {
        base.extend_from_slice(format!(":{port}").as_bytes());
    }
    base.extend_from_slice(path);
    Ok(PhpUrl { base, query })
}

#[cfg(test)]
mod tests;
