//! `spawn_app()`: the real server on a random port with a fresh in-memory store and a frozen
//! clock, and typed helpers to talk HTTP to it.

use magemock_server::{FixtureSource, Options};
use reqwest::blocking::Client;
use serde_json::Value;

/// The instant every test store starts at.
pub const FROZEN_AT: &str = "2026-01-15 10:00:00";

pub struct TestApp {
    pub url: String,
    pub client: Client,
    /// The same server thread magemock-testkit gives users.
    _server: magemock_testkit::ServerThread,
}

/// One HTTP answer.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub content_type: String,
    pub body: String,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }

    /// Status, content type and body, for snapshots.
    pub fn snapshot(&self) -> String {
        format!("{}\n{}\n\n{}", self.status, self.content_type, self.body)
    }
}

pub fn spawn_app() -> TestApp {
    spawn_with(Options::default())
}

pub fn spawn_with(options: Options) -> TestApp {
    try_spawn_with(options).unwrap_or_else(|e| panic!("magemock did not start: {e}"))
}

/// Starts a server, or says why it would not start.
pub fn try_spawn_with(mut options: Options) -> Result<TestApp, String> {
    if options.frozen_at.is_none() {
        options.frozen_at = magemock_core::clock::parse_instant(FROZEN_AT);
    }
    let server = magemock_testkit::ServerThread::start(options).map_err(|e| e.to_string())?;
    Ok(TestApp {
        url: server.url().to_string(),
        client: Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client"),
        _server: server,
    })
}

/// Options with the given fixture documents instead of the default store.
pub fn options_with_fixtures(fixtures: &[(&str, &str)]) -> Options {
    Options {
        fixtures: fixtures
            .iter()
            .map(|(name, xml)| FixtureSource {
                name: (*name).into(),
                xml: (*xml).into(),
            })
            .collect(),
        ..Options::default()
    }
}

impl TestApp {
    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Resp {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut req = self.client.request(method, format!("{}{}", self.url, path));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if let Some(b) = body {
            req = req.body(b.to_string());
        }
        let resp = req.send().expect("request sent");
        Resp {
            status: resp.status().as_u16(),
            content_type: resp
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string(),
            body: resp.text().expect("body"),
        }
    }

    pub fn get(&self, path: &str) -> Resp {
        self.request("GET", path, &[], None)
    }

    pub fn post_json(&self, path: &str, body: &str) -> Resp {
        self.request(
            "POST",
            path,
            &[("Content-Type", "application/json")],
            Some(body),
        )
    }

    pub fn put_json(&self, path: &str, body: &str) -> Resp {
        self.request(
            "PUT",
            path,
            &[("Content-Type", "application/json")],
            Some(body),
        )
    }

    pub fn delete(&self, path: &str) -> Resp {
        self.request("DELETE", path, &[], None)
    }

    pub fn advance_clock(&self, seconds: i64) {
        let r = self.post_json(
            "/__magemock/clock/advance",
            &format!("{{\"seconds\":{seconds}}}"),
        );
        assert_eq!(r.status, 200, "{}", r.body);
    }
}

/// Snapshots a response under `name`, with status and content type on top of the body.
#[macro_export]
macro_rules! snap {
    ($name:expr, $resp:expr) => {
        insta::assert_snapshot!($name, $resp.snapshot())
    };
}
