//! The same store for tests without an async runtime. Do not use it inside async code: its
//! client is reqwest's blocking one.

pub use magemock_client::blocking::Client;
use magemock_client::{Clock, Error, Journal};

use crate::store::{ServerThread, StoreOptions};

/// A running in-process magemock with a blocking client; stopped when dropped.
pub struct TestStore {
    client: Client,
    server: ServerThread,
}

impl std::fmt::Debug for TestStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestStore")
            .field("url", &self.server.url())
            .finish_non_exhaustive()
    }
}

impl TestStore {
    /// The default Luma-like store, seeded and with a frozen clock.
    pub fn start() -> Result<Self, Error> {
        Self::start_with(StoreOptions::default())
    }

    pub fn start_with(options: StoreOptions) -> Result<Self, Error> {
        let server = ServerThread::start(options.options)?;
        Ok(Self {
            client: Client::new(server.url())?,
            server,
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> &str {
        self.server.url()
    }

    /// The blocking client of this store: every control-API call.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// See [`Client::admin_token`].
    pub fn admin_token(&self, username: &str) -> Result<String, Error> {
        self.client.admin_token(username)
    }

    /// See [`Client::customer_token`].
    pub fn customer_token(&self, email: &str) -> Result<String, Error> {
        self.client.customer_token(email)
    }

    /// See [`Client::advance_clock`].
    pub fn advance_clock(&self, seconds: i64) -> Result<Clock, Error> {
        self.client.advance_clock(seconds)
    }

    /// See [`Client::set_config`].
    pub fn set_config(&self, path: &str, value: &str) -> Result<(), Error> {
        self.client.set_config(path, value)
    }

    /// See [`Client::reset`].
    pub fn reset(&self) -> Result<(), Error> {
        self.client.reset()
    }

    /// See [`Client::journal`].
    pub fn journal(&self) -> Result<Journal, Error> {
        self.client.journal()
    }
}
