//! Which ACL resources each integration and admin role actually needed, so that a connector
//! team can tighten its api.xml / integration.xml: every allowed request adds the route's
//! resources to its caller's set. Kept in memory; reset empties it.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

/// Whose use is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Holder {
    Integration(i64),
    AdminRole(i64),
}

#[derive(Debug, Default)]
pub struct Coverage(Mutex<BTreeMap<Holder, BTreeSet<String>>>);

impl Coverage {
    pub fn record(&self, holder: Holder, resources: &[&str]) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let used = map.entry(holder).or_default();
        for r in resources {
            if !matches!(*r, "anonymous" | "self") {
                used.insert((*r).to_string());
            }
        }
    }

    pub fn used(&self, holder: Holder) -> BTreeSet<String> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&holder)
            .cloned()
            .unwrap_or_default()
    }

    pub fn clear(&self) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}
