//! What hangs off a product: app/code/Magento/Catalog/etc/webapi.xml (media under
//! `Magento_Catalog::catalog`, one entry under `Magento_Catalog::attributes_attributes`, links
//! and tier prices under `Magento_Catalog::catalog`, website links under
//! `Magento_Catalog::products`), Catalog/Model/Product/Gallery/GalleryManagement.php (2.4.7:
//! `get`/`getList` hand the file back as `content`), Framework/Api/ImageContentValidator.php,
//! Framework/File/Uploader.php (dispersion path), Catalog/Model/ProductLink/Management.php and
//! Repository.php, Catalog/Model/ProductWebsiteLinkRepository.php,
//! Catalog/Model/Product/TierPriceManagement.php and Product/Type/Price.php `getTierPrices`.

use crate::catalog_limited::limited_admin_token;
use crate::catalog_support::{admin_token, call, get};
use crate::helpers::spawn_app;
use crate::snap;

/// A 1×1 PNG.
const PNG: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

fn entry(name: &str, mime: &str, data: &str) -> String {
    serde_json::json!({"entry": {"media_type": "image", "label": "Front", "position": 1,
        "disabled": false,
        "content": {"base64_encoded_data": data, "type": mime, "name": name}}})
    .to_string()
}

#[test]
fn media_entries_create_list_and_get() {
    let app = spawn_app();
    let token = admin_token(&app);
    let post = |sku: &str, body: &str| {
        call(
            &app,
            "POST",
            &format!("/rest/V1/products/{sku}/media"),
            &token,
            Some(body),
        )
    };
    snap!(
        "media_empty",
        get(&app, "/rest/V1/products/24-MB01/media", &token)
    );
    snap!(
        "media_create",
        post("24-MB01", &entry("Joust Bag.png", "image/png", PNG))
    );
    // The same name again is renamed; a second entry takes no role unless asked.
    assert_eq!(
        post("24-MB01", &entry("Joust Bag.png", "image/png", PNG)).body,
        "2"
    );
    snap!(
        "media_list",
        get(&app, "/rest/V1/products/24-MB01/media", &token)
    );
    snap!(
        "media_get",
        get(&app, "/rest/V1/products/24-MB01/media/1", &token)
    );
    let product = get(
        &app,
        "/rest/V1/products/24-MB01?fields=media_gallery_entries,custom_attributes",
        &token,
    );
    snap!("media_in_product", product);
    snap!(
        "media_get_unknown_entry",
        get(&app, "/rest/V1/products/24-MB01/media/99", &token)
    );
    snap!(
        "media_get_unknown_product",
        get(&app, "/rest/V1/products/NOPE/media/1", &token)
    );
    snap!(
        "media_create_not_base64",
        post("24-MB01", &entry("x.png", "image/png", "%%%"))
    );
    snap!(
        "media_create_wrong_mime",
        post("24-MB01", &entry("x.jpg", "image/jpeg", PNG))
    );
    snap!(
        "media_create_unknown_product",
        post("NOPE", &entry("x.png", "image/png", PNG))
    );
    let customers_only = limited_admin_token(&app, "crm", &["Magento_Customer::customer"]);
    snap!(
        "media_refused",
        get(&app, "/rest/V1/products/24-MB01/media", &customers_only)
    );
}

const LINKS: &str = r#"{"items":[
  {"sku":"24-MB01","link_type":"related","linked_product_sku":"24-MB02","linked_product_type":"simple","position":2},
  {"sku":"24-MB01","link_type":"related","linked_product_sku":"24-MB03","linked_product_type":"simple","position":1},
  {"sku":"24-MB01","link_type":"upsell","linked_product_sku":"24-MB04","linked_product_type":"simple","position":1}]}"#;

#[test]
fn product_links_set_read_and_delete() {
    let app = spawn_app();
    let token = admin_token(&app);
    let set = |body: &str| {
        call(
            &app,
            "POST",
            "/rest/V1/products/24-MB01/links",
            &token,
            Some(body),
        )
    };
    snap!("links_set", set(LINKS));
    snap!(
        "links_related",
        get(&app, "/rest/V1/products/24-MB01/links/related", &token)
    );
    let product = get(&app, "/rest/V1/products/24-MB01", &token).json();
    assert_eq!(
        product["product_links"].as_array().map(Vec::len),
        Some(3),
        "{product}"
    );
    snap!(
        "links_unknown_type",
        get(&app, "/rest/V1/products/24-MB01/links/similar", &token)
    );
    snap!("links_set_empty", set(r#"{"items":[]}"#));
    snap!(
        "links_set_bad_type",
        set(r#"{"items":[{"link_type":"similar","linked_product_sku":"24-MB02"}]}"#)
    );
    snap!(
        "links_set_no_type",
        set(r#"{"items":[{"linked_product_sku":"24-MB02"}]}"#)
    );
    snap!(
        "links_set_unknown_linked",
        set(r#"{"items":[{"link_type":"related","linked_product_sku":"NOPE"}]}"#)
    );
    snap!(
        "links_delete",
        call(
            &app,
            "DELETE",
            "/rest/V1/products/24-MB01/links/related/24-MB02",
            &token,
            None
        )
    );
    snap!(
        "links_delete_missing",
        call(
            &app,
            "DELETE",
            "/rest/V1/products/24-MB01/links/related/24-MB02",
            &token,
            None
        )
    );
    let customers_only = limited_admin_token(&app, "crm", &["Magento_Customer::customer"]);
    snap!(
        "links_refused",
        get(
            &app,
            "/rest/V1/products/24-MB01/links/related",
            &customers_only
        )
    );
}

#[test]
fn website_links() {
    let app = spawn_app();
    let token = admin_token(&app);
    let websites = || {
        get(&app, "/rest/V1/products/24-MB01", &token).json()["extension_attributes"]["website_ids"]
            .clone()
    };
    snap!(
        "website_delete",
        call(
            &app,
            "DELETE",
            "/rest/V1/products/24-MB01/websites/1",
            &token,
            None
        )
    );
    assert_eq!(websites(), serde_json::json!([]));
    let send = |method: &str, body: &str| {
        call(
            &app,
            method,
            "/rest/V1/products/24-MB01/websites",
            &token,
            Some(body),
        )
    };
    // POST takes the SKU from the body only.
    snap!(
        "website_post_without_sku",
        send("POST", r#"{"productWebsiteLink":{"website_id":1}}"#)
    );
    snap!(
        "website_put",
        send("PUT", r#"{"productWebsiteLink":{"website_id":1}}"#)
    );
    assert_eq!(websites(), serde_json::json!([1]));
    snap!(
        "website_zero",
        send(
            "POST",
            r#"{"productWebsiteLink":{"sku":"24-MB01","website_id":0}}"#
        )
    );
    snap!(
        "website_unknown",
        send(
            "POST",
            r#"{"productWebsiteLink":{"sku":"24-MB01","website_id":9}}"#
        )
    );
    let customers_only = limited_admin_token(&app, "crm", &["Magento_Customer::customer"]);
    snap!(
        "website_refused",
        call(
            &app,
            "DELETE",
            "/rest/V1/products/24-MB01/websites/1",
            &customers_only,
            None
        )
    );
}

#[test]
fn tier_prices_saved_with_the_product_and_read_by_group() {
    let app = spawn_app();
    let token = admin_token(&app);
    let saved = call(
        &app,
        "PUT",
        "/rest/V1/products/24-MB01?fields=tier_prices",
        &token,
        Some(
            r#"{"product":{"tier_prices":[{"customer_group_id":1,"qty":5,"value":30},
              {"customer_group_id":32000,"qty":10,"value":28.5}]}}"#,
        ),
    );
    snap!("tier_prices_in_product", saved);
    snap!(
        "tier_prices_group_1",
        get(
            &app,
            "/rest/V1/products/24-MB01/group-prices/1/tiers",
            &token
        )
    );
    snap!(
        "tier_prices_all",
        get(
            &app,
            "/rest/V1/products/24-MB01/group-prices/all/tiers",
            &token
        )
    );
    assert_eq!(
        get(
            &app,
            "/rest/V1/products/24-MB01/group-prices/2/tiers",
            &token
        )
        .body,
        "[]"
    );
    snap!(
        "tier_prices_unknown_product",
        get(&app, "/rest/V1/products/NOPE/group-prices/1/tiers", &token)
    );
    let customers_only = limited_admin_token(&app, "crm", &["Magento_Customer::customer"]);
    snap!(
        "tier_prices_refused",
        get(
            &app,
            "/rest/V1/products/24-MB01/group-prices/1/tiers",
            &customers_only
        )
    );
}
