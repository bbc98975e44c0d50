//! Magento's integration activation and OAuth 1.0a handshake, played against a connector
//! written here with an independent OAuth client
//! (app/code/Magento/Integration/Controller/Adminhtml/Integration/TokensExchange.php,
//! Model/OauthService.php, Controller/Token/Request.php, Access.php,
//! lib/internal/Magento/Framework/Oauth/Oauth.php, Model/Oauth/Token/Provider.php,
//! Webapi/Model/Authorization/OauthUserContext.php).

use std::collections::HashMap;
use std::sync::mpsc;

use actix_web::{App, HttpResponse, HttpServer, web};
use magemock_core::MagentoVersion;
use magemock_server::Options;

use crate::helpers::{TestApp, spawn_app, spawn_with};
use crate::oauth_client::{authorize, token_pair};
use crate::snap;

/// What the connector's endpoint received.
#[derive(Debug, Clone)]
pub struct Posted {
    pub key: String,
    pub secret: String,
    pub verifier: String,
    pub store_base_url: String,
}

/// A connector's endpoint on a random port: it records the credentials POST.
pub fn connector() -> (String, mpsc::Receiver<Posted>) {
    let (tx, rx) = mpsc::channel();
    let (url_tx, url_rx) = mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = HttpServer::new(move || {
                let tx = tx.clone();
                App::new().route(
                    "/endpoint",
                    web::post().to(move |form: web::Form<HashMap<String, String>>| {
                        let tx = tx.clone();
                        async move {
                            let get = |k: &str| form.get(k).cloned().unwrap_or_default();
                            let _ = tx.send(Posted {
                                key: get("oauth_consumer_key"),
                                secret: get("oauth_consumer_secret"),
                                verifier: get("oauth_verifier"),
                                store_base_url: get("store_base_url"),
                            });
                            HttpResponse::Ok().body("thanks")
                        }
                    }),
                )
            })
            .workers(1)
            .bind("127.0.0.1:0")
            .expect("bind");
            let port = server.addrs()[0].port();
            let _ = url_tx.send(format!("http://127.0.0.1:{port}/endpoint"));
            let _ = server.run().await;
        });
    });
    (url_rx.recv().expect("connector url"), rx)
}

fn create_integration(app: &TestApp, endpoint: &str, resources: &str) -> i64 {
    let body = format!(
        r#"{{"name":"AcmeErp","email":"dev@acme.example","endpoint":"{endpoint}","identity_link_url":"https://erp.acme.example/login","resources":{resources}}}"#
    );
    let r = app.post_json("/__magemock/integrations", &body);
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()["id"].as_i64().expect("id")
}

fn form_post(app: &TestApp, path: &str, authorization: &str) -> crate::helpers::Resp {
    app.request("POST", path, &[("Authorization", authorization)], None)
}

/// The connector's side of the exchange: request token, then access token.
fn exchange(app: &TestApp, p: &Posted) -> (String, String) {
    let base = p.store_base_url.trim_end_matches('/');
    let request_url = format!("{base}/oauth/token/request");
    let r = form_post(
        app,
        "/oauth/token/request",
        &authorize("POST", &request_url, (&p.key, &p.secret), None, None, &[]),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let (rt, rs) = token_pair(&r.body);
    let access_url = format!("{base}/oauth/token/access");
    let r = form_post(
        app,
        "/oauth/token/access",
        &authorize(
            "POST",
            &access_url,
            (&p.key, &p.secret),
            Some((&rt, &rs)),
            Some(&p.verifier),
            &[],
        ),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    token_pair(&r.body)
}

fn activate(app: &TestApp, id: i64) -> serde_json::Value {
    let r = app.request(
        "POST",
        &format!("/__magemock/integrations/{id}/activate"),
        &[],
        None,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
}

/// An all-resources integration pointing at a fresh connector, activated: the credentials the
/// connector received, and the channel later POSTs (reauthorize) arrive on.
fn activated_integration(app: &TestApp) -> (i64, Posted, mpsc::Receiver<Posted>) {
    let (endpoint, posts) = connector();
    let id = create_integration(app, &endpoint, r#""all""#);
    activate(app, id);
    let posted = posts.recv().expect("credentials posted");
    (id, posted, posts)
}

#[test]
fn full_handshake_then_signed_rest_calls() {
    let app = spawn_app();
    let (endpoint, posts) = connector();
    let id = create_integration(&app, &endpoint, r#""all""#);
    let answer = activate(&app, id);
    let posted = posts.recv().expect("credentials posted");
    assert_eq!(answer["oauth_consumer_key"], posted.key.as_str());
    assert_eq!(posted.store_base_url, format!("{}/", app.url));
    assert_eq!(
        answer["identity_link_url"],
        format!(
            "https://erp.acme.example/login?oauth_consumer_key={}&success_call_back=http%3A%2F%2F{}%2F__magemock%2Fintegrations%2F{id}%2Fsuccess",
            posted.key,
            app.url.trim_start_matches("http://").replace(':', "%3A")
        )
    );
    let (token, secret) = exchange(&app, &posted);
    let view = app.get(&format!("/__magemock/integrations/{id}")).json();
    assert_eq!(
        (view["status"].as_i64(), view["token"].as_str()),
        (Some(1), Some(token.as_str()))
    );

    // a signed GET with bracketed searchCriteria in its query (signed, decoded); oauth1-request
    // writes parameter names into the base string as given, so they go in encoded twice
    let url = format!("{}/rest/V1/directory/currency", app.url);
    let auth = authorize(
        "GET",
        &url,
        (&posted.key, &posted.secret),
        Some((&token, &secret)),
        None,
        &[("searchCriteria%255BpageSize%255D", "5")],
    );
    let r = app.request(
        "GET",
        "/rest/V1/directory/currency?searchCriteria%5BpageSize%5D=5",
        &[("Authorization", &auth)],
        None,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let journal = app
        .get("/__magemock/journal?path_prefix=/rest/V1/directory&limit=1")
        .json();
    assert_eq!(
        (
            journal[0]["caller"].as_str(),
            journal[0]["caller_id"].as_i64()
        ),
        (Some("integration"), Some(id))
    );

    // a signed POST with a JSON body: the body is not part of the signature
    let url = format!("{}/rest/V1/customers/isEmailAvailable", app.url);
    let auth = authorize(
        "POST",
        &url,
        (&posted.key, &posted.secret),
        Some((&token, &secret)),
        None,
        &[],
    );
    let r = app.request(
        "POST",
        "/rest/V1/customers/isEmailAvailable",
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
        ],
        Some(r#"{"customerEmail":"roni_cost@example.com"}"#),
    );
    assert_eq!((r.status, r.body.as_str()), (200, "false"));

    // replaying the same signed request reuses its nonce
    let r = app.request(
        "POST",
        "/rest/V1/customers/isEmailAvailable",
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
        ],
        Some(r#"{"customerEmail":"roni_cost@example.com"}"#),
    );
    snap!("rest_nonce_replay", r);
    let report = app
        .get(&format!("/__magemock/integrations/{id}/handshake"))
        .json();
    assert!(
        report["access_token"].is_string() && report["first_signed_call"].is_string(),
        "{report}"
    );
}

#[test]
fn wrong_signatures_and_tokens_on_rest_calls_are_rest_errors() {
    let app = spawn_app();
    let (_id, posted, _posts) = activated_integration(&app);
    let (token, _) = exchange(&app, &posted);
    let url = format!("{}/rest/V1/directory/currency", app.url);
    let bad = authorize(
        "GET",
        &url,
        (&posted.key, &posted.secret),
        Some((&token, "wrong-secret")),
        None,
        &[],
    );
    snap!(
        "rest_bad_signature",
        app.request(
            "GET",
            "/rest/V1/directory/currency",
            &[("Authorization", &bad)],
            None
        )
    );
    let unknown = authorize(
        "GET",
        &url,
        (&posted.key, &posted.secret),
        Some(("0123456789abcdef0123456789abcdef", "x")),
        None,
        &[],
    );
    snap!(
        "rest_unknown_token",
        app.request(
            "GET",
            "/rest/V1/directory/currency",
            &[("Authorization", &unknown)],
            None
        )
    );
    snap!(
        "rest_missing_params",
        app.request(
            "GET",
            "/rest/V1/directory/currency",
            &[("Authorization", "OAuth oauth_consumer_key=\"abc\"")],
            None
        )
    );
}

#[test]
fn token_endpoint_problems() {
    let app = spawn_app();
    let (_id, p, _posts) = activated_integration(&app);
    let url = format!("{}/oauth/token/request", app.url);
    snap!(
        "problem_missing_all",
        form_post(&app, "/oauth/token/request", "OAuth realm=\"x\"")
    );
    snap!(
        "problem_no_header",
        app.request("POST", "/oauth/token/request", &[], None)
    );
    snap!(
        "problem_unknown_consumer",
        form_post(
            &app,
            "/oauth/token/request",
            &authorize(
                "POST",
                &url,
                ("0123456789abcdef0123456789abcdef", "s"),
                None,
                None,
                &[]
            )
        )
    );
    snap!(
        "problem_short_consumer_key",
        form_post(
            &app,
            "/oauth/token/request",
            &authorize("POST", &url, ("short", "s"), None, None, &[])
        )
    );
    snap!(
        "problem_bad_signature",
        form_post(
            &app,
            "/oauth/token/request",
            &authorize("POST", &url, (&p.key, "not-the-secret"), None, None, &[])
        )
    );
    let sha1 = {
        let client = oauth1_request::Credentials::new(p.key.as_str(), p.secret.as_str());
        oauth1_request::Builder::<_, _, &str>::new(client, oauth1_request::HMAC_SHA1)
            .timestamp(std::num::NonZeroU64::new(crate::oauth_client::CLIENT_TIME))
            .authorize("POST", &url, &())
    };
    snap!(
        "problem_sha1_on_2_4_8",
        form_post(&app, "/oauth/token/request", &sha1)
    );
    let version = authorize("POST", &url, (&p.key, &p.secret), None, None, &[]).replacen(
        "OAuth ",
        "OAuth oauth_version=\"2.0\",",
        1,
    );
    snap!(
        "problem_version",
        form_post(&app, "/oauth/token/request", &version)
    );
    // the access step with a token that never existed, and with a wrong verifier
    let access_url = format!("{}/oauth/token/access", app.url);
    snap!(
        "problem_unknown_request_token",
        form_post(
            &app,
            "/oauth/token/access",
            &authorize(
                "POST",
                &access_url,
                (&p.key, &p.secret),
                Some(("0123456789abcdef0123456789abcdef", "x")),
                Some(&p.verifier),
                &[]
            )
        )
    );
    let r = form_post(
        &app,
        "/oauth/token/request",
        &authorize("POST", &url, (&p.key, &p.secret), None, None, &[]),
    );
    let (rt, rs) = token_pair(&r.body);
    snap!(
        "problem_verifier_mismatch",
        form_post(
            &app,
            "/oauth/token/access",
            &authorize(
                "POST",
                &access_url,
                (&p.key, &p.secret),
                Some((&rt, &rs)),
                Some("0123456789abcdef0123456789abcdef"),
                &[]
            )
        )
    );
}

#[test]
fn the_consumer_window_follows_the_clock() {
    let app = spawn_app();
    let (id, p, posts) = activated_integration(&app);
    app.advance_clock(300);
    let url = format!("{}/oauth/token/request", app.url);
    snap!(
        "problem_consumer_expired",
        form_post(
            &app,
            "/oauth/token/request",
            &authorize("POST", &url, (&p.key, &p.secret), None, None, &[])
        )
    );
    // reauthorize posts fresh credentials and opens a new window
    let r = app.request(
        "POST",
        &format!("/__magemock/integrations/{id}/reauthorize"),
        &[],
        None,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let p = posts.recv().expect("posted again");
    exchange(&app, &p);
}

#[test]
fn hmac_sha1_is_accepted_before_2_4_4() {
    let app = spawn_with(Options {
        magento_version: "2.4.3".parse::<MagentoVersion>().expect("version"),
        ..Options::default()
    });
    let (_id, p, _posts) = activated_integration(&app);
    let url = format!("{}/oauth/token/request", app.url);
    let client = oauth1_request::Credentials::new(p.key.as_str(), p.secret.as_str());
    let sha1 = oauth1_request::Builder::<_, _, &str>::new(client, oauth1_request::HMAC_SHA1)
        .timestamp(std::num::NonZeroU64::new(crate::oauth_client::CLIENT_TIME))
        .authorize("POST", &url, &());
    let r = form_post(&app, "/oauth/token/request", &sha1);
    assert_eq!(r.status, 200, "{}", r.body);
}

#[test]
fn reauthorize_and_delete_kill_the_old_access_token() {
    let app = spawn_app();
    let (id, p, posts) = activated_integration(&app);
    let (token, secret) = exchange(&app, &p);
    let url = format!("{}/rest/V1/directory/currency", app.url);
    let call = |app: &TestApp| {
        let auth = authorize(
            "GET",
            &url,
            (&p.key, &p.secret),
            Some((&token, &secret)),
            None,
            &[],
        );
        app.request(
            "GET",
            "/rest/V1/directory/currency",
            &[("Authorization", &auth)],
            None,
        )
    };
    assert_eq!(call(&app).status, 200);
    app.request(
        "POST",
        &format!("/__magemock/integrations/{id}/reauthorize"),
        &[],
        None,
    );
    let _ = posts.recv();
    let r = call(&app);
    assert_eq!(r.status, 401, "{}", r.body);
    assert_eq!(
        app.get(&format!("/__magemock/integrations/{id}")).json()["status"],
        0
    );
    assert_eq!(
        app.delete(&format!("/__magemock/integrations/{id}")).status,
        204
    );
    assert_eq!(call(&app).status, 401);
}

#[test]
fn without_an_endpoint_activation_issues_the_token_at_once() {
    let app = spawn_app();
    let r = app.post_json(
        "/__magemock/integrations",
        r#"{"name":"Local","email":"dev@acme.example","resources":"all"}"#,
    );
    let id = r.json()["id"].as_i64().expect("id");
    let a = app.request(
        "POST",
        &format!("/__magemock/integrations/{id}/activate"),
        &[],
        None,
    );
    snap!("activate_without_endpoint", a);
    assert_eq!(
        app.get(&format!("/__magemock/integrations/{id}")).json()["status_label"],
        "Active"
    );
}

#[test]
fn an_unreachable_endpoint_is_magentos_post_error() {
    let app = spawn_app();
    let id = create_integration(&app, "http://127.0.0.1:9/endpoint", r#""all""#);
    let r = app.request(
        "POST",
        &format!("/__magemock/integrations/{id}/activate"),
        &[],
        None,
    );
    assert_eq!(r.status, 502);
    assert!(
        r.body
            .contains("Unable to post data to consumer due to an unexpected error"),
        "{}",
        r.body
    );
    let outbound = app.get("/__magemock/journal?direction=outbound").json();
    assert_eq!(outbound.as_array().map(Vec::len), Some(1));
}

#[test]
fn a_failed_signature_leaves_a_diagnosis_in_the_journal() {
    let app = spawn_app();
    let (_id, p, _posts) = activated_integration(&app);
    // signed for another path than the one requested: a classic store-code mistake
    let signed_for = format!("{}/rest/default/V1/directory/currency", app.url);
    let (token, secret) = exchange(&app, &p);
    let auth = authorize(
        "GET",
        &signed_for,
        (&p.key, &p.secret),
        Some((&token, &secret)),
        None,
        &[],
    );
    let r = app.request(
        "GET",
        "/rest/V1/directory/currency",
        &[("Authorization", &auth)],
        None,
    );
    assert_eq!(r.status, 401);
    let entry = app.get("/__magemock/journal?status=401&limit=1").json()[0].clone();
    let d = &entry["diagnostics"];
    assert_eq!(d["problem"], "signature mismatch");
    assert_eq!(d["key"], "consumer secret & access-token secret");
    let base = d["base_string"].as_str().expect("base string");
    assert!(
        base.starts_with("GET&http%3A%2F%2F127.0.0.1%3A")
            && base.contains("%2Frest%2FV1%2Fdirectory%2Fcurrency&"),
        "{base}"
    );
    assert!(!entry.to_string().contains(&p.secret) && !entry.to_string().contains(&secret));
}

/// `"wait": true` answers once the connector finished the exchange.
#[test]
fn activation_can_wait_for_the_connector() {
    let app = spawn_app();
    let (endpoint, posts) = connector();
    let id = create_integration(&app, &endpoint, r#""all""#);
    let url = app.url.clone();
    let worker = std::thread::spawn(move || {
        let p = posts.recv().expect("posted");
        // the connector's own backend, with its own HTTP client
        let client = reqwest::blocking::Client::new();
        let send = |path: &str, auth: String| {
            client
                .post(format!("{url}{path}"))
                .header("Authorization", auth)
                .send()
                .expect("sent")
                .text()
                .expect("body")
        };
        let (rt, rs) = token_pair(&send(
            "/oauth/token/request",
            authorize(
                "POST",
                &format!("{url}/oauth/token/request"),
                (&p.key, &p.secret),
                None,
                None,
                &[],
            ),
        ));
        send(
            "/oauth/token/access",
            authorize(
                "POST",
                &format!("{url}/oauth/token/access"),
                (&p.key, &p.secret),
                Some((&rt, &rs)),
                Some(&p.verifier),
                &[],
            ),
        );
    });
    let r = app.post_json(
        &format!("/__magemock/integrations/{id}/activate"),
        r#"{"wait":true}"#,
    );
    worker.join().expect("connector finished");
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["integration"]["status_label"], "Active");
    // the browser's side: the identity link sends it to the success callback
    let cb = app.get(&format!("/__magemock/integrations/{id}/success"));
    assert!(cb.body.contains("window.close"));
    snap!(
        "handshake_report",
        app.get(&format!("/__magemock/integrations/{id}/handshake"))
    );
}
