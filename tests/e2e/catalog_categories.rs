//! The category read routes: app/code/Magento/Catalog/etc/webapi.xml
//! (`Magento_Catalog::categories`), Model/CategoryManagement.php `getTree` (store root, or the
//! hidden root under `all`; `rootCategoryId`, `depth`), Model/CategoryRepository.php `get`,
//! Model/CategoryList.php `getList`; CategoryTreeInterface and CategoryInterface key orders.

use crate::catalog_support::{admin_token, get};
use crate::helpers::spawn_app;
use crate::snap;

#[test]
fn tree_from_the_store_root_or_a_given_category() {
    let app = spawn_app();
    let token = admin_token(&app);
    snap!(
        "tree_default_depth_1",
        get(&app, "/rest/V1/categories?depth=1", &token)
    );
    snap!(
        "tree_gear",
        get(&app, "/rest/V1/categories?rootCategoryId=3", &token)
    );
    // Under `all` (the admin store) the tree starts at the hidden Root Catalog.
    let all = get(&app, "/rest/all/V1/categories?depth=0", &token);
    snap!("tree_all_depth_0", all);
    snap!(
        "tree_unknown_root",
        get(&app, "/rest/V1/categories?rootCategoryId=999", &token)
    );
    snap!("tree_guest", app.get("/rest/V1/categories"));
}

#[test]
fn one_category_and_the_list() {
    let app = spawn_app();
    let token = admin_token(&app);
    snap!("category_bags", get(&app, "/rest/V1/categories/4", &token));
    snap!(
        "category_unknown",
        get(&app, "/rest/V1/categories/999", &token)
    );
    snap!(
        "category_bad_id",
        get(&app, "/rest/V1/categories/abc", &token)
    );
    snap!(
        "category_list",
        get(
            &app,
            "/rest/V1/categories/list?searchCriteria[filter_groups][0][filters][0][field]=parent_id\
             &searchCriteria[filter_groups][0][filters][0][value]=3\
             &searchCriteria[sortOrders][0][field]=name&searchCriteria[sortOrders][0][direction]=ASC\
             &fields=items[id,name,children],total_count",
            &token
        )
    );
}
