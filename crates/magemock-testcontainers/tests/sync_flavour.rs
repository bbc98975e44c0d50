//! The blocking flavour, with the builders: seed, release profile, an extra fixture (copied),
//! a config value, a modules directory (mounted), port 0 read back from the ready line.

use std::path::PathBuf;

use magemock_testcontainers::testcontainers::runners::SyncRunner;
use magemock_testcontainers::{Magemock, Method, SyncMagemockExt};
use serde_json::Value;

use crate::support::{container_exists, docker_tests_enabled};

const EXTRA: &str = r#"<magemock>
    <product sku="MM-DOCKER-1" name="Container &amp; Co. Mug" price="9.50" attribute_set="Default" qty="3"/>
</magemock>"#;

#[test]
fn the_blocking_flavour_and_the_builders() {
    if !docker_tests_enabled("the_blocking_flavour_and_the_builders") {
        return;
    }
    let modules = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/modules");
    let container = Magemock::default()
        .with_seed(7)
        .with_magento_version("2.4.3")
        .with_fixture("mug.xml", EXTRA)
        .with_config("oauth/access_token_lifetime/admin", "2")
        .with_modules_dir(&modules)
        .with_host_network_port(0)
        .start()
        .unwrap_or_else(|e| panic!("start magemock: {e}"));
    let id = container.id().to_string();
    let client = container.client().expect("client");

    let health = container.health().expect("health");
    assert_eq!((health.seed, health.magento_version.as_str()), (7, "2.4.3"));

    let admin = container.admin_token().expect("admin token");
    let read = |sku: &str| -> (u16, Value) {
        let r = client
            .http()
            .get(client.url(&format!("/rest/V1/products/{sku}")))
            .bearer_auth(&admin)
            .send()
            .expect("product");
        (r.status().as_u16(), r.json().unwrap_or(Value::Null))
    };
    // the default store and the extra fixture on top of it
    assert_eq!(read("24-MB01").0, 200);
    let (status, mug) = read("MM-DOCKER-1");
    assert_eq!(
        (status, mug["name"].as_str()),
        (200, Some("Container & Co. Mug"))
    );

    // the config value is part of the store
    assert_eq!(
        client
            .config_value("oauth/access_token_lifetime/admin")
            .expect("config"),
        Some("2".into())
    );

    // the mounted modules declared their integrations
    let integrations = client.integrations().expect("integrations");
    assert_eq!(integrations.len(), 3, "{integrations:?}");

    // the journal, the clock, and a reset that keeps the extra fixture (it is the seeded start)
    container
        .journal()
        .expect("journal")
        .expect(Method::Get, "/V1/products/MM-DOCKER-1")
        .times(1);
    let later = container.advance_clock(7200).expect("advance");
    container.reset().expect("reset");
    assert!(container.journal().expect("journal").is_empty());
    assert!(client.clock().expect("clock").unix < later.unix);
    let admin = container.admin_token().expect("admin token after reset");
    let r = client
        .http()
        .get(client.url("/rest/V1/products/MM-DOCKER-1"))
        .bearer_auth(&admin)
        .send()
        .expect("product after reset");
    assert_eq!(r.status().as_u16(), 200);

    container.rm().expect("remove");
    assert!(!container_exists(&id), "container {id} still exists");
}
