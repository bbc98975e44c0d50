//! The async flavour end to end: a container on the host network, the credentials the helpers
//! hand out, an integration activated against a connector in this test, the OAuth exchange and
//! a signed call, reset, the clock, and the container gone afterwards.

use magemock_testcontainers::testcontainers::runners::AsyncRunner;
use magemock_testcontainers::{
    AsyncMagemockExt, CUSTOMER_EMAIL, CUSTOMER_PASSWORD, Error, JournalFilter, Magemock, Method,
    NewIntegration, Wait,
};
use serde_json::Value;

use crate::support::{Connector, OauthClient, container_exists, docker_tests_enabled, token_pair};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_container_hands_out_working_credentials_and_goes_away() {
    if !docker_tests_enabled("a_container_hands_out_working_credentials_and_goes_away") {
        return;
    }
    let container = Magemock::default()
        .with_host_network()
        .start()
        .await
        .unwrap_or_else(|e| panic!("start magemock: {e}"));
    let id = container.id().to_string();
    let client = container.client().await.expect("client");
    let base = client.base_url().to_string();
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");

    // health
    let health = container.health().await.expect("health");
    assert_eq!(
        (health.status.as_str(), health.magento_version.as_str()),
        ("ready", "2.4.8")
    );

    // the admin token reads a product
    let admin = container.admin_token().await.expect("admin token");
    let product = client
        .http()
        .get(client.url("/rest/V1/products/24-MB01"))
        .bearer_auth(&admin)
        .send()
        .await
        .expect("product");
    assert_eq!(product.status(), 200);
    let product: Value = product.json().await.expect("product json");
    assert_eq!(
        (product["sku"].as_str(), product["name"].as_str()),
        (Some("24-MB01"), Some("Joust Duffle Bag"))
    );

    // the customer token is the customer's
    let customer = container
        .customer_token(CUSTOMER_EMAIL, CUSTOMER_PASSWORD)
        .await
        .expect("customer token");
    let me: Value = client
        .http()
        .get(client.url("/rest/V1/customers/me"))
        .bearer_auth(&customer)
        .send()
        .await
        .expect("me")
        .json()
        .await
        .expect("me json");
    assert_eq!(me["email"], CUSTOMER_EMAIL);
    let wrong = container.customer_token(CUSTOMER_EMAIL, "nope").await;
    assert!(
        matches!(wrong, Err(Error::Status { status: 401, .. })),
        "{wrong:?}"
    );

    // an integration activated against the connector's endpoint
    let connector = Connector::start();
    let integration = container
        .create_integration(
            &NewIntegration::new("AcmeErp", "dev@acme.example")
                .endpoint(&connector.endpoint)
                .identity_link_url("http://127.0.0.1:9/login")
                .resources(["Magento_Catalog::products"]),
        )
        .await
        .expect("create integration");
    assert_eq!(integration.status_label, "Inactive");
    let activation = container
        .activate(integration.id, Wait::No)
        .await
        .expect("activate");
    let posted = connector.credentials();
    assert_eq!(
        activation.oauth_consumer_key.as_deref(),
        Some(posted.key.as_str())
    );
    assert_eq!(posted.store_base_url, format!("{base}/"));

    // the connector's OAuth 1.0a exchange, then a signed REST call
    let oauth = OauthClient {
        key: posted.key.clone(),
        secret: posted.secret.clone(),
    };
    let now = client.clock().await.expect("clock").unix;
    let url = format!("{base}/oauth/token/request");
    let answer = client
        .http()
        .post(&url)
        .header("Authorization", oauth.header("POST", &url, now, None, None))
        .send()
        .await
        .expect("request token");
    assert_eq!(answer.status(), 200);
    let (request_token, request_secret) = token_pair(&answer.text().await.expect("body"));
    let url = format!("{base}/oauth/token/access");
    let answer = client
        .http()
        .post(&url)
        .header(
            "Authorization",
            oauth.header(
                "POST",
                &url,
                now,
                Some((&request_token, &request_secret)),
                Some(&posted.verifier),
            ),
        )
        .send()
        .await
        .expect("access token");
    assert_eq!(answer.status(), 200);
    let (token, secret) = token_pair(&answer.text().await.expect("body"));
    let url = format!("{base}/rest/V1/products/24-MB01");
    let signed = client
        .http()
        .get(&url)
        .header(
            "Authorization",
            oauth.header("GET", &url, now, Some((&token, &secret)), None),
        )
        .send()
        .await
        .expect("signed call");
    assert_eq!(signed.status(), 200);
    let journal = client
        .journal_where(
            &JournalFilter::new()
                .path_prefix("/rest/V1/products/24-MB01")
                .limit(1),
        )
        .await
        .expect("journal");
    assert_eq!(
        (journal[0].caller.as_str(), journal[0].caller_id),
        ("integration", Some(integration.id))
    );
    let report = container
        .handshake_report(integration.id)
        .await
        .expect("handshake report");
    assert!(
        report.access_token.is_some() && report.first_signed_call.is_some(),
        "{report:?}"
    );
    let active = client
        .integration(integration.id)
        .await
        .expect("integration");
    assert_eq!(
        (active.status_label.as_str(), active.token.as_deref()),
        ("Active", Some(token.as_str()))
    );
    // outside the grant: Magento's 401 naming the resource
    let url = format!("{base}/rest/V1/customers/1");
    let denied = client
        .http()
        .get(&url)
        .header(
            "Authorization",
            oauth.header("GET", &url, now, Some((&token, &secret)), None),
        )
        .send()
        .await
        .expect("denied call");
    assert_eq!(denied.status(), 401);
    let journal = container.journal().await.expect("journal");
    journal
        .expect(Method::Post, "/oauth/token/request")
        .times(1);
    journal.expect(Method::Get, "/V1/customers/1").times(1);
    let coverage = container.acl_coverage().await.expect("coverage");
    assert!(
        coverage.integrations[0]
            .used
            .iter()
            .any(|r| r == "Magento_Catalog::products"),
        "{coverage:?}"
    );

    // the clock moves without sleeping
    let before = client.clock().await.expect("clock");
    let after = container.advance_clock(3600).await.expect("advance");
    assert!(after.unix >= before.unix + 3600, "{before:?} → {after:?}");

    // reset: the seeded start again
    container.reset().await.expect("reset");
    assert!(container.journal().await.expect("journal").is_empty());
    let gone = client.integration(integration.id).await;
    assert!(
        matches!(gone, Err(Error::Status { status: 404, .. })),
        "{gone:?}"
    );
    let now = client.clock().await.expect("clock").unix;
    let url = format!("{base}/rest/V1/products/24-MB01");
    let stale = client
        .http()
        .get(&url)
        .header(
            "Authorization",
            oauth.header("GET", &url, now, Some((&token, &secret)), None),
        )
        .send()
        .await
        .expect("stale signed call");
    assert_eq!(stale.status(), 401, "the consumer is gone with the reset");
    let clock = client.clock().await.expect("clock");
    assert!(
        clock.unix < after.unix,
        "{clock:?} after reset, {after:?} before"
    );

    // dropping the handle removes the container
    assert!(container_exists(&id));
    drop(container);
    assert!(!container_exists(&id), "container {id} still exists");
}
