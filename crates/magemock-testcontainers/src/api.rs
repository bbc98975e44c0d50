//! What the helpers send and what they get back: each helper is one [`Call`], described once
//! here and sent by the async [`MagemockClient`](crate::MagemockClient) or the blocking
//! [`BlockingMagemockClient`](crate::BlockingMagemockClient).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::Error;

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

/// The ACL resources of an integration.
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

    /// The connector endpoint activation POSTs the credentials to.
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// The connector's login page, returned with the consumer key on activation.
    pub fn identity_link_url(mut self, url: impl Into<String>) -> Self {
        self.identity_link_url = Some(url.into());
        self
    }

    /// Only these ACL resources, e.g. `["Magento_Catalog::products"]`.
    pub fn resources<I, S>(mut self, ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.resources = Resources::Some(ids.into_iter().map(Into::into).collect());
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

/// How [`activate`](crate::MagemockClient::activate) waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Wait {
    /// Answer as the admin's Activate button does, once the credentials were posted.
    #[default]
    No,
    /// Answer once the connector finished the OAuth exchange (or the consumer's 300 s window
    /// ran out on magemock's clock, or 60 s passed); the answer then carries the integration.
    ForExchange,
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

/// HTTP methods the helpers use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }

    pub(crate) fn reqwest(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Delete => reqwest::Method::DELETE,
        }
    }
}

/// One request and how to read its answer.
pub(crate) struct Call<T> {
    pub method: Method,
    /// Path and query, from the base URL.
    pub path: String,
    /// A JSON body.
    pub body: Option<Value>,
    /// Slow calls (activation with a wait) get a longer timeout.
    pub slow: bool,
    pub decode: fn(&str) -> Result<T, String>,
}

impl<T> Call<T> {
    fn new(method: Method, path: impl Into<String>, decode: fn(&str) -> Result<T, String>) -> Self {
        Self {
            method,
            path: path.into(),
            body: None,
            slow: false,
            decode,
        }
    }

    fn json(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }

    /// Reads a finished exchange: 2xx bodies are decoded, anything else is an error that
    /// carries magemock's answer.
    pub(crate) fn finish(&self, url: &str, status: u16, body: String) -> Result<T, Error> {
        if !(200..300).contains(&status) {
            return Err(Error::Status {
                method: self.method.as_str(),
                url: url.to_string(),
                status,
                body,
            });
        }
        (self.decode)(&body).map_err(|reason| Error::Decode {
            method: self.method.as_str(),
            url: url.to_string(),
            reason,
            body,
        })
    }
}

fn parse<T: DeserializeOwned>(body: &str) -> Result<T, String> {
    serde_json::from_str(body).map_err(|e| e.to_string())
}

fn nothing(_: &str) -> Result<(), String> {
    Ok(())
}

fn minted(body: &str) -> Result<String, String> {
    #[derive(Deserialize)]
    struct Minted {
        token: String,
    }
    parse::<Minted>(body).map(|m| m.token)
}

fn activation(body: &str) -> Result<Activation, String> {
    #[derive(Deserialize)]
    struct Waited {
        activation: Activation,
        integration: Integration,
    }
    let value: Value = parse(body)?;
    if value.get("activation").is_some() {
        let waited: Waited = serde_json::from_value(value).map_err(|e| e.to_string())?;
        let mut activation = waited.activation;
        activation.integration = Some(waited.integration);
        Ok(activation)
    } else {
        serde_json::from_value(value).map_err(|e| e.to_string())
    }
}

pub(crate) fn health() -> Call<Health> {
    Call::new(Method::Get, "/__magemock/health", parse)
}

pub(crate) fn admin_token(username: &str) -> Call<String> {
    Call::new(Method::Post, "/__magemock/tokens/admin", minted)
        .json(json!({ "username": username }))
}

pub(crate) fn customer_token(email: &str, password: &str) -> Call<String> {
    Call::new(Method::Post, "/rest/V1/integration/customer/token", parse)
        .json(json!({ "username": email, "password": password }))
}

pub(crate) fn create_integration(new: &NewIntegration) -> Result<Call<Integration>, Error> {
    let body = serde_json::to_value(new).map_err(|e| Error::Encode(e.to_string()))?;
    Ok(Call::new(Method::Post, "/__magemock/integrations", parse).json(body))
}

pub(crate) fn integration(id: i64) -> Call<Integration> {
    Call::new(Method::Get, format!("/__magemock/integrations/{id}"), parse)
}

pub(crate) fn activate(id: i64, wait: Wait) -> Call<Activation> {
    let mut call = Call::new(
        Method::Post,
        format!("/__magemock/integrations/{id}/activate"),
        activation,
    );
    if wait == Wait::ForExchange {
        call = call.json(json!({ "wait": true }));
        call.slow = true;
    }
    call
}

pub(crate) fn journal(filter: &[(&str, &str)]) -> Call<Vec<Value>> {
    let mut path = String::from("/__magemock/journal");
    if !filter.is_empty() {
        path.push('?');
        path.push_str(&query_string(filter));
    }
    Call::new(Method::Get, path, parse)
}

pub(crate) fn clear_journal() -> Call<()> {
    Call::new(Method::Delete, "/__magemock/journal", nothing)
}

pub(crate) fn reset() -> Call<()> {
    Call::new(Method::Post, "/__magemock/reset", nothing)
}

pub(crate) fn clock() -> Call<Clock> {
    Call::new(Method::Get, "/__magemock/clock", parse)
}

pub(crate) fn advance_clock(seconds: i64) -> Call<Clock> {
    Call::new(Method::Post, "/__magemock/clock/advance", parse).json(json!({ "seconds": seconds }))
}

pub(crate) fn set_config(values: &[(&str, Option<&str>)]) -> Call<()> {
    let body: serde_json::Map<String, Value> = values
        .iter()
        .map(|(path, value)| {
            (
                (*path).to_string(),
                value.map_or(Value::Null, |v| Value::String(v.to_string())),
            )
        })
        .collect();
    Call::new(Method::Put, "/__magemock/config", nothing).json(Value::Object(body))
}

/// `k=v&k=v` with form encoding, for journal filters.
fn query_string(pairs: &[(&str, &str)]) -> String {
    fn encode(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for b in s.bytes() {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                    out.push(char::from(b))
                }
                _ => out.push_str(&format!("%{b:02X}")),
            }
        }
        out
    }
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}
