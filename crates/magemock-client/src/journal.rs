//! What magemock received, and assertions over it that fail with every journaled request
//! listed (the way wiremock-rs reports an unmet expectation).

use std::fmt;

use serde::{Deserialize, Serialize};

/// The HTTP methods Magento's REST front controller routes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }

    pub(crate) fn reqwest(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Delete => reqwest::Method::DELETE,
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who sent a journaled request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// A client sent it to magemock.
    Inbound,
    /// magemock sent it (activation's credentials POST to an integration's endpoint).
    Outbound,
}

/// What the ACL check of a journaled request saw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AclCheck {
    /// The route's resources (`anonymous`, `self` or ids).
    pub required: Vec<String>,
    /// What the caller held: `"all"`, a list of ids, or null.
    pub held: serde_json::Value,
    /// `allowed` or `denied`.
    pub decision: String,
}

/// One journaled request, as `GET /__magemock/journal` lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct JournalEntry {
    /// 1, 2, ... since the start, the last reset or the last clear.
    pub seq: u64,
    /// magemock's clock when it answered.
    #[serde(default)]
    pub at: String,
    #[serde(default = "inbound")]
    pub direction: Direction,
    pub method: String,
    /// Path and query as sent (`/rest/default/V1/products?searchCriteria=`); for an outbound
    /// request, the endpoint's URL.
    pub path: String,
    pub status: u16,
    /// `guest`, `customer`, `admin`, `integration` (or `magemock` for outbound requests).
    pub caller: String,
    #[serde(default)]
    pub caller_id: Option<i64>,
    /// The Magento service method the route maps to.
    #[serde(default)]
    pub route: Option<String>,
    #[serde(default)]
    pub acl: Option<AclCheck>,
    /// For a failed OAuth signature: the base string and parameters magemock computed.
    #[serde(default)]
    pub diagnostics: Option<serde_json::Value>,
    /// The first 2 KiB of each body.
    #[serde(default)]
    pub request_body: String,
    #[serde(default)]
    pub response_body: String,
}

fn inbound() -> Direction {
    Direction::Inbound
}

impl JournalEntry {
    /// The path after `/rest[/<store>]` (or `/index.php/rest...`) without the query:
    /// `/V1/products`; other paths as they are.
    pub fn route_path(&self) -> &str {
        route_path(&self.path)
    }
}

/// The journal's entries, oldest first. It derefs to a slice (`len`, `is_empty`, `iter`,
/// `[i]`) and displays as one line per request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
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

    pub fn into_entries(self) -> Vec<JournalEntry> {
        self.entries
    }

    /// Requests with this method to this path. Both sides are compared after
    /// `/rest[/<store>]` and without the query, so `"/V1/products"`, `"/rest/V1/products"` and
    /// `"/rest/default/V1/products"` all match a `GET /rest/all/V1/products?searchCriteria=`;
    /// other paths (`/oauth/token/request`, an endpoint's URL) must be given whole.
    pub fn expect(&self, method: Method, path: &str) -> Expectation<'_> {
        let wanted = route_path(path);
        let matching = self
            .entries
            .iter()
            .filter(|e| e.method.eq_ignore_ascii_case(method.as_str()) && e.route_path() == wanted)
            .collect();
        Expectation {
            journal: self,
            method,
            path: path.to_string(),
            matching,
        }
    }
}

impl std::ops::Deref for Journal {
    type Target = [JournalEntry];

    fn deref(&self) -> &[JournalEntry] {
        &self.entries
    }
}

impl IntoIterator for Journal {
    type Item = JournalEntry;
    type IntoIter = std::vec::IntoIter<JournalEntry>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<'j> IntoIterator for &'j Journal {
    type Item = &'j JournalEntry;
    type IntoIter = std::slice::Iter<'j, JournalEntry>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter()
    }
}

/// `#1 GET /rest/V1/products/24-MB01 → 200 (admin 1)`, one line per request; stable across
/// runs with a frozen clock, so it snapshots well.
impl fmt::Display for Journal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.entries.is_empty() {
            return f.write_str("(no requests)");
        }
        for (i, e) in self.entries.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            let outbound = match e.direction {
                Direction::Outbound => "outbound ",
                Direction::Inbound => "",
            };
            write!(
                f,
                "#{} {outbound}{} {} → {} ({}",
                e.seq, e.method, e.path, e.status, e.caller
            )?;
            if let Some(id) = e.caller_id {
                write!(f, " {id}")?;
            }
            f.write_str(")")?;
        }
        Ok(())
    }
}

/// `/rest/default/V1/x?y` → `/V1/x`.
fn route_path(path: &str) -> &str {
    let path = path.split('?').next().unwrap_or(path);
    let Some(rest) = path
        .strip_prefix("/index.php")
        .unwrap_or(path)
        .strip_prefix("/rest")
    else {
        return path;
    };
    if rest.starts_with("/V1/") {
        return rest;
    }
    // after one store code segment: `/default/V1/...`, `/all/V1/...`
    match rest.get(1..).and_then(|s| s.find('/')) {
        Some(i) if rest[i + 1..].starts_with("/V1/") => &rest[i + 1..],
        _ => path,
    }
}

/// Requests that matched [`Journal::expect`]; its assertions panic with the whole journal.
#[must_use = "an expectation asserts nothing until `times` or `at_least_once` is called"]
pub struct Expectation<'j> {
    journal: &'j Journal,
    method: Method,
    path: String,
    matching: Vec<&'j JournalEntry>,
}

impl<'j> Expectation<'j> {
    /// Panics, listing every journaled request, unless exactly `n` requests matched; answers
    /// them.
    #[track_caller]
    pub fn times(self, n: usize) -> Vec<&'j JournalEntry> {
        if self.matching.len() != n {
            panic!("{}", self.failure(&format!("{n}")));
        }
        self.matching
    }

    /// Panics, listing every journaled request, unless at least one request matched.
    #[track_caller]
    pub fn at_least_once(self) -> Vec<&'j JournalEntry> {
        if self.matching.is_empty() {
            panic!("{}", self.failure("at least 1"));
        }
        self.matching
    }

    /// The matching requests, without asserting anything.
    pub fn matching(&self) -> &[&'j JournalEntry] {
        &self.matching
    }

    fn failure(&self, wanted: &str) -> String {
        let mut text = format!(
            "expected {wanted} {} {} request(s), magemock received {} of them among {} journaled:",
            self.method,
            self.path,
            self.matching.len(),
            self.journal.len(),
        );
        for line in self.journal.to_string().lines() {
            text.push_str("\n  ");
            text.push_str(line);
        }
        text
    }
}

/// Filters of `GET /__magemock/journal`, applied by magemock.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JournalFilter {
    pairs: Vec<(&'static str, String)>,
}

impl JournalFilter {
    pub fn new() -> Self {
        Self::default()
    }

    fn with(mut self, key: &'static str, value: String) -> Self {
        self.pairs.retain(|(k, _)| *k != key);
        self.pairs.push((key, value));
        self
    }

    pub fn method(self, method: Method) -> Self {
        self.with("method", method.as_str().into())
    }

    /// Paths starting with this, as sent (`/rest/V1/products`, not `/V1/products`).
    pub fn path_prefix(self, prefix: impl Into<String>) -> Self {
        self.with("path_prefix", prefix.into())
    }

    pub fn status(self, status: u16) -> Self {
        self.with("status", status.to_string())
    }

    /// `guest`, `customer`, `admin`, `integration` or `magemock`.
    pub fn caller(self, caller: impl Into<String>) -> Self {
        self.with("caller", caller.into())
    }

    pub fn direction(self, direction: Direction) -> Self {
        let word = match direction {
            Direction::Inbound => "inbound",
            Direction::Outbound => "outbound",
        };
        self.with("direction", word.into())
    }

    /// Only the newest `n` matching requests (still oldest first).
    pub fn limit(self, n: usize) -> Self {
        self.with("limit", n.to_string())
    }

    /// `method=GET&path_prefix=%2Frest...`, or empty.
    pub(crate) fn query(&self) -> String {
        self.pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", form_encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// Percent-encoding of everything but unreserved characters and `/` (kept for readable paths).
fn form_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(char::from(b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests;
