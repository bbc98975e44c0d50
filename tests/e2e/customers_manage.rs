//! Customer writes by an admin and the customer's own password:
//! app/code/Magento/Customer/etc/webapi.xml (`PUT /V1/customers/:id` and `DELETE
//! /V1/customers/:customerId` under `Magento_Customer::manage`, `PUT /V1/customers/me/password`
//! as `self`), Model/ResourceModel/CustomerRepository.php (`save`: addresses kept by id, others
//! deleted, `validateGroupId`; `deleteById`), Model/AccountManagement.php
//! (`changePasswordById`, `changePasswordForCustomer`), and
//! app/code/Magento/Integration/Plugin/Model/CustomerUser.php (`afterDelete` revokes the
//! customer's tokens).

use crate::catalog_limited::limited_admin_token;
use crate::catalog_support::{admin_token, call, customer_token, get};
use crate::helpers::spawn_app;
use crate::snap;

const UPDATE: &str = r#"{"customer":{"email":"roni_cost@example.com","firstname":"Roni",
  "lastname":"Costello","website_id":1,"group_id":2,"addresses":[{"id":1,"firstname":"Veronica",
  "lastname":"Costello","street":["6146 Honey Bluff Parkway"],"city":"Calder","country_id":"US",
  "region_id":33,"region":{"region_code":"MI","region":"Michigan","region_id":33},
  "postcode":"49628-7978","telephone":"(555) 229-3326","default_billing":true},
  {"firstname":"Roni","lastname":"Costello","street":["1 Shipping Lane"],"city":"Detroit",
  "country_id":"US","postcode":"48201","telephone":"(555) 000-0000","default_shipping":true}]}}"#;

#[test]
fn an_admin_replaces_a_customer_and_keeps_address_ids() {
    let app = spawn_app();
    let admin = admin_token(&app);
    // The URL's id goes into the customer object; address 1 is updated in place, the new one
    // gets the next id and becomes the default shipping address.
    snap!(
        "update_customer",
        call(&app, "PUT", "/rest/V1/customers/1", &admin, Some(UPDATE))
    );
    snap!(
        "update_customer_unknown",
        call(&app, "PUT", "/rest/V1/customers/99", &admin, Some(UPDATE))
    );
    snap!(
        "update_customer_bad_group",
        call(
            &app,
            "PUT",
            "/rest/V1/customers/1",
            &admin,
            Some(&UPDATE.replace(r#""group_id":2"#, r#""group_id":77"#))
        )
    );
    snap!(
        "update_customer_unknown_address",
        call(
            &app,
            "PUT",
            "/rest/V1/customers/1",
            &admin,
            Some(&UPDATE.replace(r#""id":1,"#, r#""id":42,"#))
        )
    );
    // An e-mail taken by another customer of the website.
    let created = app.post_json(
        "/rest/V1/customers",
        r#"{"customer":{"email":"jane@example.com","firstname":"Jane","lastname":"Doe"}}"#,
    );
    assert_eq!(created.status, 200, "{}", created.body);
    snap!(
        "update_customer_duplicate_email",
        call(
            &app,
            "PUT",
            "/rest/V1/customers/2",
            &admin,
            Some(
                r#"{"customer":{"email":"roni_cost@example.com","firstname":"Jane","lastname":"Doe"}}"#
            )
        )
    );
    // Reading customers is not managing them.
    let reader = limited_admin_token(&app, "reader", &["Magento_Customer::customer"]);
    snap!(
        "update_customer_reader",
        call(&app, "PUT", "/rest/V1/customers/1", &reader, Some(UPDATE))
    );
    assert_eq!(get(&app, "/rest/V1/customers/1", &reader).status, 200);
}

#[test]
fn deleting_a_customer_answers_true_and_revokes_its_tokens() {
    let app = spawn_app();
    let admin = admin_token(&app);
    let customer = customer_token(&app);
    assert_eq!(get(&app, "/rest/V1/customers/me", &customer).status, 200);
    snap!(
        "delete_customer",
        call(&app, "DELETE", "/rest/V1/customers/1", &admin, None)
    );
    snap!(
        "delete_customer_gone",
        get(&app, "/rest/V1/customers/1", &admin)
    );
    // The revoked token no longer identifies anyone: the caller is a guest.
    let me = get(&app, "/rest/V1/customers/me", &customer);
    assert_eq!(me.status, 401, "{}", me.body);
    snap!(
        "delete_customer_again",
        call(&app, "DELETE", "/rest/V1/customers/1", &admin, None)
    );
    let reader = limited_admin_token(&app, "reader", &["Magento_Customer::customer"]);
    snap!(
        "delete_customer_reader",
        call(&app, "DELETE", "/rest/V1/customers/2", &reader, None)
    );
}

#[test]
fn a_customer_changes_its_password() {
    let app = spawn_app();
    let customer = customer_token(&app);
    let put = |body: &str| {
        call(
            &app,
            "PUT",
            "/rest/V1/customers/me/password",
            &customer,
            Some(body),
        )
    };
    snap!(
        "password_wrong_current",
        put(r#"{"currentPassword":"nope","newPassword":"N3w-Secret!"}"#)
    );
    snap!(
        "password_same_as_email",
        put(
            r#"{"currentPassword":"roni_cost3@example.com","newPassword":"Roni_Cost@Example.com"}"#
        )
    );
    snap!(
        "password_too_weak",
        put(r#"{"currentPassword":"roni_cost3@example.com","newPassword":"abcdefghij"}"#)
    );
    snap!("password_missing", put(r#"{"currentPassword":"x"}"#));
    snap!(
        "password_changed",
        put(r#"{"currentPassword":"roni_cost3@example.com","newPassword":"N3w-Secret!"}"#)
    );
    let login = |password: &str| {
        app.post_json(
            "/rest/V1/integration/customer/token",
            &serde_json::json!({"username": "roni_cost@example.com", "password": password})
                .to_string(),
        )
        .status
    };
    assert_eq!(login("N3w-Secret!"), 200);
    assert_eq!(login("roni_cost3@example.com"), 401);
    snap!(
        "password_guest",
        app.put_json(
            "/rest/V1/customers/me/password",
            r#"{"currentPassword":"a","newPassword":"b"}"#
        )
    );
}
