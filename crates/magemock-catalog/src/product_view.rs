//! A product as `ProductRepository::get` loads it in a store: the row, its attribute values (the
//! store view's, else the global one, else the attribute's default), category links, website ids
//! and stock item, ready for the server to shape into ProductInterface JSON.

use std::sync::Arc;

use magemock_core::store::cache::{self, GenerationCache};
use rusqlite::{Connection, params};

use crate::attributes::{self, Attribute};
use crate::error::CatalogError;
use crate::product_extras::{self, LinkView, MediaEntry, TierPrice};
use crate::product_scope;
use crate::products::{self, COLUMN_ATTRIBUTES, CategoryLink, Product};
use crate::sku::Sku;
use crate::stock_items::{StockView, stock_view};
use crate::stores::ADMIN_ID;

/// One `custom_attributes` entry with what decides its JSON form.
#[derive(Debug, Clone, PartialEq)]
pub struct AttributeValue {
    pub code: String,
    pub backend_type: String,
    pub frontend_input: Option<String>,
    /// As stored (MySQL would hand decimals back as `"32.000000"`; the server formats them).
    pub value: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProductView {
    pub product: Product,
    /// In the attribute set's order; attributes without a value and without a default are absent.
    pub values: Vec<AttributeValue>,
    /// In link order (the order the rows were written, as MySQL returns them).
    pub category_links: Vec<CategoryLink>,
    pub website_ids: Vec<i64>,
    pub stock: StockView,
    /// The gallery, roles as loaded in the store.
    pub media: Vec<MediaEntry>,
    pub links: Vec<LinkView>,
    pub tier_prices: Vec<TierPrice>,
}

/// The product with this SKU (case-insensitive), fully loaded with its global values.
pub fn product_view_by_sku(
    conn: &Connection,
    sku: &Sku,
) -> Result<Option<ProductView>, CatalogError> {
    product_view_by_sku_in(conn, sku, ADMIN_ID)
}

pub fn product_view_by_id(conn: &Connection, id: i64) -> Result<Option<ProductView>, CatalogError> {
    product_view_by_id_in(conn, id, ADMIN_ID)
}

/// Loaded products per store and data generation: a product GET read a dozen tables for a
/// view that only a write changes. Keyed by the SKU as the NOCASE column compares it (ASCII
/// case folded) or by id.
#[derive(Default)]
struct ViewCache {
    by_sku: GenerationCache<(String, i64), Option<Arc<ProductView>>>,
    by_id: GenerationCache<(i64, i64), Option<Arc<ProductView>>>,
}

/// The product with this SKU as loaded in a store: its store-view values override the global
/// ones.
pub fn product_view_by_sku_in(
    conn: &Connection,
    sku: &Sku,
    store_id: i64,
) -> Result<Option<ProductView>, CatalogError> {
    let load = || match products::product_by_sku(conn, sku)? {
        Some(p) => Ok::<_, CatalogError>(Some(Arc::new(assemble(conn, p, store_id)?))),
        None => Ok(None),
    };
    let view = match cache::current::<ViewCache>() {
        Some((views, generation)) => views.by_sku.get_or_try_insert(
            generation,
            (sku.as_str().to_ascii_lowercase(), store_id),
            load,
        )?,
        None => load()?,
    };
    Ok(view.map(|v| ProductView::clone(&v)))
}

pub fn product_view_by_id_in(
    conn: &Connection,
    id: i64,
    store_id: i64,
) -> Result<Option<ProductView>, CatalogError> {
    let load = || match products::product_by_id(conn, id)? {
        Some(p) => Ok::<_, CatalogError>(Some(Arc::new(assemble(conn, p, store_id)?))),
        None => Ok(None),
    };
    let view = match cache::current::<ViewCache>() {
        Some((views, generation)) => {
            views
                .by_id
                .get_or_try_insert(generation, (id, store_id), load)?
        }
        None => load()?,
    };
    Ok(view.map(|v| ProductView::clone(&v)))
}

fn assemble(
    conn: &Connection,
    mut product: Product,
    store_id: i64,
) -> Result<ProductView, CatalogError> {
    // One read of the product's values in the store serves the row overrides, the attribute
    // values and the image roles (they were a dozen single-value lookups).
    let rows = value_rows(conn, product.id, store_id)?;
    let overrides = product_scope::row_overrides(conn, &rows, store_id)?;
    if let Some(name) = overrides.name {
        product.name = Some(name);
    }
    if let Some(status) = overrides.status {
        product.status = status;
    }
    if let Some(visibility) = overrides.visibility {
        product.visibility = visibility;
    }
    let stored = merged(&rows);
    let mut values = Vec::new();
    for attribute in attributes::set_attributes_shared(conn, product.attribute_set_id)?.iter() {
        if COLUMN_ATTRIBUTES.contains(&attribute.code.as_str()) {
            continue;
        }
        let value = stored
            .iter()
            .find(|(id, _)| *id == attribute.id)
            .map(|(_, v)| v.clone())
            .or_else(|| attribute.default_value.clone());
        if let Some(value) = value {
            values.push(entry(attribute, value));
        }
    }
    Ok(ProductView {
        media: product_extras::media_entries_with(conn, product.id, &|attribute_id| {
            stored
                .iter()
                .find(|(id, _)| *id == attribute_id)
                .map(|(_, v)| v.clone())
        })?,
        links: product_extras::product_links(conn, product.id)?,
        tier_prices: product_extras::tier_prices(conn, product.id)?,
        category_links: category_links(conn, product.id)?,
        website_ids: products::product_website_ids(conn, product.id)?,
        stock: stock_view(conn, product.id, 0)?,
        values,
        product,
    })
}

fn entry(attribute: &Attribute, value: String) -> AttributeValue {
    AttributeValue {
        code: attribute.code.clone(),
        backend_type: attribute.backend_type.clone(),
        frontend_input: attribute.frontend_input.clone(),
        value,
    }
}

/// The product's value rows a load in `store_id` reads, `(attribute_id, store_id, value)`,
/// store 0's first (`ORDER BY store_id`, as `_prepareLoadSelect` orders them).
fn value_rows(
    conn: &Connection,
    product_id: i64,
    store_id: i64,
) -> Result<Vec<(i64, i64, String)>, CatalogError> {
    let mut stmt = conn.prepare_cached(
        "SELECT attribute_id, store_id, value FROM catalog_product_entity_value \
         WHERE entity_id = ?1 AND store_id IN (0, ?2) AND value IS NOT NULL ORDER BY store_id",
    )?;
    let rows = stmt.query_map(params![product_id, store_id], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The value each attribute has in the load: the store's row where there is one, else store
/// 0's (the later row wins).
fn merged(rows: &[(i64, i64, String)]) -> Vec<(i64, String)> {
    let mut out: Vec<(i64, String)> = Vec::new();
    for (attribute_id, _, value) in rows {
        match out.iter_mut().find(|(id, _)| id == attribute_id) {
            Some(slot) => slot.1 = value.clone(),
            None => out.push((*attribute_id, value.clone())),
        }
    }
    out
}

/// `catalog_category_product` rows of the product in the order they were written.
pub fn category_links(
    conn: &Connection,
    product_id: i64,
) -> Result<Vec<CategoryLink>, CatalogError> {
    let mut stmt = conn.prepare_cached(
        "SELECT category_id, position FROM catalog_category_product WHERE product_id = ?1 \
         ORDER BY entity_id",
    )?;
    let rows = stmt.query_map(params![product_id], |r| {
        Ok(CategoryLink {
            category_id: r.get(0)?,
            position: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
