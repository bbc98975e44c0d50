//! The async client.

use crate::Error;
use crate::call::{self, Call};
use crate::journal::{Journal, JournalFilter};
use crate::model::{
    AclCoverage, Activation, Clock, ConfigValue, HandshakeReport, Health, Integration,
    NewIntegration, Wait,
};

/// A client of one magemock's control API and token routes, for an in-process store or a
/// container alike: give it the store's base URL.
///
/// Cheap to clone (the connection pool is shared). Use it from the Tokio runtime it was made
/// in; make a new one per `#[tokio::test]`.
#[derive(Debug, Clone)]
pub struct Client {
    base_url: String,
    http: reqwest::Client,
}

impl Client {
    /// A client of the magemock at `base_url` (`http://127.0.0.1:PORT`, with or without a
    /// trailing slash). Proxies from the environment are ignored: magemock is local.
    pub fn new(base_url: impl Into<String>) -> Result<Self, Error> {
        let http = reqwest::Client::builder()
            .no_proxy()
            .timeout(call::TIMEOUT)
            .build()
            .map_err(Error::Client)?;
        Ok(Self::with_http(base_url, http))
    }

    /// A client that sends through your own `reqwest::Client` (its proxy, timeout and TLS
    /// settings apply).
    pub fn with_http(base_url: impl Into<String>, http: reqwest::Client) -> Self {
        Self {
            base_url: call::trim_base(base_url),
            http,
        }
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
        if let Some(timeout) = call.timeout {
            request = request.timeout(timeout);
        }
        if let Some(body) = &call.body {
            request = request
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body.to_string());
        }
        let response = request.send().await.map_err(|e| call.failed(&url, e))?;
        let status = response.status().as_u16();
        let body = response.text().await.map_err(|e| call.failed(&url, e))?;
        call.finish(&url, status, body)
    }

    /// `GET /__magemock/health`.
    pub async fn health(&self) -> Result<Health, Error> {
        self.run(call::health()).await
    }

    /// A valid admin token for this admin user (`admin` in the default store), minted by the
    /// control API: no password, no trace in the journal or the lockout counters. Send it as
    /// `Authorization: Bearer <token>`.
    pub async fn admin_token(&self, username: &str) -> Result<String, Error> {
        self.run(call::admin_token(username)).await
    }

    /// A valid customer token for this customer of website 1, minted like
    /// [`admin_token`](Self::admin_token).
    pub async fn customer_token(&self, email: &str) -> Result<String, Error> {
        self.run(call::customer_token(email, None)).await
    }

    /// The same for a customer of another website.
    pub async fn customer_token_in_website(
        &self,
        email: &str,
        website_id: i64,
    ) -> Result<String, Error> {
        self.run(call::customer_token(email, Some(website_id)))
            .await
    }

    /// What Magento's `POST /V1/integration/admin/token` answers for these credentials: it is
    /// journaled and counts towards the lockout; wrong ones are Magento's 401, as an
    /// [`Error::Status`].
    pub async fn login_admin(&self, username: &str, password: &str) -> Result<String, Error> {
        self.run(call::login_admin(username, password)).await
    }

    /// What Magento's `POST /V1/integration/customer/token` answers for these credentials,
    /// like [`login_admin`](Self::login_admin).
    pub async fn login_customer(&self, email: &str, password: &str) -> Result<String, Error> {
        self.run(call::login_customer(email, password)).await
    }

    /// Creates an integration (the admin's System > Integrations > Add); it gets an OAuth
    /// consumer at once.
    pub async fn create_integration(&self, new: &NewIntegration) -> Result<Integration, Error> {
        self.run(call::create_integration(new)?).await
    }

    /// One integration, with its consumer and, once issued, its access token.
    pub async fn integration(&self, id: i64) -> Result<Integration, Error> {
        self.run(call::integration(id)).await
    }

    /// Every integration, those your modules' `integration.xml` declared included.
    pub async fn integrations(&self) -> Result<Vec<Integration>, Error> {
        self.run(call::integrations()).await
    }

    /// The admin's Activate button: with an endpoint, magemock POSTs the consumer key, secret,
    /// store base URL and verifier to it and your connector goes on with `/oauth/token/request`
    /// and `/oauth/token/access`; without one, the answer carries the access token.
    /// `wait` is a [`Wait`] (or a bool: `true` waits for the exchange).
    pub async fn activate(&self, id: i64, wait: impl Into<Wait>) -> Result<Activation, Error> {
        self.run(call::activate(id, wait.into())).await
    }

    /// Each step of the integration's activation so far: what to look at when a connector's
    /// handshake fails.
    pub async fn handshake_report(&self, id: i64) -> Result<HandshakeReport, Error> {
        self.run(call::handshake_report(id)).await
    }

    /// Per integration and admin role, the resources granted, used and granted but unused.
    pub async fn acl_coverage(&self) -> Result<AclCoverage, Error> {
        self.run(call::acl_coverage()).await
    }

    /// Every journaled request, oldest first (control API calls are not journaled).
    pub async fn journal(&self) -> Result<Journal, Error> {
        self.journal_where(&JournalFilter::new()).await
    }

    /// Journaled requests that pass magemock's filters.
    pub async fn journal_where(&self, filter: &JournalFilter) -> Result<Journal, Error> {
        self.run(call::journal(filter)).await
    }

    /// Empties the journal.
    pub async fn clear_journal(&self) -> Result<(), Error> {
        self.run(call::clear_journal()).await
    }

    /// Back to the seeded start (store, ids, clock, journal, tokens) in milliseconds.
    pub async fn reset(&self) -> Result<(), Error> {
        self.run(call::reset()).await
    }

    /// magemock's clock.
    pub async fn clock(&self) -> Result<Clock, Error> {
        self.run(call::clock()).await
    }

    /// Moves magemock's clock (negative goes back): token lifetimes, the consumer's activation
    /// window and timestamps without sleeping. Answers the clock after the move.
    pub async fn advance_clock(&self, seconds: i64) -> Result<Clock, Error> {
        self.run(call::advance_clock(seconds)).await
    }

    /// Every config path magemock knows, with its value, default and source.
    pub async fn config(&self) -> Result<Vec<ConfigValue>, Error> {
        self.run(call::config()).await
    }

    /// The value in force for one config path (`None`: unset and no default, or unknown).
    pub async fn config_value(&self, path: &str) -> Result<Option<String>, Error> {
        Ok(self
            .config()
            .await?
            .into_iter()
            .find(|c| c.path == path)
            .and_then(|c| c.value))
    }

    /// Sets one Magento config path (`oauth/access_token_lifetime/admin`, ...) until the next
    /// reset; an unknown path is a 400 listing the known ones.
    pub async fn set_config(&self, path: &str, value: &str) -> Result<(), Error> {
        self.update_config(&[(path, Some(value))]).await
    }

    /// Sets several config paths at once, all or nothing; `None` restores a path's default.
    pub async fn update_config(&self, values: &[(&str, Option<&str>)]) -> Result<(), Error> {
        self.run(call::set_config(values)).await
    }
}
