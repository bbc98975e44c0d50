//! `ProductRepository::save` and `delete` (app/code/Magento/Catalog/Model/ProductRepository.php,
//! 2.4): the product is found by the body's `id` if it carries one, else by SKU; a found product
//! has the sent data merged over it (fields not sent keep their values), anything else is
//! created. So `POST /V1/products` with an existing SKU updates, and `PUT` with an unknown SKU
//! creates.
//!
//! Values go where [`crate::product_scope`] says: globally through `/rest/all` or with a single
//! store view, else into the store view the save runs in (store-view attributes), every store of
//! its website (website attributes) or store 0 (global ones: price, weight, links, stock). For an
//! existing product the 2.4 repository first drops, from what it saves through a store view, every
//! value identical (PHP `===`) to the one already loaded in that store and not yet overridden
//! there, so an unchanged name sent again stays global. Typed properties (`status` and
//! `visibility` are ints, loaded values strings) and non-string custom values never compare
//! identical, so they always land in the store view.
use rusqlite::{Connection, params};

use crate::attributes::{self, Attribute, AttributeScope, PRODUCT_ENTITY_TYPE_ID};
use crate::error::{CatalogError, Existing};
use crate::product_scope::{self, WriteScope};
use crate::products::{self, COLUMN_ATTRIBUTES, CategoryLink, NewProduct, PRODUCT_TYPES};
use crate::sku::Sku;
use crate::stock::NewStockItem;
use crate::stock_items::{StockChange, save_stock_item};
use crate::url_key::format_url_key;
use crate::{categories, stores};

/// A ProductInterface body; `None` is "not sent".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProductInput {
    pub id: Option<i64>,
    pub sku: String,
    pub name: Option<String>,
    pub attribute_set_id: Option<i64>,
    pub price: Option<f64>,
    pub status: Option<i64>,
    pub visibility: Option<i64>,
    pub type_id: Option<String>,
    pub weight: Option<f64>,
    /// `(attribute_code, value)`, multiselect values already comma-joined.
    pub custom_attributes: Vec<(String, String)>,
    /// Codes of the custom attributes whose value was sent as a string: only those can be
    /// identical to a loaded value.
    pub custom_sent_as_text: Vec<String>,
    /// The `category_ids` custom attribute.
    pub category_ids: Option<Vec<i64>>,
    pub website_ids: Option<Vec<i64>>,
    pub category_links: Option<Vec<CategoryLink>>,
    pub stock: Option<StockChange>,
    /// `tier_prices`: when sent, they replace the product's.
    pub tier_prices: Option<Vec<crate::product_extras::NewTierPrice>>,
}

/// Where the save runs: the admin store (`/rest/all`) assigns a new product to every website,
/// a store view to its own website (`assignProductToWebsites`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SaveScope {
    pub store_id: i64,
    pub website_id: i64,
}

/// Saves and returns the product id.
pub fn save_product(
    conn: &Connection,
    input: &ProductInput,
    scope: SaveScope,
    now: &str,
) -> Result<i64, CatalogError> {
    let sku = Sku::try_from(input.sku.as_str())?;
    let existing = match input.id {
        Some(id) => products::product_by_id(conn, id)?,
        None => products::product_by_sku(conn, &sku)?,
    };
    let write = WriteScope::of(conn, scope.store_id)?;
    let (id, is_new) = match existing {
        Some(product) => (update(conn, product.id, &sku, input, now, write)?, false),
        None => (create(conn, &sku, input, scope, now)?, true),
    };
    write_row_values(conn, id, input, write, is_new)?;
    write_custom_values(conn, id, input, write, is_new)?;
    write_links(conn, id, input)?;
    if let Some(change) = &input.stock {
        save_stock_item(conn, id, change, now)?;
    }
    if let Some(prices) = &input.tier_prices {
        crate::product_extras::replace_tier_prices(conn, id, prices).map_err(|e| {
            CatalogError::invalid("tier_prices", e.params.render(&e.message), "not saved")
        })?;
    }
    Ok(id)
}

/// The attribute's store label, which Magento names in "attribute value is empty" errors.
fn label(conn: &Connection, code: &str) -> Result<String, CatalogError> {
    Ok(attributes::attribute_by_code(conn, code)?
        .and_then(|a| a.label)
        .unwrap_or_else(|| code.to_string()))
}

fn check_common(conn: &Connection, input: &ProductInput) -> Result<(), CatalogError> {
    if let Some(t) = input
        .type_id
        .as_deref()
        .filter(|t| !PRODUCT_TYPES.contains(t))
    {
        return Err(CatalogError::invalid(
            "type_id",
            t,
            format!("one of {}", PRODUCT_TYPES.join(", ")),
        ));
    }
    if let Some(name) = &input.name
        && name.trim().is_empty()
    {
        return Err(CatalogError::RequiredValueEmpty(label(conn, "name")?));
    }
    for (field, value) in [("price", input.price), ("weight", input.weight)] {
        if let Some(v) = value.filter(|v| !v.is_finite() || *v < 0.0) {
            return Err(CatalogError::invalid(field, v.to_string(), "at least 0"));
        }
    }
    if let Some(s) = input
        .status
        .filter(|s| ![products::STATUS_ENABLED, products::STATUS_DISABLED].contains(s))
    {
        return Err(CatalogError::invalid("status", s.to_string(), "1 or 2"));
    }
    if let Some(v) = input.visibility.filter(|v| !(1..=4).contains(v)) {
        return Err(CatalogError::invalid("visibility", v.to_string(), "1 to 4"));
    }
    Ok(())
}

fn create(
    conn: &Connection,
    sku: &Sku,
    input: &ProductInput,
    scope: SaveScope,
    now: &str,
) -> Result<i64, CatalogError> {
    check_common(conn, input)?;
    let name = match input.name.as_deref() {
        Some(n) => n.to_string(),
        None => return Err(CatalogError::RequiredValueEmpty(label(conn, "name")?)),
    };
    let type_id = input.type_id.clone().unwrap_or_else(|| "simple".into());
    if input.price.is_none() && matches!(type_id.as_str(), "simple" | "virtual") {
        return Err(CatalogError::RequiredValueEmpty(label(conn, "price")?));
    }
    let website_ids = match &input.website_ids {
        Some(ids) => ids.clone(),
        None if scope.store_id == stores::ADMIN_ID => stores::websites(conn)?
            .into_iter()
            .map(|w| w.id)
            .filter(|id| *id != stores::ADMIN_ID)
            .collect(),
        None => vec![scope.website_id],
    };
    // Only the URL key goes through insert_product (it derives and checks it); the other values
    // are written afterwards like an update's.
    let url_key: Vec<(String, String)> = input
        .custom_attributes
        .iter()
        .filter(|(code, _)| code == "url_key")
        .cloned()
        .collect();
    let stock = input.stock.clone().unwrap_or_default();
    let id = products::insert_product(
        conn,
        &NewProduct {
            sku: sku.clone(),
            name,
            attribute_set_id: input
                .attribute_set_id
                .unwrap_or(attributes::DEFAULT_PRODUCT_ATTRIBUTE_SET_ID),
            type_id,
            price: input.price,
            status: input.status.unwrap_or(products::STATUS_ENABLED),
            visibility: input.visibility.unwrap_or(products::VISIBILITY_BOTH),
            weight: input.weight,
            custom_attributes: url_key,
            category_links: Vec::new(),
            website_ids,
            stock: NewStockItem {
                qty: stock.qty.unwrap_or(0.0),
                is_in_stock: stock.is_in_stock.unwrap_or(false),
                is_qty_decimal: stock.is_qty_decimal.unwrap_or(false),
            },
        },
        now,
    )?;
    // Magento's inventory observer saves a stock item for every new product, which runs the
    // in-stock and low-stock checks even when no stock data was sent.
    if input.stock.is_none() {
        save_stock_item(conn, id, &StockChange::default(), now)?;
    }
    Ok(id)
}

fn update(
    conn: &Connection,
    id: i64,
    sku: &Sku,
    input: &ProductInput,
    now: &str,
    write: WriteScope,
) -> Result<i64, CatalogError> {
    check_common(conn, input)?;
    if let Some(other) = products::product_by_sku(conn, sku)?
        && other.id != id
    {
        return Err(CatalogError::AlreadyExists(Existing::Sku(sku.to_string())));
    }
    if let Some(set_id) = input.attribute_set_id {
        attributes::attribute_set_by_id(conn, set_id)?
            .filter(|s| s.entity_type_id == PRODUCT_ENTITY_TYPE_ID)
            .ok_or_else(|| CatalogError::no_such("attribute set", "attributeSetId", set_id))?;
    }
    // Through a store view, name, status and visibility go to store-view rows
    // (write_row_values); the row keeps their global values.
    let global = !write.writes_store_values();
    conn.prepare_cached(
        "UPDATE catalog_product_entity SET sku = ?1, name = COALESCE(?2, name), \
         attribute_set_id = COALESCE(?3, attribute_set_id), price = COALESCE(?4, price), \
         status = COALESCE(?5, status), visibility = COALESCE(?6, visibility), \
         type_id = COALESCE(?7, type_id), weight = COALESCE(?8, weight), updated_at = ?9 \
         WHERE entity_id = ?10",
    )
    .and_then(|mut s| {
        s.execute(params![
            sku.as_str(),
            input.name.as_ref().filter(|_| global),
            input.attribute_set_id,
            input.price,
            input.status.filter(|_| global),
            input.visibility.filter(|_| global),
            input.type_id,
            input.weight,
            now,
            id
        ])
    })?;
    Ok(id)
}

/// Name (store view), status (website) and visibility (store view) through a store view: their
/// store rows. Globally the row already holds them; with a single store view their store rows
/// are deleted. A new product keeps its global values on the row and gets the store rows too.
fn write_row_values(
    conn: &Connection,
    id: i64,
    input: &ProductInput,
    write: WriteScope,
    is_new: bool,
) -> Result<(), CatalogError> {
    // (code, value, whether the sent value can be identical to the loaded one)
    let sent = [
        ("name", input.name.clone(), true),
        ("status", input.status.map(|s| s.to_string()), false),
        ("visibility", input.visibility.map(|v| v.to_string()), false),
    ];
    for (code, value, comparable) in sent {
        let Some(value) = value else { continue };
        let Some(attribute) = attributes::attribute_by_code(conn, code)? else {
            continue;
        };
        if write.single_store {
            product_scope::delete_store_values(conn, id, attribute.id)?;
            continue;
        }
        if !write.writes_store_values() {
            continue;
        }
        if !is_new && comparable {
            let overridden =
                product_scope::store_row(conn, id, attribute.id, write.store_id)?.is_some();
            let global_name = products::product_by_id(conn, id)?.and_then(|p| p.name);
            if !overridden && global_name.as_deref() == Some(value.as_str()) {
                continue;
            }
        }
        for store in write.target_stores(conn, attribute.scope)? {
            product_scope::put_value(conn, id, attribute.id, store, &value)?;
        }
    }
    Ok(())
}

/// Writes the sent custom attributes at their scope. Codes that are no custom attribute of the
/// product's set are dropped silently, as `AbstractExtensibleModel::filterCustomAttributes`
/// drops them.
fn write_custom_values(
    conn: &Connection,
    id: i64,
    input: &ProductInput,
    write: WriteScope,
    is_new: bool,
) -> Result<(), CatalogError> {
    let set_id: i64 = conn
        .prepare_cached("SELECT attribute_set_id FROM catalog_product_entity WHERE entity_id = ?1")
        .and_then(|mut s| s.query_row([id], |r| r.get(0)))?;
    for (code, raw) in &input.custom_attributes {
        if COLUMN_ATTRIBUTES.contains(&code.as_str()) {
            continue;
        }
        let Some(attribute) = attributes::attribute_by_code(conn, code)? else {
            continue;
        };
        if !attributes::set_has_attribute(conn, set_id, attribute.id)? {
            continue;
        }
        let value = stored_value(conn, &attribute, raw)?;
        if attribute.code == "url_key" {
            check_url_key_free(conn, &value, id)?;
        }
        if write.single_store {
            product_scope::delete_store_values(conn, id, attribute.id)?;
        }
        if !write.writes_store_values() || attribute.scope == AttributeScope::Global {
            product_scope::put_value(conn, id, attribute.id, 0, &value)?;
            continue;
        }
        if is_new {
            product_scope::put_value(conn, id, attribute.id, 0, &value)?;
        } else if input.custom_sent_as_text.contains(code)
            && product_scope::store_row(conn, id, attribute.id, write.store_id)?.is_none()
        {
            let loaded = product_scope::store_row(conn, id, attribute.id, 0)?
                .or_else(|| attribute.default_value.clone());
            if loaded.as_deref() == Some(raw.as_str()) {
                continue;
            }
        }
        for store in write.target_stores(conn, attribute.scope)? {
            product_scope::put_value(conn, id, attribute.id, store, &value)?;
        }
    }
    Ok(())
}

/// The text stored for a sent value: URL keys formatted, option labels turned into ids (ids
/// are kept as sent, as Magento stores whatever id it is given), numbers checked.
fn stored_value(
    conn: &Connection,
    attribute: &Attribute,
    raw: &str,
) -> Result<String, CatalogError> {
    let bad = || CatalogError::invalid(attribute.code.as_str(), raw, "not a valid value");
    if attribute.code == "url_key" {
        let key = format_url_key(raw);
        return if key.is_empty() { Err(bad()) } else { Ok(key) };
    }
    if attribute.has_options() {
        let options = attributes::attribute_options(conn, attribute.id)?;
        let ids: Vec<String> = raw
            .split(',')
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(|w| {
                options
                    .iter()
                    .find(|o| o.label == w)
                    .map_or_else(|| w.to_string(), |o| o.id.to_string())
            })
            .collect();
        return Ok(ids.join(","));
    }
    match (
        attribute.frontend_input.as_deref(),
        attribute.backend_type.as_str(),
    ) {
        (Some("boolean"), _) => match raw.trim() {
            "1" | "true" => Ok("1".into()),
            "0" | "false" | "" => Ok("0".into()),
            _ => Err(bad()),
        },
        (_, "decimal") if !raw.trim().is_empty() => raw
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(|_| raw.trim().to_string())
            .ok_or_else(bad),
        (_, "int") if !raw.trim().is_empty() => raw
            .trim()
            .parse::<i64>()
            .map(|_| raw.trim().to_string())
            .map_err(|_| bad()),
        _ => Ok(raw.to_string()),
    }
}

/// Another product (not `id`) with this URL key: Magento's URL rewrite check refuses it.
fn check_url_key_free(conn: &Connection, key: &str, id: i64) -> Result<(), CatalogError> {
    let taken: bool = conn
        .prepare_cached(
            "SELECT EXISTS(SELECT 1 FROM catalog_product_entity_value v \
         JOIN eav_attribute a ON a.attribute_id = v.attribute_id \
         WHERE a.entity_type_id = ?1 AND a.attribute_code = 'url_key' AND v.value = ?2 \
         AND v.entity_id != ?3)",
        )
        .and_then(|mut s| s.query_row(params![PRODUCT_ENTITY_TYPE_ID, key, id], |r| r.get(0)))?;
    if taken {
        return Err(CatalogError::AlreadyExists(Existing::UrlKey(
            key.to_string(),
        )));
    }
    Ok(())
}

/// Replaces website and category links when they were sent (`category_links` wins over the
/// `category_ids` custom attribute).
fn write_links(conn: &Connection, id: i64, input: &ProductInput) -> Result<(), CatalogError> {
    if let Some(website_ids) = &input.website_ids {
        conn.prepare_cached("DELETE FROM catalog_product_website WHERE product_id = ?1")
            .and_then(|mut s| s.execute([id]))?;
        for website_id in website_ids {
            stores::website_by_id(conn, *website_id)?
                .filter(|w| w.id != stores::ADMIN_ID)
                .ok_or_else(|| CatalogError::no_such("website", "websiteId", website_id))?;
            conn.prepare_cached(
                "INSERT INTO catalog_product_website (product_id, website_id) VALUES (?1, ?2) \
                 ON CONFLICT DO NOTHING",
            )
            .and_then(|mut s| s.execute(params![id, website_id]))?;
        }
    }
    let links: Option<Vec<CategoryLink>> = input.category_links.clone().or_else(|| {
        input.category_ids.as_ref().map(|ids| {
            ids.iter()
                .map(|&category_id| CategoryLink {
                    category_id,
                    position: 0,
                })
                .collect()
        })
    });
    if let Some(links) = links {
        conn.prepare_cached("DELETE FROM catalog_category_product WHERE product_id = ?1")
            .and_then(|mut s| s.execute([id]))?;
        for link in links {
            categories::category_by_id(conn, link.category_id)?
                .ok_or_else(|| CatalogError::no_such("category", "id", link.category_id))?;
            conn.prepare_cached(
                "INSERT INTO catalog_category_product (category_id, product_id, position) \
                 VALUES (?1, ?2, ?3) \
                 ON CONFLICT (category_id, product_id) DO UPDATE SET position = excluded.position",
            )
            .and_then(|mut s| s.execute(params![link.category_id, id, link.position]))?;
        }
    }
    Ok(())
}

/// `ProductRepository::delete`: the product and everything hanging off it (values, links and
/// stock go with it through the foreign keys).
pub fn delete_product(conn: &Connection, id: i64) -> Result<(), CatalogError> {
    conn.prepare_cached("DELETE FROM catalog_product_entity WHERE entity_id = ?1")
        .and_then(|mut s| s.execute([id]))?;
    Ok(())
}
