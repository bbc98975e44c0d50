//! The same store for tests without an async runtime: it owns a small one.

use crate::client::{Client, ClientError};
use crate::journal::Journal;
use crate::store::StoreOptions;

/// A running in-process magemock with blocking helpers.
#[derive(Debug)]
pub struct TestStore {
    runtime: tokio::runtime::Runtime,
    inner: crate::store::TestStore,
}

impl TestStore {
    pub fn start() -> Result<Self, ClientError> {
        Self::start_with(StoreOptions::default())
    }

    pub fn start_with(options: StoreOptions) -> Result<Self, ClientError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| ClientError::Start(e.to_string()))?;
        let inner = runtime.block_on(crate::store::TestStore::start_with(options))?;
        Ok(Self { runtime, inner })
    }

    pub fn base_url(&self) -> &str {
        self.inner.base_url()
    }

    fn client(&self) -> &Client {
        self.inner.client()
    }

    pub fn admin_token(&self, username: &str) -> Result<String, ClientError> {
        self.runtime.block_on(self.client().admin_token(username))
    }

    pub fn customer_token(&self, email: &str) -> Result<String, ClientError> {
        self.runtime.block_on(self.client().customer_token(email))
    }

    pub fn advance_clock(&self, seconds: i64) -> Result<(), ClientError> {
        self.runtime.block_on(self.client().advance_clock(seconds))
    }

    pub fn set_config(&self, path: &str, value: &str) -> Result<(), ClientError> {
        self.runtime.block_on(self.client().set_config(path, value))
    }

    pub fn reset(&self) -> Result<(), ClientError> {
        self.runtime.block_on(self.client().reset())
    }

    pub fn journal(&self) -> Result<Journal, ClientError> {
        self.runtime.block_on(self.client().journal())
    }
}
