//! What the control API takes and answers, typed. Answers are `#[non_exhaustive]` so that
//! magemock can add fields without breaking code that reads them.

use serde::{Deserialize, Serialize};

/// The default store's admin user (`fixtures/default.xml`).
pub const ADMIN_USERNAME: &str = "admin";
/// Its password.
pub const ADMIN_PASSWORD: &str = "admin123";
/// The default store's customer (Magento's sample data).
pub const CUSTOMER_EMAIL: &str = "roni_cost@example.com";
/// Her password.
pub const CUSTOMER_PASSWORD: &str = "roni_cost3@example.com";

/// What `GET /__magemock/health` says.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Health {
    /// `ready` (or `starting` while seeding or resetting).
    pub status: String,
    /// magemock's version.
    pub version: String,
    /// The emulated Magento release.
    pub magento_version: String,
    pub seed: u64,
    /// A digest of the fixtures the store was seeded from.
    pub fixtures_digest: String,
}

/// magemock's clock (`GET /__magemock/clock`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Clock {
    /// `YYYY-MM-DD HH:MM:SS`, UTC, as Magento stores times.
    pub now: String,
    /// The same instant in unix seconds: the `oauth_timestamp` a signed request should carry.
    pub unix: i64,
    pub frozen: bool,
}

/// One Magento config path as `GET /__magemock/config` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ConfigValue {
    pub path: String,
    /// The value in force (the default when none was set).
    pub value: Option<String>,
    pub default: Option<String>,
    /// The Magento file that declares the default.
    pub source: String,
}

/// The ACL resources of an integration or admin role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resources {
    /// Every resource (the admin's "All" switch).
    All,
    /// These resource ids (their ancestors are granted too, as Magento expands them).
    Some(Vec<String>),
}

impl Serialize for Resources {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Resources::All => s.serialize_str("all"),
            Resources::Some(ids) => ids.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Resources {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Wire {
            Word(String),
            List(Vec<String>),
        }
        match Wire::deserialize(d)? {
            Wire::Word(w) if w == "all" => Ok(Resources::All),
            Wire::Word(w) => Err(serde::de::Error::custom(format!(
                "resources must be \"all\" or a list, not {w:?}"
            ))),
            Wire::List(ids) => Ok(Resources::Some(ids)),
        }
    }
}

/// An integration to create (`POST /__magemock/integrations`), as the admin's form has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewIntegration {
    pub name: String,
    pub email: String,
    /// Where activation POSTs the consumer credentials (your connector's endpoint).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity_link_url: Option<String>,
    pub resources: Resources,
}

impl NewIntegration {
    /// An integration with every resource and no endpoint: activating it issues the access
    /// token at once.
    pub fn new(name: impl Into<String>, email: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            email: email.into(),
            endpoint: None,
            identity_link_url: None,
            resources: Resources::All,
        }
    }

    /// The same as [`new`](Self::new), named for what it grants.
    pub fn all_resources(name: impl Into<String>, email: impl Into<String>) -> Self {
        Self::new(name, email)
    }

    /// An integration granted only these ACL resources.
    pub fn with_resources<I>(name: impl Into<String>, email: impl Into<String>, ids: I) -> Self
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        Self::new(name, email).resources(ids)
    }

    /// The connector endpoint activation POSTs the credentials to.
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// The page activation sends the admin's browser to (the connector's login).
    pub fn identity_link_url(mut self, url: impl Into<String>) -> Self {
        self.identity_link_url = Some(url.into());
        self
    }

    /// Only these ACL resources, e.g. `["Magento_Catalog::products"]`.
    pub fn resources<I>(mut self, ids: I) -> Self
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        self.resources =
            Resources::Some(ids.into_iter().map(|id| id.as_ref().to_string()).collect());
        self
    }
}

/// An integration as the control API shows it: the entity, its consumer and, once issued, its
/// access token.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Integration {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub endpoint: Option<String>,
    pub identity_link_url: Option<String>,
    /// 0 inactive, 1 active, 2 reset (Magento's `Integration::STATUS_*`).
    pub status: i64,
    pub status_label: String,
    pub consumer_key: Option<String>,
    pub consumer_secret: Option<String>,
    pub resources: Resources,
    /// The access token, once the exchange (or an endpoint-less activation) issued it.
    #[serde(default)]
    pub token: Option<String>,
    #[serde(default)]
    pub token_secret: Option<String>,
}

/// How [`activate`](crate::Client::activate) waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Wait {
    /// Answer as the admin's Activate button does, once the credentials were posted.
    #[default]
    No,
    /// Answer once the connector finished the OAuth exchange (or the consumer's 300 s window
    /// ran out on magemock's clock, or 60 s passed); the answer then carries the integration.
    ForExchange,
}

/// `true` is [`Wait::ForExchange`] (the control API's `{"wait": true}`).
impl From<bool> for Wait {
    fn from(wait: bool) -> Self {
        if wait { Wait::ForExchange } else { Wait::No }
    }
}

/// What activation answered.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Activation {
    pub integration_id: i64,
    pub oauth_consumer_key: Option<String>,
    /// With an endpoint: the identity link with `oauth_consumer_key` and `success_call_back`.
    #[serde(default)]
    pub identity_link_url: Option<String>,
    /// Without an endpoint, the credentials come back at once:
    #[serde(default)]
    pub oauth_consumer_secret: Option<String>,
    #[serde(default)]
    pub oauth_token: Option<String>,
    #[serde(default)]
    pub oauth_token_secret: Option<String>,
    /// With [`Wait::ForExchange`]: the integration once the wait ended.
    #[serde(skip)]
    pub integration: Option<Integration>,
}

/// What happened in an integration's activation, step by step
/// (`GET /__magemock/integrations/{id}/handshake`); a step not reached is `None`. Times are
/// magemock's clock (`YYYY-MM-DD HH:MM:SS`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct HandshakeReport {
    /// The credentials POST to the endpoint and what came of it (`HTTP 200` or the error).
    pub credentials_posted: Option<HandshakeStep>,
    /// When the connector's identity page sent the browser to the success callback.
    pub identity_link_done: Option<String>,
    pub request_token: Option<String>,
    pub access_token: Option<String>,
    pub first_signed_call: Option<String>,
    pub last_error: Option<HandshakeStep>,
}

/// One step of a [`HandshakeReport`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct HandshakeStep {
    pub at: String,
    pub outcome: String,
}

/// `GET /__magemock/acl/coverage`: per integration and admin role, what was granted and what
/// its requests used.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct AclCoverage {
    pub integrations: Vec<Coverage>,
    pub roles: Vec<Coverage>,
}

/// The coverage of one integration or admin role.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Coverage {
    pub id: i64,
    pub name: String,
    pub granted: Resources,
    /// Resources the holder's requests needed, in byte order.
    pub used: Vec<String>,
    /// Granted but neither used nor an ancestor of a used one: what to drop from your
    /// integration.xml. `None` for an all-resources grant.
    pub unused: Option<Vec<String>>,
}
