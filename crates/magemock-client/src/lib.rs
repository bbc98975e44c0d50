//! A typed client for the control API of **magemock**, the stand-in for Magento 2.4's
//! integration subsystem: working credentials, integrations and their activation, the clock,
//! config, reset, and the journal of what your connector sent, with assertions that read like
//! a test.
//!
//! It is the one client behind `magemock-testkit` (a store in your test's process) and
//! `magemock-testcontainers` (a store in a container); both re-export it. Use it directly for
//! a magemock started any other way: it needs only the base URL.
//!
//! ```no_run
//! use magemock_client::{Client, Method, NewIntegration, Wait};
//!
//! # async fn a_test() -> Result<(), magemock_client::Error> {
//! let magento = Client::new("http://127.0.0.1:8080")?;
//! let admin = magento.admin_token("admin").await?; // Bearer token, no password round trip
//! let erp = magento
//!     .create_integration(&NewIntegration::new("AcmeErp", "dev@acme.example"))
//!     .await?;
//! let creds = magento.activate(erp.id, Wait::No).await?; // no endpoint: the token at once
//! # let _ = (admin, creds);
//! // ... run the connector under test against magento.base_url() ...
//! magento.advance_clock(3600).await?; // token expiry without sleeping
//! magento.journal().await?.expect(Method::Get, "/V1/products").times(1);
//! magento.reset().await?; // back to the seeded start
//! # Ok(()) }
//! ```
//!
//! # Journal assertions
//!
//! [`Journal::expect`] matches on the method and the route path (after `/rest[/<store>]`,
//! without the query). An unmet expectation panics with every request magemock received:
//!
//! ```
//! use magemock_client::{Journal, Method};
//!
//! let journal: Journal = serde_json::from_str(
//!     r#"[{"seq": 1, "method": "GET", "path": "/rest/default/V1/products?searchCriteria=",
//!          "status": 200, "caller": "integration", "caller_id": 1}]"#,
//! )?;
//! journal.expect(Method::Get, "/V1/products").times(1);
//! let unmet = std::panic::catch_unwind(|| journal.expect(Method::Post, "/V1/products").times(1));
//! # assert!(unmet.is_err());
//! // expected 1 POST /V1/products request(s), magemock received 0 of them among 1 journaled:
//! //   #1 GET /rest/default/V1/products?searchCriteria= → 200 (integration 1)
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! [`JournalFilter`] narrows the list on magemock's side
//! (`client.journal_where(&JournalFilter::new().caller("integration").limit(5))`).
//!
//! # Errors
//!
//! One [`Error`] type: a non-2xx answer is [`Error::Status`] with magemock's body (Magento's
//! error JSON for REST routes, `{"message": ...}` for the control API).
//!
//! # Features
//!
//! * `blocking`: `blocking::Client`, the same methods without async (reqwest's blocking
//!   client, which brings its own runtime thread).

#[cfg(feature = "blocking")]
pub mod blocking;
mod call;
mod client;
mod error;
mod journal;
mod model;

pub use client::Client;
pub use error::Error;
pub use journal::{AclCheck, Direction, Expectation, Journal, JournalEntry, JournalFilter, Method};
pub use model::{
    ADMIN_PASSWORD, ADMIN_USERNAME, AclCoverage, Activation, CUSTOMER_EMAIL, CUSTOMER_PASSWORD,
    Clock, ConfigValue, Coverage, HandshakeReport, HandshakeStep, Health, Integration,
    NewIntegration, Resources, Wait,
};
pub use reqwest;

#[cfg(test)]
mod tests;
