//! URL forms, store codes and routing
//! (app/code/Magento/Webapi/Controller/PathProcessor.php, Rest/RequestProcessorPool.php,
//! Rest/Router.php, lib/internal/Magento/Framework/Webapi/Rest/Request.php).

use crate::helpers::spawn_app;
use crate::snap;

#[test]
fn every_url_form_reaches_the_same_route() {
    let app = spawn_app();
    let plain = app.get("/rest/V1/directory/currency");
    assert_eq!(plain.status, 200, "{}", plain.body);
    snap!("currency_default_store", plain);
    for path in [
        "/rest/default/V1/directory/currency",
        "/rest/all/V1/directory/currency",
        "/index.php/rest/V1/directory/currency",
        "/index.php/rest/default/V1/directory/currency",
        "/rest/V1/directory/currency/",
    ] {
        let r = app.get(path);
        assert_eq!((r.status, &r.body), (200, &plain.body), "{path}");
    }
}

/// An unknown first segment is not stripped, so no processor takes `/nostore/V1/...`.
#[test]
fn unknown_store_code_cannot_be_processed() {
    let app = spawn_app();
    snap!(
        "unknown_store",
        app.get("/rest/nostore/V1/directory/currency")
    );
    // the admin store's code is not a REST store code (StoreManager::getStores(false))
    assert_eq!(app.get("/rest/admin/V1/directory/currency").status, 400);
}

#[test]
fn route_miss_and_wrong_method_are_404() {
    let app = spawn_app();
    snap!("route_miss", app.get("/rest/V1/no/such/route"));
    let wrong_method = app.delete("/rest/V1/directory/currency");
    assert_eq!(wrong_method.status, 404);
    assert_eq!(
        wrong_method.body,
        r#"{"message":"Request does not match any route."}"#
    );
}

#[test]
fn methods_other_than_get_post_put_delete_are_invalid() {
    let app = spawn_app();
    snap!(
        "patch_method",
        app.request("PATCH", "/rest/V1/directory/currency", &[], None)
    );
    assert_eq!(
        app.request("OPTIONS", "/rest/V1/directory/currency", &[], None)
            .status,
        400
    );
}

#[test]
fn paths_outside_rest_get_the_storefront_404() {
    let app = spawn_app();
    let r = app.get("/catalog/product/view/id/1");
    assert_eq!(r.status, 404);
    assert!(r.content_type.starts_with("text/html"));
}
