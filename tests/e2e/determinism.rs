//! Same seed + same requests = same bytes.

use crate::helpers::spawn_app;

fn session() -> Vec<String> {
    let app = spawn_app();
    let mut out = Vec::new();
    for (method, path, body) in [
        ("GET", "/rest/V1/directory/currency", None),
        (
            "GET",
            "/rest/default/V1/directory/currency?fields=exchange_rates",
            None,
        ),
        (
            "POST",
            "/rest/V1/customers/isEmailAvailable",
            Some(r#"{"customerEmail":"roni_cost@example.com"}"#),
        ),
        ("GET", "/rest/V1/nothing", None),
        ("POST", "/rest/V1/customers/isEmailAvailable", Some("{oops")),
        ("GET", "/__magemock/health", None),
        ("GET", "/__magemock/journal", None),
    ] {
        let headers: &[(&str, &str)] = if body.is_some() {
            &[("Content-Type", "application/json")]
        } else {
            &[]
        };
        let r = app.request(method, path, headers, body);
        out.push(r.snapshot());
    }
    out
}

#[test]
fn two_fresh_instances_answer_a_scripted_session_identically() {
    assert_eq!(session(), session());
}
