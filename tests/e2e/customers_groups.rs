//! Customer groups: app/code/Magento/Customer/etc/webapi.xml (all `Magento_Customer::group`),
//! Model/ResourceModel/GroupRepository.php (`getById`, `getList` with `translateField`, `save`
//! with `_validate` and `_verifyTaxClassModel`, `deleteById`), Model/GroupRegistry.php
//! (`No such entity with groupId`), Model/GroupManagement.php (`getDefaultGroup`,
//! `isReadonly`), Model/ResourceModel/Group.php (`_afterDelete` moves the group's customers to
//! the default group); GroupInterface key order.

use crate::catalog_limited::limited_admin_token;
use crate::catalog_support::{admin_token, call, get};
use crate::helpers::spawn_app;
use crate::snap;

#[test]
fn get_default_and_search() {
    let app = spawn_app();
    let admin = admin_token(&app);
    snap!("group_1", get(&app, "/rest/V1/customerGroups/1", &admin));
    snap!(
        "group_unknown",
        get(&app, "/rest/V1/customerGroups/99", &admin)
    );
    snap!(
        "group_default",
        get(&app, "/rest/V1/customerGroups/default", &admin)
    );
    assert_eq!(
        get(&app, "/rest/V1/customerGroups/default/0", &admin).status,
        200
    );
    snap!(
        "group_default_unknown_store",
        get(&app, "/rest/V1/customerGroups/default/99", &admin)
    );
    snap!(
        "group_search",
        get(
            &app,
            "/rest/V1/customerGroups/search?searchCriteria[filter_groups][0][filters][0][field]=code\
             &searchCriteria[filter_groups][0][filters][0][value]=%25e%25\
             &searchCriteria[filter_groups][0][filters][0][condition_type]=like\
             &searchCriteria[sortOrders][0][field]=code&searchCriteria[sortOrders][0][direction]=DESC",
            &admin
        )
    );
    let readonly = |id: i64| {
        get(
            &app,
            &format!("/rest/V1/customerGroups/{id}/permissions"),
            &admin,
        )
        .body
    };
    assert_eq!(readonly(0), "true");
    assert_eq!(readonly(1), "true");
    assert_eq!(readonly(2), "false");
    let customers_only = limited_admin_token(&app, "reader", &["Magento_Customer::customer"]);
    snap!(
        "group_reader",
        get(&app, "/rest/V1/customerGroups/1", &customers_only)
    );
}

#[test]
fn create_update_and_their_errors() {
    let app = spawn_app();
    let admin = admin_token(&app);
    let send = |method: &str, path: &str, body: &str| call(&app, method, path, &admin, Some(body));
    snap!(
        "group_create",
        send(
            "POST",
            "/rest/V1/customerGroups",
            r#"{"group":{"code":"VIP"}}"#
        )
    );
    snap!(
        "group_create_duplicate",
        send(
            "POST",
            "/rest/V1/customerGroups",
            r#"{"group":{"code":"vip","tax_class_id":3}}"#
        )
    );
    snap!(
        "group_create_without_code",
        send(
            "POST",
            "/rest/V1/customerGroups",
            r#"{"group":{"tax_class_id":3}}"#
        )
    );
    snap!(
        "group_create_product_tax_class",
        send(
            "POST",
            "/rest/V1/customerGroups",
            r#"{"group":{"code":"Taxed","tax_class_id":2}}"#
        )
    );
    snap!(
        "group_update",
        send(
            "PUT",
            "/rest/V1/customerGroups/4",
            r#"{"group":{"code":"VIP Plus","tax_class_id":3}}"#
        )
    );
    // The repository checks the sent tax class before anything else, so an update without one
    // fails on the missing class.
    snap!(
        "group_update_without_tax_class",
        send(
            "PUT",
            "/rest/V1/customerGroups/4",
            r#"{"group":{"code":"VIP"}}"#
        )
    );
    snap!(
        "group_update_unknown",
        send(
            "PUT",
            "/rest/V1/customerGroups/99",
            r#"{"group":{"code":"X","tax_class_id":3}}"#
        )
    );
}

#[test]
fn delete_moves_customers_to_the_default_group() {
    let app = spawn_app();
    let admin = admin_token(&app);
    let r = call(
        &app,
        "PUT",
        "/rest/V1/customers/1",
        &admin,
        Some(
            r#"{"customer":{"email":"roni_cost@example.com","firstname":"Veronica","lastname":"Costello","group_id":3}}"#,
        ),
    );
    assert_eq!(r.json()["group_id"], 3, "{}", r.body);
    snap!(
        "group_delete",
        call(&app, "DELETE", "/rest/V1/customerGroups/3", &admin, None)
    );
    assert_eq!(
        get(&app, "/rest/V1/customers/1", &admin).json()["group_id"],
        1
    );
    snap!(
        "group_delete_unknown",
        call(&app, "DELETE", "/rest/V1/customerGroups/3", &admin, None)
    );
    snap!(
        "group_delete_default",
        call(&app, "DELETE", "/rest/V1/customerGroups/1", &admin, None)
    );
    let not_logged_in = call(&app, "DELETE", "/rest/V1/customerGroups/0", &admin, None);
    assert_eq!(not_logged_in.status, 400, "{}", not_logged_in.body);
}
