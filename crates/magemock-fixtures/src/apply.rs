//! Loading a parsed fixture into the store, inside the caller's transaction: when any element
//! is refused the caller's transaction rolls back and nothing of the file remains.
//!
//! Kinds load in a fixed order, whatever their order in the file, so that a reference never
//! depends on where its target was written: configuration, categories, websites (with their
//! groups and stores), customer groups, attributes, attribute sets, products, customers, admin
//! roles, admin users. Within a kind, document order, so ids are sequential and the same file
//! always gives the same ids. Salts are drawn from the entropy in that same order (customers,
//! then admins), so the same seed gives the same password hashes.

mod catalog;
mod people;
mod refs;
mod stores;

use magemock_catalog::CatalogError;
use magemock_core::{Clock, Entropy, Settings};
use rusqlite::Transaction;

use crate::error::{FixtureError, Problem};
use crate::model::Fixture;
use crate::position::Pos;
use crate::report::LoadReport;

/// The clock and entropy the load draws timestamps and salts from.
#[derive(Debug, Clone, Copy)]
pub struct ApplyContext<'a> {
    pub clock: &'a Clock,
    pub entropy: &'a Entropy,
    /// The ACL tree integrations' resources are checked against and expanded in.
    pub acl: &'a magemock_acl::AclTree,
}

/// Loads `fixture` through `tx` and counts what it created.
pub fn apply(
    tx: &Transaction<'_>,
    fixture: &Fixture,
    ctx: &ApplyContext<'_>,
) -> Result<LoadReport, FixtureError> {
    let mut run = Run {
        conn: tx,
        file: &fixture.file,
        // One instant for the whole file: every row it creates has the same timestamps.
        now: ctx.clock.now_db(),
        entropy: ctx.entropy,
        clock: ctx.clock,
        acl: ctx.acl,
        report: LoadReport::default(),
    };
    for decl in &fixture.config {
        Settings::set(run.conn, &decl.path, Some(&decl.value))
            .map_err(|e| run.fail(decl.pos, Problem::Config(e)))?;
        run.report.config += 1;
    }
    run.categories(&fixture.categories)?;
    run.websites(&fixture.websites)?;
    run.customer_groups(&fixture.customer_groups)?;
    run.attributes(&fixture.attributes)?;
    run.attribute_sets(&fixture.attribute_sets)?;
    run.products(&fixture.products)?;
    run.customers(&fixture.customers)?;
    run.roles(&fixture.roles)?;
    run.admins(&fixture.admins)?;
    run.integrations(&fixture.integrations)?;
    Ok(run.report)
}

struct Run<'a> {
    conn: &'a rusqlite::Connection,
    file: &'a str,
    now: String,
    entropy: &'a Entropy,
    clock: &'a Clock,
    acl: &'a magemock_acl::AclTree,
    report: LoadReport,
}

impl Run<'_> {
    fn fail(&self, pos: Pos, problem: impl Into<Problem>) -> FixtureError {
        FixtureError::at(self.file, pos, problem)
    }

    /// Places a catalog failure at `pos`.
    fn at<T>(&self, pos: Pos, result: Result<T, CatalogError>) -> Result<T, FixtureError> {
        result.map_err(|e| self.fail(pos, e))
    }
}
