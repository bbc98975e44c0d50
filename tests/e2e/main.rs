//! End-to-end tests: the real magemock server on a random port, spoken to over HTTP. Each
//! module covers one feature; each Magento behaviour names its Magento source file.

mod helpers;

mod cli;
mod control_api;
mod determinism;
mod fixtures;
mod integrations;
mod oauth;
mod oauth_client;
mod rest_errors;
mod rest_rendering;
mod rest_urls;
mod tokens;
