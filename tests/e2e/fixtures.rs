//! Fixture XML: loading at start and through the control API, errors with file:line:column,
//! and all-or-nothing loads.

use crate::helpers::{options_with_fixtures, spawn_app, try_spawn_with};
use crate::snap;

const SECOND_STORE: &str = include_str!("../../fixtures/examples/second-store-view.xml");

#[test]
fn a_loaded_fixture_adds_a_store_code_that_rest_urls_accept() {
    let app = spawn_app();
    assert_eq!(app.get("/rest/fr/V1/directory/currency").status, 400);
    let r = app.request(
        "POST",
        "/__magemock/fixtures?name=second-store-view.xml",
        &[],
        Some(SECOND_STORE),
    );
    snap!("load_second_store", r);
    assert_eq!(app.get("/rest/fr/V1/directory/currency").status, 200);
}

#[test]
fn a_broken_fixture_names_file_line_and_column_and_loads_nothing() {
    let app = spawn_app();
    let broken = "<magemock>\n  <config path=\"currency/options/default\" value=\"EUR\"/>\n  <website ref=\"base\">\n    <group ref=\"main_website_store\">\n      <store code=\"it\" name=\"Italian\"/>\n    </group>\n  </website>\n  <product sku=\"X-1\" name=\"x\" price=\"cheap\"/>\n</magemock>\n";
    snap!(
        "load_broken",
        app.request(
            "POST",
            "/__magemock/fixtures?name=broken.xml",
            &[],
            Some(broken)
        )
    );
    // nothing of it stayed: neither the config value nor the store view
    assert_eq!(
        app.get("/rest/V1/directory/currency").json()["default_display_currency_code"],
        "USD"
    );
    assert_eq!(app.get("/rest/it/V1/directory/currency").status, 400);
    let malformed = app.request(
        "POST",
        "/__magemock/fixtures?name=bad.xml",
        &[],
        Some("<magemock>\n<config path=\"x\"\n</magemock>"),
    );
    assert_eq!(malformed.status, 400);
    assert!(
        malformed.json()["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("bad.xml:")),
        "{}",
        malformed.body
    );
}

#[test]
fn a_late_failure_rolls_back_the_whole_document() {
    let app = spawn_app();
    // the store view is valid; the duplicate SKU near the end is not
    let doc = "<magemock>\n  <website ref=\"base\"><group ref=\"main_website_store\"><store code=\"es\" name=\"Spanish\"/></group></website>\n  <product sku=\"24-MB01\" name=\"dup\" price=\"1\"/>\n</magemock>\n";
    let r = app.request("POST", "/__magemock/fixtures?name=dup.xml", &[], Some(doc));
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(
        r.json()["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("dup.xml:3:")),
        "{}",
        r.body
    );
    assert_eq!(app.get("/rest/es/V1/directory/currency").status, 400);
}

#[test]
fn start_fails_cleanly_on_a_bad_fixture_file() {
    let options =
        options_with_fixtures(&[("my-store.xml", "<magemock>\n  <nonsense/>\n</magemock>")]);
    let Err(message) = try_spawn_with(options) else {
        panic!("must not start");
    };
    assert!(message.contains("my-store.xml:2:3"), "{message}");
}

#[test]
fn reset_forgets_loaded_fixtures() {
    let app = spawn_app();
    app.request("POST", "/__magemock/fixtures", &[], Some(SECOND_STORE));
    assert_eq!(app.get("/rest/fr/V1/directory/currency").status, 200);
    app.request("POST", "/__magemock/reset", &[], None);
    assert_eq!(app.get("/rest/fr/V1/directory/currency").status, 400);
}
