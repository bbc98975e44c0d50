//! Category writes: app/code/Magento/Catalog/etc/webapi.xml (all `Magento_Catalog::categories`),
//! Model/CategoryRepository.php (`save` wrapping failures in `Could not save category: %1`,
//! `deleteByIdentifier`), Eav/Model/Entity/Attribute/Backend/AbstractBackend.php (`validate`:
//! required name and is_active), Model/ResourceModel/Category.php (`_beforeDelete` deletes the
//! children and fixes the ancestors' counts, `changeParent`, `_processPositions`,
//! `isForbiddenToDelete`), Model/CategoryManagement.php (`move`), Model/CategoryLinkManagement.php
//! and Model/CategoryLinkRepository.php (assigned products), and
//! Webapi/Controller/Rest/InputParamsResolver.php (the URL's id reaches the body on PUT only).

use crate::catalog_limited::limited_admin_token;
use crate::catalog_support::{admin_token, call, get};
use crate::helpers::spawn_app;
use crate::snap;

#[test]
fn create_under_a_parent_or_the_store_root() {
    let app = spawn_app();
    let token = admin_token(&app);
    let post = |path: &str, body: &str| call(&app, "POST", path, &token, Some(body));
    snap!(
        "category_create",
        post(
            "/rest/V1/categories",
            r#"{"category":{"parent_id":3,"name":"Yoga Mats","is_active":true,
               "custom_attributes":[{"attribute_code":"url_key","value":"Yoga Mats & Straps"}]}}"#
        )
    );
    // No parent: the store's root category (2), after its last child.
    let root = post(
        "/rest/V1/categories",
        r#"{"category":{"name":"Outlet","is_active":false,"include_in_menu":false}}"#,
    );
    assert_eq!(root.status, 200, "{}", root.body);
    assert_eq!(root.json()["parent_id"], 2);
    assert_eq!(root.json()["path"], "1/2/42");
    assert_eq!(root.json()["position"], 7);
    // The ancestors count the new descendants.
    assert_eq!(
        get(&app, "/rest/V1/categories/3", &token).json()["custom_attributes"][3]["value"],
        "4"
    );
    snap!(
        "category_create_without_name",
        post(
            "/rest/V1/categories",
            r#"{"category":{"parent_id":3,"is_active":true}}"#
        )
    );
    snap!(
        "category_create_without_is_active",
        post(
            "/rest/V1/categories",
            r#"{"category":{"parent_id":3,"name":"X"}}"#
        )
    );
    snap!(
        "category_create_unknown_parent",
        post(
            "/rest/V1/categories",
            r#"{"category":{"parent_id":999,"name":"X","is_active":true}}"#
        )
    );
    snap!(
        "category_create_url_key_taken",
        post(
            "/rest/V1/categories",
            r#"{"category":{"parent_id":3,"name":"Bags","is_active":true}}"#
        )
    );
    // The admin store's root category is 0, which is no category.
    snap!(
        "category_create_all_without_parent",
        post(
            "/rest/all/V1/categories",
            r#"{"category":{"name":"X","is_active":true}}"#
        )
    );
    let products_only = limited_admin_token(&app, "catalog", &["Magento_Catalog::products"]);
    snap!(
        "category_create_refused",
        call(
            &app,
            "POST",
            "/rest/V1/categories",
            &products_only,
            Some(r#"{"category":{"name":"X","is_active":true}}"#)
        )
    );
}

#[test]
fn update_keeps_what_is_not_sent() {
    let app = spawn_app();
    let token = admin_token(&app);
    snap!(
        "category_update",
        call(
            &app,
            "PUT",
            "/rest/V1/categories/4",
            &token,
            Some(r#"{"category":{"name":"Bags & Luggage","is_active":false}}"#)
        )
    );
    snap!(
        "category_update_unknown",
        call(
            &app,
            "PUT",
            "/rest/V1/categories/999",
            &token,
            Some(r#"{"category":{"name":"X"}}"#)
        )
    );
}

#[test]
fn delete_takes_the_children_along() {
    let app = spawn_app();
    let token = admin_token(&app);
    let before = get(&app, "/rest/V1/categories/2", &token).json();
    snap!(
        "category_delete",
        call(&app, "DELETE", "/rest/V1/categories/3", &token, None)
    );
    for gone in [3, 4, 5, 6] {
        assert_eq!(
            get(&app, &format!("/rest/V1/categories/{gone}"), &token).status,
            404
        );
    }
    let after = get(&app, "/rest/V1/categories/2", &token).json();
    let count = |v: &serde_json::Value| {
        v["custom_attributes"]
            .as_array()
            .and_then(|a| a.iter().find(|e| e["attribute_code"] == "children_count"))
            .and_then(|e| e["value"].as_str())
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(-1)
    };
    assert_eq!(count(&before) - count(&after), 4);
    // The product links went with the categories.
    let bag = get(&app, "/rest/V1/products/24-MB01", &token).json();
    assert_eq!(
        bag["extension_attributes"]["category_links"],
        serde_json::Value::Null
    );
    snap!(
        "category_delete_store_root",
        call(&app, "DELETE", "/rest/V1/categories/2", &token, None)
    );
    snap!(
        "category_delete_unknown",
        call(&app, "DELETE", "/rest/V1/categories/3", &token, None)
    );
}

#[test]
fn move_to_another_parent() {
    let app = spawn_app();
    let token = admin_token(&app);
    let move_to = |id: i64, body: &str| {
        call(
            &app,
            "PUT",
            &format!("/rest/V1/categories/{id}/move"),
            &token,
            Some(body),
        )
    };
    // Watches (6) under Women (20), after Tops (21): Bottoms (22) shifts down.
    snap!(
        "category_move",
        move_to(6, r#"{"parentId":20,"afterId":21}"#)
    );
    let watches = get(&app, "/rest/V1/categories/6", &token).json();
    assert_eq!(watches["parent_id"], 20);
    assert_eq!(watches["path"], "1/2/20/6");
    assert_eq!(watches["position"], 2);
    assert_eq!(
        get(&app, "/rest/V1/categories/22", &token).json()["position"],
        3
    );
    // A subtree moves whole: Tops (21) with its children under Men (11).
    assert_eq!(move_to(21, r#"{"parentId":11}"#).body, "true");
    let jackets = get(&app, "/rest/V1/categories/23", &token).json();
    assert_eq!(jackets["path"], "1/2/11/21/23");
    assert_eq!(jackets["level"], 4);
    snap!(
        "category_move_into_child",
        move_to(11, r#"{"parentId":21}"#)
    );
    snap!(
        "category_move_unknown_parent",
        move_to(6, r#"{"parentId":999}"#)
    );
    snap!("category_move_without_parent", move_to(6, "{}"));
}

#[test]
fn assigned_products_add_and_remove() {
    let app = spawn_app();
    let token = admin_token(&app);
    snap!(
        "category_products",
        get(&app, "/rest/V1/categories/6/products", &token)
    );
    snap!(
        "category_products_unknown",
        get(&app, "/rest/V1/categories/999/products", &token)
    );
    let link = |method: &str, path: &str, body: &str| call(&app, method, path, &token, Some(body));
    snap!(
        "category_link_post",
        link(
            "POST",
            "/rest/V1/categories/6/products",
            r#"{"productLink":{"sku":"24-MB01","position":5,"category_id":"6"}}"#
        )
    );
    // POST leaves the URL's category out of the link: the body must name it.
    snap!(
        "category_link_post_without_category",
        link(
            "POST",
            "/rest/V1/categories/6/products",
            r#"{"productLink":{"sku":"24-MB02","position":1}}"#
        )
    );
    // PUT writes it in; an existing link gets the new position.
    assert_eq!(
        link(
            "PUT",
            "/rest/V1/categories/6/products",
            r#"{"productLink":{"sku":"24-MB01","position":9}}"#
        )
        .body,
        "true"
    );
    let linked = get(&app, "/rest/V1/categories/6/products", &token).json();
    assert!(
        linked.as_array().is_some_and(|l| l
            .iter()
            .any(|p| p["sku"] == "24-MB01" && p["position"] == 9)),
        "{linked}"
    );
    snap!(
        "category_link_unknown_product",
        link(
            "PUT",
            "/rest/V1/categories/6/products",
            r#"{"productLink":{"sku":"NOPE"}}"#
        )
    );
    snap!(
        "category_link_delete",
        call(
            &app,
            "DELETE",
            "/rest/V1/categories/6/products/24-MB01",
            &token,
            None
        )
    );
    snap!(
        "category_link_delete_missing",
        call(
            &app,
            "DELETE",
            "/rest/V1/categories/6/products/24-MB01",
            &token,
            None
        )
    );
    let products_only = limited_admin_token(&app, "catalog", &["Magento_Catalog::products"]);
    snap!(
        "category_products_refused",
        get(&app, "/rest/V1/categories/6/products", &products_only)
    );
}
