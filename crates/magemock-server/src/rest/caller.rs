//! Who is calling, resolved once per request, in Magento's user-context order
//! (app/code/Magento/Webapi/etc/webapi_rest/di.xml): the bearer token context first, then the
//! OAuth-signature context, then guest. A token that cannot be read, has expired or was revoked
//! does not raise an error: the caller is simply a guest
//! (app/code/Magento/Webapi/Model/Authorization/TokenUserContext.php).

use serde::Serialize;

use magemock_core::MagentoError;

use crate::services::Services;

/// `UserContextInterface` user types, with what the ACL check needs to know about each.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Caller {
    Guest,
    Customer { id: i64 },
    Admin { id: i64 },
    Integration { id: i64 },
}

impl Caller {
    pub fn kind(&self) -> &'static str {
        match self {
            Caller::Guest => "guest",
            Caller::Customer { .. } => "customer",
            Caller::Admin { .. } => "admin",
            Caller::Integration { .. } => "integration",
        }
    }

    /// `UserContextInterface::USER_TYPE_*`.
    pub fn user_type(&self) -> u8 {
        match self {
            Caller::Integration { .. } => 1,
            Caller::Admin { .. } => 2,
            Caller::Customer { .. } => 3,
            Caller::Guest => 4,
        }
    }
}

/// The `Authorization` header's credentials, as the user contexts read them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credentials<'a> {
    None,
    Bearer(&'a str),
    OAuth(&'a str),
}

/// Bearer parsing as TokenUserContext: the header splits on single spaces into exactly two
/// pieces and the scheme, lower-cased, is `bearer`; anything else carries no bearer token.
pub fn credentials(authorization: Option<&str>) -> Credentials<'_> {
    let Some(header) = authorization else {
        return Credentials::None;
    };
    let parts: Vec<&str> = header.split(' ').collect();
    if parts.len() == 2 && parts[0].eq_ignore_ascii_case("bearer") {
        return Credentials::Bearer(parts[1]);
    }
    if header.len() > 6 && header[..6].eq_ignore_ascii_case("oauth ") {
        return Credentials::OAuth(&header[6..]);
    }
    Credentials::None
}

/// A signed request refused while resolving the caller, with what magemock computed when the
/// signature did not match.
#[derive(Debug)]
pub struct Refused {
    pub error: Box<MagentoError>,
    pub diagnostics: Option<serde_json::Value>,
}

/// What caller resolution reads from the request.
pub struct Request<'a> {
    pub method: &'a str,
    pub url: &'a str,
    pub authorization: Option<&'a str>,
    pub content_type: Option<&'a str>,
    pub body: &'a [u8],
}

/// Resolves the caller: a bearer token the token service (or, when allowed, the integration
/// registry) recognises, else an OAuth-signed request, else a guest. An unknown bearer token
/// makes a guest, exactly as Magento treats it; a bad OAuth signature is an error
/// (OauthUserContext throws while the ACL check resolves the user).
pub fn resolve(services: &Services, req: &Request<'_>) -> Result<Caller, Refused> {
    match credentials(req.authorization) {
        Credentials::Bearer(token) => Ok(services.bearer_caller(token).unwrap_or(Caller::Guest)),
        Credentials::None | Credentials::OAuth(_) => services.oauth_caller(req),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// app/code/Magento/Webapi/Model/Authorization/TokenUserContext.php header parsing
    #[test]
    fn bearer_header_parsing() {
        assert_eq!(credentials(Some("Bearer abc")), Credentials::Bearer("abc"));
        assert_eq!(credentials(Some("bearer abc")), Credentials::Bearer("abc"));
        assert_eq!(credentials(Some("Bearer  abc")), Credentials::None);
        assert_eq!(credentials(Some("Bearer abc def")), Credentials::None);
        assert_eq!(credentials(Some("Basic abc")), Credentials::None);
        assert_eq!(
            credentials(Some("OAuth oauth_consumer_key=\"x\"")),
            Credentials::OAuth("oauth_consumer_key=\"x\"")
        );
        assert_eq!(credentials(None), Credentials::None);
    }
}
