//! Products (`Magento_Catalog`'s `catalog_product_entity`) with their custom attribute values,
//! category links, website links and stock item, inserted together as one product save.

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::attributes::{self, Attribute};
use crate::categories;
use crate::error::{CatalogError, Existing};
use crate::sku::Sku;
use crate::stock::{self, NewStockItem};
use crate::stores;
use crate::url_key::format_url_key;

pub use crate::product_bulk_load::{DeferredIndexes, defer_row_indexes, restore_row_indexes};

/// `Magento\Catalog\Model\Product\Attribute\Source\Status`.
pub const STATUS_ENABLED: i64 = 1;
pub const STATUS_DISABLED: i64 = 2;
/// `Magento\Catalog\Model\Product\Visibility`: not visible individually, catalog, search, both.
pub const VISIBILITY_NOT_VISIBLE: i64 = 1;
pub const VISIBILITY_BOTH: i64 = 4;
/// The product types of Magento Open Source (`Magento\Catalog\Model\Product\Type` and the
/// Bundle, ConfigurableProduct, Downloadable and GroupedProduct modules).
pub const PRODUCT_TYPES: &[&str] = &[
    "simple",
    "virtual",
    "configurable",
    "bundle",
    "grouped",
    "downloadable",
];

/// Attributes kept as columns of the product row; they are not custom attribute values.
pub const COLUMN_ATTRIBUTES: &[&str] = &["sku", "name", "price", "status", "visibility", "weight"];

#[derive(Debug, Clone, PartialEq)]
pub struct CategoryLink {
    pub category_id: i64,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewProduct {
    pub sku: Sku,
    pub name: String,
    pub attribute_set_id: i64,
    pub type_id: String,
    /// Required for simple and virtual products (`price` applies to them).
    pub price: Option<f64>,
    pub status: i64,
    pub visibility: i64,
    pub weight: Option<f64>,
    /// `(attribute_code, value)`; option-backed values may name options by label or by id,
    /// comma-separated for multiselect. A missing `url_key` is derived from the name.
    pub custom_attributes: Vec<(String, String)>,
    pub category_links: Vec<CategoryLink>,
    pub website_ids: Vec<i64>,
    pub stock: NewStockItem,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Product {
    pub id: i64,
    pub sku: String,
    pub name: Option<String>,
    pub attribute_set_id: i64,
    pub price: Option<f64>,
    pub status: i64,
    pub visibility: i64,
    pub type_id: String,
    pub created_at: String,
    pub updated_at: String,
    pub weight: Option<f64>,
    pub has_options: bool,
    pub required_options: bool,
}

/// Inserts a product, its store-0 attribute values, links and stock item. `now` is Magento's
/// `YYYY-MM-DD HH:MM:SS`. Refuses what Magento would refuse on a new product: a taken SKU or
/// URL key, unknown sets, categories, websites, attributes or options, an attribute outside the
/// product's set.
pub fn insert_product(conn: &Connection, new: &NewProduct, now: &str) -> Result<i64, CatalogError> {
    insert(conn, new, now, None)
}

/// [`insert_product`] inside a bulk load that [`defer_row_indexes`] began: the same checks
/// and rows, with a taken URL key found in the load's set when the index is deferred.
pub fn insert_product_in_load(
    conn: &Connection,
    new: &NewProduct,
    now: &str,
    load: &mut DeferredIndexes,
) -> Result<i64, CatalogError> {
    insert(conn, new, now, load.url_keys())
}

fn insert(
    conn: &Connection,
    new: &NewProduct,
    now: &str,
    url_keys: Option<&mut crate::product_bulk_load::UrlKeys>,
) -> Result<i64, CatalogError> {
    if product_by_sku(conn, &new.sku)?.is_some() {
        return Err(CatalogError::AlreadyExists(Existing::Sku(
            new.sku.to_string(),
        )));
    }
    let set = attributes::attribute_set_by_id(conn, new.attribute_set_id)?
        .filter(|s| s.entity_type_id == attributes::PRODUCT_ENTITY_TYPE_ID)
        .ok_or_else(|| {
            CatalogError::no_such("attribute set", "attributeSetId", new.attribute_set_id)
        })?;
    check_row_values(new)?;
    let values = resolve_values(conn, new, set.id, &set.name, url_keys)?;
    conn.prepare_cached(
        "INSERT INTO catalog_product_entity (attribute_set_id, type_id, sku, created_at, \
         updated_at, name, price, status, visibility, weight) \
         VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7, ?8, ?9)",
    )
    .and_then(|mut s| {
        s.execute(params![
            set.id,
            new.type_id,
            new.sku.as_str(),
            now,
            new.name,
            new.price,
            new.status,
            new.visibility,
            new.weight
        ])
    })?;
    let id = conn.last_insert_rowid();
    for (attribute, value) in &values {
        conn.prepare_cached(
            "INSERT INTO catalog_product_entity_value (entity_id, attribute_id, store_id, value) \
             VALUES (?1, ?2, 0, ?3)",
        )
        .and_then(|mut s| s.execute(params![id, attribute.id, value]))?;
    }
    for (i, link) in new.category_links.iter().enumerate() {
        categories::category_by_id(conn, link.category_id)?
            .ok_or_else(|| CatalogError::no_such("category", "categoryId", link.category_id))?;
        if new.category_links[..i]
            .iter()
            .any(|l| l.category_id == link.category_id)
        {
            return Err(CatalogError::AlreadyExists(Existing::CategoryLink {
                category_id: link.category_id,
            }));
        }
        conn.prepare_cached(
            "INSERT INTO catalog_category_product (category_id, product_id, position) \
             VALUES (?1, ?2, ?3)",
        )
        .and_then(|mut s| s.execute(params![link.category_id, id, link.position]))?;
    }
    for website_id in &new.website_ids {
        stores::website_by_id(conn, *website_id)?
            .filter(|w| w.id != stores::ADMIN_ID)
            .ok_or_else(|| CatalogError::no_such("website", "websiteId", website_id))?;
        conn.prepare_cached(
            "INSERT INTO catalog_product_website (product_id, website_id) VALUES (?1, ?2) \
             ON CONFLICT DO NOTHING",
        )
        .and_then(|mut s| s.execute(params![id, website_id]))?;
    }
    stock::insert_stock_item(conn, id, &new.stock)?;
    Ok(id)
}

fn check_row_values(new: &NewProduct) -> Result<(), CatalogError> {
    if !PRODUCT_TYPES.contains(&new.type_id.as_str()) {
        return Err(CatalogError::invalid(
            "type_id",
            new.type_id.as_str(),
            format!("one of {}", PRODUCT_TYPES.join(", ")),
        ));
    }
    if new.name.trim().is_empty() {
        return Err(CatalogError::RequiredValueEmpty("name".to_string()));
    }
    match new.price {
        None if matches!(new.type_id.as_str(), "simple" | "virtual") => {
            return Err(CatalogError::RequiredValueEmpty("price".to_string()));
        }
        Some(p) if !p.is_finite() || p < 0.0 => {
            return Err(CatalogError::invalid(
                "price",
                p.to_string(),
                "a price is a number of at least 0",
            ));
        }
        _ => {}
    }
    if let Some(w) = new.weight.filter(|w| !w.is_finite() || *w < 0.0) {
        return Err(CatalogError::invalid(
            "weight",
            w.to_string(),
            "a weight is a number of at least 0",
        ));
    }
    if ![STATUS_ENABLED, STATUS_DISABLED].contains(&new.status) {
        return Err(CatalogError::invalid(
            "status",
            new.status.to_string(),
            "1 (enabled) or 2 (disabled)",
        ));
    }
    if !(VISIBILITY_NOT_VISIBLE..=VISIBILITY_BOTH).contains(&new.visibility) {
        return Err(CatalogError::invalid(
            "visibility",
            new.visibility.to_string(),
            "1 (not visible individually), 2 (catalog), 3 (search) or 4 (catalog, search)",
        ));
    }
    Ok(())
}

/// Checks every custom value against its attribute and the product's set, and turns option
/// labels into option ids. Adds the `url_key` Magento derives from the name when none is given.
fn resolve_values(
    conn: &Connection,
    new: &NewProduct,
    set_id: i64,
    set_name: &str,
    mut url_keys: Option<&mut crate::product_bulk_load::UrlKeys>,
) -> Result<Vec<(Attribute, String)>, CatalogError> {
    let mut out: Vec<(Attribute, String)> = Vec::with_capacity(new.custom_attributes.len() + 1);
    let given_url_key = new
        .custom_attributes
        .iter()
        .any(|(code, _)| code == "url_key");
    let derived = (!given_url_key).then(|| ("url_key".to_string(), new.name.clone()));
    for (code, value) in new.custom_attributes.iter().chain(derived.iter()) {
        if COLUMN_ATTRIBUTES.contains(&code.as_str()) {
            return Err(CatalogError::invalid(
                "custom_attributes",
                code.as_str(),
                format!("`{code}` is a field of the product itself"),
            ));
        }
        if out.iter().any(|(a, _)| &a.code == code) {
            return Err(CatalogError::invalid(
                "custom_attributes",
                code.as_str(),
                "the attribute is given twice",
            ));
        }
        let attribute = attributes::attribute_by_code(conn, code)?
            .ok_or_else(|| CatalogError::no_such("attribute", "attributeCode", code))?;
        if !attributes::set_has_attribute(conn, set_id, attribute.id)? {
            return Err(CatalogError::invalid(
                code.as_str(),
                value.as_str(),
                format!("attribute `{code}` is not in attribute set `{set_name}`"),
            ));
        }
        let stored = stored_value(conn, &attribute, value)?;
        if code == "url_key" {
            match url_keys.as_deref_mut() {
                Some(keys) => keys.claim(&stored)?,
                None => check_url_key_free(conn, &stored)?,
            }
        }
        out.push((attribute, stored));
    }
    Ok(out)
}

/// The text stored for a value, checked against the attribute's input and backend type.
fn stored_value(
    conn: &Connection,
    attribute: &Attribute,
    value: &str,
) -> Result<String, CatalogError> {
    let bad = |reason: &str| CatalogError::invalid(attribute.code.as_str(), value, reason);
    if attribute.code == "url_key" {
        let key = format_url_key(value);
        return if key.is_empty() {
            Err(bad("a URL key needs at least one letter or digit"))
        } else {
            Ok(key)
        };
    }
    match attribute.frontend_input.as_deref() {
        Some("select") | Some("multiselect") => {
            let options = attributes::attribute_options(conn, attribute.id)?;
            let wanted: Vec<&str> = if attribute.frontend_input.as_deref() == Some("multiselect") {
                value.split(',').map(str::trim).collect()
            } else {
                vec![value.trim()]
            };
            let mut ids = Vec::with_capacity(wanted.len());
            for w in wanted {
                let option = options
                    .iter()
                    .find(|o| o.label == w)
                    .or_else(|| options.iter().find(|o| o.id.to_string() == w));
                match option {
                    Some(o) => ids.push(o.id.to_string()),
                    None if options.is_empty() && w.parse::<i64>().is_ok() => {
                        // System selects (tax_class_id, visibility-like sources) have their
                        // options in source models, not in eav_attribute_option.
                        ids.push(w.to_string());
                    }
                    None => {
                        return Err(bad(&format!(
                            "`{w}` is not an option of `{}`",
                            attribute.code
                        )));
                    }
                }
            }
            Ok(ids.join(","))
        }
        Some("boolean") => match value.trim() {
            "1" | "true" | "yes" => Ok("1".to_string()),
            "0" | "false" | "no" => Ok("0".to_string()),
            _ => Err(bad("a yes/no value (1 or 0) is expected")),
        },
        _ => match attribute.backend_type.as_str() {
            "decimal" => value
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .map(|_| value.trim().to_string())
                .ok_or_else(|| bad("a number is expected")),
            "int" => value
                .trim()
                .parse::<i64>()
                .map(|_| value.trim().to_string())
                .map_err(|_| bad("an integer is expected")),
            _ => Ok(value.to_string()),
        },
    }
}

/// Whether a product has the URL key `?2` (entity type `?1`). Served by the
/// `catalog_product_entity_value(attribute_id, value)` index: one seek per insert.
pub(crate) const URL_KEY_TAKEN: &str = "SELECT EXISTS(SELECT 1 \
    FROM catalog_product_entity_value v JOIN eav_attribute a ON a.attribute_id = v.attribute_id \
    WHERE a.entity_type_id = ?1 AND a.attribute_code = 'url_key' AND v.value = ?2)";

/// Magento refuses a second product with the same URL key in a store.
fn check_url_key_free(conn: &Connection, key: &str) -> Result<(), CatalogError> {
    let taken: bool = conn.prepare_cached(URL_KEY_TAKEN).and_then(|mut s| {
        s.query_row(params![attributes::PRODUCT_ENTITY_TYPE_ID, key], |r| {
            r.get(0)
        })
    })?;
    if taken {
        return Err(CatalogError::AlreadyExists(Existing::UrlKey(
            key.to_string(),
        )));
    }
    Ok(())
}

const COLUMNS: &str = "entity_id, sku, name, attribute_set_id, price, status, visibility, type_id, \
    created_at, updated_at, weight, has_options, required_options";

fn product_row(r: &Row<'_>) -> rusqlite::Result<Product> {
    Ok(Product {
        id: r.get(0)?,
        sku: r.get(1)?,
        name: r.get(2)?,
        attribute_set_id: r.get(3)?,
        price: r.get(4)?,
        status: r.get(5)?,
        visibility: r.get(6)?,
        type_id: r.get(7)?,
        created_at: r.get(8)?,
        updated_at: r.get(9)?,
        weight: r.get(10)?,
        has_options: r.get(11)?,
        required_options: r.get(12)?,
    })
}

/// The product with this SKU, matched case-insensitively as Magento's lookup is.
pub fn product_by_sku(conn: &Connection, sku: &Sku) -> Result<Option<Product>, CatalogError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM catalog_product_entity WHERE sku = ?1"
        ))
        .and_then(|mut s| s.query_row([sku.as_str()], product_row))
        .optional()?)
}

pub fn product_by_id(conn: &Connection, id: i64) -> Result<Option<Product>, CatalogError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM catalog_product_entity WHERE entity_id = ?1"
        ))
        .and_then(|mut s| s.query_row([id], product_row))
        .optional()?)
}

/// The product's store-0 custom values as `(attribute_code, value)`, in attribute order.
pub fn product_custom_attributes(
    conn: &Connection,
    product_id: i64,
) -> Result<Vec<(String, String)>, CatalogError> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.attribute_code, v.value FROM catalog_product_entity_value v \
         JOIN eav_attribute a ON a.attribute_id = v.attribute_id \
         WHERE v.entity_id = ?1 AND v.store_id = 0 AND v.value IS NOT NULL \
         ORDER BY a.attribute_id",
    )?;
    let rows = stmt.query_map([product_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The product's category links, by category id.
pub fn product_category_links(
    conn: &Connection,
    product_id: i64,
) -> Result<Vec<CategoryLink>, CatalogError> {
    let mut stmt = conn.prepare_cached(
        "SELECT category_id, position FROM catalog_category_product WHERE product_id = ?1 \
         ORDER BY category_id",
    )?;
    let rows = stmt.query_map([product_id], |r| {
        Ok(CategoryLink {
            category_id: r.get(0)?,
            position: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn product_website_ids(conn: &Connection, product_id: i64) -> Result<Vec<i64>, CatalogError> {
    let mut stmt = conn.prepare_cached(
        "SELECT website_id FROM catalog_product_website WHERE product_id = ?1 ORDER BY website_id",
    )?;
    let rows = stmt.query_map([product_id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
