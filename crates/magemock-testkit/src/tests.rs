use std::sync::Arc;

use serde_json::{Value, json};

use crate::{
    ADMIN_PASSWORD, CUSTOMER_EMAIL, Client, Error, JournalFilter, Method, NewIntegration,
    Resources, StoreOptions, TestStore, Wait,
};

/// `2026-01-15 10:00:00` UTC, where every test store's clock stands.
const FROZEN_UNIX: i64 = 1_768_471_200;

async fn rest(client: &Client, method: &str, path: &str, token: &str, body: Option<Value>) -> u16 {
    let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
    let mut request = client
        .http()
        .request(method, client.url(path))
        .bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.expect("sent").status().as_u16()
}

/// Twenty stores in one process, started together and all alive at once, share nothing: each
/// keeps its own port, database (ids, products, integrations), clock, config and journal.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_concurrent_stores_are_isolated() {
    const STORES: i64 = 20;
    let all_up = Arc::new(tokio::sync::Barrier::new(STORES as usize));
    let mut set = tokio::task::JoinSet::new();
    for i in 0..STORES {
        let all_up = Arc::clone(&all_up);
        set.spawn(async move {
            let store = TestStore::start().await.expect("starts");
            let c = store.client();
            let period = (100 + i).to_string();
            c.set_config("oauth/consumer/expiration_period", &period)
                .await
                .expect("config");
            c.advance_clock(60 * i).await.expect("clock");
            let made = c
                .create_integration(&NewIntegration::new(format!("Store{i}"), "a@b.example"))
                .await
                .expect("created");
            let admin = c.admin_token("admin").await.expect("token");
            let sku = format!("ISO-{i}");
            let product =
                json!({"product": {"sku": sku, "name": sku, "price": i, "attribute_set_id": 4}});
            let path = format!("/rest/V1/products/{sku}");
            assert_eq!(rest(c, "PUT", &path, &admin, Some(product)).await, 200);

            // every store has written before any store looks
            all_up.wait().await;

            assert_eq!(made.id, 1, "ids start afresh in every store");
            let names: Vec<String> = c
                .integrations()
                .await
                .expect("integrations")
                .into_iter()
                .map(|i| i.name)
                .collect();
            assert_eq!(names, [format!("Store{i}")]);
            assert_eq!(
                c.clock().await.expect("clock").unix,
                FROZEN_UNIX + 60 * i,
                "store {i}'s clock moved by its own advance only"
            );
            assert_eq!(
                c.config_value("oauth/consumer/expiration_period")
                    .await
                    .expect("config"),
                Some(period)
            );
            assert_eq!(rest(c, "GET", &path, &admin, None).await, 200);
            let neighbour = format!("/rest/V1/products/ISO-{}", (i + 1) % STORES);
            assert_eq!(rest(c, "GET", &neighbour, &admin, None).await, 404);
            let journal = store.journal().await.expect("journal");
            let seen: Vec<(&str, &str, u16)> = journal
                .iter()
                .map(|e| (e.method.as_str(), e.path.as_str(), e.status))
                .collect();
            assert_eq!(
                seen,
                [
                    ("PUT", path.as_str(), 200),
                    ("GET", path.as_str(), 200),
                    ("GET", neighbour.as_str(), 404)
                ],
                "store {i} journaled its own requests only"
            );
            (store.base_url().to_string(), made.consumer_key)
        });
    }
    let mut urls = std::collections::BTreeSet::new();
    let mut keys = std::collections::BTreeSet::new();
    while let Some(done) = set.join_next().await {
        let (url, key) = done.expect("task");
        urls.insert(url);
        keys.insert(key);
    }
    assert_eq!(urls.len(), STORES as usize);
    // same seed, same draws: every store made the same consumer key
    assert_eq!(keys.len(), 1);
}

/// Each client call against the real server: the client's types and the control API's JSON
/// agree.
#[tokio::test]
async fn every_client_call_works_against_the_real_server() {
    let store = TestStore::start().await.expect("starts");
    let c = store.client();

    let health = c.health().await.expect("health");
    assert_eq!(
        (health.status.as_str(), health.magento_version.as_str()),
        ("ready", "2.4.8")
    );

    // tokens: minted, and through Magento's own routes
    let admin = c.admin_token("admin").await.expect("admin token");
    assert!(c.customer_token(CUSTOMER_EMAIL).await.is_ok());
    assert!(c.customer_token_in_website(CUSTOMER_EMAIL, 1).await.is_ok());
    let nobody = c.admin_token("nobody").await.expect_err("no such admin");
    assert_eq!(nobody.status(), Some(404), "{nobody}");
    assert!(c.login_admin("admin", ADMIN_PASSWORD).await.is_ok());
    let wrong = c.login_customer(CUSTOMER_EMAIL, "wrong").await;
    assert!(
        matches!(wrong, Err(Error::Status { status: 401, .. })),
        "{wrong:?}"
    );

    // an integration, activated at once, used as a bearer
    let made = c
        .create_integration(&NewIntegration::with_resources(
            "Erp",
            "erp@example.com",
            ["Magento_Catalog::products"],
        ))
        .await
        .expect("created");
    assert_eq!(c.integration(made.id).await.expect("one"), made);
    assert_eq!(
        c.integrations().await.expect("all"),
        std::slice::from_ref(&made)
    );
    let activation = c.activate(made.id, Wait::No).await.expect("activated");
    let token = activation.oauth_token.expect("token at once, no endpoint");
    assert_eq!(
        c.integration(made.id).await.expect("active").status_label,
        "Active"
    );
    c.set_config("oauth/consumer/enable_integration_as_bearer", "1")
        .await
        .expect("bearer on");
    assert_eq!(
        rest(c, "GET", "/rest/V1/products/24-MB01", &token, None).await,
        200
    );
    assert_eq!(
        rest(c, "GET", "/rest/V1/products/24-MB01", &admin, None).await,
        200
    );
    let report = c.handshake_report(made.id).await.expect("handshake");
    assert_eq!(
        report.credentials_posted.map(|s| s.outcome).as_deref(),
        Some("no endpoint: activated at once")
    );

    let coverage = c.acl_coverage().await.expect("coverage");
    let erp = coverage
        .integrations
        .iter()
        .find(|i| i.id == made.id)
        .expect("the integration's coverage");
    assert_eq!(erp.used, ["Magento_Catalog::products"]);
    assert_eq!(erp.unused, Some(Vec::new()));
    assert!(matches!(erp.granted, Resources::Some(_)));

    // the journal, filtered on magemock's side and asserted on ours
    let by_integration = c
        .journal_where(&JournalFilter::new().caller("integration"))
        .await
        .expect("filtered");
    assert_eq!(by_integration.len(), 1);
    assert_eq!(by_integration[0].caller_id, Some(made.id));
    let journal = c.journal().await.expect("journal");
    journal.expect(Method::Get, "/V1/products/24-MB01").times(2);
    journal
        .expect(Method::Post, "/V1/integration/customer/token")
        .times(1);
    c.clear_journal().await.expect("cleared");
    assert!(c.journal().await.expect("journal").is_empty());

    // clock and config
    let clock = c.clock().await.expect("clock");
    assert_eq!((clock.unix, clock.frozen), (FROZEN_UNIX, true));
    assert_eq!(
        c.advance_clock(60).await.expect("advanced").unix,
        FROZEN_UNIX + 60
    );
    c.update_config(&[("oauth/consumer/enable_integration_as_bearer", None)])
        .await
        .expect("default again");
    let unknown = c
        .set_config("no/such/path", "1")
        .await
        .expect_err("unknown");
    assert_eq!(unknown.status(), Some(400));

    // reset: the seeded start
    c.reset().await.expect("reset");
    assert!(c.integrations().await.expect("none").is_empty());
    assert_eq!(c.clock().await.expect("clock").unix, FROZEN_UNIX);
}

#[test]
fn blocking_stores_work_without_a_runtime() {
    let store =
        crate::blocking::TestStore::start_with(StoreOptions::default().seed(7)).expect("starts");
    assert_eq!(store.client().health().expect("health").seed, 7);
    let token = store.admin_token("admin").expect("token");
    assert!(token.starts_with("eyJ"));
    let status = store
        .client()
        .http()
        .get(store.client().url("/rest/V1/products/24-MB01"))
        .bearer_auth(&token)
        .send()
        .expect("product")
        .status();
    assert_eq!(status, 200);
    store
        .journal()
        .expect("journal")
        .expect(Method::Get, "/V1/products/24-MB01")
        .times(1);
    store.reset().expect("reset");
    assert!(store.journal().expect("journal").is_empty());
    let err = crate::blocking::TestStore::start_with(
        StoreOptions::default().fixtures(&[("bad.xml", "<magemock><nope/></magemock>")]),
    )
    .expect_err("bad fixture");
    assert!(matches!(err, Error::Start(_)), "{err:?}");
    assert!(err.to_string().contains("bad.xml:1:11"), "{err}");
}

#[tokio::test]
async fn store_options_shape_the_seeded_start() {
    let dir = std::env::temp_dir().join(format!("magemock-testkit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("mug.xml");
    std::fs::write(
        &file,
        r#"<magemock><product sku="MM-MUG" name="Mug" price="9.50" attribute_set="Default" qty="3"/></magemock>"#,
    )
    .expect("fixture file");
    let options = StoreOptions::default()
        .magento_version("2.4.3")
        .expect("a known release")
        .fixture(
            "trade.xml",
            r#"<magemock><customerGroup code="Trade" tax_class_id="3"/></magemock>"#,
        )
        .fixture_file(&file)
        .expect("readable")
        .config("oauth/access_token_lifetime/admin", "2");
    let store = TestStore::start_with(options).await.expect("starts");
    let _ = std::fs::remove_dir_all(&dir);
    let c = store.client();
    assert_eq!(c.health().await.expect("health").magento_version, "2.4.3");
    let admin = c.admin_token("admin").await.expect("token");
    assert_eq!(
        rest(c, "GET", "/rest/V1/products/MM-MUG", &admin, None).await,
        200,
        "the fixture file loaded on top of the default store"
    );
    assert_eq!(
        rest(c, "GET", "/rest/V1/products/24-MB01", &admin, None).await,
        200
    );
    c.set_config("oauth/access_token_lifetime/admin", "9")
        .await
        .expect("set");
    c.reset().await.expect("reset");
    assert_eq!(
        c.config_value("oauth/access_token_lifetime/admin")
            .await
            .expect("config"),
        Some("2".into()),
        "a configured value is part of the seeded start"
    );

    let bad = StoreOptions::default().magento_version("2.5.0");
    assert!(matches!(bad, Err(Error::Start(_))), "{bad:?}");
    let missing = StoreOptions::default().fixture_file(dir.join("missing.xml"));
    assert!(
        missing
            .as_ref()
            .is_err_and(|e| e.to_string().contains("missing.xml")),
        "{missing:?}"
    );
    let refused = TestStore::start_with(StoreOptions::default().config("no/such/path", "1")).await;
    assert!(
        refused
            .as_ref()
            .is_err_and(|e| e.to_string().contains("no/such/path")),
        "{refused:?}"
    );
}

#[tokio::test]
async fn journal_expectations_read_like_a_test() {
    let store = TestStore::start().await.expect("starts");
    let r = store
        .client()
        .http()
        .get(format!(
            "{}/rest/default/V1/directory/currency",
            store.base_url()
        ))
        .send()
        .await
        .expect("sent");
    assert_eq!(r.status(), 200);
    let journal = store.journal().await.expect("journal");
    journal
        .expect(Method::Get, "/V1/directory/currency")
        .times(1);
    journal.expect(Method::Post, "/V1/products").times(0);
    let failure = std::panic::catch_unwind(|| {
        journal.expect(Method::Post, "/V1/products").times(1);
    })
    .expect_err("unmet");
    let text = failure
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_default();
    assert!(
        text.ends_with("#1 GET /rest/default/V1/directory/currency → 200 (guest)"),
        "{text}"
    );
}
