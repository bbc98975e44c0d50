//! The store structure routes: app/code/Magento/Store/etc/webapi.xml (ACL
//! `Magento_Backend::store`), StoreRepository / GroupRepository / WebsiteRepository
//! `getList`, StoreConfigManager::getStoreConfigs; key orders as
//! dev/tests/api-functional/testsuite/Magento/Store/Api/*Test.php assert them.

use crate::catalog_support::{admin_token, customer_token, get, without_port};
use crate::helpers::spawn_app;
use crate::snap;

#[test]
fn store_views_groups_and_websites_include_the_admin_scope() {
    let app = spawn_app();
    let token = admin_token(&app);
    snap!(
        "store_views",
        get(&app, "/rest/V1/store/storeViews", &token)
    );
    snap!(
        "store_groups",
        get(&app, "/rest/V1/store/storeGroups", &token)
    );
    snap!("websites", get(&app, "/rest/V1/store/websites", &token));
}

#[test]
fn store_configs_all_or_by_code() {
    let app = spawn_app();
    let token = admin_token(&app);
    let all = get(&app, "/rest/V1/store/storeConfigs", &token);
    snap!("store_configs_all", without_port(&app, all));
    let default = get(
        &app,
        "/rest/V1/store/storeConfigs?storeCodes[]=default&storeCodes[]=nope",
        &token,
    );
    snap!("store_configs_default", without_port(&app, default));
    // storeCodes is string[]: a scalar is ServiceInputProcessor's type error, unwrapped.
    snap!(
        "store_configs_scalar_codes",
        get(
            &app,
            "/rest/V1/store/storeConfigs?storeCodes=default",
            &token
        )
    );
}

/// app/code/Magento/Webapi/Controller/Rest/RequestValidator.php: guests and customers hold no
/// ACL resource.
#[test]
fn guests_and_customers_are_refused() {
    let app = spawn_app();
    snap!("store_views_guest", app.get("/rest/V1/store/storeViews"));
    let customer = customer_token(&app);
    let r = get(&app, "/rest/V1/store/websites", &customer);
    assert_eq!(r.status, 401, "{}", r.body);
}
