//! Tests, one module per feature: parse errors (exact `file:line:column` text), each element
//! kind end to end, atomic loading, the default fixture, and determinism.

mod atomic;
mod default_fixture;
mod determinism;
mod elements;
mod examples;
mod integrations;
mod parse_errors;
mod references;

use chrono::DateTime;
use magemock_core::{Clock, Entropy, Store};

use crate::{ApplyContext, FixtureError, LoadReport, apply, parse};

pub(crate) const SEED: u64 = 20_240_408;

/// A fresh store with the clock frozen at 2024-04-08 12:00:00 UTC.
pub(crate) struct TestStore {
    pub store: Store,
    pub clock: Clock,
    pub entropy: Entropy,
    pub acl: magemock_acl::AclTree,
}

impl TestStore {
    pub(crate) fn new(seed: u64) -> Self {
        let (store, _) = Store::open(None).expect("open store");
        let at = DateTime::from_timestamp(1_712_577_600, 0).expect("instant");
        Self {
            store,
            clock: Clock::frozen(at),
            entropy: Entropy::new(seed),
            acl: magemock_acl::default_tree().expect("default ACL tree"),
        }
    }

    /// Parses and loads `xml` (named `test.xml`) in one write transaction.
    pub(crate) fn load(&self, xml: &str) -> Result<LoadReport, FixtureError> {
        self.load_named("test.xml", xml)
    }

    pub(crate) fn load_named(&self, name: &str, xml: &str) -> Result<LoadReport, FixtureError> {
        let fixture = parse(name, xml)?;
        let ctx = ApplyContext {
            clock: &self.clock,
            entropy: &self.entropy,
            acl: &self.acl,
        };
        self.store.write(|tx| apply(tx, &fixture, &ctx))
    }

    pub(crate) fn count(&self, table: &str) -> i64 {
        self.store
            .read(|c| {
                c.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
                    .map_err(magemock_core::CoreError::from)
            })
            .expect("count")
    }

    pub(crate) fn query<T: rusqlite::types::FromSql>(&self, sql: &str) -> T {
        self.store
            .read(|c| {
                c.query_row(sql, [], |r| r.get(0))
                    .map_err(magemock_core::CoreError::from)
            })
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }
}

/// The storefront every element test starts from (website `base`, store `default`, root 2).
pub(crate) const STOREFRONT: &str = r#"
    <category id="2" name="Default Category" parent="1"/>
    <website code="base" name="Main Website">
        <group name="Main Website Store" root_category="2">
            <store code="default" name="Default Store View"/>
        </group>
    </website>"#;

/// `<magemock>` around `body`.
pub(crate) fn doc(body: &str) -> String {
    format!("<magemock>{body}\n</magemock>\n")
}
