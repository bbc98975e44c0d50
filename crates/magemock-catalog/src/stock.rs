//! Stock items (`Magento_CatalogInventory`'s `cataloginventory_stock_item`, the data behind
//! `extension_attributes.stock_item` and `/V1/stockItems`). One item per product in the default
//! stock 1; every column not given here keeps Magento's schema default, so the `use_config_*`
//! flags are on and the effective values come from configuration.

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::CatalogError;

/// `Magento\CatalogInventory\Model\Stock::DEFAULT_STOCK_ID`.
pub const DEFAULT_STOCK_ID: i64 = 1;

#[derive(Debug, Clone, PartialEq)]
pub struct NewStockItem {
    pub qty: f64,
    pub is_in_stock: bool,
    pub is_qty_decimal: bool,
}

/// A stock item row as stored (not resolved against configuration).
#[derive(Debug, Clone, PartialEq)]
pub struct StockItem {
    pub item_id: i64,
    pub product_id: i64,
    pub stock_id: i64,
    pub qty: Option<f64>,
    pub min_qty: f64,
    pub use_config_min_qty: bool,
    pub is_qty_decimal: bool,
    pub backorders: i64,
    pub use_config_backorders: bool,
    pub min_sale_qty: f64,
    pub use_config_min_sale_qty: bool,
    pub max_sale_qty: f64,
    pub use_config_max_sale_qty: bool,
    pub is_in_stock: bool,
    pub low_stock_date: Option<String>,
    pub notify_stock_qty: Option<f64>,
    pub use_config_notify_stock_qty: bool,
    pub manage_stock: bool,
    pub use_config_manage_stock: bool,
    pub stock_status_changed_auto: i64,
    pub use_config_qty_increments: bool,
    pub qty_increments: f64,
    pub use_config_enable_qty_inc: bool,
    pub enable_qty_increments: bool,
    pub is_decimal_divided: bool,
    pub website_id: i64,
}

/// Inserts the product's stock item in the default stock.
pub fn insert_stock_item(
    conn: &Connection,
    product_id: i64,
    new: &NewStockItem,
) -> Result<i64, CatalogError> {
    if !new.qty.is_finite() {
        return Err(CatalogError::invalid(
            "qty",
            new.qty.to_string(),
            "a finite number is expected",
        ));
    }
    if !new.is_qty_decimal && new.qty.fract() != 0.0 {
        return Err(CatalogError::invalid(
            "qty",
            new.qty.to_string(),
            "a whole number is expected unless the quantity is decimal",
        ));
    }
    conn.prepare_cached(
        "INSERT INTO cataloginventory_stock_item (product_id, stock_id, qty, is_in_stock, is_qty_decimal) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .and_then(|mut s| s.execute(params![product_id, DEFAULT_STOCK_ID, new.qty, new.is_in_stock, new.is_qty_decimal]))?;
    Ok(conn.last_insert_rowid())
}

/// The product's item in the default stock.
pub fn stock_item_by_product(
    conn: &Connection,
    product_id: i64,
) -> Result<Option<StockItem>, CatalogError> {
    Ok(conn
        .prepare_cached(
            "SELECT item_id, product_id, stock_id, qty, min_qty, use_config_min_qty, \
             is_qty_decimal, backorders, use_config_backorders, min_sale_qty, \
             use_config_min_sale_qty, max_sale_qty, use_config_max_sale_qty, is_in_stock, \
             low_stock_date, notify_stock_qty, use_config_notify_stock_qty, manage_stock, \
             use_config_manage_stock, stock_status_changed_auto, use_config_qty_increments, \
             qty_increments, use_config_enable_qty_inc, enable_qty_increments, \
             is_decimal_divided, website_id \
             FROM cataloginventory_stock_item WHERE product_id = ?1 AND stock_id = ?2",
        )
        .and_then(|mut s| {
            s.query_row(params![product_id, DEFAULT_STOCK_ID], |r| {
                Ok(StockItem {
                    item_id: r.get(0)?,
                    product_id: r.get(1)?,
                    stock_id: r.get(2)?,
                    qty: r.get(3)?,
                    min_qty: r.get(4)?,
                    use_config_min_qty: r.get(5)?,
                    is_qty_decimal: r.get(6)?,
                    backorders: r.get(7)?,
                    use_config_backorders: r.get(8)?,
                    min_sale_qty: r.get(9)?,
                    use_config_min_sale_qty: r.get(10)?,
                    max_sale_qty: r.get(11)?,
                    use_config_max_sale_qty: r.get(12)?,
                    is_in_stock: r.get(13)?,
                    low_stock_date: r.get(14)?,
                    notify_stock_qty: r.get(15)?,
                    use_config_notify_stock_qty: r.get(16)?,
                    manage_stock: r.get(17)?,
                    use_config_manage_stock: r.get(18)?,
                    stock_status_changed_auto: r.get(19)?,
                    use_config_qty_increments: r.get(20)?,
                    qty_increments: r.get(21)?,
                    use_config_enable_qty_inc: r.get(22)?,
                    enable_qty_increments: r.get(23)?,
                    is_decimal_divided: r.get(24)?,
                    website_id: r.get(25)?,
                })
            })
        })
        .optional()?)
}
