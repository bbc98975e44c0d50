//! End-to-end tests: the real magemock server on a random port, spoken to over HTTP. Each
//! module covers one feature; each Magento behaviour names its Magento source file.

mod helpers;

mod catalog_limited;
mod catalog_support;

mod acl;
mod admin_browser;
mod admin_page;
mod catalog_attributes;
mod catalog_categories;
mod catalog_category_writes;
mod catalog_concurrency;
mod catalog_fixture_roundtrip;
mod catalog_product_extras;
mod catalog_products;
mod catalog_stock;
mod catalog_store_scope;
mod cli;
mod control_api;
mod customers_accounts;
mod customers_addresses;
mod customers_groups;
mod customers_manage;
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
