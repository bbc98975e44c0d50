//! A product as `ProductRepository::get` loads it: the row, its attribute values (stored, or the
//! attribute's default), category links, website ids and stock item, ready for the server to
//! shape into ProductInterface JSON.

use rusqlite::{Connection, params};

use crate::attributes::{self, Attribute};
use crate::error::CatalogError;
use crate::products::{self, COLUMN_ATTRIBUTES, CategoryLink, Product};
use crate::sku::Sku;
use crate::stock_items::{StockView, stock_view};

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
}

/// The product with this SKU (case-insensitive), fully loaded.
pub fn product_view_by_sku(
    conn: &Connection,
    sku: &Sku,
) -> Result<Option<ProductView>, CatalogError> {
    match products::product_by_sku(conn, sku)? {
        Some(p) => Ok(Some(assemble(conn, p)?)),
        None => Ok(None),
    }
}

pub fn product_view_by_id(conn: &Connection, id: i64) -> Result<Option<ProductView>, CatalogError> {
    match products::product_by_id(conn, id)? {
        Some(p) => Ok(Some(assemble(conn, p)?)),
        None => Ok(None),
    }
}

fn assemble(conn: &Connection, product: Product) -> Result<ProductView, CatalogError> {
    let stored = stored_values(conn, product.id)?;
    let mut values = Vec::new();
    for attribute in attributes::set_attributes(conn, product.attribute_set_id)? {
        if COLUMN_ATTRIBUTES.contains(&attribute.code.as_str()) {
            continue;
        }
        let value = stored
            .iter()
            .find(|(id, _)| *id == attribute.id)
            .map(|(_, v)| v.clone())
            .or_else(|| attribute.default_value.clone());
        if let Some(value) = value {
            values.push(entry(&attribute, value));
        }
    }
    Ok(ProductView {
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

fn stored_values(conn: &Connection, product_id: i64) -> Result<Vec<(i64, String)>, CatalogError> {
    let mut stmt = conn.prepare(
        "SELECT attribute_id, value FROM catalog_product_entity_value \
         WHERE entity_id = ?1 AND store_id = 0 AND value IS NOT NULL",
    )?;
    let rows = stmt.query_map(params![product_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// `catalog_category_product` rows of the product in the order they were written.
pub fn category_links(
    conn: &Connection,
    product_id: i64,
) -> Result<Vec<CategoryLink>, CatalogError> {
    let mut stmt = conn.prepare(
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
