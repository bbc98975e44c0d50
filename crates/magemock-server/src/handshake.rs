//! What happened in each integration's activation, step by step, for
//! `GET /__magemock/integrations/{id}/handshake`: the credentials POST, the identity-link
//! callback, the request and access tokens, the first signed call, and the last error.

use std::collections::BTreeMap;
use std::sync::Mutex;

use serde::Serialize;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Handshake {
    /// When the credentials were posted and what came of it (`HTTP 200` or the error).
    pub credentials_posted: Option<Step>,
    /// When the connector's identity page sent the browser to the success callback.
    pub identity_link_done: Option<String>,
    pub request_token: Option<String>,
    pub access_token: Option<String>,
    pub first_signed_call: Option<String>,
    pub last_error: Option<Step>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub at: String,
    pub outcome: String,
}

#[derive(Debug, Default)]
pub struct Handshakes(Mutex<BTreeMap<i64, Handshake>>);

impl Handshakes {
    fn with(&self, id: i64, f: impl FnOnce(&mut Handshake)) {
        // A poisoned map still holds valid reports.
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        f(map.entry(id).or_default());
    }

    pub fn get(&self, id: i64) -> Handshake {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&id)
            .cloned()
            .unwrap_or_default()
    }

    pub fn clear(&self) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    /// A new activation starts a new report.
    pub fn started(&self, id: i64, at: String, outcome: String) {
        self.with(id, |h| {
            *h = Handshake {
                credentials_posted: Some(Step { at, outcome }),
                ..Handshake::default()
            }
        });
    }

    /// The POST's outcome, once known (the report was started before sending, since a fast
    /// connector may already be exchanging tokens when the POST returns).
    pub fn posted(&self, id: i64, outcome: String) {
        self.with(id, |h| {
            if let Some(step) = h.credentials_posted.as_mut() {
                step.outcome = outcome;
            }
        });
    }

    pub fn identity_link_done(&self, id: i64, at: String) {
        self.with(id, |h| h.identity_link_done = Some(at));
    }

    pub fn request_token(&self, id: i64, at: String) {
        self.with(id, |h| h.request_token = Some(at));
    }

    pub fn access_token(&self, id: i64, at: String) {
        self.with(id, |h| h.access_token = Some(at));
    }

    pub fn first_signed_call(&self, id: i64, at: String) {
        self.with(id, |h| {
            h.first_signed_call.get_or_insert(at);
        });
    }

    pub fn error(&self, id: i64, at: String, outcome: String) {
        self.with(id, |h| h.last_error = Some(Step { at, outcome }));
    }
}
