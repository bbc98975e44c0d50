//! A typed client for magemock's control API (`/__magemock/...`), for an in-process store or a
//! container alike: give it the store's base URL.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::journal::{Journal, JournalEntry};

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("magemock did not start: {0}")]
    Start(String),
    #[error("HTTP: {0}")]
    Http(#[from] reqwest::Error),
    #[error("{method} {path} answered {status}: {body}")]
    Refused {
        method: &'static str,
        path: String,
        status: u16,
        body: String,
    },
}

/// An integration to create: `resources` is `"all"` or a list of ACL resource ids.
#[derive(Debug, Clone, Serialize)]
pub struct NewIntegration {
    pub name: String,
    pub email: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity_link_url: Option<String>,
    pub resources: Value,
}

impl NewIntegration {
    pub fn all_resources(name: &str, email: &str) -> Self {
        Self {
            name: name.into(),
            email: email.into(),
            endpoint: None,
            identity_link_url: None,
            resources: Value::String("all".into()),
        }
    }

    pub fn with_resources(name: &str, email: &str, resources: &[&str]) -> Self {
        Self {
            resources: json!(resources),
            ..Self::all_resources(name, email)
        }
    }

    pub fn endpoint(mut self, url: &str) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    pub fn identity_link_url(mut self, url: &str) -> Self {
        self.identity_link_url = Some(url.into());
        self
    }
}

/// An integration as the control API shows it.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Integration {
    pub id: i64,
    pub name: String,
    pub status: u8,
    pub status_label: String,
    pub consumer_key: Option<String>,
    pub consumer_secret: Option<String>,
    pub token: Option<String>,
    pub token_secret: Option<String>,
    pub resources: Value,
}

#[derive(Debug, Clone)]
pub struct Client {
    base: String,
    http: reqwest::Client,
}

impl Client {
    pub fn new(base_url: &str) -> Self {
        Self {
            base: base_url.trim_end_matches('/').to_string(),
            http: reqwest::Client::new(),
        }
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }

    async fn call(
        &self,
        method: &'static str,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, ClientError> {
        let url = format!("{}/__magemock{path}", self.base);
        let req = match method {
            "GET" => self.http.get(&url),
            "PUT" => self.http.put(&url),
            "DELETE" => self.http.delete(&url),
            _ => self.http.post(&url),
        };
        let req = match body {
            Some(b) => req
                .header("Content-Type", "application/json")
                .body(b.to_string()),
            None => req,
        };
        let resp = req.send().await?;
        let status = resp.status().as_u16();
        let text = resp.text().await?;
        if !(200..300).contains(&status) {
            return Err(ClientError::Refused {
                method,
                path: path.into(),
                status,
                body: text,
            });
        }
        Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    fn field(value: &Value, key: &str) -> String {
        value[key].as_str().unwrap_or_default().to_string()
    }

    /// A valid admin token for that user, without the password round trip.
    pub async fn admin_token(&self, username: &str) -> Result<String, ClientError> {
        let v = self
            .call("POST", "/tokens/admin", Some(json!({"username": username})))
            .await?;
        Ok(Self::field(&v, "token"))
    }

    /// A valid customer token (website 1 unless given).
    pub async fn customer_token(&self, email: &str) -> Result<String, ClientError> {
        let v = self
            .call("POST", "/tokens/customer", Some(json!({"email": email})))
            .await?;
        Ok(Self::field(&v, "token"))
    }

    pub async fn create_integration(
        &self,
        new: &NewIntegration,
    ) -> Result<Integration, ClientError> {
        let v = self.call("POST", "/integrations", Some(json!(new))).await?;
        serde_json::from_value(v.clone()).map_err(|e| ClientError::Refused {
            method: "POST",
            path: "/integrations".into(),
            status: 200,
            body: format!("{e}: {v}"),
        })
    }

    pub async fn integration(&self, id: i64) -> Result<Integration, ClientError> {
        let v = self
            .call("GET", &format!("/integrations/{id}"), None)
            .await?;
        serde_json::from_value(v.clone()).map_err(|e| ClientError::Refused {
            method: "GET",
            path: format!("/integrations/{id}"),
            status: 200,
            body: format!("{e}: {v}"),
        })
    }

    /// What the admin's Activate button does; `wait` answers once the connector finished the
    /// exchange (or the consumer window ran out).
    pub async fn activate(&self, id: i64, wait: bool) -> Result<Value, ClientError> {
        let body = if wait {
            Some(json!({"wait": true}))
        } else {
            None
        };
        self.call("POST", &format!("/integrations/{id}/activate"), body)
            .await
    }

    pub async fn handshake_report(&self, id: i64) -> Result<Value, ClientError> {
        self.call("GET", &format!("/integrations/{id}/handshake"), None)
            .await
    }

    pub async fn advance_clock(&self, seconds: i64) -> Result<(), ClientError> {
        self.call("POST", "/clock/advance", Some(json!({"seconds": seconds})))
            .await
            .map(drop)
    }

    /// Sets a Magento config path (`oauth/consumer/expiration_period`, ...).
    pub async fn set_config(&self, path: &str, value: &str) -> Result<(), ClientError> {
        self.call("PUT", "/config", Some(json!({ path: value })))
            .await
            .map(drop)
    }

    pub async fn reset(&self) -> Result<(), ClientError> {
        self.call("POST", "/reset", None).await.map(drop)
    }

    pub async fn journal(&self) -> Result<Journal, ClientError> {
        let v = self.call("GET", "/journal", None).await?;
        let entries: Vec<JournalEntry> = serde_json::from_value(v).unwrap_or_default();
        Ok(Journal::new(entries))
    }

    pub async fn acl_coverage(&self) -> Result<Value, ClientError> {
        self.call("GET", "/acl/coverage", None).await
    }
}
