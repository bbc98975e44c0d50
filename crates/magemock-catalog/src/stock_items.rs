//! Stock items as `Magento\CatalogInventory\Model\Stock\Item` presents them (every `use_config_*`
//! flag resolved against the `cataloginventory/item_options/*` defaults), the stock-item save of
//! `StockItemRepository::save` (in-stock and low-stock-date recalculation), the stock status and
//! the low-stock list of `StockRegistry::getLowStockItems`.

use rusqlite::{Connection, params};

use crate::error::CatalogError;
use crate::stock::{DEFAULT_STOCK_ID, StockItem, stock_item_by_product};

/// `cataloginventory/item_options/*` of app/code/Magento/CatalogInventory/etc/config.xml. magemock
/// has no config paths for them, so they are Magento's defaults.
pub mod options {
    pub const MANAGE_STOCK: bool = true;
    pub const BACKORDERS: i64 = 0;
    pub const MAX_SALE_QTY: f64 = 10000.0;
    pub const MIN_SALE_QTY: f64 = 1.0;
    pub const MIN_QTY: f64 = 0.0;
    pub const NOTIFY_STOCK_QTY: f64 = 1.0;
    pub const ENABLE_QTY_INCREMENTS: bool = false;
    pub const QTY_INCREMENTS: f64 = 1.0;
}

/// `Stock::BACKORDERS_NO`.
const BACKORDERS_NO: i64 = 0;

/// What the StockItemInterface getters return: stored values, or configuration where a
/// `use_config_*` flag says so. `None` ids belong to an item that does not exist in the scope
/// asked for (StockRegistryProvider then hands out an empty item).
#[derive(Debug, Clone, PartialEq)]
pub struct StockView {
    pub item_id: Option<i64>,
    pub product_id: Option<i64>,
    pub stock_id: Option<i64>,
    pub qty: Option<f64>,
    pub is_in_stock: bool,
    pub is_qty_decimal: bool,
    pub use_config_min_qty: bool,
    pub min_qty: f64,
    pub use_config_min_sale_qty: bool,
    pub min_sale_qty: f64,
    pub use_config_max_sale_qty: bool,
    pub max_sale_qty: f64,
    pub use_config_backorders: bool,
    pub backorders: i64,
    pub use_config_notify_stock_qty: bool,
    pub notify_stock_qty: f64,
    pub use_config_qty_increments: bool,
    /// `getQtyIncrements`: `None` is PHP's `false` (increments off or not positive).
    pub qty_increments: Option<f64>,
    pub use_config_enable_qty_inc: bool,
    pub enable_qty_increments: bool,
    pub use_config_manage_stock: bool,
    pub manage_stock: bool,
    pub low_stock_date: Option<String>,
    pub is_decimal_divided: bool,
    pub stock_status_changed_auto: i64,
    pub website_id: i64,
}

impl StockView {
    /// The resolved view of a stored row.
    pub fn of(item: &StockItem) -> Self {
        let pick = |use_config: bool, stored: f64, config: f64| {
            if use_config { config } else { stored }
        };
        let enable_qty_increments = if item.use_config_enable_qty_inc {
            options::ENABLE_QTY_INCREMENTS
        } else {
            item.enable_qty_increments
        };
        let increments = pick(
            item.use_config_qty_increments,
            item.qty_increments,
            options::QTY_INCREMENTS,
        );
        Self {
            item_id: Some(item.item_id),
            product_id: Some(item.product_id),
            stock_id: Some(item.stock_id),
            qty: item.qty,
            is_in_stock: item.is_in_stock,
            is_qty_decimal: item.is_qty_decimal,
            use_config_min_qty: item.use_config_min_qty,
            min_qty: pick(item.use_config_min_qty, item.min_qty, options::MIN_QTY),
            use_config_min_sale_qty: item.use_config_min_sale_qty,
            min_sale_qty: pick(
                item.use_config_min_sale_qty,
                item.min_sale_qty,
                options::MIN_SALE_QTY,
            ),
            use_config_max_sale_qty: item.use_config_max_sale_qty,
            max_sale_qty: pick(
                item.use_config_max_sale_qty,
                item.max_sale_qty,
                options::MAX_SALE_QTY,
            ),
            use_config_backorders: item.use_config_backorders,
            backorders: if item.use_config_backorders {
                options::BACKORDERS
            } else {
                item.backorders
            },
            use_config_notify_stock_qty: item.use_config_notify_stock_qty,
            notify_stock_qty: if item.use_config_notify_stock_qty {
                options::NOTIFY_STOCK_QTY
            } else {
                item.notify_stock_qty.unwrap_or(0.0)
            },
            use_config_qty_increments: item.use_config_qty_increments,
            qty_increments: (enable_qty_increments && increments > 0.0).then_some(increments),
            use_config_enable_qty_inc: item.use_config_enable_qty_inc,
            enable_qty_increments,
            use_config_manage_stock: item.use_config_manage_stock,
            manage_stock: if item.use_config_manage_stock {
                options::MANAGE_STOCK
            } else {
                item.manage_stock
            },
            low_stock_date: item.low_stock_date.clone(),
            is_decimal_divided: item.is_decimal_divided,
            stock_status_changed_auto: item.stock_status_changed_auto,
            website_id: item.website_id,
        }
    }

    /// The new, unsaved item `StockRegistryProvider::getStockItem` returns when none is found:
    /// schema defaults, every flag on "use config".
    pub fn empty(website_id: i64) -> Self {
        Self {
            item_id: None,
            product_id: None,
            stock_id: None,
            qty: None,
            is_in_stock: false,
            is_qty_decimal: false,
            use_config_min_qty: true,
            min_qty: options::MIN_QTY,
            use_config_min_sale_qty: true,
            min_sale_qty: options::MIN_SALE_QTY,
            use_config_max_sale_qty: true,
            max_sale_qty: options::MAX_SALE_QTY,
            use_config_backorders: true,
            backorders: options::BACKORDERS,
            use_config_notify_stock_qty: true,
            notify_stock_qty: options::NOTIFY_STOCK_QTY,
            use_config_qty_increments: true,
            qty_increments: None,
            use_config_enable_qty_inc: true,
            enable_qty_increments: options::ENABLE_QTY_INCREMENTS,
            use_config_manage_stock: true,
            manage_stock: options::MANAGE_STOCK,
            low_stock_date: None,
            is_decimal_divided: false,
            stock_status_changed_auto: 0,
            website_id,
        }
    }
}

/// The product's item in the default stock for a scope (`website_id`); Magento keeps every item
/// in scope 0 (`StockConfiguration::getDefaultScopeId`), so another scope finds none.
pub fn stock_view(
    conn: &Connection,
    product_id: i64,
    scope_id: i64,
) -> Result<StockView, CatalogError> {
    Ok(match stock_item_by_product(conn, product_id)? {
        Some(item) if item.website_id == scope_id => StockView::of(&item),
        _ => StockView::empty(scope_id),
    })
}

/// A `StockItemInterface` body of a stock update, each field `Some` only when it was sent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StockChange {
    pub qty: Option<f64>,
    pub is_in_stock: Option<bool>,
    pub is_qty_decimal: Option<bool>,
    pub use_config_min_qty: Option<bool>,
    pub min_qty: Option<f64>,
    pub use_config_min_sale_qty: Option<bool>,
    pub min_sale_qty: Option<f64>,
    pub use_config_max_sale_qty: Option<bool>,
    pub max_sale_qty: Option<f64>,
    pub use_config_backorders: Option<bool>,
    pub backorders: Option<i64>,
    pub use_config_notify_stock_qty: Option<bool>,
    pub notify_stock_qty: Option<f64>,
    pub use_config_qty_increments: Option<bool>,
    pub qty_increments: Option<f64>,
    pub use_config_enable_qty_inc: Option<bool>,
    pub enable_qty_increments: Option<bool>,
    pub use_config_manage_stock: Option<bool>,
    pub manage_stock: Option<bool>,
    pub is_decimal_divided: Option<bool>,
}

/// `StockRegistry::updateStockItemBySku` then `StockItemRepository::save`: the sent fields are
/// merged over the product's item (created if missing), then an item that manages stock and
/// cannot sell (no qty, or qty at or below min_qty without backorders) is put out of stock with
/// `stock_status_changed_auto` 1, and `low_stock_date` becomes `now` while qty is below the
/// notify quantity (else null). Returns the item id.
pub fn save_stock_item(
    conn: &Connection,
    product_id: i64,
    change: &StockChange,
    now: &str,
) -> Result<i64, CatalogError> {
    let existing = stock_item_by_product(conn, product_id)?;
    let item_id = match &existing {
        Some(item) => item.item_id,
        None => {
            conn.prepare_cached(
                "INSERT INTO cataloginventory_stock_item (product_id, stock_id, qty) \
                 VALUES (?1, ?2, 0)",
            )
            .and_then(|mut s| s.execute(params![product_id, DEFAULT_STOCK_ID]))?;
            conn.last_insert_rowid()
        }
    };
    let mut item = match stock_item_by_product(conn, product_id)? {
        Some(item) => item,
        None => return Err(CatalogError::no_such("stock item", "productId", product_id)),
    };
    apply_change(&mut item, change)?;
    let view = StockView::of(&item);
    let can_sell = match view.qty {
        None => !view.manage_stock,
        Some(qty) => !(view.backorders == BACKORDERS_NO && qty <= view.min_qty),
    };
    let mut changed_auto = 0;
    if view.manage_stock && !can_sell {
        item.is_in_stock = false;
        changed_auto = 1;
    }
    let low = matches!(view.qty, Some(qty) if qty < view.notify_stock_qty);
    item.low_stock_date = low.then(|| now.to_string());
    item.stock_status_changed_auto = changed_auto;
    conn.prepare_cached(
        "UPDATE cataloginventory_stock_item SET qty = ?1, is_in_stock = ?2, is_qty_decimal = ?3, \
         use_config_min_qty = ?4, min_qty = ?5, use_config_min_sale_qty = ?6, min_sale_qty = ?7, \
         use_config_max_sale_qty = ?8, max_sale_qty = ?9, use_config_backorders = ?10, \
         backorders = ?11, use_config_notify_stock_qty = ?12, notify_stock_qty = ?13, \
         use_config_qty_increments = ?14, qty_increments = ?15, use_config_enable_qty_inc = ?16, \
         enable_qty_increments = ?17, use_config_manage_stock = ?18, manage_stock = ?19, \
         is_decimal_divided = ?20, low_stock_date = ?21, stock_status_changed_auto = ?22 \
         WHERE item_id = ?23",
    )
    .and_then(|mut s| {
        s.execute(params![
            item.qty,
            item.is_in_stock,
            item.is_qty_decimal,
            item.use_config_min_qty,
            item.min_qty,
            item.use_config_min_sale_qty,
            item.min_sale_qty,
            item.use_config_max_sale_qty,
            item.max_sale_qty,
            item.use_config_backorders,
            item.backorders,
            item.use_config_notify_stock_qty,
            item.notify_stock_qty,
            item.use_config_qty_increments,
            item.qty_increments,
            item.use_config_enable_qty_inc,
            item.enable_qty_increments,
            item.use_config_manage_stock,
            item.manage_stock,
            item.is_decimal_divided,
            item.low_stock_date,
            item.stock_status_changed_auto,
            item_id,
        ])
    })?;
    Ok(item_id)
}

fn apply_change(item: &mut StockItem, c: &StockChange) -> Result<(), CatalogError> {
    let finite = |field: &str, v: Option<f64>| match v {
        Some(n) if !n.is_finite() => Err(CatalogError::invalid(
            field,
            n.to_string(),
            "a finite number is expected",
        )),
        other => Ok(other),
    };
    if let Some(q) = finite("qty", c.qty)? {
        item.qty = Some(q);
    }
    macro_rules! set {
        ($($field:ident),*) => {$(
            if let Some(v) = c.$field { item.$field = v; }
        )*};
    }
    set!(
        is_in_stock,
        is_qty_decimal,
        use_config_min_qty,
        use_config_min_sale_qty,
        use_config_max_sale_qty,
        use_config_backorders,
        backorders,
        use_config_notify_stock_qty,
        use_config_qty_increments,
        use_config_enable_qty_inc,
        enable_qty_increments,
        use_config_manage_stock,
        manage_stock,
        is_decimal_divided
    );
    if let Some(v) = finite("min_qty", c.min_qty)? {
        item.min_qty = v;
    }
    if let Some(v) = finite("min_sale_qty", c.min_sale_qty)? {
        item.min_sale_qty = v;
    }
    if let Some(v) = finite("max_sale_qty", c.max_sale_qty)? {
        item.max_sale_qty = v;
    }
    if let Some(v) = finite("notify_stock_qty", c.notify_stock_qty)? {
        item.notify_stock_qty = Some(v);
    }
    if let Some(v) = finite("qty_increments", c.qty_increments)? {
        item.qty_increments = v;
    }
    Ok(())
}

/// `StockStatusInterface` as the default stock status index holds it: the item's qty and
/// whether it is in stock (1) or not (0).
#[derive(Debug, Clone, PartialEq)]
pub struct StockStatusView {
    pub product_id: i64,
    pub stock_id: i64,
    pub qty: f64,
    pub stock_status: i64,
    pub item: StockView,
}

/// The stock status of a product (`getStockStatusBySku`, always the default scope 0).
pub fn stock_status(conn: &Connection, product_id: i64) -> Result<StockStatusView, CatalogError> {
    let item = stock_view(conn, product_id, 0)?;
    Ok(StockStatusView {
        product_id,
        stock_id: item.stock_id.unwrap_or(DEFAULT_STOCK_ID),
        qty: item.qty.unwrap_or(0.0),
        stock_status: i64::from(item.is_in_stock),
        item,
    })
}

/// `getLowStockItems($scopeId, $qty, $currentPage, $pageSize)`: items of the scope whose qty is
/// at or below `qty`, by item id, with the total before paging. A page size of 0 means all
/// rows; pages start at 1 (`setLimit` feeds `limitPage`).
pub fn low_stock_items(
    conn: &Connection,
    scope_id: i64,
    qty: f64,
    current_page: i64,
    page_size: i64,
) -> Result<(Vec<StockView>, i64), CatalogError> {
    let total: i64 = conn
        .prepare_cached(
            "SELECT COUNT(*) FROM cataloginventory_stock_item WHERE website_id = ?1 AND qty <= ?2",
        )
        .and_then(|mut s| s.query_row(params![scope_id, qty], |r| r.get(0)))?;
    let (limit, offset) = if page_size > 0 {
        let page = current_page.max(1);
        (page_size, page_size.saturating_mul(page - 1))
    } else {
        (-1, 0)
    };
    let mut stmt = conn.prepare_cached(
        "SELECT product_id FROM cataloginventory_stock_item WHERE website_id = ?1 AND qty <= ?2 \
         ORDER BY item_id LIMIT ?3 OFFSET ?4",
    )?;
    let ids: Vec<i64> = stmt
        .query_map(params![scope_id, qty, limit, offset], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut items = Vec::with_capacity(ids.len());
    for id in ids {
        items.push(stock_view(conn, id, scope_id)?);
    }
    Ok((items, total))
}

#[cfg(test)]
mod tests;
