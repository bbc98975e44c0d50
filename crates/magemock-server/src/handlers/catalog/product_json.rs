//! ProductInterface as DataObjectProcessor prints it
//! (app/code/Magento/Catalog/Api/Data/ProductInterface.php getter order; reference §6.4): nullable
//! getters dropped when null, `price` and `weight` floats, `extension_attributes` with
//! `website_ids`, `category_links` (only when there are some; `category_id` a string) and
//! `stock_item`, the four list getters always present, and `custom_attributes` last.

use magemock_catalog::product_extras::{LinkView, MediaEntry, TierPrice};
use magemock_catalog::product_view::ProductView;
use serde_json::{Map, Value, json};

use super::json::{decimal_text, php_float, put_opt, stock_item};

/// The product JSON. `with_stock`: `ProductRepository::get` adds `stock_item` (the inventory
/// plugin on product load); list items come from a collection and do not carry it.
pub fn product(view: &ProductView, with_stock: bool) -> Value {
    let p = &view.product;
    let mut o = Map::new();
    o.insert("id".into(), p.id.into());
    o.insert("sku".into(), p.sku.clone().into());
    put_opt(&mut o, "name", p.name.clone().map(Value::from));
    o.insert("attribute_set_id".into(), p.attribute_set_id.into());
    put_opt(&mut o, "price", p.price.map(php_float));
    o.insert("status".into(), p.status.into());
    o.insert("visibility".into(), p.visibility.into());
    o.insert("type_id".into(), p.type_id.clone().into());
    o.insert("created_at".into(), p.created_at.clone().into());
    o.insert("updated_at".into(), p.updated_at.clone().into());
    put_opt(&mut o, "weight", p.weight.map(php_float));
    o.insert("extension_attributes".into(), extension(view, with_stock));
    o.insert(
        "product_links".into(),
        Value::Array(view.links.iter().map(link_json).collect()),
    );
    o.insert("options".into(), json!([]));
    o.insert(
        "media_gallery_entries".into(),
        Value::Array(view.media.iter().map(|m| media_entry(m, false)).collect()),
    );
    o.insert(
        "tier_prices".into(),
        Value::Array(view.tier_prices.iter().map(tier_price).collect()),
    );
    o.insert("custom_attributes".into(), custom_attributes(view));
    Value::Object(o)
}

fn extension(view: &ProductView, with_stock: bool) -> Value {
    let mut e = Map::new();
    e.insert("website_ids".into(), json!(view.website_ids));
    if !view.category_links.is_empty() {
        let links: Vec<Value> = view
            .category_links
            .iter()
            .map(|l| json!({"position": l.position, "category_id": l.category_id.to_string()}))
            .collect();
        e.insert("category_links".into(), Value::Array(links));
    }
    if with_stock {
        e.insert("stock_item".into(), stock_item(&view.stock));
    }
    Value::Object(e)
}

/// `{attribute_code, value}` pairs. Values are what the EAV load put on the model, uncast:
/// strings (decimals with MySQL's six places), `category_ids` a list of id strings, and the
/// static `required_options` / `has_options` flags as `"0"` / `"1"`.
fn custom_attributes(view: &ProductView) -> Value {
    let entry = |code: &str, value: Value| json!({"attribute_code": code, "value": value});
    let mut out: Vec<Value> = view
        .values
        .iter()
        .map(|v| {
            let text = if v.backend_type == "decimal" {
                decimal_text(&v.value)
            } else {
                v.value.clone()
            };
            entry(&v.code, Value::String(text))
        })
        .collect();
    let flag = |b: bool| Value::String(if b { "1" } else { "0" }.into());
    out.push(entry(
        "required_options",
        flag(view.product.required_options),
    ));
    out.push(entry("has_options", flag(view.product.has_options)));
    if !view.category_links.is_empty() {
        let ids: Vec<Value> = view
            .category_links
            .iter()
            .map(|l| Value::String(l.category_id.to_string()))
            .collect();
        out.push(entry("category_ids", Value::Array(ids)));
    }
    Value::Array(out)
}

/// ProductLinkInterface: `sku`, `link_type`, `linked_product_sku`, `linked_product_type`,
/// `position`.
pub fn link_json(l: &LinkView) -> Value {
    json!({
        "sku": l.sku,
        "link_type": l.link_type,
        "linked_product_sku": l.linked_sku,
        "linked_product_type": l.linked_type,
        "position": l.position,
    })
}

/// ProductAttributeMediaGalleryEntryInterface: `id`, `media_type`, `label` (dropped when null),
/// `position`, `disabled`, `types`, `file`, then `content` (ImageContentInterface:
/// `base64_encoded_data`, `type`, `name`) when the gallery service reads the file back.
pub fn media_entry(m: &MediaEntry, with_content: bool) -> Value {
    let mut o = Map::new();
    o.insert("id".into(), m.id.into());
    o.insert("media_type".into(), m.media_type.clone().into());
    put_opt(&mut o, "label", m.label.clone().map(Value::from));
    o.insert("position".into(), m.position.into());
    o.insert("disabled".into(), m.disabled.into());
    o.insert("types".into(), json!(m.types));
    o.insert("file".into(), m.file.clone().into());
    if with_content && let (Some(data), Some(kind)) = (&m.content_data, &m.content_type) {
        let name = m.file.rsplit('/').next().unwrap_or(&m.file);
        o.insert(
            "content".into(),
            json!({"base64_encoded_data": data, "type": kind, "name": name}),
        );
    }
    Value::Object(o)
}

/// ProductTierPriceInterface as `Price::getTierPrices` fills it: `customer_group_id`, `qty`,
/// `value`, and `extension_attributes` with `percentage_value` (when set) and `website_id`.
pub fn tier_price(t: &TierPrice) -> Value {
    let mut ext = Map::new();
    put_opt(
        &mut ext,
        "percentage_value",
        t.percentage_value.map(php_float),
    );
    ext.insert("website_id".into(), t.website_id.into());
    json!({
        "customer_group_id": t.customer_group_id,
        "qty": php_float(t.qty),
        "value": php_float(t.value),
        "extension_attributes": Value::Object(ext),
    })
}
