//! The control API under `/__magemock/`.

use magemock_server::Options;

use crate::helpers::{spawn_app, spawn_with};
use crate::snap;

#[test]
fn health_reports_identity() {
    let app = spawn_app();
    let r = app.get("/__magemock/health");
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["status"], "ready");
    assert_eq!(v["magento_version"], "2.4.8");
    assert_eq!(v["seed"], 20240408);
    assert_eq!(v["fixtures_digest"].as_str().map(str::len), Some(64));
}

#[test]
fn clock_can_be_read_set_frozen_and_advanced() {
    let app = spawn_app();
    snap!("clock_start", app.get("/__magemock/clock"));
    app.advance_clock(3661);
    assert_eq!(
        app.get("/__magemock/clock").json()["now"],
        "2026-01-15 11:01:01"
    );
    let set = app.put_json("/__magemock/clock", r#"{"now":"2030-02-03T04:05:06Z"}"#);
    assert_eq!(set.json()["now"], "2030-02-03 04:05:06");
    let running = app.put_json("/__magemock/clock", r#"{"frozen":false}"#);
    assert_eq!(running.json()["frozen"], false);
    let bad = app.put_json("/__magemock/clock", r#"{"now":"tomorrow"}"#);
    assert_eq!(bad.status, 400);
    let unknown = app.put_json("/__magemock/clock", r#"{"later":1}"#);
    assert_eq!(unknown.status, 400);
}

#[test]
fn config_is_keyed_by_magento_paths() {
    let app = spawn_app();
    let all = app.get("/__magemock/config").json();
    let lifetime = all
        .as_array()
        .and_then(|a| {
            a.iter()
                .find(|e| e["path"] == "oauth/consumer/expiration_period")
        })
        .cloned()
        .expect("path listed");
    assert_eq!(lifetime["value"], "300");
    let set = app.put_json(
        "/__magemock/config",
        r#"{"webapi/jwtauth/admin_expiration":"5","currency/options/default":"EUR"}"#,
    );
    assert_eq!(set.status, 200, "{}", set.body);
    let currency = app.get("/rest/V1/directory/currency").json();
    assert_eq!(currency["default_display_currency_code"], "EUR");
    let unknown = app.put_json(
        "/__magemock/config",
        r#"{"currency/options/default":"GBP","no/such/path":"1"}"#,
    );
    assert_eq!(unknown.status, 400);
    assert!(
        unknown.json()["known_paths"]
            .as_array()
            .is_some_and(|a| a.len() > 10)
    );
    // all or nothing: the valid path in the refused request was not written
    let after = app.get("/rest/V1/directory/currency").json();
    assert_eq!(after["default_display_currency_code"], "EUR");
    let invalid = app.put_json(
        "/__magemock/config",
        r#"{"oauth/consumer/expiration_period":"soon"}"#,
    );
    assert_eq!(invalid.status, 400);
    assert!(
        invalid.body.contains("an integer is expected"),
        "{}",
        invalid.body
    );
}

#[test]
fn reset_returns_to_the_seeded_start() {
    let app = spawn_app();
    let before = app.get("/rest/V1/directory/currency").body;
    app.put_json("/__magemock/config", r#"{"currency/options/base":"EUR"}"#);
    app.advance_clock(100);
    assert_ne!(app.get("/rest/V1/directory/currency").body, before);
    let r = app.request("POST", "/__magemock/reset", &[], None);
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(app.get("/rest/V1/directory/currency").body, before);
    assert_eq!(
        app.get("/__magemock/clock").json()["now"],
        "2026-01-15 10:00:00"
    );
    // the journal was emptied too: only the request made since the reset is there
    assert_eq!(
        app.get("/__magemock/journal")
            .json()
            .as_array()
            .map(Vec::len),
        Some(1)
    );
}

#[test]
fn journal_records_filters_and_is_bounded() {
    let app = spawn_with(Options {
        journal_size: 3,
        ..Options::default()
    });
    app.get("/rest/V1/directory/currency");
    app.get("/rest/V1/nothing");
    app.post_json(
        "/rest/V1/customers/isEmailAvailable",
        r#"{"customerEmail":"a@b.c"}"#,
    );
    let all = app.get("/__magemock/journal").json();
    snap!("journal_three", app.get("/__magemock/journal"));
    assert_eq!(all.as_array().map(Vec::len), Some(3));
    for _ in 0..5 {
        app.get("/rest/V1/directory/currency");
    }
    let bounded = app.get("/__magemock/journal?limit=10").json();
    assert_eq!(bounded.as_array().map(Vec::len), Some(3));
    let misses = app.get("/__magemock/journal?status=404").json();
    assert_eq!(misses.as_array().map(Vec::len), Some(0));
    let bad = app.get("/__magemock/journal?colour=red");
    assert_eq!(bad.status, 400);
    assert_eq!(app.delete("/__magemock/journal").status, 204);
    assert_eq!(
        app.get("/__magemock/journal?method=GET")
            .json()
            .as_array()
            .map(Vec::len),
        Some(0)
    );
}

#[test]
fn journal_filters_by_method_path_and_caller() {
    let app = spawn_app();
    app.get("/rest/V1/directory/currency");
    app.post_json(
        "/rest/V1/customers/isEmailAvailable",
        r#"{"customerEmail":"a@b.c"}"#,
    );
    let posts = app.get("/__magemock/journal?method=POST").json();
    assert_eq!(posts.as_array().map(Vec::len), Some(1));
    assert_eq!(posts[0]["acl"]["decision"], "allowed");
    assert_eq!(posts[0]["request_body"], r#"{"customerEmail":"a@b.c"}"#);
    let by_path = app
        .get("/__magemock/journal?path_prefix=/rest/V1/directory&caller=guest")
        .json();
    assert_eq!(by_path.as_array().map(Vec::len), Some(1));
}

#[test]
fn unknown_control_endpoints_are_404_json() {
    let app = spawn_app();
    let r = app.get("/__magemock/nothing");
    assert_eq!(r.status, 404);
    assert!(r.json()["message"].is_string());
}
