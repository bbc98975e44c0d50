//! Each client method is one [`Call`], described once here and sent by the async
//! [`Client`](crate::Client) or the blocking one: the transports differ, nothing else.

use std::time::Duration;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::Error;
use crate::journal::{Journal, JournalFilter, Method};
use crate::model::{
    AclCoverage, Activation, Clock, ConfigValue, HandshakeReport, Health, Integration,
    NewIntegration, Wait,
};

/// Every call of a client made by `new` but a waiting activation.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(30);
/// Activation with a wait is bounded by magemock at 60 s.
pub(crate) const SLOW_TIMEOUT: Duration = Duration::from_secs(90);

/// One request and how to read its answer.
pub(crate) struct Call<T> {
    pub method: Method,
    /// Path and query, from the base URL.
    pub path: String,
    pub body: Option<Value>,
    /// Longer than the client's own timeout, for slow calls.
    pub timeout: Option<Duration>,
    pub decode: fn(&str) -> Result<T, String>,
}

impl<T> Call<T> {
    fn new(method: Method, path: impl Into<String>, decode: fn(&str) -> Result<T, String>) -> Self {
        Self {
            method,
            path: path.into(),
            body: None,
            timeout: None,
            decode,
        }
    }

    fn json(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }

    /// The transport failed before magemock's answer was read.
    pub(crate) fn failed(&self, url: &str, source: reqwest::Error) -> Error {
        Error::Http {
            method: self.method.as_str(),
            url: url.to_string(),
            source,
        }
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

/// `base` without its trailing slashes, so that `base + "/__magemock/..."` has one.
pub(crate) fn trim_base(base_url: impl Into<String>) -> String {
    let mut base = base_url.into();
    while base.ends_with('/') {
        base.pop();
    }
    base
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

/// A plain activation answer, or with a wait `{"activation": ..., "integration": ...}`.
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

pub(crate) fn customer_token(email: &str, website_id: Option<i64>) -> Call<String> {
    let body = match website_id {
        Some(id) => json!({ "email": email, "website_id": id }),
        None => json!({ "email": email }),
    };
    Call::new(Method::Post, "/__magemock/tokens/customer", minted).json(body)
}

pub(crate) fn login_admin(username: &str, password: &str) -> Call<String> {
    Call::new(Method::Post, "/rest/V1/integration/admin/token", parse)
        .json(json!({ "username": username, "password": password }))
}

pub(crate) fn login_customer(email: &str, password: &str) -> Call<String> {
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

pub(crate) fn integrations() -> Call<Vec<Integration>> {
    Call::new(Method::Get, "/__magemock/integrations", parse)
}

pub(crate) fn activate(id: i64, wait: Wait) -> Call<Activation> {
    let mut call = Call::new(
        Method::Post,
        format!("/__magemock/integrations/{id}/activate"),
        activation,
    );
    if wait == Wait::ForExchange {
        call = call.json(json!({ "wait": true }));
        call.timeout = Some(SLOW_TIMEOUT);
    }
    call
}

pub(crate) fn handshake_report(id: i64) -> Call<HandshakeReport> {
    Call::new(
        Method::Get,
        format!("/__magemock/integrations/{id}/handshake"),
        parse,
    )
}

pub(crate) fn acl_coverage() -> Call<AclCoverage> {
    Call::new(Method::Get, "/__magemock/acl/coverage", parse)
}

pub(crate) fn journal(filter: &JournalFilter) -> Call<Journal> {
    let query = filter.query();
    let path = if query.is_empty() {
        "/__magemock/journal".to_string()
    } else {
        format!("/__magemock/journal?{query}")
    };
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

pub(crate) fn config() -> Call<Vec<ConfigValue>> {
    Call::new(Method::Get, "/__magemock/config", parse)
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

#[cfg(test)]
mod tests;
