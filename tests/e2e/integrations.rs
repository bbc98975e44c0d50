//! The integration registry: hand-made integrations over the control API
//! (app/code/Magento/Integration/Model/IntegrationService.php) and integrations declared by
//! modules (Model/ConfigBasedIntegrationManager.php, Model/Config/Consolidated/Converter.php).

use std::path::PathBuf;

use magemock_server::Options;

use crate::helpers::{spawn_app, spawn_with, try_spawn_with};
use crate::snap;

fn repo_path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

const ACME: &str = r#"{"name":"AcmeErp","email":"dev@acme.example","endpoint":"https://erp.acme.example/endpoint","identity_link_url":"https://erp.acme.example/login","resources":["Magento_Catalog::products","Magento_Backend::store"]}"#;

#[test]
fn hand_made_integrations_have_a_consumer_and_a_grant() {
    let app = spawn_app();
    let created = app.post_json("/__magemock/integrations", ACME);
    snap!("integration_created", created);
    let v = created.json();
    assert_eq!(v["consumer_key"].as_str().map(str::len), Some(32));
    assert_eq!(v["status_label"], "Inactive");
    let dup = app.post_json("/__magemock/integrations", ACME);
    assert_eq!(dup.status, 400);
    assert_eq!(
        dup.json()["message"],
        "The integration with name \"AcmeErp\" exists."
    );
    let updated = app.put_json(
        "/__magemock/integrations/1",
        r#"{"email":"ops@acme.example","endpoint":null,"resources":"all"}"#,
    );
    assert_eq!(updated.status, 200, "{}", updated.body);
    assert_eq!(
        (
            updated.json()["email"].as_str(),
            updated.json()["resources"].as_str()
        ),
        (Some("ops@acme.example"), Some("all"))
    );
    assert!(updated.json()["endpoint"].is_null());
    assert_eq!(
        app.get("/__magemock/integrations")
            .json()
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    assert_eq!(app.delete("/__magemock/integrations/1").status, 204);
    let gone = app.get("/__magemock/integrations/1");
    assert_eq!(
        (gone.status, gone.json()["message"].as_str()),
        (404, Some("The integration with ID \"1\" doesn't exist."))
    );
}

#[test]
fn bad_integration_input_is_refused_with_a_reason() {
    let app = spawn_app();
    for (body, needle) in [
        (r#"{"name":"A","email":"dev@acme.example"}"#, "too short"),
        (r#"{"name":"Acme","email":"not-an-email"}"#, "not an e-mail"),
        (
            r#"{"name":"Acme","email":"dev@acme.example","resources":["Acme_Erp::nothing"]}"#,
            "Acme_Erp::nothing",
        ),
        (
            r#"{"name":"Acme","email":"dev@acme.example","resources":"some"}"#,
            "must be",
        ),
        (
            r#"{"name":"Acme","email":"dev@acme.example","colour":"red"}"#,
            "unknown field",
        ),
    ] {
        let r = app.post_json("/__magemock/integrations", body);
        assert_eq!(r.status, 400, "{body}");
        assert!(r.body.contains(needle), "{body} → {}", r.body);
    }
    assert_eq!(app.get("/__magemock/integrations").body, "[]");
}

#[test]
fn modules_declare_integrations_with_expanded_resources() {
    let app = spawn_with(Options {
        modules: vec![repo_path("fixtures/modules")],
        ..Options::default()
    });
    snap!(
        "integrations_from_modules",
        app.get("/__magemock/integrations")
    );
    // config-made integrations belong to their files
    let edit = app.put_json("/__magemock/integrations/1", r#"{"email":"x@y.example"}"#);
    assert_eq!(edit.status, 400);
    assert_eq!(app.delete("/__magemock/integrations/1").status, 400);
    let reload = app.request("POST", "/__magemock/modules/reload", &[], None);
    assert_eq!(
        reload.json()["unchanged"].as_array().map(Vec::len),
        Some(3),
        "{}",
        reload.body
    );
}

#[test]
fn a_broken_module_tree_stops_the_start_with_file_and_line() {
    let Err(e) = try_spawn_with(Options {
        modules: vec![repo_path("fixtures/modules-broken")],
        ..Options::default()
    }) else {
        panic!("must not start");
    };
    assert!(e.contains("integration.xml:"), "{e}");
}
