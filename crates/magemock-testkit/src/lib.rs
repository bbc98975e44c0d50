//! magemock inside a Rust test suite: a fresh, seeded Magento 2.4 stand-in on a free port, in
//! your test's process, with a typed client for magemock's control API, journal assertions that
//! read like a test, and insta settings for stable snapshots.
//!
//! The client is [magemock-client](magemock_client)'s, re-exported here; the testcontainers
//! module hands out the same one, so a test moves between an in-process store and a container
//! by changing how it starts the store.
//!
//! # Test a connector's token flow
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), magemock_testkit::Error> {
//! use magemock_testkit::{ADMIN_PASSWORD, Method, TestStore};
//!
//! let store = TestStore::start().await?;
//! let client = store.client();
//! // your connector under test would do this:
//! let token = client.login_admin("admin", ADMIN_PASSWORD).await?;
//! assert!(token.starts_with("eyJraWQiOiIxIiwiYWxnIjoiSFMyNTYifQ."));
//! store.journal().await?.expect(Method::Post, "/V1/integration/admin/token").times(1);
//! # Ok(()) }
//! ```
//!
//! `examples/token_flow.rs` is the whole guide: a connector that logs in, reads, and logs in
//! again when its token expires (the clock moved by [`Client::advance_clock`]).
//!
//! # Test the activation handshake
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), magemock_testkit::Error> {
//! use magemock_testkit::{NewIntegration, TestStore, Wait};
//!
//! let store = TestStore::start().await?;
//! let client = store.client();
//! let integration = client
//!     .create_integration(&NewIntegration::new("AcmeErp", "dev@acme.example"))
//!     .await?;
//! // without an endpoint, activation hands out the access token at once
//! let activation = client.activate(integration.id, Wait::No).await?;
//! assert_eq!(activation.oauth_token.as_deref().map(str::len), Some(32));
//! # Ok(()) }
//! ```
//!
//! `examples/activation_handshake.rs` runs the real thing: magemock POSTs the credentials to a
//! connector's endpoint, the connector does the OAuth 1.0a exchange and a signed call, and
//! [`Client::handshake_report`] shows each step.
//!
//! # Snapshot a product sync
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use magemock_testkit::TestStore;
//!
//! let store = TestStore::start().await?;
//! let token = store.client().admin_token("admin").await?;
//! let product = store
//!     .client()
//!     .http()
//!     .get(format!("{}/rest/V1/products/24-MB01?fields=sku,name,price", store.base_url()))
//!     .bearer_auth(&token)
//!     .send()
//!     .await?
//!     .text()
//!     .await?;
//! // stable across runs: seeded ids and a frozen clock; see `snapshot_settings`
//! magemock_testkit::snapshot_settings().bind(|| {
//!     insta::assert_snapshot!(product, @r#"{"sku":"24-MB01","name":"Joust Duffle Bag","price":34}"#);
//! });
//! # Ok(()) }
//! ```
//!
//! `examples/product_sync.rs` snapshots what a PIM connector pushed and what magemock then
//! holds, and the journal of the exchange.
//!
//! Blocking tests use [`blocking::TestStore`], which needs no runtime.

pub mod blocking;
mod snapshot;
mod store;

#[cfg(test)]
mod tests;

/// The name this crate's error had before the client moved to magemock-client.
pub use magemock_client::Error as ClientError;
pub use magemock_client::{
    ADMIN_PASSWORD, ADMIN_USERNAME, AclCheck, AclCoverage, Activation, CUSTOMER_EMAIL,
    CUSTOMER_PASSWORD, Client, Clock, ConfigValue, Coverage, Direction, Error, Expectation,
    HandshakeReport, HandshakeStep, Health, Integration, Journal, JournalEntry, JournalFilter,
    Method, NewIntegration, Resources, Wait, reqwest,
};
pub use snapshot::snapshot_settings;
pub use store::{ServerThread, StoreOptions, TestStore};
