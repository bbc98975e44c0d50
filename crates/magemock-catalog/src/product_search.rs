//! `ProductRepository::getList`: the product collection with every attribute selectable,
//! searchCriteria applied through the EAV filter processor, plus the custom filters of
//! `Magento\Catalog\Model\Api\SearchCriteria\CollectionProcessor\FilterProcessor`
//! (`category_id`, `website_id`, `store_id`).

use magemock_core::search_criteria::{Condition, FieldSql, Filter, FilterStyle, SearchCriteria};
use magemock_core::{MagentoError, Params, ToMagentoError};
use rusqlite::Connection;
use rusqlite::types::Value as SqlValue;

use crate::attributes;

/// Magento's phrases for fields the collection does not know.
pub mod messages {
    /// app/code/Magento/Eav/Model/Entity/Collection/AbstractCollection.php
    /// (`_getAttributeFieldName`, raised as `Magento\Eav\Exception`, a LocalizedException).
    pub const INVALID_ATTRIBUTE_NAME: &str = "Invalid attribute name: %1";
    /// Same file, `addAttributeToSelect` (reached through `addAttributeToSort`).
    pub const INVALID_ATTRIBUTE_REQUESTED: &str = "Invalid attribute requested: %1";
}

/// Columns of `catalog_product_entity` (static attributes, and the values magemock keeps on the
/// row).
const ROW_COLUMNS: &[&str] = &[
    "entity_id",
    "sku",
    "type_id",
    "attribute_set_id",
    "created_at",
    "updated_at",
    "has_options",
    "required_options",
    "name",
    "price",
    "status",
    "visibility",
    "weight",
];

/// Row columns whose value a store view can override (`name`, `status`, `visibility`).
const SCOPED_ROW_COLUMNS: &[&str] = &["name", "status", "visibility"];

/// The SQL expression of a product field as the collection of `store_id` sees it, or `None` for
/// a field the collection does not know. EAV values are a subquery on the store's value, else
/// the store-0 value (falling back to the attribute default), cast to the attribute's type so
/// that comparisons are numeric where MySQL's would be.
pub fn field_sql(
    conn: &Connection,
    field: &str,
    store_id: i64,
) -> Result<Option<String>, MagentoError> {
    let value_at = |attribute_id: i64, store: i64| {
        format!(
            "(SELECT v.value FROM catalog_product_entity_value v WHERE v.entity_id = e.entity_id \
             AND v.attribute_id = {attribute_id} AND v.store_id = {store})"
        )
    };
    if ROW_COLUMNS.contains(&field) {
        if store_id != 0 && SCOPED_ROW_COLUMNS.contains(&field) {
            let attribute =
                attributes::attribute_by_code(conn, field).map_err(|e| e.to_magento())?;
            if let Some(a) = attribute {
                // No product has a value of its own in this store: the store's view is the
                // row's column, which the NOCASE name indexes (migration 0007) serve in filters
                // and sorts, where the per-row subquery below made a sorted page of 100,000
                // products cost 200 ms. Only for `name`: for the integer columns the bare
                // column would also change the comparison's affinity.
                if field == "name" && !store_has_values(conn, a.id, store_id)? {
                    return Ok(Some("e.name".to_string()));
                }
                let store_value = value_at(a.id, store_id);
                return Ok(Some(if field == "name" {
                    format!("COALESCE({store_value}, e.{field})")
                } else {
                    // COALESCE has no affinity: the outer CAST gives the expression INTEGER
                    // affinity, so a bound `'1'` compares as the number 1, as in MySQL.
                    format!("CAST(COALESCE(CAST({store_value} AS INTEGER), e.{field}) AS INTEGER)")
                }));
            }
        }
        return Ok(Some(format!("e.{field}")));
    }
    let attribute = attributes::attribute_by_code(conn, field).map_err(|e| e.to_magento())?;
    let Some(attribute) = attribute else {
        return Ok(None);
    };
    let value = if store_id != 0 {
        format!(
            "COALESCE({}, {})",
            value_at(attribute.id, store_id),
            value_at(attribute.id, 0)
        )
    } else {
        value_at(attribute.id, 0)
    };
    let value = match &attribute.default_value {
        // The default is a trusted value from the store's own attribute table, but it is still
        // quoted as a literal, never spliced raw.
        Some(d) => format!("COALESCE({value}, '{}')", d.replace('\'', "''")),
        None => value,
    };
    Ok(Some(match attribute.backend_type.as_str() {
        "decimal" => format!("CAST({value} AS REAL)"),
        "int" => format!("CAST({value} AS INTEGER)"),
        _ => value,
    }))
}

/// Whether any product has a value of the attribute in the store (an index seek on the
/// attribute, then the attribute's store-view values only: the global value of a row column is
/// on the row).
fn store_has_values(
    conn: &Connection,
    attribute_id: i64,
    store_id: i64,
) -> Result<bool, MagentoError> {
    conn.prepare_cached(
        "SELECT EXISTS(SELECT 1 FROM catalog_product_entity_value \
         WHERE attribute_id = ?1 AND store_id = ?2)",
    )
    .and_then(|mut s| s.query_row([attribute_id, store_id], |r| r.get(0)))
    .map_err(MagentoError::internal)
}

fn unknown(template: &'static str, field: &str) -> MagentoError {
    MagentoError::input(template, Params::positional([field]))
}

/// A custom filter's `IN` / `NOT IN` over a subquery of product ids, as `addCategoriesFilter`
/// and `addWebsiteFilter` build them: `eq` and `in` keep, `neq` and `nin` exclude, anything else
/// is read as `in`.
fn id_subquery(f: &Filter, subquery: &str) -> FieldSql {
    let values: Vec<SqlValue> = f
        .value
        .as_deref()
        .unwrap_or("")
        .split(',')
        .map(|v| SqlValue::Text(v.trim().to_string()))
        .collect();
    let marks = vec!["?"; values.len()].join(", ");
    let op = match f.condition_type {
        Condition::Neq | Condition::Nin => "NOT IN",
        _ => "IN",
    };
    FieldSql::Custom {
        sql: format!("e.entity_id {op} ({} ({marks}))", subquery),
        params: values,
    }
}

/// Matching product ids in order for the page asked for, and the total before paging, over
/// global values.
pub fn search_products(
    conn: &Connection,
    criteria: &SearchCriteria,
) -> Result<(Vec<i64>, i64), MagentoError> {
    search_products_in(conn, criteria, 0)
}

/// The same in a store: store-view values override global ones (the collection's store is the
/// current store, `AbstractCollection::getStoreId`).
pub fn search_products_in(
    conn: &Connection,
    criteria: &SearchCriteria,
    store_id: i64,
) -> Result<(Vec<i64>, i64), MagentoError> {
    let query = products_query(conn, criteria, store_id)?;
    crate::list_query::page_of_ids(conn, PRODUCT_TABLE, PRODUCT_ID, &query)
}

/// The FROM clause and id column [`search_products_in`] pages over.
pub(crate) const PRODUCT_TABLE: &str = "catalog_product_entity e";
pub(crate) const PRODUCT_ID: &str = "e.entity_id";

/// The criteria as SQL over [`PRODUCT_TABLE`] in a store.
pub(crate) fn products_query(
    conn: &Connection,
    criteria: &SearchCriteria,
    store_id: i64,
) -> Result<magemock_core::search_criteria::SqlQuery, MagentoError> {
    let filter = |f: &Filter| -> Result<FieldSql, MagentoError> {
        Ok(match f.field.as_str() {
            "category_id" => id_subquery(
                f,
                "SELECT product_id FROM catalog_category_product WHERE category_id IN",
            ),
            "website_id" => id_subquery(
                f,
                "SELECT product_id FROM catalog_product_website WHERE website_id IN",
            ),
            "store_id" => id_subquery(
                f,
                "SELECT pw.product_id FROM catalog_product_website pw JOIN store s \
                 ON s.website_id = pw.website_id WHERE s.store_id IN",
            ),
            field => FieldSql::Column(
                field_sql(conn, field, store_id)?
                    .ok_or_else(|| unknown(messages::INVALID_ATTRIBUTE_NAME, field))?,
            ),
        })
    };
    let sort = |field: &str| -> Result<String, MagentoError> {
        field_sql(conn, field, store_id)?
            .ok_or_else(|| unknown(messages::INVALID_ATTRIBUTE_REQUESTED, field))
    };
    criteria.to_sql_with(FilterStyle::Eav, &filter, &sort)
}
