//! app/code/Magento/Customer/etc/webapi.xml, customer groups: `GroupRepositoryInterface`
//! (`getById`, `getList`, `save`, `deleteById`) and `GroupManagementInterface`
//! (`getDefaultGroup`, `isReadonly`), all `Magento_Customer::group`. GroupInterface prints
//! `id`, `code`, `tax_class_id`, `tax_class_name` (Customer/Api/Data/GroupInterface.php).

use magemock_catalog::customer_group_repo::{self, GroupInput, GroupView};
use magemock_core::MagentoError;
use serde_json::{Map, Value};

use super::params::{TypeFail, int, string, typed};
use super::products::int_param;
use super::{Failed, list};
use crate::rest::call::Call;
use crate::rest::router::{Method, Route};

const ACL: &[&str] = &["Magento_Customer::group"];

pub const ROUTES: &[Route] = &[
    Route {
        method: Method::Get,
        url: "/V1/customerGroups/:id",
        service: "Magento\\Customer\\Api\\GroupRepositoryInterface::getById",
        resources: ACL,
        forced: &[],
        handler: get_by_id,
    },
    Route {
        method: Method::Get,
        url: "/V1/customerGroups/default/:storeId",
        service: "Magento\\Customer\\Api\\GroupManagementInterface::getDefaultGroup",
        resources: ACL,
        forced: &[],
        handler: default_group,
    },
    Route {
        method: Method::Get,
        url: "/V1/customerGroups/default",
        service: "Magento\\Customer\\Api\\GroupManagementInterface::getDefaultGroup",
        resources: ACL,
        forced: &[],
        handler: default_group,
    },
    Route {
        method: Method::Get,
        url: "/V1/customerGroups/:id/permissions",
        service: "Magento\\Customer\\Api\\GroupManagementInterface::isReadonly",
        resources: ACL,
        forced: &[],
        handler: is_readonly,
    },
    Route {
        method: Method::Get,
        url: "/V1/customerGroups/search",
        service: "Magento\\Customer\\Api\\GroupRepositoryInterface::getList",
        resources: ACL,
        forced: &[],
        handler: get_list,
    },
    Route {
        method: Method::Post,
        url: "/V1/customerGroups",
        service: "Magento\\Customer\\Api\\GroupRepositoryInterface::save",
        resources: ACL,
        forced: &[],
        handler: save,
    },
    Route {
        method: Method::Put,
        url: "/V1/customerGroups/:id",
        service: "Magento\\Customer\\Api\\GroupRepositoryInterface::save",
        resources: ACL,
        forced: &[],
        handler: save,
    },
    Route {
        method: Method::Delete,
        url: "/V1/customerGroups/:id",
        service: "Magento\\Customer\\Api\\GroupRepositoryInterface::deleteById",
        resources: ACL,
        forced: &[],
        handler: delete_by_id,
    },
];

/// GroupInterface in getter order; `tax_class_name` is dropped when the class is unknown.
fn group_json(g: &GroupView) -> Value {
    let mut o = Map::new();
    o.insert("id".into(), g.id.into());
    o.insert("code".into(), g.code.clone().into());
    o.insert("tax_class_id".into(), g.tax_class_id.into());
    if let Some(name) = &g.tax_class_name {
        o.insert("tax_class_name".into(), name.clone().into());
    }
    Value::Object(o)
}

fn group_id(call: &Call<'_>) -> Result<i64, MagentoError> {
    call.input.require(&["id"])?;
    Ok(int_param(call, "id")?.unwrap_or(0))
}

fn get_by_id(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let id = group_id(call)?;
    let g = call
        .services
        .store
        .read(|c| Ok::<_, Failed>(customer_group_repo::get_by_id(c, id)?))?;
    Ok(group_json(&g))
}

/// `getDefaultGroup($storeId = null)`: the current store when none is given.
fn default_group(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let store_id = int_param(call, "storeId")?.unwrap_or(call.store.store_id);
    let g = call
        .services
        .store
        .read(|c| Ok::<_, Failed>(customer_group_repo::default_group(c, store_id)?))?;
    Ok(group_json(&g))
}

/// `isReadonly($id)` → `true` for NOT LOGGED IN and the default group.
fn is_readonly(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let id = group_id(call)?;
    let readonly = call
        .services
        .store
        .read(|c| Ok::<_, Failed>(customer_group_repo::is_readonly(c, id)?))?;
    Ok(Value::Bool(readonly))
}

fn get_list(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let criteria = list::criteria(call)?;
    let (items, total) = call.services.store.read(|c| {
        let (ids, total) = customer_group_repo::search_groups(c, &criteria)?;
        let mut items = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(g) = customer_group_repo::group(c, id)? {
                items.push(group_json(&g));
            }
        }
        Ok::<_, Failed>((items, total))
    })?;
    Ok(list::envelope(items, &criteria, total))
}

/// GroupInterface's properties.
const GROUP_PROPERTIES: &[&str] = &[
    "id",
    "code",
    "tax_class_id",
    "tax_class_name",
    "extension_attributes",
];

fn group_input(value: &Value) -> Result<GroupInput, MagentoError> {
    let empty = Map::new();
    let o = value.as_object().unwrap_or(&empty);
    for key in o.keys() {
        let snake = crate::rest::request::snake_case(key);
        if !GROUP_PROPERTIES.contains(&snake.as_str()) {
            return Err(MagentoError::internal(format!(
                "Property \"{key}\" does not have accessor method in class \
                 \"Magento\\Customer\\Api\\Data\\GroupInterface\"."
            )));
        }
    }
    let read = || -> Result<GroupInput, TypeFail> {
        Ok(GroupInput {
            id: typed(o, "id", int)?,
            code: typed(o, "code", string)?,
            tax_class_id: typed(o, "tax_class_id", int)?,
        })
    };
    read().map_err(TypeFail::into_error)
}

/// `save($group)`: on PUT the URL's id goes into `group.id` when the body is that one object.
fn save(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    call.input.require(&["group"])?;
    let mut body = call.input.get("group").cloned().unwrap_or(Value::Null);
    let only_group = call
        .input
        .raw()
        .keys()
        .filter(|k| k.as_str() != "id" && k.as_str() != "fields")
        .count()
        == 1;
    if let (Some(path_id), Value::Object(o), true) =
        (call.input.raw().get("id"), &mut body, only_group)
    {
        o.insert("id".into(), path_id.clone());
    }
    let input = group_input(&body)?;
    let g = call.services.store.write(|tx| {
        let id = customer_group_repo::save_group(tx, &input)?;
        Ok::<_, Failed>(customer_group_repo::get_by_id(tx, id)?)
    })?;
    Ok(group_json(&g))
}

/// `deleteById($id)` → `true`.
fn delete_by_id(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let id = group_id(call)?;
    let now = call.services.clock.now_db();
    call.services.store.write(|tx| {
        customer_group_repo::delete_group(tx, id, &now)?;
        Ok::<_, Failed>(())
    })?;
    Ok(Value::Bool(true))
}
