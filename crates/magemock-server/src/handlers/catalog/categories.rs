//! app/code/Magento/Catalog/etc/webapi.xml: the category routes
//! (`CategoryManagementInterface::getTree` and `move`, `CategoryRepositoryInterface::get`,
//! `save` and `deleteByIdentifier`, `CategoryListInterface::getList`, and the product links of
//! `CategoryLinkManagementInterface` / `CategoryLinkRepositoryInterface`), all
//! `Magento_Catalog::categories`.

use magemock_catalog::category_save::{self, AssignedProduct, CategoryInput};
use magemock_catalog::category_view::{self, CategoryView, TreeNode};
use magemock_catalog::store_lists;
use magemock_core::{MagentoError, ToMagentoError};
use serde_json::{Map, Value, json};

use super::params::{TypeFail, boolean, check_keys, int, prop, string, typed};
use super::products::{int_param, string_param};
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
    Route {
        method: Method::Post,
        url: "/V1/categories",
        service: "Magento\\Catalog\\Api\\CategoryRepositoryInterface::save",
        resources: ACL,
        forced: &[],
        handler: save,
    },
    Route {
        method: Method::Put,
        url: "/V1/categories/:id",
        service: "Magento\\Catalog\\Api\\CategoryRepositoryInterface::save",
        resources: ACL,
        forced: &[],
        handler: save,
    },
    Route {
        method: Method::Delete,
        url: "/V1/categories/:categoryId",
        service: "Magento\\Catalog\\Api\\CategoryRepositoryInterface::deleteByIdentifier",
        resources: ACL,
        forced: &[],
        handler: delete_by_identifier,
    },
    Route {
        method: Method::Put,
        url: "/V1/categories/:categoryId/move",
        service: "Magento\\Catalog\\Api\\CategoryManagementInterface::move",
        resources: ACL,
        forced: &[],
        handler: move_category,
    },
    Route {
        method: Method::Get,
        url: "/V1/categories/:categoryId/products",
        service: "Magento\\Catalog\\Api\\CategoryLinkManagementInterface::getAssignedProducts",
        resources: ACL,
        forced: &[],
        handler: assigned_products,
    },
    Route {
        method: Method::Post,
        url: "/V1/categories/:categoryId/products",
        service: "Magento\\Catalog\\Api\\CategoryLinkRepositoryInterface::save",
        resources: ACL,
        forced: &[],
        handler: save_link_post,
    },
    Route {
        method: Method::Put,
        url: "/V1/categories/:categoryId/products",
        service: "Magento\\Catalog\\Api\\CategoryLinkRepositoryInterface::save",
        resources: ACL,
        forced: &[],
        handler: save_link_put,
    },
    Route {
        method: Method::Delete,
        url: "/V1/categories/:categoryId/products/:sku",
        service: "Magento\\Catalog\\Api\\CategoryLinkRepositoryInterface::deleteByIds",
        resources: ACL,
        forced: &[],
        handler: delete_link,
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

/// CategoryInterface's properties (getters), snake_case.
const CATEGORY_PROPERTIES: &[&str] = &[
    "id",
    "parent_id",
    "name",
    "is_active",
    "position",
    "level",
    "children",
    "created_at",
    "updated_at",
    "path",
    "available_sort_by",
    "include_in_menu",
    "extension_attributes",
    "custom_attributes",
];

/// The `url_key` of `custom_attributes` (a list of `{attribute_code, value}` or a map).
fn url_key(custom: Option<&Value>) -> Result<Option<String>, TypeFail> {
    let value = match custom {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_object)
            .find(|m| m.get("attribute_code").and_then(Value::as_str) == Some("url_key"))
            .and_then(|m| m.get("value")),
        Some(Value::Object(map)) => map.get("url_key"),
        _ => None,
    };
    match value {
        Some(v) => string(v).map_err(|e| e.within("custom_attributes")),
        None => Ok(None),
    }
}

fn category_input(value: &Value) -> Result<CategoryInput, MagentoError> {
    let empty = Map::new();
    let o = value.as_object().unwrap_or(&empty);
    check_keys(
        o,
        CATEGORY_PROPERTIES,
        "Magento\\Catalog\\Api\\Data\\CategoryInterface",
    )?;
    let read = || -> Result<CategoryInput, TypeFail> {
        Ok(CategoryInput {
            id: typed(o, "id", int)?,
            parent_id: typed(o, "parent_id", int)?,
            name: typed(o, "name", string)?,
            is_active: prop(o, "is_active").and_then(boolean),
            position: typed(o, "position", int)?,
            include_in_menu: prop(o, "include_in_menu").and_then(boolean),
            url_key: url_key(prop(o, "custom_attributes"))?,
        })
    };
    read().map_err(TypeFail::into_error)
}

/// The keys of the call other than the URL's parameters and `fields`: the body, as far as
/// `ParamsOverrider::overrideRequestBodyIdWithPathParam` counts it.
fn body_only(call: &Call<'_>, object: &str, path_params: &[&str]) -> bool {
    let keys: Vec<&String> = call
        .input
        .raw()
        .keys()
        .filter(|k| k.as_str() != "fields" && !path_params.contains(&k.as_str()))
        .collect();
    keys.len() == 1 && keys[0] == object
}

/// `save($category)`: POST creates (or updates, when the body carries an `id`); on PUT the
/// URL's id goes into the category when the body is that one object. The answer is the
/// category re-read.
fn save(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    call.input.require(&["category"])?;
    let mut body = call.input.get("category").cloned().unwrap_or(Value::Null);
    if let (Some(path_id), Value::Object(o), true) = (
        call.input.raw().get("id").cloned(),
        &mut body,
        body_only(call, "category", &["id"]),
    ) {
        o.insert("id".into(), path_id);
    }
    let input = category_input(&body)?;
    let now = call.services.clock.now_db();
    let store_id = call.store.store_id;
    let view = call.services.store.write(|tx| {
        let root = store_lists::store_root_category(tx, store_id)?;
        let id = category_save::save_category(tx, &input, root, &now)?;
        category_view::category_view(tx, id)?.ok_or_else(|| Failed(not_found(id)))
    })?;
    Ok(category_json(&view))
}

/// `deleteByIdentifier($categoryId)` → `true`.
fn delete_by_identifier(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    call.input.require(&["categoryId"])?;
    let id = int_param(call, "categoryId")?.unwrap_or(0);
    call.services
        .store
        .write(|tx| Ok::<_, Failed>(category_save::delete_category(tx, id)?))?;
    Ok(Value::Bool(true))
}

/// `move($categoryId, $parentId, $afterId = null)` → `true`.
fn move_category(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    call.input.require(&["categoryId", "parentId"])?;
    let id = int_param(call, "categoryId")?.unwrap_or(0);
    let parent_id = int_param(call, "parentId")?.unwrap_or(0);
    let after_id = int_param(call, "afterId")?;
    call.services
        .store
        .write(|tx| Ok::<_, Failed>(category_save::move_category(tx, id, parent_id, after_id)?))?;
    Ok(Value::Bool(true))
}

/// CategoryProductLinkInterface: `sku`, `position`, `category_id` (a string).
fn link_json(link: &AssignedProduct) -> Value {
    json!({
        "sku": link.sku,
        "position": link.position,
        "category_id": link.category_id.to_string(),
    })
}

/// `getAssignedProducts($categoryId)`.
fn assigned_products(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    call.input.require(&["categoryId"])?;
    let id = int_param(call, "categoryId")?.unwrap_or(0);
    let links = call
        .services
        .store
        .read(|c| Ok::<_, Failed>(category_save::assigned_products(c, id)?))?;
    Ok(Value::Array(links.iter().map(link_json).collect()))
}

const LINK_PROPERTIES: &[&str] = &["sku", "position", "category_id", "extension_attributes"];

/// `CategoryLinkRepository::save($productLink)` → `true`. Only PUT writes the URL's category
/// into the link (ParamsOverrider runs for PUT alone), so a POST must carry `category_id` in
/// the body: without it the category lookup is `No such entity with id = `.
fn save_link(call: &mut Call<'_>, is_put: bool) -> Result<Value, MagentoError> {
    call.input.require(&["productLink"])?;
    let mut body = call
        .input
        .get("productLink")
        .cloned()
        .unwrap_or(Value::Null);
    if let (Some(path_id), Value::Object(o), true) = (
        call.input.raw().get("categoryId").cloned(),
        &mut body,
        is_put && body_only(call, "productLink", &["categoryId"]),
    ) {
        o.insert("category_id".into(), path_id);
    }
    let empty = Map::new();
    let o = body.as_object().unwrap_or(&empty);
    check_keys(
        o,
        LINK_PROPERTIES,
        "Magento\\Catalog\\Api\\Data\\CategoryProductLinkInterface",
    )?;
    let sku = typed(o, "sku", string).map_err(TypeFail::into_error)?;
    let position = typed(o, "position", int).map_err(TypeFail::into_error)?;
    let category_id = typed(o, "category_id", int).map_err(TypeFail::into_error)?;
    let sku = sku.unwrap_or_default();
    call.services
        .store
        .write(|tx| Ok::<_, Failed>(category_save::save_link(tx, category_id, &sku, position)?))?;
    Ok(Value::Bool(true))
}

fn save_link_post(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    save_link(call, false)
}

fn save_link_put(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    save_link(call, true)
}

/// `deleteByIds($categoryId, $sku)` → `true`.
fn delete_link(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    call.input.require(&["categoryId", "sku"])?;
    let id = int_param(call, "categoryId")?.unwrap_or(0);
    let sku = string_param(call, "sku")?.unwrap_or_default();
    call.services
        .store
        .write(|tx| Ok::<_, Failed>(category_save::delete_link(tx, id, &sku)?))?;
    Ok(Value::Bool(true))
}
