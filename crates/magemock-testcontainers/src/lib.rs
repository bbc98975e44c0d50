//! A [testcontainers](https://docs.rs/testcontainers) module for **magemock**, the stand-in for
//! Magento 2.4's integration subsystem (REST, admin and customer tokens, OAuth 1.0a
//! integrations, ACL, catalog): each test gets a fresh, deterministic Magento in a container
//! that starts in a fraction of a second, plus helpers that hand out working credentials.
//!
//! # Before you start
//!
//! The image `magemock:<this crate's version>` must be on the Docker engine: build it from the
//! magemock repository with `docker/build.sh` (a 12 MB image `FROM scratch`), or push it to your
//! registry and point [`Magemock::with_name`] at it. testcontainers pulls only what the engine
//! lacks.
//!
//! ```toml
//! [dev-dependencies]
//! magemock-testcontainers = "0.1"
//! tokio = { version = "1", features = ["macros", "rt-multi-thread"] }
//! ```
//!
//! # A test, async
//!
//! ```no_run
//! use magemock_testcontainers::testcontainers::runners::AsyncRunner;
//! use magemock_testcontainers::{AsyncMagemockExt, Magemock, Method};
//!
//! # async fn a_test() -> Result<(), Box<dyn std::error::Error>> {
//! // #[tokio::test(flavor = "multi_thread")]
//! let magento = Magemock::default().start().await?;
//! let base_url = magento.base_url().await?; // http://localhost:32768, say
//! let token = magento.admin_token().await?; // Bearer token of admin/admin123
//!
//! // ... point the connector under test at `base_url` with `token`, then look at what it did:
//! let client = magento.client().await?; // the same helpers, one HTTP client
//! let product = client
//!     .http()
//!     .get(format!("{base_url}/rest/V1/products/24-MB01"))
//!     .bearer_auth(&token)
//!     .send()
//!     .await?;
//! assert_eq!(product.status(), 200);
//! // every REST call magemock answered; an unmet expectation lists them all
//! magento.journal().await?.expect(Method::Get, "/V1/products/24-MB01").times(1);
//! # Ok(()) }
//! // the container is removed when `magento` is dropped
//! ```
//!
//! `#[tokio::test(flavor = "multi_thread")]` lets testcontainers remove the container from
//! `Drop` without a helper thread; the default current-thread flavour works too.
//!
//! The helpers are shortcuts to [`MagemockClient`], magemock-client's `Client`: the same client
//! magemock-testkit gives for a store in the test's own process, so a test written against one
//! runs against the other. [`client`](AsyncMagemockExt::client) hands it out for everything
//! else (`config`, `journal_where`, `integration`, `clock`, ...).
//!
//! # A test, blocking
//!
//! With the `blocking` feature (on by default), testcontainers' `SyncRunner` and
//! [`SyncMagemockExt`] give the same helpers without async; do not use them inside async code.
//!
//! ```no_run
//! # #[cfg(feature = "blocking")]
//! # fn a_test() -> Result<(), Box<dyn std::error::Error>> {
//! use magemock_testcontainers::testcontainers::runners::SyncRunner;
//! use magemock_testcontainers::{CUSTOMER_EMAIL, CUSTOMER_PASSWORD, Magemock, SyncMagemockExt};
//!
//! let magento = Magemock::default().with_seed(42).start()?;
//! let customer = magento.customer_token(CUSTOMER_EMAIL, CUSTOMER_PASSWORD)?;
//! let client = magento.client()?; // one client for many calls
//! let me = client
//!     .http()
//!     .get(client.url("/rest/V1/customers/me"))
//!     .bearer_auth(&customer)
//!     .send()?;
//! assert_eq!(me.status(), 200);
//! # Ok(()) }
//! ```
//!
//! # Shaping the store
//!
//! | builder | what |
//! |---|---|
//! | [`with_seed`](Magemock::with_seed) | seed of every key, secret and token (`MAGEMOCK_SEED`) |
//! | [`with_magento_version`](Magemock::with_magento_version) | the 2.4.x release to copy (`2.4.0` … `2.4.8`) |
//! | [`with_frozen_clock`](Magemock::with_frozen_clock) | start with the clock frozen: byte-identical answers |
//! | [`with_fixture`](Magemock::with_fixture), [`with_fixture_file`](Magemock::with_fixture_file) | fixture XML copied in and loaded after the default store |
//! | [`without_default_store`](Magemock::without_default_store) | only your fixtures |
//! | [`with_config`](Magemock::with_config) | a Magento config value (`oauth/access_token_lifetime/admin`, ...) |
//! | [`with_modules_dir`](Magemock::with_modules_dir) | a Magento code tree, mounted, whose `etc/integration.xml` integrations are loaded |
//! | [`with_acl_xml`](Magemock::with_acl_xml), [`with_acl_file`](Magemock::with_acl_file) | your module's `acl.xml` resources |
//! | [`with_journal_size`](Magemock::with_journal_size), [`with_base_url`](Magemock::with_base_url), [`with_setting`](Magemock::with_setting) | any other `MAGEMOCK_*` setting |
//! | [`with_tag`](Magemock::with_tag), [`with_name`](Magemock::with_name) | another image |
//! | [`with_host_network`](Magemock::with_host_network), [`with_host_network_port`](Magemock::with_host_network_port) | the host's network, magemock on 127.0.0.1 |
//!
//! ```no_run
//! use magemock_testcontainers::testcontainers::runners::AsyncRunner;
//! use magemock_testcontainers::{AsyncMagemockExt, Magemock};
//!
//! # async fn a_test() -> Result<(), Box<dyn std::error::Error>> {
//! let magento = Magemock::default()
//!     .with_magento_version("2.4.6-p3")
//!     .with_frozen_clock("2024-04-08 10:00:00")
//!     .with_fixture(
//!         "wholesale.xml",
//!         r#"<magemock>
//!              <customerGroup code="Wholesale" tax_class_id="3"/>
//!              <customer email="buyer@example.com" password="Buyer-pass1" firstname="Bea"
//!                        lastname="Buyer" group="Wholesale"/>
//!            </magemock>"#,
//!     )
//!     .with_config("oauth/access_token_lifetime/customer", "1")
//!     .with_modules_dir("../magento/app/code")
//!     .start()
//!     .await?;
//! let buyer = magento.customer_token("buyer@example.com", "Buyer-pass1").await?;
//! # let _ = buyer; Ok(()) }
//! ```
//!
//! Everything a builder sets is part of the seeded start, so [`reset`](AsyncMagemockExt::reset)
//! (milliseconds) gives the next test the same store again: one container per test binary and a
//! reset per test is the fast way.
//!
//! # Integrations and OAuth 1.0a
//!
//! [`create_integration`](AsyncMagemockExt::create_integration) and
//! [`activate`](AsyncMagemockExt::activate) play the admin's System > Integrations page. An
//! integration without an endpoint is activated at once and the answer carries the access token
//! your connector signs with; with an endpoint, magemock POSTs the consumer key, secret, store
//! base URL and verifier to it, and your connector does the `/oauth/token/request` and
//! `/oauth/token/access` exchange, as against Magento.
//!
//! ```no_run
//! use magemock_testcontainers::testcontainers::runners::AsyncRunner;
//! use magemock_testcontainers::{AsyncMagemockExt, Magemock, NewIntegration, Wait};
//!
//! # async fn a_test() -> Result<(), Box<dyn std::error::Error>> {
//! let magento = Magemock::default().with_host_network().start().await?;
//!
//! // signing credentials at once
//! let erp = magento
//!     .create_integration(
//!         &NewIntegration::new("AcmeErp", "dev@acme.example")
//!             .resources(["Magento_Catalog::products", "Magento_Backend::store"]),
//!     )
//!     .await?;
//! let activated = magento.activate(erp.id, Wait::No).await?;
//! let (key, secret) = (activated.oauth_consumer_key, activated.oauth_consumer_secret);
//! let (token, token_secret) = (activated.oauth_token, activated.oauth_token_secret);
//! # let _ = (key, secret, token, token_secret);
//!
//! // or the whole handshake with your connector listening on 127.0.0.1:9000
//! let crm = magento
//!     .create_integration(
//!         &NewIntegration::new("AcmeCrm", "dev@acme.example")
//!             .endpoint("http://127.0.0.1:9000/magento/endpoint")
//!             .identity_link_url("http://127.0.0.1:9000/magento/login"),
//!     )
//!     .await?;
//! let done = magento.activate(crm.id, Wait::ForExchange).await?;
//! assert_eq!(done.integration.map(|i| i.status_label), Some("Active".to_string()));
//! # Ok(()) }
//! ```
//!
//! Signed requests must carry magemock's time as `oauth_timestamp`:
//! [`clock`](MagemockClient::clock) tells it, and [`advance_clock`](AsyncMagemockExt::advance_clock)
//! moves it (token expiry, the consumer's 300 s window) without sleeping.
//!
//! # Networking
//!
//! **Bridge (Docker's default).** magemock listens on 0.0.0.0:8080 in the container and
//! testcontainers maps it to a free host port; [`base_url`](AsyncMagemockExt::base_url) returns
//! `http://<docker host>:<mapped port>`. Two things to know:
//! * the connector endpoint you give an integration must be reachable *from the container*:
//!   `http://host.docker.internal:PORT/...` with
//!   `.with_host("host.docker.internal", testcontainers::core::Host::HostGateway)`;
//! * the `store_base_url` magemock posts to that endpoint is its own view
//!   (`http://0.0.0.0:8080/`) unless you map a fixed port and say so:
//!   `.with_base_url("http://127.0.0.1:18080/").with_mapped_port(18080, 8080.tcp())`.
//!
//! **Host.** [`with_host_network`](Magemock::with_host_network) runs the container on the host's
//! network stack with magemock on 127.0.0.1 and a free port: connector endpoints on the host's
//! 127.0.0.1 are reachable and the store base URL is the one your tests use. It also works on
//! engines without a bridge (rootless or locked-down CI). Linux only (Docker Desktop's host
//! network is the VM's). It returns the `ContainerRequest`, so call it after the `Magemock`
//! builders.
//!
//! # Tests that skip without Docker
//!
//! The helpers return [`Error::Start`] (with testcontainers' error inside) when no engine
//! answers. This crate's own tests skip
//! with a message in that case unless `MAGEMOCK_DOCKER_TESTS=1`, so that `cargo test` passes on
//! a laptop without Docker and CI can insist.
//!
//! # Features
//!
//! * `blocking` (default): the synchronous flavour.
//! * `tls`: Docker engines behind TLS (`DOCKER_HOST=https://...`); the plain Unix socket and
//!   `tcp://` need nothing.
mod container;
mod image;

/// The async client of one magemock: magemock-client's [`Client`](magemock_client::Client),
/// the one magemock-testkit hands out for in-process stores.
pub type MagemockClient = magemock_client::Client;
/// The blocking client: magemock-client's [`blocking::Client`](magemock_client::blocking::Client).
#[cfg(feature = "blocking")]
pub type BlockingMagemockClient = magemock_client::blocking::Client;

pub use container::AsyncMagemockExt;
#[cfg(feature = "blocking")]
pub use container::SyncMagemockExt;
pub use image::{DEFAULT_STORE_IN_IMAGE, Magemock, NAME, PORT, READY_LINE, TAG};
pub use magemock_client::{
    ADMIN_PASSWORD, ADMIN_USERNAME, AclCoverage, Activation, CUSTOMER_EMAIL, CUSTOMER_PASSWORD,
    Clock, ConfigValue, Coverage, Direction, Error, Expectation, HandshakeReport, HandshakeStep,
    Health, Integration, Journal, JournalEntry, JournalFilter, Method, NewIntegration, Resources,
    Wait, reqwest,
};
pub use testcontainers;
