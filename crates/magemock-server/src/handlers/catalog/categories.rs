//! app/code/Magento/Catalog/etc/webapi.xml: the category read routes
//! (`CategoryManagementInterface::getTree`, `CategoryRepositoryInterface::get`,
//! `CategoryListInterface::getList`), all `Magento_Catalog::categories`.

use magemock_catalog::category_view::{self, CategoryView, TreeNode};
use magemock_catalog::store_lists;
use magemock_core::{MagentoError, ToMagentoError};
use serde_json::{Map, Value, json};

use super::products::int_param;
use super::{Failed, list};
use crate::rest::call::Call;
use crate::rest::router::{Method, Route};

const ACL: &[&str] = &["Magento_Catalog::categories"];

pub const ROUTES: &[Route] = &[
    Route {
        method: Method::Get,
        url: "/V1/categories",
        service: "Magento\\Catalog\\Api\\CategoryManagementInterface::getTree",
        resources: ACL,
        forced: &[],
        handler: tree,
    },
    Route {
        method: Method::Get,
        url: "/V1/categories/:categoryId",
        service: "Magento\\Catalog\\Api\\CategoryRepositoryInterface::get",
        resources: ACL,
        forced: &[],
        handler: get,
    },
    Route {
        method: Method::Get,
        url: "/V1/categories/list",
        service: "Magento\\Catalog\\Api\\CategoryListInterface::getList",
        resources: ACL,
        forced: &[],
        handler: get_list,
    },
];

/// `CategoryRepository::get`: NoSuchEntityException::singleField('id', $categoryId).
fn not_found(id: i64) -> MagentoError {
    MagentoError::no_such_entity("id", id)
}

/// CategoryTreeInterface: `id`, `parent_id`, `name`, `is_active`, `position`, `level`,
/// `product_count`, `children_data` (app/code/Magento/Catalog/Api/Data/CategoryTreeInterface.php).
fn tree_json(node: &TreeNode) -> Value {
    let c = &node.category;
    let mut o = Map::new();
    o.insert("id".into(), c.id.into());
    o.insert("parent_id".into(), c.parent_id.into());
    if let Some(name) = &c.name {
        o.insert("name".into(), name.clone().into());
    }
    o.insert("is_active".into(), c.is_active.into());
    o.insert("position".into(), c.position.into());
    o.insert("level".into(), c.level.into());
    o.insert("product_count".into(), node.product_count.into());
    o.insert(
        "children_data".into(),
        Value::Array(node.children.iter().map(tree_json).collect()),
    );
    Value::Object(o)
}

/// `getTree($rootCategoryId = null, $depth = null)` (Model/CategoryManagement.php): from the
/// given category, else from the hidden root under `all` (the admin store), else from the
/// store's root category. `depth` levels below the start are included (all when absent).
fn tree(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let root_param = int_param(call, "rootCategoryId")?;
    let depth = int_param(call, "depth")?;
    let store_id = call.store.store_id;
    let node = call.services.store.read(|c| {
        let root = match root_param {
            Some(id) => id,
            None if store_id == 0 => magemock_catalog::categories::TREE_ROOT_ID,
            None => store_lists::store_root_category(c, store_id)?,
        };
        let node = category_view::tree(c, root, depth)?.ok_or_else(|| not_found(root))?;
        Ok::<_, Failed>(node)
    })?;
    Ok(tree_json(&node))
}

/// CategoryInterface in getter order (app/code/Magento/Catalog/Api/Data/CategoryInterface.php):
/// `children` is the direct children's ids as one string, `available_sort_by` an empty list
/// when unset, and `custom_attributes` the EAV values a category load puts on the model.
fn category_json(v: &CategoryView) -> Value {
    let c = &v.category;
    let mut o = Map::new();
    o.insert("id".into(), c.id.into());
    o.insert("parent_id".into(), c.parent_id.into());
    if let Some(name) = &c.name {
        o.insert("name".into(), name.clone().into());
    }
    o.insert("is_active".into(), c.is_active.into());
    o.insert("position".into(), c.position.into());
    o.insert("level".into(), c.level.into());
    let children: Vec<String> = v.children.iter().map(i64::to_string).collect();
    o.insert("children".into(), children.join(",").into());
    o.insert("created_at".into(), c.created_at.clone().into());
    o.insert("updated_at".into(), c.updated_at.clone().into());
    o.insert("path".into(), c.path.clone().into());
    o.insert("available_sort_by".into(), json!([]));
    o.insert("include_in_menu".into(), c.include_in_menu.into());
    let entry = |code: &str, value: String| json!({"attribute_code": code, "value": value});
    let mut custom = Vec::new();
    if c.level > 0 {
        // Category defaults of a category created in the admin (display mode "Products
        // only", anchor on).
        custom.push(entry("display_mode", "PRODUCTS".into()));
        custom.push(entry("is_anchor", "1".into()));
    }
    custom.push(entry("path", c.path.clone()));
    custom.push(entry("children_count", c.children_count.to_string()));
    if let Some(key) = &c.url_key {
        custom.push(entry("url_key", key.clone()));
    }
    if let Some(path) = &v.url_path {
        custom.push(entry("url_path", path.clone()));
    }
    o.insert("custom_attributes".into(), Value::Array(custom));
    Value::Object(o)
}

/// `get($categoryId, $storeId = null)`; store-view values are not modelled.
fn get(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    call.input.require(&["categoryId"])?;
    let id = int_param(call, "categoryId")?.unwrap_or(0);
    int_param(call, "storeId")?;
    let view = call
        .services
        .store
        .read(|c| category_view::category_view(c, id))
        .map_err(|e| e.to_magento())?
        .ok_or_else(|| not_found(id))?;
    Ok(category_json(&view))
}

/// `CategoryList::getList($searchCriteria)`: each match loaded through the repository.
fn get_list(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let criteria = list::criteria(call)?;
    let (items, total) = call.services.store.read(|c| {
        let (ids, total) = category_view::search_categories(c, &criteria)?;
        let mut items = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(view) = category_view::category_view(c, id)? {
                items.push(category_json(&view));
            }
        }
        Ok::<_, Failed>((items, total))
    })?;
    Ok(list::envelope(items, &criteria, total))
}
