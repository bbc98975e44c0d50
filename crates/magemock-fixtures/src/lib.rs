//! magemock's fixtures: the XML files that fill a store with what a Magento 2.4 shop holds.
//! This crate stands in for what, in Magento, the installer and the sample-data modules
//! (`Magento_*SampleData`, `setup:install` with its admin user) put in the database, and for
//! the admin panel's Stores and System > Permissions screens used to set a shop up: websites,
//! store views, categories, attributes, products with stock, customers, admin roles and users,
//! and configuration values (`core_config_data`).
//!
//! [`parse`] reads a file into a [`Fixture`] with every element's line and column;
//! [`apply`] loads it inside the caller's transaction and returns a [`LoadReport`];
//! [`default_fixture`] is the Luma-like store magemock starts with.
//!
#![doc = include_str!("../FORMAT.md")]

mod apply;
mod error;
pub mod model;
mod packed_products;
mod parse;
mod position;
mod report;
mod xml_tree;

pub use apply::{ApplyContext, apply};
pub use error::{FixtureError, Problem};
pub use model::Fixture;
pub use parse::{NOT_SUPPORTED_YET, ROOT, TOP_LEVEL, parse};
pub use position::Pos;
pub use report::LoadReport;

/// The file name [`default_fixture`] is parsed under, as errors show it.
pub const DEFAULT_FIXTURE_NAME: &str = "default.xml";

/// The default store: `fixtures/default.xml`, a small Luma-like shop (see that file).
pub fn default_fixture() -> &'static str {
    include_str!("../../../fixtures/default.xml")
}

#[cfg(test)]
mod tests;
