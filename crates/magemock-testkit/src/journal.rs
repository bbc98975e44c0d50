//! Assertions over what magemock received, failing with every journaled request listed (the
//! way wiremock-rs reports an unmet expectation).

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// One journaled request (the fields tests usually look at; see the control API for all).
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct JournalEntry {
    pub seq: u64,
    pub method: String,
    pub path: String,
    pub status: u16,
    pub caller: String,
    #[serde(default)]
    pub caller_id: Option<i64>,
    #[serde(default)]
    pub request_body: String,
    #[serde(default)]
    pub response_body: String,
}

#[derive(Debug, Clone, Default)]
pub struct Journal {
    entries: Vec<JournalEntry>,
}

impl Journal {
    pub fn new(entries: Vec<JournalEntry>) -> Self {
        Self { entries }
    }

    pub fn entries(&self) -> &[JournalEntry] {
        &self.entries
    }

    /// Requests with this method whose path, after `/rest[/<store>]`, is `path` (a query string
    /// is ignored).
    pub fn expect(&self, method: Method, path: &str) -> Expectation<'_> {
        let matching = self
            .entries
            .iter()
            .filter(|e| e.method == method.as_str() && route_path(&e.path) == path)
            .collect();
        Expectation {
            journal: self,
            method,
            path: path.to_string(),
            matching,
        }
    }

    fn listing(&self) -> String {
        if self.entries.is_empty() {
            return "  (no requests)".into();
        }
        self.entries
            .iter()
            .map(|e| {
                format!(
                    "  #{} {} {} → {} ({})",
                    e.seq, e.method, e.path, e.status, e.caller
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// `/rest/default/V1/x?y` → `/V1/x`.
fn route_path(path: &str) -> &str {
    let path = path.split('?').next().unwrap_or(path);
    match path.find("/V1/") {
        Some(i) => &path[i..],
        None => path,
    }
}

pub struct Expectation<'j> {
    journal: &'j Journal,
    method: Method,
    path: String,
    matching: Vec<&'j JournalEntry>,
}

impl<'j> Expectation<'j> {
    /// Panics, listing every journaled request, unless exactly `n` requests matched.
    #[track_caller]
    pub fn times(self, n: usize) -> Vec<&'j JournalEntry> {
        if self.matching.len() != n {
            panic!(
                "expected {n} {} {} request(s), magemock received {}:\n{}",
                self.method.as_str(),
                self.path,
                self.matching.len(),
                self.journal.listing()
            );
        }
        self.matching
    }

    /// Panics unless at least one request matched.
    #[track_caller]
    pub fn at_least_once(self) -> Vec<&'j JournalEntry> {
        if self.matching.is_empty() {
            panic!(
                "expected a {} {} request, magemock received none of them:\n{}",
                self.method.as_str(),
                self.path,
                self.journal.listing()
            );
        }
        self.matching
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(method: &str, path: &str) -> JournalEntry {
        JournalEntry {
            seq: 1,
            method: method.into(),
            path: path.into(),
            status: 200,
            caller: "guest".into(),
            caller_id: None,
            request_body: String::new(),
            response_body: String::new(),
        }
    }

    #[test]
    fn matches_route_paths_and_lists_everything_on_failure() {
        let j = Journal::new(vec![entry(
            "GET",
            "/rest/default/V1/products?searchCriteria=",
        )]);
        assert_eq!(j.expect(Method::Get, "/V1/products").times(1).len(), 1);
        let failure = std::panic::catch_unwind(|| {
            j.expect(Method::Post, "/V1/products").times(1);
        })
        .expect_err("must fail");
        let text = failure
            .downcast_ref::<String>()
            .cloned()
            .unwrap_or_default();
        assert!(
            text.contains("GET /rest/default/V1/products?searchCriteria= → 200"),
            "{text}"
        );
    }
}
