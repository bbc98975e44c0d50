//! Renderers, Accept negotiation and the `fields` filter
//! (lib/internal/Magento/Framework/Webapi/Rest/Response/RendererFactory.php, Renderer/Xml.php,
//! Rest/Response/FieldsFilter.php, Webapi/ErrorProcessor.php `renderErrorMessage`).

use crate::helpers::spawn_app;
use crate::snap;

const CURRENCY: &str = "/rest/V1/directory/currency";

#[test]
fn xml_when_accept_asks_for_it() {
    let app = spawn_app();
    snap!(
        "currency_xml",
        app.request("GET", CURRENCY, &[("Accept", "application/xml")], None)
    );
    let text_xml = app.request(
        "GET",
        CURRENCY,
        &[("Accept", "text/html, text/*;q=0.5")],
        None,
    );
    assert!(text_xml.body.starts_with("<?xml"), "{}", text_xml.body);
    // errors use the chosen renderer too
    snap!(
        "route_miss_xml",
        app.request(
            "GET",
            "/rest/V1/nothing/here",
            &[("Accept", "application/xml")],
            None
        )
    );
}

#[test]
fn unacceptable_accept_is_406_in_the_fatal_envelope() {
    let app = spawn_app();
    snap!(
        "not_acceptable",
        app.request("GET", CURRENCY, &[("Accept", "text/html")], None)
    );
    snap!(
        "not_acceptable_xml",
        app.request("GET", CURRENCY, &[("Accept", "image/svg+xml")], None)
    );
}

#[test]
fn fields_filter_keeps_only_what_is_asked() {
    let app = spawn_app();
    snap!(
        "currency_fields",
        app.get(&format!(
            "{CURRENCY}?fields=base_currency_code,exchange_rates[rate]"
        ))
    );
    let malformed = app.get(&format!("{CURRENCY}?fields=base_currency_code;x"));
    assert_eq!((malformed.status, malformed.body.as_str()), (200, "[]"));
    // scalar results are never filtered
    let scalar = app.post_json(
        "/rest/V1/customers/isEmailAvailable?fields=x",
        r#"{"customerEmail":"new@example.com"}"#,
    );
    assert_eq!(scalar.body, "true");
}
