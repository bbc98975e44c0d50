//! Customer addresses: app/code/Magento/Customer/etc/webapi.xml (`GET
//! /V1/customers/addresses/:addressId`, `DELETE /V1/addresses/:addressId`, the default
//! billing and shipping address for `me` and by id), Model/ResourceModel/AddressRepository.php,
//! Model/AddressRegistry.php (`No such entity with addressId`),
//! Model/ResourceModel/Address/DeleteRelation.php (a deleted default is cleared on the
//! customer), Model/AccountManagement.php `getDefaultBillingAddress`, and
//! lib/internal/Magento/Framework/Webapi/ServiceOutputProcessor.php (a null result prints `[]`).

use crate::catalog_limited::limited_admin_token;
use crate::catalog_support::{admin_token, call, customer_token, get};
use crate::helpers::spawn_app;
use crate::snap;

#[test]
fn one_address_by_id() {
    let app = spawn_app();
    let admin = admin_token(&app);
    snap!(
        "address_1",
        get(&app, "/rest/V1/customers/addresses/1", &admin)
    );
    snap!(
        "address_unknown",
        get(&app, "/rest/V1/customers/addresses/99", &admin)
    );
    let reader = limited_admin_token(&app, "reader", &["Magento_Customer::customer"]);
    snap!(
        "address_reader",
        get(&app, "/rest/V1/customers/addresses/1", &reader)
    );
}

#[test]
fn default_addresses_for_me_and_by_id() {
    let app = spawn_app();
    let admin = admin_token(&app);
    let customer = customer_token(&app);
    let mine = get(&app, "/rest/V1/customers/me/billingAddress", &customer);
    snap!("default_billing_me", mine);
    for path in [
        "/rest/V1/customers/me/shippingAddress",
        "/rest/V1/customers/1/billingAddress",
        "/rest/V1/customers/1/shippingAddress",
    ] {
        let token = if path.contains("/me/") {
            &customer
        } else {
            &admin
        };
        assert_eq!(get(&app, path, token).body, mine.body, "{path}");
    }
    snap!(
        "default_billing_unknown_customer",
        get(&app, "/rest/V1/customers/99/billingAddress", &admin)
    );
    snap!(
        "default_billing_guest",
        app.get("/rest/V1/customers/me/billingAddress")
    );
    let reader = limited_admin_token(&app, "reader", &["Magento_Customer::customer"]);
    assert_eq!(
        get(&app, "/rest/V1/customers/1/billingAddress", &reader).status,
        401
    );
}

#[test]
fn deleting_the_default_address() {
    let app = spawn_app();
    let admin = admin_token(&app);
    snap!(
        "delete_address",
        call(&app, "DELETE", "/rest/V1/addresses/1", &admin, None)
    );
    // No default any more: the service returns null, printed as an empty array.
    snap!(
        "default_billing_none",
        get(&app, "/rest/V1/customers/1/billingAddress", &admin)
    );
    let customer = get(&app, "/rest/V1/customers/1", &admin).json();
    assert_eq!(customer["default_billing"], serde_json::Value::Null);
    assert_eq!(customer["addresses"], serde_json::json!([]));
    snap!(
        "delete_address_unknown",
        call(&app, "DELETE", "/rest/V1/addresses/1", &admin, None)
    );
    let reader = limited_admin_token(&app, "reader", &["Magento_Customer::customer"]);
    snap!(
        "delete_address_reader",
        call(&app, "DELETE", "/rest/V1/addresses/1", &reader, None)
    );
}
