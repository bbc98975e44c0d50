//! magemock's HTTP face. It stands in for Magento's Webapi module: the REST front controller
//! (URL forms and store codes, the webapi.xml route table, user contexts, the ACL check,
//! Magento's error masking, the JSON and XML renderers, the `fields` filter), plus magemock's
//! own control API under `/__magemock/` and the admin page "System > Integrations" under
//! `/admin/`.
//!
//! This is the only crate that knows actix-web and Magento's wire JSON. It never writes SQL:
//! domain crates do, through `magemock_core::Store`.

pub mod activation;
pub mod admin;
pub mod app;
pub mod control;
pub mod coverage;
pub mod handlers;
pub mod handshake;
pub mod journal;
pub mod oauth;
pub mod php_json;
pub mod rest;
pub mod services;

pub use app::{Application, BuildError, Listen};
pub use services::{FixtureSource, Options, Services, StartError};
