//! Product types, attributes, options and attribute sets: app/code/Magento/Catalog/etc/webapi.xml
//! (`Magento_Catalog::products` for types, `Magento_Catalog::attributes_attributes` for
//! attributes, `Magento_Catalog::sets` for sets), Catalog/Model/ProductTypeList.php,
//! Catalog/Model/Product/Attribute/Repository.php (`save` creating or updating by code,
//! `validateFrontendInput`, `validateCode`, required label), Eav/Model/AttributeRepository.php
//! (`get`'s 404), Eav/Model/Entity/Attribute/OptionManagement.php, Eav/Model/Entity/Attribute/
//! Source/Table.php (the empty first option), Catalog/Model/Product/Attribute/SetRepository.php,
//! Eav/Model/AttributeManagement.php (`getAttributes`); ProductAttributeInterface key order.

use crate::catalog_limited::limited_admin_token;
use crate::catalog_support::{admin_token, call, get};
use crate::helpers::spawn_app;
use crate::snap;

#[test]
fn product_and_input_types() {
    let app = spawn_app();
    let token = admin_token(&app);
    snap!(
        "product_types",
        get(&app, "/rest/V1/products/types", &token)
    );
    snap!(
        "attribute_input_types",
        get(&app, "/rest/V1/products/attributes/types", &token)
    );
    snap!("product_types_guest", app.get("/rest/V1/products/types"));
}

#[test]
fn one_attribute_and_the_list() {
    let app = spawn_app();
    let token = admin_token(&app);
    snap!(
        "attribute_name",
        get(&app, "/rest/V1/products/attributes/name", &token)
    );
    snap!(
        "attribute_status",
        get(&app, "/rest/V1/products/attributes/status", &token)
    );
    snap!(
        "attribute_style_bags",
        get(&app, "/rest/V1/products/attributes/style_bags", &token)
    );
    snap!(
        "attribute_unknown",
        get(&app, "/rest/V1/products/attributes/nope", &token)
    );
    snap!(
        "attribute_list",
        get(
            &app,
            "/rest/V1/products/attributes?searchCriteria[filter_groups][0][filters][0][field]=is_user_defined\
             &searchCriteria[filter_groups][0][filters][0][value]=1\
             &searchCriteria[sortOrders][0][field]=attribute_code\
             &searchCriteria[pageSize]=3\
             &fields=items[attribute_code,frontend_input,scope],total_count",
            &token
        )
    );
    let sets_only = limited_admin_token(&app, "sets", &["Magento_Catalog::sets"]);
    snap!(
        "attribute_refused",
        get(&app, "/rest/V1/products/attributes/name", &sets_only)
    );
}

#[test]
fn create_update_and_delete_an_attribute() {
    let app = spawn_app();
    let token = admin_token(&app);
    let send = |method: &str, path: &str, body: &str| call(&app, method, path, &token, Some(body));
    snap!(
        "attribute_create",
        send(
            "POST",
            "/rest/V1/products/attributes",
            r#"{"attribute":{"attribute_code":"fabric_care","frontend_input":"select",
               "default_frontend_label":"Fabric Care","scope":"store","is_filterable":true,
               "options":[{"label":"Machine wash"},{"label":"Hand wash","is_default":true}]}}"#
        )
    );
    // PUT writes the URL's code in; the input type stays.
    let updated = send(
        "PUT",
        "/rest/V1/products/attributes/fabric_care",
        r#"{"attribute":{"default_frontend_label":"Care","frontend_input":"text","is_required":true}}"#,
    );
    assert_eq!(updated.status, 200, "{}", updated.body);
    let updated = updated.json();
    assert_eq!(updated["default_frontend_label"], "Care");
    assert_eq!(updated["frontend_input"], "select");
    assert_eq!(updated["is_required"], true);
    snap!(
        "attribute_create_without_label",
        send(
            "POST",
            "/rest/V1/products/attributes",
            r#"{"attribute":{"attribute_code":"x1","frontend_input":"text"}}"#
        )
    );
    snap!(
        "attribute_create_bad_input",
        send(
            "POST",
            "/rest/V1/products/attributes",
            r#"{"attribute":{"attribute_code":"x1","frontend_input":"slider","default_frontend_label":"X"}}"#
        )
    );
    snap!(
        "attribute_create_bad_code",
        send(
            "POST",
            "/rest/V1/products/attributes",
            r#"{"attribute":{"attribute_code":"1x","frontend_input":"text","default_frontend_label":"X"}}"#
        )
    );
    snap!(
        "attribute_create_filterable_text",
        send(
            "POST",
            "/rest/V1/products/attributes",
            r#"{"attribute":{"attribute_code":"x1","frontend_input":"text","default_frontend_label":"X","is_filterable":true}}"#
        )
    );
    // A label alone makes the code.
    let generated = send(
        "POST",
        "/rest/V1/products/attributes",
        r#"{"attribute":{"frontend_input":"boolean","default_frontend_label":"Gift Wrap"}}"#,
    );
    assert_eq!(
        generated.json()["attribute_code"],
        "gift_wrap",
        "{}",
        generated.body
    );
    assert_eq!(
        generated.json()["source_model"],
        "Magento\\Eav\\Model\\Entity\\Attribute\\Source\\Boolean"
    );
    snap!(
        "attribute_delete",
        call(
            &app,
            "DELETE",
            "/rest/V1/products/attributes/fabric_care",
            &token,
            None
        )
    );
    assert_eq!(
        get(&app, "/rest/V1/products/attributes/fabric_care", &token).status,
        404
    );
    snap!(
        "attribute_delete_system",
        call(
            &app,
            "DELETE",
            "/rest/V1/products/attributes/name",
            &token,
            None
        )
    );
}

#[test]
fn attribute_options() {
    let app = spawn_app();
    let token = admin_token(&app);
    snap!(
        "options_strap_bags",
        get(
            &app,
            "/rest/V1/products/attributes/strap_bags/options",
            &token
        )
    );
    let add = |code: &str, body: &str| {
        call(
            &app,
            "POST",
            &format!("/rest/V1/products/attributes/{code}/options"),
            &token,
            Some(body),
        )
    };
    let added = add(
        "strap_bags",
        r#"{"option":{"label":"Chain","sort_order":9}}"#,
    );
    snap!("option_add", added);
    let id = added.json().as_str().unwrap_or_default().to_string();
    snap!(
        "option_add_duplicate",
        add("strap_bags", r#"{"option":{"label":"Chain"}}"#)
    );
    snap!(
        "option_add_empty",
        add("strap_bags", r#"{"option":{"label":"  "}}"#)
    );
    snap!(
        "option_add_no_options",
        add("description", r#"{"option":{"label":"X"}}"#)
    );
    snap!(
        "option_delete",
        call(
            &app,
            "DELETE",
            &format!("/rest/V1/products/attributes/strap_bags/options/{id}"),
            &token,
            None
        )
    );
    snap!(
        "option_delete_unknown",
        call(
            &app,
            "DELETE",
            &format!("/rest/V1/products/attributes/strap_bags/options/{id}"),
            &token,
            None
        )
    );
}

#[test]
fn attribute_sets() {
    let app = spawn_app();
    let token = admin_token(&app);
    snap!(
        "set_list",
        get(
            &app,
            "/rest/V1/products/attribute-sets/sets/list?searchCriteria[pageSize]=3\
             &searchCriteria[sortOrders][0][field]=attribute_set_name",
            &token
        )
    );
    snap!(
        "set_default",
        get(&app, "/rest/V1/products/attribute-sets/4", &token)
    );
    snap!(
        "set_unknown",
        get(&app, "/rest/V1/products/attribute-sets/999", &token)
    );
    snap!(
        "set_not_product",
        get(&app, "/rest/V1/products/attribute-sets/1", &token)
    );
    snap!(
        "set_attributes",
        get(
            &app,
            "/rest/V1/products/attribute-sets/15/attributes?fields=attribute_code,scope,is_required",
            &token
        )
    );
    snap!(
        "set_attributes_not_product",
        get(
            &app,
            "/rest/V1/products/attribute-sets/1/attributes",
            &token
        )
    );
    let attributes_only =
        limited_admin_token(&app, "attrs", &["Magento_Catalog::attributes_attributes"]);
    snap!(
        "set_refused",
        get(&app, "/rest/V1/products/attribute-sets/4", &attributes_only)
    );
}
