//! Store scope of product writes (reference §5.1), the classic connector pitfall:
//! app/code/Magento/Catalog/Model/ProductRepository.php `save` (2.4.7+: values identical to the
//! loaded ones and not yet overridden are dropped from a store-view save, magento/magento2#31083),
//! app/code/Magento/Catalog/Model/ResourceModel/AbstractResource.php `_saveAttributeValue`
//! (store-view, website and global attributes; everything global while
//! `StoreManager::hasSingleStore`) and `_getLoadAttributesSelect` (the store's value, else the
//! global one); attribute scopes from app/code/Magento/Catalog/Setup/CategorySetup.php.

use crate::catalog_support::{admin_token, call, get};
use crate::helpers::{TestApp, spawn_app};
use crate::snap;

const SECOND_STORE: &str = include_str!("../../fixtures/examples/second-store-view.xml");
const FIELDS: &str = "fields=sku,name,price,status,visibility,custom_attributes";

/// A second store view (`fr`) in the default website, so that the store is no single-store
/// install any more.
fn with_second_store_view() -> TestApp {
    let app = spawn_app();
    let r = app.request("POST", "/__magemock/fixtures", &[], Some(SECOND_STORE));
    assert_eq!(r.status, 200, "{}", r.body);
    app
}

fn read(app: &TestApp, token: &str, store: &str) -> serde_json::Value {
    let r = get(
        app,
        &format!("/rest/{store}/V1/products/24-MB01?{FIELDS}"),
        token,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
}

fn custom(product: &serde_json::Value, code: &str) -> serde_json::Value {
    product["custom_attributes"]
        .as_array()
        .and_then(|list| list.iter().find(|a| a["attribute_code"] == code))
        .map(|a| a["value"].clone())
        .unwrap_or(serde_json::Value::Null)
}

const STORE_WRITE: &str = r#"{"product":{"name":"Joust Duffle (Default View)","price":40,
  "status":2,"visibility":2,"custom_attributes":[
    {"attribute_code":"description","value":"<p>Only in the default store view.</p>"},
    {"attribute_code":"url_key","value":"joust-default-view"}]}}"#;

#[test]
fn a_write_through_a_store_view_overrides_only_that_scope() {
    let app = with_second_store_view();
    let token = admin_token(&app);
    let written = call(
        &app,
        "PUT",
        &format!("/rest/default/V1/products/24-MB01?{FIELDS}"),
        &token,
        Some(STORE_WRITE),
    );
    // The answer is the product re-read in the store it was saved through.
    snap!("store_write_answer", written);
    // `all` (store 0) reads the global values: the price (a global attribute) changed, the
    // store-view name, status, visibility, description and URL key did not.
    snap!(
        "store_write_read_all",
        get(
            &app,
            &format!("/rest/all/V1/products/24-MB01?{FIELDS}"),
            &token
        )
    );
    snap!(
        "store_write_read_default",
        get(
            &app,
            &format!("/rest/default/V1/products/24-MB01?{FIELDS}"),
            &token
        )
    );
    // `fr` shares the website: the website-scoped status reaches it, the store-view values
    // (name, visibility, description, URL key) do not.
    let fr = read(&app, &token, "fr");
    assert_eq!(fr["name"], "Joust Duffle Bag");
    assert_eq!(fr["status"], 2);
    assert_eq!(fr["visibility"], 4);
    assert_eq!(fr["price"], 40);
    assert_eq!(custom(&fr, "url_key"), "joust-duffle-bag");
    // `/rest/V1` is the default store view; `storeId` picks the store a GET loads in.
    let by_store_id = get(
        &app,
        &format!("/rest/default/V1/products/24-MB01?storeId=0&{FIELDS}"),
        &token,
    );
    assert_eq!(
        by_store_id.json()["name"],
        "Joust Duffle Bag",
        "{}",
        by_store_id.body
    );
    let plain = get(&app, &format!("/rest/V1/products/24-MB01?{FIELDS}"), &token);
    assert_eq!(plain.json()["name"], "Joust Duffle (Default View)");
}

#[test]
fn list_filters_and_items_use_the_store_values() {
    let app = with_second_store_view();
    let token = admin_token(&app);
    let r = call(
        &app,
        "PUT",
        "/rest/default/V1/products/24-MB01",
        &token,
        Some(STORE_WRITE),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let query = "/V1/products?searchCriteria[filter_groups][0][filters][0][field]=name\
                 &searchCriteria[filter_groups][0][filters][0][value]=Joust%25\
                 &searchCriteria[filter_groups][0][filters][0][condition_type]=like\
                 &fields=items[sku,name,status],total_count";
    snap!(
        "store_list_default",
        get(&app, &format!("/rest/default{query}"), &token)
    );
    snap!(
        "store_list_all",
        get(&app, &format!("/rest/all{query}"), &token)
    );
}

/// `status` and `visibility` are integer row columns a store view can override: a filter's
/// value comes as text (`value=1`) and must compare as the number, in a store view as globally
/// (MySQL compares the int column numerically; ProductRepository::getList's collection filter).
#[test]
fn integer_row_columns_filter_numerically_in_a_store_view() {
    let app = spawn_app();
    let token = admin_token(&app);
    let count = |store: &str, field: &str, value: &str| {
        let r = get(
            &app,
            &format!(
                "/rest/{store}/V1/products?searchCriteria[filter_groups][0][filters][0][field]={field}\
                 &searchCriteria[filter_groups][0][filters][0][value]={value}\
                 &searchCriteria[pageSize]=1&fields=total_count"
            ),
            &token,
        );
        assert_eq!(r.status, 200, "{}", r.body);
        r.json()["total_count"].as_i64().unwrap_or(-1)
    };
    let enabled = count("all", "status", "1");
    assert!(enabled > 0, "the default store has enabled products");
    assert_eq!(count("default", "status", "1"), enabled);
    assert_eq!(
        count("all", "visibility", "4"),
        count("default", "visibility", "4")
    );
    assert!(count("default", "visibility", "4") > 0);
}

/// The 2.4 repository drops a value identical to the loaded one that the store does not
/// override yet, so sending the unchanged name again through `fr` leaves `fr` on the global
/// name, which a later global write then changes. A name the store does override stays.
#[test]
fn an_unchanged_name_sent_through_a_store_view_stays_global() {
    let app = with_second_store_view();
    let token = admin_token(&app);
    let put = |store: &str, body: &str| {
        let r = call(
            &app,
            "PUT",
            &format!("/rest/{store}/V1/products/24-MB01"),
            &token,
            Some(body),
        );
        assert_eq!(r.status, 200, "{}", r.body);
    };
    put("fr", r#"{"product":{"name":"Joust Duffle Bag"}}"#);
    put("default", r#"{"product":{"name":"Joust (default)"}}"#);
    put("all", r#"{"product":{"name":"Joust Duffle Bag v2"}}"#);
    assert_eq!(read(&app, &token, "fr")["name"], "Joust Duffle Bag v2");
    assert_eq!(read(&app, &token, "all")["name"], "Joust Duffle Bag v2");
    assert_eq!(read(&app, &token, "default")["name"], "Joust (default)");
    // An unchanged description sent as a string is dropped as well; status is an int in the
    // request and a string when loaded, so it is never identical and always lands in the store.
    let description = custom(&read(&app, &token, "all"), "description");
    put(
        "fr",
        &serde_json::json!({"product": {"status": 1, "custom_attributes": [
            {"attribute_code": "description", "value": description}]}})
        .to_string(),
    );
    put(
        "all",
        r#"{"product":{"status":2,"custom_attributes":[
            {"attribute_code":"description","value":"<p>New global text.</p>"}]}}"#,
    );
    let fr = read(&app, &token, "fr");
    assert_eq!(custom(&fr, "description"), "<p>New global text.</p>");
    assert_eq!(
        fr["status"], 1,
        "the store-level status written through fr stays"
    );
}

/// With one store view (`hasSingleStore`), a write through it is global: `all` sees it.
#[test]
fn with_a_single_store_view_every_write_is_global() {
    let app = spawn_app();
    let token = admin_token(&app);
    let r = call(
        &app,
        "PUT",
        "/rest/default/V1/products/24-MB01",
        &token,
        Some(STORE_WRITE),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let all = read(&app, &token, "all");
    assert_eq!(all["name"], "Joust Duffle (Default View)");
    assert_eq!(all["status"], 2);
    assert_eq!(custom(&all, "url_key"), "joust-default-view");
}

/// A product created through a store view gets the sent values in that store too; its global
/// values are what it was created with.
#[test]
fn a_product_created_through_a_store_view() {
    let app = with_second_store_view();
    let token = admin_token(&app);
    let r = call(
        &app,
        "POST",
        "/rest/fr/V1/products",
        &token,
        Some(
            r#"{"product":{"sku":"MM-FR-1","name":"Sac de sport","price":12,
              "attribute_set_id":15,"type_id":"simple"}}"#,
        ),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    // assignProductToWebsites: the current store's website only.
    assert_eq!(
        r.json()["extension_attributes"]["website_ids"],
        serde_json::json!([1])
    );
    put_global_name(&app, &token);
    let product = |store: &str| {
        get(&app, &format!("/rest/{store}/V1/products/MM-FR-1"), &token).json()["name"].clone()
    };
    assert_eq!(product("fr"), "Sac de sport");
    assert_eq!(product("default"), "Gym Bag");
    assert_eq!(product("all"), "Gym Bag");
}

fn put_global_name(app: &TestApp, token: &str) {
    let r = call(
        app,
        "PUT",
        "/rest/all/V1/products/MM-FR-1",
        token,
        Some(r#"{"product":{"name":"Gym Bag"}}"#),
    );
    assert_eq!(r.status, 200, "{}", r.body);
}
