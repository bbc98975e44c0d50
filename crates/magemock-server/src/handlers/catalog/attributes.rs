//! app/code/Magento/Catalog/etc/webapi.xml: product types (`ProductTypeListInterface`,
//! `Magento_Catalog::products`), product attributes and their options
//! (`ProductAttributeRepositoryInterface`, `ProductAttributeOptionManagementInterface`,
//! `ProductAttributeTypesListInterface`, all `Magento_Catalog::attributes_attributes`) and
//! attribute sets (`AttributeSetRepositoryInterface::get` / `getList`,
//! `ProductAttributeManagementInterface::getAttributes`, `Magento_Catalog::sets`).

use magemock_catalog::attribute_api::{
    self, AttributeInput, AttributeMeta, INPUT_TYPES, OptionInput, OptionView, SetView,
};
use magemock_core::MagentoError;
use serde_json::{Map, Value, json};

use super::params::{TypeFail, boolean, check_keys, int, prop, string, typed};
use super::products::{int_param, string_param};
use super::{Failed, list};
use crate::rest::call::Call;
use crate::rest::router::{Method, Route};

const ACL_PRODUCTS: &[&str] = &["Magento_Catalog::products"];
const ACL_ATTRIBUTES: &[&str] = &["Magento_Catalog::attributes_attributes"];
const ACL_SETS: &[&str] = &["Magento_Catalog::sets"];

pub const ROUTES: &[Route] = &[
    Route {
        method: Method::Get,
        url: "/V1/products/types",
        service: "Magento\\Catalog\\Api\\ProductTypeListInterface::getProductTypes",
        resources: ACL_PRODUCTS,
        forced: &[],
        handler: product_types,
    },
    Route {
        method: Method::Get,
        url: "/V1/products/attributes/types",
        service: "Magento\\Catalog\\Api\\ProductAttributeTypesListInterface::getItems",
        resources: ACL_ATTRIBUTES,
        forced: &[],
        handler: attribute_types,
    },
    Route {
        method: Method::Get,
        url: "/V1/products/attributes/:attributeCode",
        service: "Magento\\Catalog\\Api\\ProductAttributeRepositoryInterface::get",
        resources: ACL_ATTRIBUTES,
        forced: &[],
        handler: get,
    },
    Route {
        method: Method::Get,
        url: "/V1/products/attributes",
        service: "Magento\\Catalog\\Api\\ProductAttributeRepositoryInterface::getList",
        resources: ACL_ATTRIBUTES,
        forced: &[],
        handler: get_list,
    },
    Route {
        method: Method::Post,
        url: "/V1/products/attributes",
        service: "Magento\\Catalog\\Api\\ProductAttributeRepositoryInterface::save",
        resources: ACL_ATTRIBUTES,
        forced: &[],
        handler: save,
    },
    Route {
        method: Method::Put,
        url: "/V1/products/attributes/:attributeCode",
        service: "Magento\\Catalog\\Api\\ProductAttributeRepositoryInterface::save",
        resources: ACL_ATTRIBUTES,
        forced: &[],
        handler: save,
    },
    Route {
        method: Method::Delete,
        url: "/V1/products/attributes/:attributeCode",
        service: "Magento\\Catalog\\Api\\ProductAttributeRepositoryInterface::deleteById",
        resources: ACL_ATTRIBUTES,
        forced: &[],
        handler: delete_by_id,
    },
    Route {
        method: Method::Get,
        url: "/V1/products/attributes/:attributeCode/options",
        service: "Magento\\Catalog\\Api\\ProductAttributeOptionManagementInterface::getItems",
        resources: ACL_ATTRIBUTES,
        forced: &[],
        handler: option_items,
    },
    Route {
        method: Method::Post,
        url: "/V1/products/attributes/:attributeCode/options",
        service: "Magento\\Catalog\\Api\\ProductAttributeOptionManagementInterface::add",
        resources: ACL_ATTRIBUTES,
        forced: &[],
        handler: option_add,
    },
    Route {
        method: Method::Delete,
        url: "/V1/products/attributes/:attributeCode/options/:optionId",
        service: "Magento\\Catalog\\Api\\ProductAttributeOptionManagementInterface::delete",
        resources: ACL_ATTRIBUTES,
        forced: &[],
        handler: option_delete,
    },
    Route {
        method: Method::Get,
        url: "/V1/products/attribute-sets/sets/list",
        service: "Magento\\Catalog\\Api\\AttributeSetRepositoryInterface::getList",
        resources: ACL_SETS,
        forced: &[],
        handler: set_list,
    },
    Route {
        method: Method::Get,
        url: "/V1/products/attribute-sets/:attributeSetId",
        service: "Magento\\Catalog\\Api\\AttributeSetRepositoryInterface::get",
        resources: ACL_SETS,
        forced: &[],
        handler: set_get,
    },
    Route {
        method: Method::Get,
        url: "/V1/products/attribute-sets/:attributeSetId/attributes",
        service: "Magento\\Catalog\\Api\\ProductAttributeManagementInterface::getAttributes",
        resources: ACL_SETS,
        forced: &[],
        handler: set_attributes,
    },
];

/// ProductTypeInterface (`name`, `label`) for each type of the merged product_types.xml
/// (Catalog, then Bundle, ConfigurableProduct, Downloadable, GroupedProduct in module order).
fn product_types(_call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let types = [
        ("simple", "Simple Product"),
        ("virtual", "Virtual Product"),
        ("bundle", "Bundle Product"),
        ("configurable", "Configurable Product"),
        ("downloadable", "Downloadable Product"),
        ("grouped", "Grouped Product"),
    ];
    Ok(Value::Array(
        types
            .iter()
            .map(|(name, label)| json!({"name": name, "label": label}))
            .collect(),
    ))
}

/// AttributeTypeInterface (`value`, `label`) of the product input types.
fn attribute_types(_call: &mut Call<'_>) -> Result<Value, MagentoError> {
    Ok(Value::Array(
        INPUT_TYPES
            .iter()
            .map(|(value, label)| json!({"value": value, "label": label}))
            .collect(),
    ))
}

fn option_json(o: &OptionView) -> Value {
    json!({"label": o.label, "value": o.value})
}

/// ProductAttributeInterface as DataObjectProcessor prints it: the catalog properties of
/// Catalog/Api/Data/EavAttributeInterface first (its `string` getters print `"0"`/`"1"`), the
/// Page Builder extension attribute (2.4.3+), then Eav/Api/Data/AttributeInterface's getters
/// (`entity_type_id` and `is_unique` strings; null getters dropped).
fn attribute_json(call: &Call<'_>, m: &AttributeMeta, options: &[OptionView]) -> Value {
    let flag = |b: bool| Value::String(if b { "1" } else { "0" }.into());
    let mut o = Map::new();
    o.insert("is_wysiwyg_enabled".into(), m.is_wysiwyg_enabled.into());
    o.insert(
        "is_html_allowed_on_front".into(),
        m.is_html_allowed_on_front.into(),
    );
    o.insert("used_for_sort_by".into(), m.used_for_sort_by.into());
    o.insert("is_filterable".into(), m.is_filterable.into());
    o.insert(
        "is_filterable_in_search".into(),
        m.is_filterable_in_search.into(),
    );
    o.insert("is_used_in_grid".into(), m.is_used_in_grid.into());
    o.insert("is_visible_in_grid".into(), m.is_visible_in_grid.into());
    o.insert(
        "is_filterable_in_grid".into(),
        m.is_filterable_in_grid.into(),
    );
    o.insert("position".into(), m.position.into());
    let apply_to: Vec<Value> = m
        .apply_to
        .as_deref()
        .unwrap_or("")
        .split(',')
        .filter(|s| !s.is_empty())
        .map(|s| Value::String(s.into()))
        .collect();
    o.insert("apply_to".into(), Value::Array(apply_to));
    o.insert("is_searchable".into(), flag(m.is_searchable));
    o.insert(
        "is_visible_in_advanced_search".into(),
        flag(m.is_visible_in_advanced_search),
    );
    o.insert("is_comparable".into(), flag(m.is_comparable));
    o.insert(
        "is_used_for_promo_rules".into(),
        flag(m.is_used_for_promo_rules),
    );
    o.insert("is_visible_on_front".into(), flag(m.is_visible_on_front));
    o.insert(
        "used_in_product_listing".into(),
        flag(m.used_in_product_listing),
    );
    o.insert("is_visible".into(), m.is_visible.into());
    o.insert("scope".into(), m.attribute.scope.name().into());
    if call.services.options.magento_version.at_least(4, 3) {
        // Magento_PageBuilder: enabled for the description attribute of a fresh install.
        o.insert(
            "extension_attributes".into(),
            json!({"is_pagebuilder_enabled": m.attribute.code == "description"}),
        );
    }
    o.insert("attribute_id".into(), m.attribute.id.into());
    o.insert("attribute_code".into(), m.attribute.code.clone().into());
    if let Some(input) = &m.attribute.frontend_input {
        o.insert("frontend_input".into(), input.clone().into());
    }
    o.insert("entity_type_id".into(), "4".into());
    o.insert("is_required".into(), m.attribute.is_required.into());
    o.insert(
        "options".into(),
        Value::Array(options.iter().map(option_json).collect()),
    );
    o.insert("is_user_defined".into(), m.attribute.is_user_defined.into());
    if let Some(label) = &m.attribute.label {
        o.insert("default_frontend_label".into(), label.clone().into());
    }
    o.insert("frontend_labels".into(), json!([]));
    if let Some(note) = &m.note {
        o.insert("note".into(), note.clone().into());
    }
    o.insert(
        "backend_type".into(),
        m.attribute.backend_type.clone().into(),
    );
    if let Some(model) = &m.backend_model {
        o.insert("backend_model".into(), model.clone().into());
    }
    if let Some(model) = &m.source_model {
        o.insert("source_model".into(), model.clone().into());
    }
    if let Some(default) = &m.attribute.default_value {
        o.insert("default_value".into(), default.clone().into());
    }
    o.insert("is_unique".into(), flag(m.attribute.is_unique));
    if let Some(class) = &m.frontend_class {
        o.insert("frontend_class".into(), class.clone().into());
    }
    o.insert("validation_rules".into(), json!([]));
    Value::Object(o)
}

fn code_param(call: &Call<'_>) -> Result<String, MagentoError> {
    call.input.require(&["attributeCode"])?;
    Ok(string_param(call, "attributeCode")?.unwrap_or_default())
}

/// The attribute JSON of a code, inside a read or write.
fn attribute_value(call: &Call<'_>, c: &rusqlite::Connection, code: &str) -> Result<Value, Failed> {
    let meta = attribute_api::get(c, code)?;
    let options = attribute_api::options(c, &meta)?;
    Ok(attribute_json(call, &meta, &options))
}

/// `get($attributeCode)`.
fn get(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let code = code_param(call)?;
    let call = &*call;
    Ok(call
        .services
        .store
        .read(|c| attribute_value(call, c, &code))?)
}

/// `getList($searchCriteria)`.
fn get_list(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let criteria = list::criteria(call)?;
    let call = &*call;
    let (items, total) = call.services.store.read(|c| {
        let (ids, total) = attribute_api::search_attributes(c, &criteria)?;
        let mut items = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(meta) = attribute_api::meta_by_id(c, id)? {
                let options = attribute_api::options(c, &meta)?;
                items.push(attribute_json(call, &meta, &options));
            }
        }
        Ok::<_, Failed>((items, total))
    })?;
    Ok(list::envelope(items, &criteria, total))
}

/// ProductAttributeInterface's properties (snake_case), for NameFinder's check.
const ATTRIBUTE_PROPERTIES: &[&str] = &[
    "is_wysiwyg_enabled",
    "is_html_allowed_on_front",
    "used_for_sort_by",
    "is_filterable",
    "is_filterable_in_search",
    "is_used_in_grid",
    "is_visible_in_grid",
    "is_filterable_in_grid",
    "position",
    "apply_to",
    "is_searchable",
    "is_visible_in_advanced_search",
    "is_comparable",
    "is_used_for_promo_rules",
    "is_visible_on_front",
    "used_in_product_listing",
    "is_visible",
    "scope",
    "extension_attributes",
    "attribute_id",
    "attribute_code",
    "frontend_input",
    "entity_type_id",
    "is_required",
    "options",
    "is_user_defined",
    "default_frontend_label",
    "frontend_labels",
    "note",
    "backend_type",
    "backend_model",
    "source_model",
    "default_value",
    "is_unique",
    "frontend_class",
    "validation_rules",
    "custom_attributes",
];

/// An AttributeOptionInterface body.
fn option_input(o: &Map<String, Value>) -> Result<OptionInput, TypeFail> {
    Ok(OptionInput {
        label: typed(o, "label", string)?,
        value: typed(o, "value", string)?,
        sort_order: typed(o, "sort_order", int)?,
        is_default: prop(o, "is_default").and_then(boolean).unwrap_or(false),
    })
}

fn attribute_input(value: &Value) -> Result<AttributeInput, MagentoError> {
    let empty = Map::new();
    let o = value.as_object().unwrap_or(&empty);
    check_keys(
        o,
        ATTRIBUTE_PROPERTIES,
        "Magento\\Catalog\\Api\\Data\\ProductAttributeInterface",
    )?;
    let flag = |name: &str| prop(o, name).and_then(boolean);
    let read = || -> Result<AttributeInput, TypeFail> {
        let mut labels = Vec::new();
        if let Some(Value::Array(items)) = prop(o, "frontend_labels") {
            for item in items.iter().filter_map(Value::as_object) {
                let store =
                    typed(item, "store_id", int).map_err(|e| e.within("frontend_labels"))?;
                let label =
                    typed(item, "label", string).map_err(|e| e.within("frontend_labels"))?;
                labels.push((store.unwrap_or(0), label.unwrap_or_default()));
            }
        }
        let options = match prop(o, "options") {
            Some(Value::Array(items)) => Some(
                items
                    .iter()
                    .filter_map(Value::as_object)
                    .map(option_input)
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| e.within("options"))?,
            ),
            _ => None,
        };
        Ok(AttributeInput {
            attribute_id: typed(o, "attribute_id", int)?,
            attribute_code: typed(o, "attribute_code", string)?,
            frontend_input: typed(o, "frontend_input", string)?,
            backend_type: typed(o, "backend_type", string)?,
            default_frontend_label: typed(o, "default_frontend_label", string)?,
            frontend_labels: labels,
            is_required: flag("is_required"),
            is_unique: flag("is_unique"),
            scope: typed(o, "scope", string)?,
            default_value: typed(o, "default_value", string)?,
            note: typed(o, "note", string)?,
            frontend_class: typed(o, "frontend_class", string)?,
            is_visible: flag("is_visible"),
            is_searchable: flag("is_searchable"),
            is_filterable: flag("is_filterable"),
            is_comparable: flag("is_comparable"),
            is_visible_on_front: flag("is_visible_on_front"),
            is_html_allowed_on_front: flag("is_html_allowed_on_front"),
            is_filterable_in_search: flag("is_filterable_in_search"),
            used_in_product_listing: flag("used_in_product_listing"),
            used_for_sort_by: flag("used_for_sort_by"),
            is_visible_in_advanced_search: flag("is_visible_in_advanced_search"),
            position: typed(o, "position", int)?,
            is_wysiwyg_enabled: flag("is_wysiwyg_enabled"),
            is_used_for_promo_rules: flag("is_used_for_promo_rules"),
            is_used_in_grid: flag("is_used_in_grid"),
            is_visible_in_grid: flag("is_visible_in_grid"),
            is_filterable_in_grid: flag("is_filterable_in_grid"),
            options,
        })
    };
    read().map_err(TypeFail::into_error)
}

/// `save($attribute)`: POST creates (or updates the attribute its code names); on PUT the URL's
/// code goes into the body when it is that one object. The answer is `get($code)`.
fn save(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    call.input.require(&["attribute"])?;
    let mut body = call.input.get("attribute").cloned().unwrap_or(Value::Null);
    let only_attribute = call
        .input
        .raw()
        .keys()
        .filter(|k| k.as_str() != "attributeCode" && k.as_str() != "fields")
        .count()
        == 1;
    if let (Some(code), Value::Object(o), true) = (
        call.input.raw().get("attributeCode").cloned(),
        &mut body,
        only_attribute,
    ) {
        o.insert("attribute_code".into(), code);
    }
    let input = attribute_input(&body)?;
    let call = &*call;
    Ok(call.services.store.write(|tx| {
        let code = attribute_api::save_attribute(tx, &input)?;
        attribute_value(call, tx, &code)
    })?)
}

/// `deleteById($attributeCode)` → `true`.
fn delete_by_id(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let code = code_param(call)?;
    call.services
        .store
        .write(|tx| Ok::<_, Failed>(attribute_api::delete_attribute(tx, &code)?))?;
    Ok(Value::Bool(true))
}

/// `getItems($attributeCode)`: the attribute's options, the Table source's empty one first.
fn option_items(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let code = code_param(call)?;
    let options = call.services.store.read(|c| {
        let meta = attribute_api::get(c, &code)?;
        Ok::<_, Failed>(attribute_api::options(c, &meta)?)
    })?;
    Ok(Value::Array(options.iter().map(option_json).collect()))
}

/// `add($attributeCode, $option)` → the new option's id, a string.
fn option_add(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let code = code_param(call)?;
    call.input.require(&["option"])?;
    let empty = Map::new();
    let body = call
        .input
        .get("option")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    check_keys(
        body,
        &["label", "value", "sort_order", "is_default", "store_labels"],
        "Magento\\Eav\\Api\\Data\\AttributeOptionInterface",
    )?;
    let option = option_input(body).map_err(TypeFail::into_error)?;
    let id = call
        .services
        .store
        .write(|tx| Ok::<_, Failed>(attribute_api::add_option(tx, &code, &option)?))?;
    Ok(Value::String(id))
}

/// `delete($attributeCode, $optionId)` → `true`.
fn option_delete(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let code = code_param(call)?;
    call.input.require(&["optionId"])?;
    let option_id = string_param(call, "optionId")?.unwrap_or_default();
    call.services
        .store
        .write(|tx| Ok::<_, Failed>(attribute_api::delete_option(tx, &code, &option_id)?))?;
    Ok(Value::Bool(true))
}

/// AttributeSetInterface: `attribute_set_id`, `attribute_set_name`, `sort_order`,
/// `entity_type_id`.
fn set_json(s: &SetView) -> Value {
    json!({
        "attribute_set_id": s.id,
        "attribute_set_name": s.name,
        "sort_order": s.sort_order,
        "entity_type_id": s.entity_type_id,
    })
}

fn set_id(call: &Call<'_>) -> Result<i64, MagentoError> {
    call.input.require(&["attributeSetId"])?;
    Ok(int_param(call, "attributeSetId")?.unwrap_or(0))
}

/// `AttributeSetRepository::get($attributeSetId)`.
fn set_get(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let id = set_id(call)?;
    let set = call
        .services
        .store
        .read(|c| Ok::<_, Failed>(attribute_api::get_set(c, id)?))?;
    Ok(set_json(&set))
}

/// `AttributeSetRepository::getList($searchCriteria)`: product sets only.
fn set_list(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let criteria = list::criteria(call)?;
    let (items, total) = call.services.store.read(|c| {
        let (ids, total) = attribute_api::search_sets(c, &criteria)?;
        let mut items = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(set) = attribute_api::set_by_id(c, id)? {
                items.push(set_json(&set));
            }
        }
        Ok::<_, Failed>((items, total))
    })?;
    Ok(list::envelope(items, &criteria, total))
}

/// `ProductAttributeManagement::getAttributes($attributeSetId)`.
fn set_attributes(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let id = set_id(call)?;
    let call = &*call;
    Ok(call.services.store.read(|c| {
        let mut items = Vec::new();
        for meta in attribute_api::set_attributes(c, id)? {
            let options = attribute_api::options(c, &meta)?;
            items.push(attribute_json(call, &meta, &options));
        }
        Ok::<_, Failed>(Value::Array(items))
    })?)
}
