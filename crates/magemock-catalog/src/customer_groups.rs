//! Customer groups (`Magento_Customer`'s `customer_group`). Groups 0 NOT LOGGED IN, 1 General,
//! 2 Wholesale and 3 Retailer are seeded by the migration.

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::error::{CatalogError, Existing};

/// `customer/create_account/default_group` in Magento_Customer's config.xml.
pub const DEFAULT_GROUP_ID: i64 = 1;
/// The "Retail Customer" tax class Magento gives its default groups.
pub const RETAIL_CUSTOMER_TAX_CLASS_ID: i64 = 3;
/// `GroupInterface` limits `code` to 32 characters (`GROUP_CODE_MAX_LENGTH`).
pub const CODE_MAX_LENGTH: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCustomerGroup {
    pub code: String,
    pub tax_class_id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerGroup {
    pub id: i64,
    pub code: String,
    pub tax_class_id: i64,
}

pub fn insert_customer_group(
    conn: &Connection,
    new: &NewCustomerGroup,
) -> Result<i64, CatalogError> {
    let code = new.code.trim();
    if code.is_empty() {
        return Err(CatalogError::RequiredValueEmpty("code".to_string()));
    }
    if code.chars().count() > CODE_MAX_LENGTH {
        return Err(CatalogError::invalid(
            "code",
            code,
            format!("at most {CODE_MAX_LENGTH} characters"),
        ));
    }
    if customer_group_by_code(conn, code)?.is_some() {
        return Err(CatalogError::AlreadyExists(Existing::CustomerGroup(
            code.to_string(),
        )));
    }
    conn.prepare_cached(
        "INSERT INTO customer_group (customer_group_code, tax_class_id) VALUES (?1, ?2)",
    )
    .and_then(|mut s| s.execute(params![code, new.tax_class_id]))?;
    Ok(conn.last_insert_rowid())
}

fn group_row(r: &Row<'_>) -> rusqlite::Result<CustomerGroup> {
    Ok(CustomerGroup {
        id: r.get(0)?,
        code: r.get(1)?,
        tax_class_id: r.get(2)?,
    })
}

/// The group with this code (case-insensitive).
pub fn customer_group_by_code(
    conn: &Connection,
    code: &str,
) -> Result<Option<CustomerGroup>, CatalogError> {
    Ok(conn
        .prepare_cached(
            "SELECT customer_group_id, customer_group_code, tax_class_id FROM customer_group \
             WHERE customer_group_code = ?1",
        )
        .and_then(|mut s| s.query_row([code], group_row))
        .optional()?)
}

pub fn customer_group_by_id(
    conn: &Connection,
    id: i64,
) -> Result<Option<CustomerGroup>, CatalogError> {
    Ok(conn
        .prepare_cached(
            "SELECT customer_group_id, customer_group_code, tax_class_id FROM customer_group \
             WHERE customer_group_id = ?1",
        )
        .and_then(|mut s| s.query_row([id], group_row))
        .optional()?)
}
