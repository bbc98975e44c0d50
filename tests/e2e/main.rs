//! End-to-end tests: the real magemock server on a random port, spoken to over HTTP. Each
//! module covers one feature; each Magento behaviour names its Magento source file.

mod helpers;

mod catalog_support;

mod acl;
mod catalog_categories;
mod catalog_products;
mod catalog_stock;
mod cli;
mod control_api;
mod customers_accounts;
mod determinism;
mod fixtures;
mod integrations;
mod oauth;
mod oauth_client;
mod rest_errors;
mod rest_rendering;
mod rest_urls;
mod stores;
mod tokens;
