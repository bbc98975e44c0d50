use magemock_core::Settings;

use super::*;

const PATH: &str = "oauth/access_token_lifetime/admin";

fn setting(services: &Services) -> Option<String> {
    services
        .store
        .read(|c| Settings::get(c, PATH))
        .expect("read setting")
}

fn change_setting(services: &Services) {
    services
        .store
        .write(|tx| Settings::set(tx, PATH, Some("7")))
        .expect("write setting");
}

fn has_joust(services: &Services) -> bool {
    let sku = magemock_catalog::Sku::try_from("24-MB01").expect("sku");
    services
        .store
        .read(|c| magemock_catalog::products::product_by_sku(c, &sku))
        .expect("read product")
        .is_some()
}

/// A fresh store keeps neither the fixture text nor the parsed fixtures (it resets from its
/// in-memory copy), and reset still returns to the seeded start.
#[test]
fn a_fresh_store_drops_its_fixtures_and_still_resets() {
    let services = Services::start(Options::default()).expect("start");
    assert!(services.options.fixtures.iter().all(|f| f.xml.is_empty()));
    assert_eq!(services.options.fixtures[0].name, "fixtures/default.xml");
    assert!(services.fixtures.is_empty());
    let seeded = setting(&services);
    change_setting(&services);
    services.reset().expect("reset");
    assert_eq!(setting(&services), seeded);
    assert!(has_joust(&services));
}

/// A reopened `--data` file has no in-memory copy of its seeded start: its first reset seeds
/// again from the parsed fixtures, which it therefore keeps.
#[test]
fn a_reopened_data_file_keeps_its_fixtures_to_reseed_on_reset() {
    let dir = std::env::temp_dir().join(format!("magemock-services-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("store.sqlite");
    let _ = std::fs::remove_file(&path);
    let options = Options {
        data: Some(path.clone()),
        ..Options::default()
    };
    let seeded = {
        let services = Services::start(options.clone()).expect("fresh start");
        assert!(services.fixtures.is_empty());
        let seeded = setting(&services);
        change_setting(&services);
        services.store.flush().expect("flush");
        seeded
    };
    let services = Services::start(options).expect("reopen");
    assert!(!services.fixtures.is_empty());
    assert_eq!(setting(&services).as_deref(), Some("7"));
    services.reset().expect("reset");
    assert_eq!(setting(&services), seeded);
    assert!(has_joust(&services));
    drop(services);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The request caches (store codes, store scopes, a caller's ACL side) answer without the
/// connection, yet see every write and a reset.
#[test]
fn request_caches_follow_writes_and_reset() {
    use crate::rest::url::StoreSegment;
    let services = Services::start(Options::default()).expect("start");
    let admin = Caller::Admin { id: 1 };
    let look = |services: &Services| {
        (
            services.is_store_code("default"),
            services
                .store_scope(&StoreSegment::Default)
                .map(|s| s.code)
                .ok(),
            services.caller_access(&admin).grant.is_some(),
        )
    };
    let seeded = (true, Some("default".to_string()), true);
    assert_eq!(look(&services), seeded);
    assert_eq!(look(&services), seeded, "from the caches");
    services
        .store
        .write(|tx| {
            tx.execute(
                "UPDATE store SET code = 'renamed' WHERE code = 'default'",
                [],
            )?;
            // The admin leaves its role: no grant any more.
            tx.execute(
                "UPDATE authorization_role SET parent_id = 0 WHERE user_type = 2 AND user_id = 1",
                [],
            )?;
            Ok::<_, CoreError>(())
        })
        .expect("write");
    assert_eq!(look(&services), (false, Some("renamed".to_string()), false));
    services.reset().expect("reset");
    assert_eq!(look(&services), seeded);
}

/// A bearer JWT checked from the request caches still follows a revocation, a reset and the
/// clock (expiry is checked at every request, never cached).
#[test]
fn cached_jwt_checks_follow_revocation_reset_and_the_clock() {
    let services = Services::start(Options::default()).expect("start");
    let admin = magemock_tokens::TokenUser {
        kind: magemock_tokens::UserKind::Admin,
        id: 1,
    };
    let token = services
        .store
        .write(|tx| magemock_tokens::issue(tx, &services.token_context(), admin))
        .expect("issue");
    let caller = |services: &Services| services.bearer_caller(&token);
    assert_eq!(caller(&services), Some(Caller::Admin { id: 1 }));
    assert_eq!(caller(&services), Some(Caller::Admin { id: 1 }), "cached");
    services.clock.advance(chrono::TimeDelta::seconds(1));
    services
        .store
        .write(|tx| magemock_tokens::revoke(tx, &services.token_context(), admin))
        .expect("revoke");
    assert_eq!(caller(&services), None);
    services.reset().expect("reset");
    assert_eq!(caller(&services), Some(Caller::Admin { id: 1 }));
    // Past the default 60-minute admin lifetime (webapi/jwtauth/admin_expiration).
    services.clock.advance(chrono::TimeDelta::hours(5));
    assert_eq!(caller(&services), None);
}

/// A signed REST call reads its consumer, token and integration from the request caches and
/// writes only its nonce: a failed signature still keeps the nonce (its correctly signed
/// replay is refused), and revoking the token or deactivating the integration after a cached
/// call is seen by the next one.
#[test]
fn signed_calls_keep_their_nonce_and_follow_writes() {
    use magemock_oauth::OauthError;
    use magemock_registry::stored;
    let services = Services::start(Options::default()).expect("start");
    let id = services
        .store
        .write(|tx| {
            stored::create(
                tx,
                &services.registry_context(),
                &stored::NewIntegration {
                    name: "erp".into(),
                    email: "erp@example.com".into(),
                    endpoint: None,
                    identity_link_url: None,
                    setup_type: stored::SetupType::Manual,
                    status: stored::Status::Inactive,
                    grant: magemock_acl::Grant::All,
                },
            )
        })
        .expect("create")
        .id;
    services
        .activate_without_exchange(id, false)
        .expect("activate");
    let (consumer, (token, token_secret)) = services
        .store
        .read(|c| {
            let consumer_id = stored::get(c, id)?.consumer_id;
            Ok::<_, magemock_registry::RegistryError>((
                stored::consumer(c, consumer_id)?.expect("consumer"),
                stored::access_token(c, consumer_id)?.expect("token"),
            ))
        })
        .expect("credentials");
    let url = "http://127.0.0.1:8080/rest/V1/directory/currency";
    let timestamp = services.clock.unix().to_string();
    let call = |nonce: &str, secret: &str| {
        let authorization = magemock_oauth::sign_header(
            &magemock_oauth::ClientRequest {
                http_method: "GET",
                url,
                form_body: None,
                nonce,
                timestamp: &timestamp,
                method: magemock_oauth::SignatureMethod::HmacSha256,
                rules: magemock_oauth::SignatureRules::for_version(
                    services.options.magento_version,
                ),
            },
            &magemock_oauth::ClientCredentials {
                consumer_key: &consumer.key,
                consumer_secret: &consumer.secret,
                token: Some(&token),
                token_secret: secret,
                verifier: None,
            },
        )
        .expect("sign");
        services
            .oauth_caller(&crate::rest::caller::Request {
                method: "GET",
                url,
                authorization: Some(&authorization),
                content_type: None,
                body: b"",
            })
            .map_err(|refused| *refused.error)
    };
    let refused = |e: OauthError| Err(e.to_magento());
    assert_eq!(
        call("nonce-1", "wrong secret"),
        refused(OauthError::SignatureInvalid)
    );
    assert_eq!(
        call("nonce-1", &token_secret),
        refused(OauthError::NonceUsed {
            consumer_id: consumer.id.to_string()
        })
    );
    assert_eq!(
        call("nonce-2", &token_secret),
        Ok(Caller::Integration { id })
    );
    assert_eq!(
        call("nonce-3", &token_secret),
        Ok(Caller::Integration { id })
    );
    services
        .store
        .write(|tx| {
            stored::set_status(
                tx,
                &services.registry_context(),
                id,
                stored::Status::Inactive,
            )
        })
        .expect("deactivate");
    assert_eq!(call("nonce-4", &token_secret), Ok(Caller::Guest));
    services
        .store
        .write(|tx| {
            tx.execute("UPDATE oauth_token SET revoked = 1", [])
                .map_err(CoreError::from)
        })
        .expect("revoke");
    assert_eq!(
        call("nonce-5", &token_secret),
        refused(OauthError::AccessTokenRevoked)
    );
}
