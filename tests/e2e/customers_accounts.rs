//! The customer account routes: app/code/Magento/Customer/etc/webapi.xml (`getById` and
//! `getList` under `Magento_Customer::customer`, `/me` as `self` with the id forced,
//! `createAccount` anonymous), Model/AccountManagement.php (`createAccount`,
//! `checkPasswordStrength`), ResourceModel/CustomerRepository.php, CustomerInterface and
//! AddressInterface key orders.

use magemock_server::Options;

use crate::catalog_support::{admin_token, call, customer_token, get};
use crate::helpers::{spawn_app, spawn_with};
use crate::snap;

#[test]
fn get_by_id_and_me() {
    let app = spawn_app();
    let admin = admin_token(&app);
    snap!("customer_1", get(&app, "/rest/V1/customers/1", &admin));
    snap!(
        "customer_unknown",
        get(&app, "/rest/V1/customers/99", &admin)
    );
    let me = get(&app, "/rest/V1/customers/me", &customer_token(&app));
    assert_eq!(me.status, 200, "{}", me.body);
    assert_eq!(me.body, get(&app, "/rest/V1/customers/1", &admin).body);
    snap!("customer_guest", app.get("/rest/V1/customers/1"));
    snap!("customer_me_guest", app.get("/rest/V1/customers/me"));
    // An admin with Magento_Backend::all passes the ACL for `self` (Framework\Acl allows an
    // unknown resource to a role allowed everything), but ParamOverriderCustomerId gives a
    // non-customer no id, so the forced customerId is missing.
    snap!(
        "customer_me_admin",
        get(&app, "/rest/V1/customers/me", &admin)
    );
}

#[test]
fn search() {
    let app = spawn_app();
    let admin = admin_token(&app);
    snap!(
        "customer_search",
        get(
            &app,
            "/rest/V1/customers/search?searchCriteria[filter_groups][0][filters][0][field]=email\
             &searchCriteria[filter_groups][0][filters][0][value]=%25@example.com\
             &searchCriteria[filter_groups][0][filters][0][condition_type]=like\
             &fields=items[id,email],total_count",
            &admin
        )
    );
}

const NEW: &str = r#"{"customer":{"email":"jane@example.com","firstname":"Jane","lastname":"Doe",
  "group_id":2,"addresses":[{"firstname":"Jane","lastname":"Doe","street":["1 Main St"],
  "city":"Berlin","country_id":"DE","postcode":"10115","telephone":"030 1234",
  "default_billing":true}]},"password":"Secret-123"}"#;

#[test]
fn create_account_as_a_guest() {
    let app = spawn_app();
    // A guest's group_id is dropped (no Magento_Customer::manage): the default group 1.
    let created = app.post_json("/rest/V1/customers", NEW);
    snap!("create_customer", created);
    let token = app.post_json(
        "/rest/V1/integration/customer/token",
        r#"{"username":"jane@example.com","password":"Secret-123"}"#,
    );
    assert_eq!(token.status, 200, "the new password works: {}", token.body);
    snap!(
        "create_customer_duplicate",
        app.post_json("/rest/V1/customers", NEW)
    );
}

/// AccountManagement::checkPasswordStrength, in Magento's order, with the config values.
#[test]
fn password_rules() {
    let app = spawn_app();
    let with = |password: &str| {
        let body = format!(
            r#"{{"customer":{{"email":"p@example.com","firstname":"P","lastname":"Q"}},"password":{}}}"#,
            serde_json::Value::String(password.into())
        );
        app.post_json("/rest/V1/customers", &body)
    };
    snap!("password_too_short", with("Ab1"));
    snap!("password_spaces", with(" Abcdefg1 "));
    snap!("password_classes", with("abcdefghij"));
    snap!("password_is_email", with("P@Example.com"));
    snap!("password_too_long", with(&"Ab1".repeat(90)));
    snap!(
        "create_missing_names",
        app.post_json(
            "/rest/V1/customers",
            r#"{"customer":{"email":"p@example.com"},"password":"Secret-123"}"#
        )
    );
}

#[test]
fn password_length_follows_config() {
    let app = spawn_with(Options::default());
    let r = app.request(
        "PUT",
        "/__magemock/config",
        &[("Content-Type", "application/json")],
        Some(r#"{"customer/password/minimum_password_length":"12"}"#),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let short = app.post_json(
        "/rest/V1/customers",
        r#"{"customer":{"email":"p@example.com","firstname":"P","lastname":"Q"},"password":"Secret-123"}"#,
    );
    assert_eq!(
        short.body,
        r#"{"message":"The password needs at least %1 characters. Create a new password and try again.","parameters":["12"]}"#
    );
}

#[test]
fn update_me_replaces_the_sent_fields() {
    let app = spawn_app();
    let token = customer_token(&app);
    let body = r#"{"customer":{"id":42,"email":"roni_cost@example.com","firstname":"Roni",
      "lastname":"Costello","website_id":1}}"#;
    let r = call(&app, "PUT", "/rest/V1/customers/me", &token, Some(body));
    snap!("update_me", r);
    // The id is forced to the caller's, whatever the body says.
    assert_eq!(r.json()["id"], 1);
    snap!(
        "update_me_without_email",
        call(
            &app,
            "PUT",
            "/rest/V1/customers/me",
            &token,
            Some(r#"{"customer":{"firstname":"Roni","lastname":"Costello"}}"#)
        )
    );
}
