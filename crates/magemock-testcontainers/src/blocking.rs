//! The blocking twin of [`MagemockClient`](crate::MagemockClient), for `#[test]` functions
//! that use testcontainers' `SyncRunner`. Do not call it from async code.

use serde_json::Value;

use crate::Error;
use crate::api::{self, Activation, Call, Clock, Health, Integration, NewIntegration, Wait};
use crate::client::{SLOW_TIMEOUT, TIMEOUT};

/// A blocking client of one magemock; each method is the blocking form of the
/// [`MagemockClient`](crate::MagemockClient) method of the same name.
#[derive(Debug, Clone)]
pub struct BlockingMagemockClient {
    base_url: String,
    http: reqwest::blocking::Client,
}

impl BlockingMagemockClient {
    /// A client of the magemock at `base_url`; proxies from the environment are ignored.
    pub fn new(base_url: impl Into<String>) -> Result<Self, Error> {
        let http = reqwest::blocking::Client::builder()
            .no_proxy()
            .timeout(TIMEOUT)
            .build()
            .map_err(Error::Client)?;
        Ok(Self {
            base_url: base_url.into().trim_end_matches('/').to_string(),
            http,
        })
    }

    /// `http://HOST:PORT`, no trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// `base_url() + path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    /// The underlying HTTP client, for your own requests.
    pub fn http(&self) -> &reqwest::blocking::Client {
        &self.http
    }

    fn run<T>(&self, call: Call<T>) -> Result<T, Error> {
        let url = self.url(&call.path);
        let mut request = self.http.request(call.method.reqwest(), &url);
        if let Some(body) = &call.body {
            request = request
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body.to_string());
        }
        if call.slow {
            request = request.timeout(SLOW_TIMEOUT);
        }
        let failed = |source| Error::Http {
            method: call.method.as_str(),
            url: url.clone(),
            source,
        };
        let response = request.send().map_err(failed)?;
        let status = response.status().as_u16();
        let body = response.text().map_err(failed)?;
        call.finish(&url, status, body)
    }

    pub fn health(&self) -> Result<Health, Error> {
        self.run(api::health())
    }

    pub fn admin_token(&self) -> Result<String, Error> {
        self.admin_token_for(api::ADMIN_USERNAME)
    }

    pub fn admin_token_for(&self, username: &str) -> Result<String, Error> {
        self.run(api::admin_token(username))
    }

    pub fn customer_token(&self, email: &str, password: &str) -> Result<String, Error> {
        self.run(api::customer_token(email, password))
    }

    pub fn create_integration(&self, new: &NewIntegration) -> Result<Integration, Error> {
        self.run(api::create_integration(new)?)
    }

    pub fn integration(&self, id: i64) -> Result<Integration, Error> {
        self.run(api::integration(id))
    }

    pub fn activate(&self, id: i64, wait: Wait) -> Result<Activation, Error> {
        self.run(api::activate(id, wait))
    }

    pub fn journal(&self) -> Result<Vec<Value>, Error> {
        self.journal_where(&[])
    }

    pub fn journal_where(&self, filter: &[(&str, &str)]) -> Result<Vec<Value>, Error> {
        self.run(api::journal(filter))
    }

    pub fn clear_journal(&self) -> Result<(), Error> {
        self.run(api::clear_journal())
    }

    pub fn reset(&self) -> Result<(), Error> {
        self.run(api::reset())
    }

    pub fn clock(&self) -> Result<Clock, Error> {
        self.run(api::clock())
    }

    pub fn advance_clock(&self, seconds: i64) -> Result<Clock, Error> {
        self.run(api::advance_clock(seconds))
    }

    pub fn set_config(&self, values: &[(&str, Option<&str>)]) -> Result<(), Error> {
        self.run(api::set_config(values))
    }
}
