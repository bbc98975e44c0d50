//! A `product` body parameter read into [`ProductInput`] the way `_createFromArray` reads a
//! ProductInterface: snake_case or camelCase properties, typed conversion with Magento's wrapped
//! errors, `custom_attributes` as a list of `{attribute_code, value}` or a `{code: value}` map,
//! and `extension_attributes.website_ids` / `category_links` / `stock_item`. A property the
//! interface has no getter for is NameFinder's `LogicException`, masked as a 500 in production.

use magemock_catalog::product_extras::NewTierPrice;
use magemock_catalog::product_save::ProductInput;
use magemock_catalog::products::CategoryLink;
use magemock_catalog::stock_items::StockChange;
use magemock_core::MagentoError;
use serde_json::{Map, Value};

use super::params::{TypeFail, boolean, float, int, prop, string, typed};

/// ProductInterface's properties (getters), snake_case.
const PRODUCT_PROPERTIES: &[&str] = &[
    "id",
    "sku",
    "name",
    "attribute_set_id",
    "price",
    "status",
    "visibility",
    "type_id",
    "created_at",
    "updated_at",
    "weight",
    "extension_attributes",
    "product_links",
    "options",
    "media_gallery_entries",
    "tier_prices",
    "custom_attributes",
];

/// Why a body could not be read.
pub enum BadInput {
    Type(TypeFail),
    Internal(MagentoError),
}

impl BadInput {
    pub fn into_error(self) -> MagentoError {
        match self {
            BadInput::Type(t) => t.into_error(),
            BadInput::Internal(e) => e,
        }
    }
}

impl From<TypeFail> for BadInput {
    fn from(t: TypeFail) -> Self {
        BadInput::Type(t)
    }
}

fn check_keys(object: &Map<String, Value>, known: &[&str], class: &str) -> Result<(), BadInput> {
    super::params::check_keys(object, known, class).map_err(BadInput::Internal)
}

/// Reads the `product` parameter (already known to be present).
pub fn product_input(value: &Value) -> Result<ProductInput, BadInput> {
    // `$data = is_array($data) ? $data : []`: a scalar product is an empty one.
    let empty = Map::new();
    let o = value.as_object().unwrap_or(&empty);
    check_keys(
        o,
        PRODUCT_PROPERTIES,
        "Magento\\Catalog\\Api\\Data\\ProductInterface",
    )?;
    let mut input = ProductInput {
        id: typed(o, "id", int)?,
        sku: typed(o, "sku", string)?.unwrap_or_default(),
        name: typed(o, "name", string)?,
        attribute_set_id: typed(o, "attribute_set_id", int)?,
        price: typed(o, "price", float)?,
        status: typed(o, "status", int)?,
        visibility: typed(o, "visibility", int)?,
        type_id: typed(o, "type_id", string)?,
        weight: typed(o, "weight", float)?,
        ..ProductInput::default()
    };
    if let Some(custom) = prop(o, "custom_attributes") {
        read_custom(custom, &mut input).map_err(|e| e.within("custom_attributes"))?;
    }
    if let Some(Value::Object(ext)) = prop(o, "extension_attributes") {
        read_extension(ext, &mut input).map_err(|e| e.within("extension_attributes"))?;
    }
    if let Some(prices) = prop(o, "tier_prices") {
        input.tier_prices = Some(tier_prices(prices).map_err(|e| e.within("tier_prices"))?);
    }
    Ok(input)
}

/// A custom attribute value as the string Magento stores: scalars cast, lists comma-joined.
fn custom_value(v: &Value) -> Result<String, TypeFail> {
    match v {
        Value::Array(items) => Ok(items
            .iter()
            .map(|i| string(i).map(Option::unwrap_or_default))
            .collect::<Result<Vec<_>, _>>()?
            .join(",")),
        other => Ok(string(other)?.unwrap_or_default()),
    }
}

fn read_custom(custom: &Value, input: &mut ProductInput) -> Result<(), TypeFail> {
    let pairs: Vec<(String, &Value)> = match custom {
        Value::Array(items) => items
            .iter()
            .filter_map(|item| match item {
                Value::Object(m) => {
                    let code = m.get("attribute_code").and_then(Value::as_str)?;
                    Some((code.to_string(), m.get("value").unwrap_or(&Value::Null)))
                }
                _ => None,
            })
            .collect(),
        // `{"code": value}` form; an entry that is itself `{attribute_code, value}` counts too.
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| match v {
                Value::Object(m) if m.contains_key("value") => (
                    m.get("attribute_code")
                        .and_then(Value::as_str)
                        .unwrap_or(k)
                        .to_string(),
                    m.get("value").unwrap_or(&Value::Null),
                ),
                other => (k.clone(), other),
            })
            .collect(),
        _ => Vec::new(),
    };
    for (code, value) in pairs {
        if value.is_string() {
            input.custom_sent_as_text.push(code.clone());
        }
        if code == "category_ids" {
            let ids = custom_value(value)?
                .split(',')
                .filter_map(|s| s.trim().parse::<i64>().ok())
                .collect();
            input.category_ids = Some(ids);
            continue;
        }
        input.custom_attributes.push((code, custom_value(value)?));
    }
    Ok(())
}

fn read_extension(ext: &Map<String, Value>, input: &mut ProductInput) -> Result<(), TypeFail> {
    if let Some(ids) = prop(ext, "website_ids") {
        input.website_ids = Some(int_list(ids).map_err(|e| e.within("website_ids"))?);
    }
    if let Some(links) = prop(ext, "category_links") {
        let mut out = Vec::new();
        for link in links.as_array().into_iter().flatten() {
            let Some(l) = link.as_object() else { continue };
            let category_id =
                typed(l, "category_id", int).map_err(|e| e.within("category_links"))?;
            let position = typed(l, "position", int).map_err(|e| e.within("category_links"))?;
            if let Some(category_id) = category_id {
                out.push(CategoryLink {
                    category_id,
                    position: position.unwrap_or(0),
                });
            }
        }
        input.category_links = Some(out);
    }
    if let Some(Value::Object(stock)) = prop(ext, "stock_item") {
        input.stock = Some(stock_change(stock).map_err(|e| e.within("stock_item"))?);
    }
    Ok(())
}

fn int_list(v: &Value) -> Result<Vec<i64>, TypeFail> {
    match v {
        Value::Array(items) => Ok(items
            .iter()
            .map(int)
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .flatten()
            .collect()),
        other => Err(TypeFail(format!(
            "The \"{}\" value's type is invalid. The \"int[]\" type was expected. Verify and try again.",
            string(other).ok().flatten().unwrap_or_default()
        ))),
    }
}

/// A StockItemInterface body (`stockItem`, or `extension_attributes.stock_item`).
pub fn stock_change(s: &Map<String, Value>) -> Result<StockChange, TypeFail> {
    let flag = |name: &str| prop(s, name).and_then(boolean);
    Ok(StockChange {
        qty: typed(s, "qty", float)?,
        is_in_stock: flag("is_in_stock"),
        is_qty_decimal: flag("is_qty_decimal"),
        use_config_min_qty: flag("use_config_min_qty"),
        min_qty: typed(s, "min_qty", float)?,
        use_config_min_sale_qty: typed(s, "use_config_min_sale_qty", int)?.map(|v| v != 0),
        min_sale_qty: typed(s, "min_sale_qty", float)?,
        use_config_max_sale_qty: flag("use_config_max_sale_qty"),
        max_sale_qty: typed(s, "max_sale_qty", float)?,
        use_config_backorders: flag("use_config_backorders"),
        backorders: typed(s, "backorders", int)?,
        use_config_notify_stock_qty: flag("use_config_notify_stock_qty"),
        notify_stock_qty: typed(s, "notify_stock_qty", float)?,
        use_config_qty_increments: flag("use_config_qty_increments"),
        qty_increments: typed(s, "qty_increments", float)?,
        use_config_enable_qty_inc: flag("use_config_enable_qty_inc"),
        enable_qty_increments: flag("enable_qty_increments"),
        use_config_manage_stock: flag("use_config_manage_stock"),
        manage_stock: flag("manage_stock"),
        is_decimal_divided: flag("is_decimal_divided"),
    })
}

/// `tier_prices`: ProductTierPriceInterface objects (`customer_group_id`, `qty`, `value`,
/// `extension_attributes.website_id` / `percentage_value`).
fn tier_prices(v: &Value) -> Result<Vec<NewTierPrice>, TypeFail> {
    let mut out = Vec::new();
    for item in v.as_array().into_iter().flatten() {
        let Some(t) = item.as_object() else { continue };
        let ext = prop(t, "extension_attributes").and_then(Value::as_object);
        let (website_id, percentage_value) = match ext {
            Some(e) => (
                typed(e, "website_id", int)?,
                typed(e, "percentage_value", float)?,
            ),
            None => (None, None),
        };
        out.push(NewTierPrice {
            customer_group_id: typed(t, "customer_group_id", int)?,
            qty: typed(t, "qty", float)?,
            value: typed(t, "value", float)?,
            website_id,
            percentage_value,
        });
    }
    Ok(out)
}
