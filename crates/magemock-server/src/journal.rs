//! The request journal: every REST and OAuth request magemock answered, and every call it made
//! to an integration's endpoint, with the caller, the ACL decision and bounded body excerpts.
//! A ring of fixed size, so memory stays flat under load.

use std::collections::VecDeque;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

/// Bytes of a body kept in an entry.
pub const BODY_EXCERPT: usize = 2048;
/// Entries kept when no size is configured.
pub const DEFAULT_CAPACITY: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// A request a client sent to magemock.
    Inbound,
    /// A request magemock sent (the integration activation POST).
    Outbound,
}

/// What the ACL check saw.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AclRecord {
    /// The route's resources (`anonymous`, `self` or ids).
    pub required: Vec<String>,
    /// What the caller held: `"all"`, a list of ids, or nothing.
    pub held: serde_json::Value,
    /// `allowed` or `denied`.
    pub decision: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub seq: u64,
    pub at: String,
    pub direction: Direction,
    pub method: String,
    pub path: String,
    pub status: u16,
    pub caller: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caller_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acl: Option<AclRecord>,
    /// For a failed OAuth signature: what magemock computed (see `magemock_oauth::provider::diagnose`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diagnostics: Option<serde_json::Value>,
    pub request_body: String,
    pub response_body: String,
}

/// Filters of `GET /__magemock/journal`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Query {
    pub method: Option<String>,
    pub path_prefix: Option<String>,
    pub status: Option<u16>,
    pub caller: Option<String>,
    pub direction: Option<Direction>,
    /// The newest `limit` matching entries (still oldest first).
    pub limit: Option<usize>,
}

#[derive(Debug)]
pub struct Journal {
    capacity: usize,
    inner: Mutex<Ring>,
}

#[derive(Debug, Default)]
struct Ring {
    next_seq: u64,
    entries: VecDeque<Entry>,
}

impl Journal {
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity,
            inner: Mutex::new(Ring {
                next_seq: 1,
                entries: VecDeque::with_capacity(capacity.min(4096)),
            }),
        }
    }

    pub fn capacity(&self) -> usize {
        self.capacity
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Ring> {
        // A poisoned ring is still a valid list of entries.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Appends an entry (its `seq` is assigned here), dropping the oldest beyond capacity.
    pub fn record(&self, mut entry: Entry) {
        if self.capacity == 0 {
            return;
        }
        let mut ring = self.lock();
        entry.seq = ring.next_seq;
        ring.next_seq += 1;
        if ring.entries.len() == self.capacity {
            ring.entries.pop_front();
        }
        ring.entries.push_back(entry);
    }

    pub fn clear(&self) {
        let mut ring = self.lock();
        ring.entries.clear();
        ring.next_seq = 1;
    }

    pub fn len(&self) -> usize {
        self.lock().entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn query(&self, q: &Query) -> Vec<Entry> {
        let ring = self.lock();
        let matching: Vec<&Entry> = ring
            .entries
            .iter()
            .filter(|e| {
                q.method
                    .as_ref()
                    .is_none_or(|m| e.method.eq_ignore_ascii_case(m))
            })
            .filter(|e| {
                q.path_prefix
                    .as_ref()
                    .is_none_or(|p| e.path.starts_with(p.as_str()))
            })
            .filter(|e| q.status.is_none_or(|s| e.status == s))
            .filter(|e| q.caller.as_ref().is_none_or(|c| e.caller == *c))
            .filter(|e| q.direction.is_none_or(|d| e.direction == d))
            .collect();
        let skip = q.limit.map_or(0, |l| matching.len().saturating_sub(l));
        matching.into_iter().skip(skip).cloned().collect()
    }
}

/// The first [`BODY_EXCERPT`] bytes of a body as text, cut on a character boundary, with a
/// marker saying how much was left out.
pub fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    if text.len() <= BODY_EXCERPT {
        return text.into_owned();
    }
    let mut end = BODY_EXCERPT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…[{} more bytes]", &text[..end], text.len() - end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(method: &str, path: &str, status: u16) -> Entry {
        Entry {
            seq: 0,
            at: String::new(),
            direction: Direction::Inbound,
            method: method.into(),
            path: path.into(),
            status,
            caller: "guest".into(),
            caller_id: None,
            route: None,
            acl: None,
            diagnostics: None,
            request_body: String::new(),
            response_body: String::new(),
        }
    }

    #[test]
    fn ring_is_bounded_and_keeps_the_newest() {
        let j = Journal::new(3);
        for i in 0..5 {
            j.record(entry("GET", &format!("/rest/V1/{i}"), 200));
        }
        let all = j.query(&Query::default());
        assert_eq!(all.iter().map(|e| e.seq).collect::<Vec<_>>(), vec![3, 4, 5]);
        j.clear();
        assert!(j.is_empty());
    }

    #[test]
    fn filters_and_limit() {
        let j = Journal::new(10);
        j.record(entry("GET", "/rest/V1/a", 200));
        j.record(entry("POST", "/rest/V1/b", 400));
        j.record(entry("GET", "/rest/V1/b", 401));
        let q = |q: Query| j.query(&q).iter().map(|e| e.seq).collect::<Vec<_>>();
        assert_eq!(
            q(Query {
                method: Some("get".into()),
                ..Default::default()
            }),
            vec![1, 3]
        );
        assert_eq!(
            q(Query {
                path_prefix: Some("/rest/V1/b".into()),
                ..Default::default()
            }),
            vec![2, 3]
        );
        assert_eq!(
            q(Query {
                status: Some(400),
                ..Default::default()
            }),
            vec![2]
        );
        assert_eq!(
            q(Query {
                limit: Some(1),
                ..Default::default()
            }),
            vec![3]
        );
    }

    #[test]
    fn excerpts_are_bounded_on_char_boundaries() {
        let body = "é".repeat(BODY_EXCERPT);
        let e = excerpt(body.as_bytes());
        assert!(e.len() < BODY_EXCERPT + 40);
        assert!(e.ends_with(&format!("[{} more bytes]", body.len() - BODY_EXCERPT)));
        assert_eq!(excerpt(b"short"), "short");
    }
}
