//! magemock inside a Rust test suite: a fresh, seeded Magento 2.4 stand-in on a free port, in
//! your test's process, with a typed client for magemock's control API, journal assertions that
//! read like a test, and insta settings for stable snapshots.
//!
//! # Test a connector's token flow
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! use magemock_testkit::{Method, TestStore};
//!
//! let store = TestStore::start().await.expect("magemock starts");
//! // your connector under test would do this:
//! let token: String = reqwest::Client::new()
//!     .post(format!("{}/rest/V1/integration/admin/token", store.base_url()))
//!     .json(&serde_json::json!({"username": "admin", "password": "admin123"}))
//!     .send().await.unwrap().json().await.unwrap();
//! assert!(token.starts_with("eyJraWQiOiIxIiwiYWxnIjoiSFMyNTYifQ."));
//! store.journal().await.unwrap().expect(Method::Post, "/V1/integration/admin/token").times(1);
//! # }
//! ```
//!
//! # Test the activation handshake
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! use magemock_testkit::{NewIntegration, TestStore};
//!
//! let store = TestStore::start().await.unwrap();
//! let client = store.client();
//! let integration = client
//!     .create_integration(&NewIntegration::all_resources("AcmeErp", "dev@acme.example"))
//!     .await.unwrap();
//! // without an endpoint, activation hands out the access token at once
//! let activation = client.activate(integration.id, false).await.unwrap();
//! assert_eq!(activation["oauth_token"].as_str().map(str::len), Some(32));
//! # }
//! ```
//!
//! # Snapshot a product sync
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! use magemock_testkit::TestStore;
//!
//! let store = TestStore::start().await.unwrap();
//! let token = store.client().admin_token("admin").await.unwrap();
//! let product = reqwest::Client::new()
//!     .get(format!("{}/rest/V1/products/24-MB01", store.base_url()))
//!     .bearer_auth(&token)
//!     .send().await.unwrap().text().await.unwrap();
//! // stable across runs: seeded ids and a frozen clock; see `snapshot_settings`
//! magemock_testkit::snapshot_settings().bind(|| {
//!     assert!(product.contains("\"sku\":\"24-MB01\""));
//! });
//! # }
//! ```
//!
//! Blocking tests use [`blocking::TestStore`], which owns its runtime.

pub mod blocking;
mod client;
mod journal;
mod snapshot;
mod store;

#[cfg(test)]
mod tests;

pub use client::{Client, ClientError, Integration, NewIntegration};
pub use journal::{Expectation, Journal, JournalEntry, Method};
pub use snapshot::snapshot_settings;
pub use store::{ServerThread, StoreOptions, TestStore};
