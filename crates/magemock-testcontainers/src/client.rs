//! The async client of a running magemock: the control API's test conveniences and the REST
//! token routes, each returning working credentials.

use std::time::Duration;

use serde_json::Value;

use crate::Error;
use crate::api::{self, Activation, Call, Clock, Health, Integration, NewIntegration, Wait};

pub(crate) const TIMEOUT: Duration = Duration::from_secs(30);
/// Activation with a wait is bounded by magemock at 60 s.
pub(crate) const SLOW_TIMEOUT: Duration = Duration::from_secs(90);

/// A client of one magemock, from [`AsyncMagemockExt::client`](crate::AsyncMagemockExt::client)
/// or from a base URL you have (a magemock started some other way).
///
/// Cheap to clone (the connection pool is shared). Use it from the Tokio runtime it was made
/// in; make a new one per `#[tokio::test]`.
#[derive(Debug, Clone)]
pub struct MagemockClient {
    base_url: String,
    http: reqwest::Client,
}

impl MagemockClient {
    /// A client of the magemock at `base_url` (`http://127.0.0.1:PORT`, with or without a
    /// trailing slash). Proxies from the environment are ignored: magemock is local.
    pub fn new(base_url: impl Into<String>) -> Result<Self, Error> {
        let http = reqwest::Client::builder()
            .no_proxy()
            .timeout(TIMEOUT)
            .build()
            .map_err(Error::Client)?;
        Ok(Self {
            base_url: base_url.into().trim_end_matches('/').to_string(),
            http,
        })
    }

    /// `http://HOST:PORT`, no trailing slash: prefix it to `/rest/V1/...`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// `base_url() + path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    /// The underlying HTTP client, for your own requests.
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    async fn run<T>(&self, call: Call<T>) -> Result<T, Error> {
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
        let response = request.send().await.map_err(failed)?;
        let status = response.status().as_u16();
        let body = response.text().await.map_err(failed)?;
        call.finish(&url, status, body)
    }

    /// `GET /__magemock/health`.
    pub async fn health(&self) -> Result<Health, Error> {
        self.run(api::health()).await
    }

    /// A valid admin token for the default store's `admin` (as `POST
    /// /V1/integration/admin/token` with `admin`/`admin123` would give), minted by the control
    /// API so that it leaves no trace in the journal or the lockout counters. Send it as
    /// `Authorization: Bearer <token>`.
    pub async fn admin_token(&self) -> Result<String, Error> {
        self.admin_token_for(api::ADMIN_USERNAME).await
    }

    /// A valid admin token for another admin user (one your fixtures made).
    pub async fn admin_token_for(&self, username: &str) -> Result<String, Error> {
        self.run(api::admin_token(username)).await
    }

    /// The customer token Magento's `POST /V1/integration/customer/token` answers for these
    /// credentials (a wrong password is Magento's 401, as an [`Error::Status`]).
    pub async fn customer_token(&self, email: &str, password: &str) -> Result<String, Error> {
        self.run(api::customer_token(email, password)).await
    }

    /// Creates an integration (the admin's System > Integrations > Add); it gets an OAuth
    /// consumer at once.
    pub async fn create_integration(&self, new: &NewIntegration) -> Result<Integration, Error> {
        self.run(api::create_integration(new)?).await
    }

    /// One integration, with its consumer and, once issued, its access token.
    pub async fn integration(&self, id: i64) -> Result<Integration, Error> {
        self.run(api::integration(id)).await
    }

    /// The admin's Activate button: with an endpoint, magemock POSTs the consumer key, secret,
    /// store base URL and verifier to it and your connector goes on with `/oauth/token/request`
    /// and `/oauth/token/access`; without one, the answer carries the access token.
    pub async fn activate(&self, id: i64, wait: Wait) -> Result<Activation, Error> {
        self.run(api::activate(id, wait)).await
    }

    /// Every journaled request, oldest first (JSON objects: `method`, `path`, `status`,
    /// `caller`, `caller_id`, `route`, `acl`, `request_body`, `response_body`, ...).
    pub async fn journal(&self) -> Result<Vec<Value>, Error> {
        self.journal_where(&[]).await
    }

    /// Journaled requests matching filters: `method`, `path_prefix`, `status`, `caller`,
    /// `direction`, `limit` (the newest `limit`).
    pub async fn journal_where(&self, filter: &[(&str, &str)]) -> Result<Vec<Value>, Error> {
        self.run(api::journal(filter)).await
    }

    /// Empties the journal.
    pub async fn clear_journal(&self) -> Result<(), Error> {
        self.run(api::clear_journal()).await
    }

    /// Back to the seeded start (store, clock, journal, tokens) in milliseconds: a fresh store
    /// without a new container.
    pub async fn reset(&self) -> Result<(), Error> {
        self.run(api::reset()).await
    }

    /// magemock's clock.
    pub async fn clock(&self) -> Result<Clock, Error> {
        self.run(api::clock()).await
    }

    /// Moves magemock's clock forward (token lifetimes, the consumer's activation window,
    /// timestamps): no sleeping in tests.
    pub async fn advance_clock(&self, seconds: i64) -> Result<Clock, Error> {
        self.run(api::advance_clock(seconds)).await
    }

    /// Sets Magento config values at run time (`None` restores the default). Unlike
    /// [`Magemock::with_config`](crate::Magemock::with_config) they do not survive a reset.
    pub async fn set_config(&self, values: &[(&str, Option<&str>)]) -> Result<(), Error> {
        self.run(api::set_config(values)).await
    }
}
