use serde_json::json;

use super::*;
use crate::model::Resources;

#[test]
fn base_urls_lose_their_trailing_slashes() {
    assert_eq!(trim_base("http://127.0.0.1:8080/"), "http://127.0.0.1:8080");
    assert_eq!(
        trim_base("http://127.0.0.1:8080//"),
        "http://127.0.0.1:8080"
    );
    assert_eq!(trim_base("http://h/magento"), "http://h/magento");
}

#[test]
fn calls_say_where_they_go_and_what_they_send() {
    let c = admin_token("admin");
    assert_eq!(
        (c.method, c.path.as_str()),
        (Method::Post, "/__magemock/tokens/admin")
    );
    assert_eq!(c.body, Some(json!({"username": "admin"})));

    assert_eq!(
        customer_token("a@b.example", None).body,
        Some(json!({"email": "a@b.example"}))
    );
    assert_eq!(
        customer_token("a@b.example", Some(2)).body,
        Some(json!({"email": "a@b.example", "website_id": 2}))
    );
    let login = login_customer("a@b.example", "pw");
    assert_eq!(login.path, "/rest/V1/integration/customer/token");
    assert_eq!(
        login.body,
        Some(json!({"username": "a@b.example", "password": "pw"}))
    );

    let plain = activate(3, Wait::No);
    assert_eq!(
        (plain.path.as_str(), &plain.body, plain.timeout),
        ("/__magemock/integrations/3/activate", &None, None)
    );
    let waiting = activate(3, Wait::from(true));
    assert_eq!(
        (&waiting.body, waiting.timeout),
        (&Some(json!({"wait": true})), Some(SLOW_TIMEOUT))
    );

    assert_eq!(
        set_config(&[("a/b/c", Some("1")), ("d/e/f", None)]).body,
        Some(json!({"a/b/c": "1", "d/e/f": null}))
    );
    assert_eq!(journal(&JournalFilter::new()).path, "/__magemock/journal");
    assert_eq!(
        journal(&JournalFilter::new().caller("admin").limit(2)).path,
        "/__magemock/journal?caller=admin&limit=2"
    );
    assert_eq!(
        handshake_report(4).path,
        "/__magemock/integrations/4/handshake"
    );

    let new = NewIntegration::with_resources("Erp", "e@x.example", ["Magento_Catalog::products"])
        .endpoint("http://127.0.0.1:9/endpoint");
    assert_eq!(
        create_integration(&new).map(|c| c.body).ok().flatten(),
        Some(json!({
            "name": "Erp", "email": "e@x.example", "endpoint": "http://127.0.0.1:9/endpoint",
            "resources": ["Magento_Catalog::products"]
        }))
    );
    assert_eq!(
        serde_json::to_value(NewIntegration::all_resources("Erp", "e@x.example")).ok(),
        Some(json!({"name": "Erp", "email": "e@x.example", "resources": "all"}))
    );
}

#[test]
fn answers_other_than_2xx_carry_magemock_s_body() {
    let err = reset()
        .finish(
            "http://h/__magemock/reset",
            503,
            r#"{"message":"resetting"}"#.into(),
        )
        .expect_err("503");
    assert_eq!(err.status(), Some(503));
    assert_eq!(
        err.to_string(),
        r#"POST http://h/__magemock/reset answered 503: {"message":"resetting"}"#
    );
    let err = clock()
        .finish("http://h/__magemock/clock", 200, "<html>".into())
        .expect_err("not JSON");
    assert!(
        matches!(&err, Error::Decode { body, .. } if body == "<html>"),
        "{err:?}"
    );
}

#[test]
fn activation_answers_decode_with_and_without_a_wait() {
    let at_once = activate(1, Wait::No)
        .finish(
            "u",
            200,
            r#"{"integration_id":1,"oauth_consumer_key":"k","oauth_consumer_secret":"s",
                "oauth_token":"t","oauth_token_secret":"ts","status":1}"#
                .into(),
        )
        .expect("decodes");
    assert_eq!(
        (at_once.oauth_token.as_deref(), at_once.integration),
        (Some("t"), None)
    );
    let waited = activate(1, Wait::ForExchange)
        .finish(
            "u",
            200,
            r#"{"activation":{"integration_id":1,"identity_link_url":null,"oauth_consumer_key":"k"},
                "integration":{"id":1,"name":"Erp","email":"e@x","endpoint":"http://e","identity_link_url":null,
                  "status":1,"status_label":"Active","setup_type":0,"consumer_id":1,
                  "consumer_key":"k","consumer_secret":"s","resources":["Magento_Catalog::products"],
                  "created_at":"","updated_at":"","token":"t","token_secret":"ts"}}"#
                .into(),
        )
        .expect("decodes");
    let integration = waited.integration.expect("the integration after the wait");
    assert_eq!(
        (integration.status_label.as_str(), integration.resources),
        (
            "Active",
            Resources::Some(vec!["Magento_Catalog::products".into()])
        )
    );
}

#[test]
fn reports_decode_as_the_server_writes_them() {
    let coverage = acl_coverage()
        .finish(
            "u",
            200,
            r#"{"integrations":[{"granted":"all","used":["Magento_Catalog::products"],"unused":null,"id":1,"name":"A"}],
                "roles":[{"granted":["Magento_Backend::store"],"unused":["Magento_Backend::store"],"used":[],"id":2,"name":"R"}]}"#
                .into(),
        )
        .expect("decodes");
    assert_eq!(coverage.integrations[0].granted, Resources::All);
    assert_eq!(
        coverage.roles[0].unused.as_deref(),
        Some(&["Magento_Backend::store".to_string()][..])
    );
    let report = handshake_report(1)
        .finish(
            "u",
            200,
            r#"{"credentials_posted":{"at":"2026-01-15 10:00:00","outcome":"HTTP 200"},
                "identity_link_done":null,"request_token":"2026-01-15 10:00:01","access_token":null,
                "first_signed_call":null,"last_error":null}"#
                .into(),
        )
        .expect("decodes");
    assert_eq!(
        report.credentials_posted.map(|s| s.outcome),
        Some("HTTP 200".to_string())
    );
    assert!(
        Resources::deserialize(json!("most")).is_err(),
        "only \"all\" or a list"
    );
}
