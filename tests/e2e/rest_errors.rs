//! Request parsing errors and Magento's error envelope
//! (lib/internal/Magento/Framework/Webapi/Rest/Request.php, Rest/Request/Deserializer/Json.php,
//! Webapi/ServiceInputProcessor.php, Webapi/ErrorProcessor.php).

use crate::helpers::spawn_app;
use crate::snap;

const ROUTE: &str = "/rest/V1/customers/isEmailAvailable";

#[test]
fn content_type_is_mandatory_and_strict() {
    let app = spawn_app();
    let body = Some(r#"{"customerEmail":"x@example.com"}"#);
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("content_type_missing", &[]),
        (
            "content_type_invalid",
            &[("Content-Type", "application/json; boundary=x")],
        ),
        (
            "content_type_charset",
            &[("Content-Type", "application/json; charset=latin1")],
        ),
        (
            "content_type_unsupported",
            &[("Content-Type", "text/plain")],
        ),
    ];
    for (name, headers) in cases {
        snap!(*name, app.request("POST", ROUTE, headers, body));
    }
    let ok = app.request(
        "POST",
        ROUTE,
        &[("Content-Type", "application/json; charset=UTF-8")],
        body,
    );
    assert_eq!((ok.status, ok.body.as_str()), (200, "true"));
}

#[test]
fn bad_json_is_a_decoding_error() {
    let app = spawn_app();
    snap!("bad_json", app.post_json(ROUTE, r#"{"customerEmail": "#));
}

/// An empty body is not decoded at all; the method parameter is then missing.
#[test]
fn empty_body_gives_the_required_field_error() {
    let app = spawn_app();
    snap!("required_field", app.request("POST", ROUTE, &[], Some("")));
    // JSON null counts as missing (PHP isset)
    assert_eq!(
        app.post_json(ROUTE, r#"{"customerEmail":null}"#).body,
        r#"{"message":"\"%fieldName\" is required. Enter and try again.","parameters":{"fieldName":"customerEmail"}}"#
    );
}

#[test]
fn parameters_are_read_by_camel_or_snake_name() {
    let app = spawn_app();
    let taken = app.post_json(ROUTE, r#"{"customer_email":"roni_cost@example.com"}"#);
    assert_eq!((taken.status, taken.body.as_str()), (200, "false"));
    let other_site = app.post_json(
        ROUTE,
        r#"{"customerEmail":"roni_cost@example.com","websiteId":99}"#,
    );
    assert_eq!(other_site.body, "true");
}

#[test]
fn xml_request_bodies_drop_their_root_element() {
    let app = spawn_app();
    let r = app.request(
        "POST",
        ROUTE,
        &[("Content-Type", "application/xml")],
        Some("<?xml version=\"1.0\"?><anything><customerEmail>roni_cost@example.com</customerEmail></anything>"),
    );
    assert_eq!((r.status, r.body.as_str()), (200, "false"));
    let bad = app.request(
        "POST",
        ROUTE,
        &[("Content-Type", "application/xml")],
        Some("<a><b></a>"),
    );
    assert_eq!(
        (bad.status, bad.body.as_str()),
        (400, r#"{"message":"Decoding error."}"#)
    );
}
