//! The token service (app/code/Magento/Integration/Model/AdminTokenService.php,
//! CustomerTokenService.php, CredentialsValidator.php, Oauth/Token/RequestThrottler.php;
//! app/code/Magento/JwtUserToken/Model/Issuer.php, Reader.php, Revoker.php, RevokedValidator.php;
//! Integration/Model/UserToken/ExpirationValidator.php; Webapi/Model/Authorization/TokenUserContext.php).

use magemock_core::MagentoVersion;
use magemock_server::Options;

use crate::helpers::{TestApp, spawn_app, spawn_with};
use crate::snap;

const ADMIN_TOKEN: &str = "/rest/V1/integration/admin/token";
const CUSTOMER_TOKEN: &str = "/rest/V1/integration/customer/token";
const REVOKE: &str = "/rest/V1/integration/customer/revoke-customer-token";
const ADMIN: &str = r#"{"username":"admin","password":"admin123"}"#;
const RONI: &str = r#"{"username":"roni_cost@example.com","password":"roni_cost3@example.com"}"#;

fn token(app: &TestApp, path: &str, body: &str) -> String {
    let r = app.post_json(path, body);
    assert_eq!(r.status, 200, "{}", r.body);
    r.json().as_str().expect("a JSON string").to_string()
}

fn get_with(app: &TestApp, path: &str, token: &str) -> u16 {
    app.request(
        "GET",
        path,
        &[("Authorization", &format!("Bearer {token}"))],
        None,
    )
    .status
}

fn revoke_with(app: &TestApp, token: &str) -> crate::helpers::Resp {
    app.request(
        "POST",
        REVOKE,
        &[("Authorization", &format!("Bearer {token}"))],
        None,
    )
}

#[test]
fn admin_and_customer_tokens_are_deterministic_jwts() {
    let app = spawn_app();
    let admin = app.post_json(ADMIN_TOKEN, ADMIN);
    snap!("admin_token_jwt", admin);
    let customer = app.post_json(CUSTOMER_TOKEN, RONI);
    snap!("customer_token_jwt", customer);
    // same seed, same clock, same requests: same tokens
    let again = spawn_app();
    assert_eq!(again.post_json(ADMIN_TOKEN, ADMIN).body, admin.body);
}

#[test]
fn profiles_before_2_4_4_issue_32_char_opaque_tokens() {
    let app = spawn_with(Options {
        magento_version: "2.4.3".parse::<MagentoVersion>().expect("version"),
        ..Options::default()
    });
    let t = token(&app, ADMIN_TOKEN, ADMIN);
    assert_eq!(t.len(), 32);
    assert!(
        t.bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase()),
        "{t}"
    );
    snap!("admin_token_opaque", app.post_json(ADMIN_TOKEN, ADMIN));
}

#[test]
fn wrong_and_missing_credentials() {
    let app = spawn_app();
    snap!(
        "admin_wrong_password",
        app.post_json(ADMIN_TOKEN, r#"{"username":"admin","password":"nope"}"#)
    );
    snap!(
        "customer_unknown",
        app.post_json(
            CUSTOMER_TOKEN,
            r#"{"username":"who@example.com","password":"x"}"#
        )
    );
    snap!(
        "admin_empty_username",
        app.post_json(ADMIN_TOKEN, r#"{"username":"","password":"x"}"#)
    );
    snap!(
        "admin_both_empty",
        app.post_json(ADMIN_TOKEN, r#"{"username":"","password":""}"#)
    );
    snap!("admin_both_missing", app.post_json(ADMIN_TOKEN, "{}"));
}

#[test]
fn lockout_after_max_failures_until_the_timeout_passes() {
    let app = spawn_app();
    let wrong = r#"{"username":"admin","password":"wrong"}"#;
    for _ in 0..6 {
        assert_eq!(app.post_json(ADMIN_TOKEN, wrong).status, 401);
    }
    // locked: the right password answers exactly like a wrong one
    let locked = app.post_json(ADMIN_TOKEN, ADMIN);
    assert_eq!(locked.status, 401);
    assert_eq!(locked.body, app.post_json(ADMIN_TOKEN, wrong).body);
    // the customer side is counted separately
    assert_eq!(app.post_json(CUSTOMER_TOKEN, RONI).status, 200);
    app.advance_clock(1799);
    assert_eq!(app.post_json(ADMIN_TOKEN, ADMIN).status, 401);
    app.advance_clock(2);
    assert_eq!(app.post_json(ADMIN_TOKEN, ADMIN).status, 200);
}

#[test]
fn success_resets_the_failure_count() {
    let app = spawn_app();
    let wrong = r#"{"username":"admin","password":"wrong"}"#;
    for _ in 0..5 {
        app.post_json(ADMIN_TOKEN, wrong);
    }
    assert_eq!(app.post_json(ADMIN_TOKEN, ADMIN).status, 200);
    for _ in 0..5 {
        app.post_json(ADMIN_TOKEN, wrong);
    }
    assert_eq!(app.post_json(ADMIN_TOKEN, ADMIN).status, 200);
}

#[test]
fn configured_lockout_threshold_applies() {
    let app = spawn_app();
    app.put_json(
        "/__magemock/config",
        r#"{"oauth/authentication_lock/max_failures_count":"2"}"#,
    );
    let wrong = r#"{"username":"roni_cost@example.com","password":"wrong"}"#;
    app.post_json(CUSTOMER_TOKEN, wrong);
    app.post_json(CUSTOMER_TOKEN, wrong);
    assert_eq!(app.post_json(CUSTOMER_TOKEN, RONI).status, 401);
}

#[test]
fn customer_revokes_all_its_tokens() {
    let app = spawn_app();
    let first = token(&app, CUSTOMER_TOKEN, RONI);
    app.advance_clock(1);
    let second = token(&app, CUSTOMER_TOKEN, RONI);
    app.advance_clock(1);
    snap!("revoke_customer_token", revoke_with(&app, &second));
    // both tokens are dead now: the caller is a guest and `self` refuses it
    snap!("revoke_with_dead_token", revoke_with(&app, &first));
    assert_eq!(revoke_with(&app, &second).status, 401);
    app.advance_clock(1);
    let third = token(&app, CUSTOMER_TOKEN, RONI);
    assert_eq!(revoke_with(&app, &third).status, 200);
}

/// Revoker.php stores `time() - 1` and RevokedValidator kills `iat <= revoke_before`, so a
/// token issued in the very second of the revocation survives it (a Magento quirk, kept).
#[test]
fn a_token_from_the_revocation_second_survives() {
    let app = spawn_app();
    let t = token(&app, CUSTOMER_TOKEN, RONI);
    assert_eq!(revoke_with(&app, &t).status, 200);
    assert_eq!(revoke_with(&app, &t).status, 200);
    app.advance_clock(1);
    assert_eq!(revoke_with(&app, &t).status, 200);
    app.advance_clock(1);
    assert_eq!(revoke_with(&app, &t).status, 401);
}

/// A guest fails `self`; an all-resources admin passes it (Framework/Authorization/Policy/Acl.php
/// allows unknown resources to `Magento_Backend::all`), but `%customer_id%` is then null and the
/// required `customerId` is missing (Webapi/Controller/Rest/ParamOverriderCustomerId.php).
#[test]
fn self_route_refuses_guests_and_needs_a_customer() {
    let app = spawn_app();
    assert_eq!(app.request("POST", REVOKE, &[], None).status, 401);
    let admin = token(&app, ADMIN_TOKEN, ADMIN);
    snap!("revoke_as_admin", revoke_with(&app, &admin));
}

#[test]
fn jwt_expires_with_the_clock_and_ttl_comes_from_config() {
    let app = spawn_app();
    app.put_json(
        "/__magemock/config",
        r#"{"webapi/jwtauth/customer_expiration":"5"}"#,
    );
    let t = token(&app, CUSTOMER_TOKEN, RONI);
    app.advance_clock(299);
    assert_eq!(revoke_with(&app, &t).status, 200);
    let t = token(&app, CUSTOMER_TOKEN, RONI);
    app.advance_clock(300);
    assert_eq!(revoke_with(&app, &t).status, 401);
}

#[test]
fn opaque_tokens_expire_after_their_lifetime_in_hours() {
    let app = spawn_with(Options {
        magento_version: "2.4.3".parse::<MagentoVersion>().expect("version"),
        ..Options::default()
    });
    let t = token(&app, CUSTOMER_TOKEN, RONI);
    app.advance_clock(3599);
    assert_eq!(revoke_with(&app, &t).status, 200);
    let t = token(&app, CUSTOMER_TOKEN, RONI);
    app.advance_clock(3600);
    assert_eq!(revoke_with(&app, &t).status, 401);
}

#[test]
fn bad_bearer_tokens_make_a_guest_not_an_error() {
    let app = spawn_app();
    for header in [
        "Bearer nonsense",
        "Bearer a.b.c",
        "Bearer",
        "Bearer  x",
        "Basic abc",
    ] {
        let r = app.request("POST", REVOKE, &[("Authorization", header)], None);
        assert_eq!(r.status, 401, "{header}");
        assert_eq!(
            r.body,
            r#"{"message":"The consumer isn't authorized to access %resources.","parameters":{"resources":"self"}}"#
        );
    }
    let _ = get_with(&app, "/rest/V1/directory/currency", "nonsense");
}

#[test]
fn control_api_lists_mints_and_revokes() {
    let app = spawn_app();
    let minted = app.post_json(
        "/__magemock/tokens/customer",
        r#"{"email":"roni_cost@example.com"}"#,
    );
    assert_eq!(minted.status, 200, "{}", minted.body);
    let t = minted.json()["token"].as_str().expect("token").to_string();
    assert_eq!(revoke_with(&app, &t).status, 200);
    snap!("tokens_listing", app.get("/__magemock/tokens"));
    let admin = app.post_json("/__magemock/tokens/admin", r#"{"username":"admin"}"#);
    assert_eq!(admin.status, 200);
    assert_eq!(
        app.post_json("/__magemock/tokens/admin", r#"{"username":"ghost"}"#)
            .status,
        404
    );
    let t = token(&app, CUSTOMER_TOKEN, RONI);
    app.advance_clock(2);
    assert_eq!(
        app.delete("/__magemock/tokens?user_type=customer&user_id=1")
            .status,
        204
    );
    assert_eq!(revoke_with(&app, &t).status, 401);
}

/// magento/security-package TwoFactorAuth: with 2FA on, valid credentials on the admin token
/// route get a 400 pointing to the provider endpoints (Model/AdminAccessTokenService.php), and
/// a Google Authenticator code gets the token (Model/Provider/Engine/Google/Authenticate.php).
#[test]
fn two_factor_authentication_when_switched_on() {
    let app = spawn_app();
    const GOOGLE: &str = "/rest/V1/tfa/provider/google/authenticate";
    assert_eq!(
        app.post_json(
            GOOGLE,
            r#"{"username":"admin","password":"admin123","otp":"1"}"#
        )
        .status,
        404
    );
    app.put_json(
        "/__magemock/config",
        r#"{"twofactorauth/general/enable":"1"}"#,
    );
    snap!("tfa_no_providers", app.post_json(ADMIN_TOKEN, ADMIN));
    app.put_json(
        "/__magemock/config",
        r#"{"twofactorauth/general/force_providers":"google"}"#,
    );
    snap!("tfa_configure_first", app.post_json(ADMIN_TOKEN, ADMIN));
    // wrong credentials are still the sign-in error
    assert_eq!(
        app.post_json(ADMIN_TOKEN, r#"{"username":"admin","password":"x"}"#)
            .status,
        401
    );
    snap!(
        "tfa_not_configured",
        app.post_json(
            GOOGLE,
            r#"{"username":"admin","password":"admin123","otp":"123456"}"#
        )
    );
    let setup = app.request(
        "POST",
        "/__magemock/admins/admin/tfa",
        &[],
        Some(r#"{"secret":"JBSWY3DPEHPK3PXP"}"#),
    );
    assert_eq!(setup.status, 200, "{}", setup.body);
    snap!("tfa_use_provider", app.post_json(ADMIN_TOKEN, ADMIN));
    snap!(
        "tfa_invalid_code",
        app.post_json(
            GOOGLE,
            r#"{"username":"admin","password":"admin123","otp":"000000"}"#
        )
    );
    let code = app.get("/__magemock/admins/admin/tfa/code").json()["code"]
        .as_str()
        .expect("code")
        .to_string();
    let ok = app.post_json(
        GOOGLE,
        &format!(r#"{{"username":"admin","password":"admin123","otp":"{code}"}}"#),
    );
    assert_eq!(ok.status, 200, "{}", ok.body);
    // the code moves with magemock's clock
    app.advance_clock(90);
    assert_eq!(
        app.post_json(
            GOOGLE,
            &format!(r#"{{"username":"admin","password":"admin123","otp":"{code}"}}"#)
        )
        .status,
        401
    );
}

/// Deactivating an admin revokes its tokens (Integration/Plugin/Model/AdminUser.php) and an
/// inactive admin cannot sign in.
#[test]
fn deactivating_an_admin_revokes_its_tokens() {
    let app = spawn_app();
    let t = token(&app, ADMIN_TOKEN, ADMIN);
    assert_eq!(get_with(&app, "/rest/V1/store/storeViews", &t), 200);
    app.advance_clock(1);
    let r = app.put_json("/__magemock/admins/admin", r#"{"is_active":false}"#);
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(get_with(&app, "/rest/V1/store/storeViews", &t), 401);
    assert_eq!(app.post_json(ADMIN_TOKEN, ADMIN).status, 401);
    app.put_json("/__magemock/admins/admin", r#"{"is_active":true}"#);
    assert_eq!(app.post_json(ADMIN_TOKEN, ADMIN).status, 200);
}
