use super::*;
use crate::tests::with_store;

fn item() -> StockItem {
    StockItem {
        item_id: 1,
        product_id: 1,
        stock_id: 1,
        qty: Some(5.0),
        min_qty: 3.0,
        use_config_min_qty: true,
        is_qty_decimal: false,
        backorders: 2,
        use_config_backorders: false,
        min_sale_qty: 1.0,
        use_config_min_sale_qty: true,
        max_sale_qty: 0.0,
        use_config_max_sale_qty: true,
        is_in_stock: true,
        low_stock_date: None,
        notify_stock_qty: None,
        use_config_notify_stock_qty: true,
        manage_stock: false,
        use_config_manage_stock: true,
        stock_status_changed_auto: 0,
        use_config_qty_increments: false,
        qty_increments: 4.0,
        use_config_enable_qty_inc: false,
        enable_qty_increments: true,
        is_decimal_divided: false,
        website_id: 0,
    }
}

/// app/code/Magento/CatalogInventory/Model/Stock/Item.php getters: a `use_config_*` flag
/// takes the config value, else the stored one; qty increments only when enabled.
#[test]
fn use_config_flags_resolve_against_item_options() {
    let v = StockView::of(&item());
    assert_eq!(v.min_qty, options::MIN_QTY);
    assert_eq!(v.backorders, 2);
    assert_eq!(v.max_sale_qty, options::MAX_SALE_QTY);
    assert!(v.manage_stock);
    assert_eq!(v.qty_increments, Some(4.0));
    let off = StockView::of(&StockItem {
        enable_qty_increments: false,
        ..item()
    });
    assert_eq!(off.qty_increments, None);
}

/// StockItemRepository::save: selling out puts the item out of stock automatically and
/// stamps the low-stock date; restocking clears the date but keeps the status as sent.
#[test]
fn save_recalculates_stock_status_and_low_stock_date() {
    let (out, restocked) = with_store(|c| {
        crate::tests::storefront(c)?;
        c.execute(
            "INSERT INTO catalog_product_entity (attribute_set_id, sku, created_at, updated_at) \
             VALUES (4, 'S', 'x', 'x')",
            [],
        )?;
        let id = c.last_insert_rowid();
        let sold_out = StockChange {
            qty: Some(0.0),
            is_in_stock: Some(true),
            ..StockChange::default()
        };
        save_stock_item(c, id, &sold_out, "2026-01-01 00:00:00")?;
        let out = stock_view(c, id, 0)?;
        let back = StockChange {
            qty: Some(10.0),
            is_in_stock: Some(true),
            ..StockChange::default()
        };
        save_stock_item(c, id, &back, "2026-01-02 00:00:00")?;
        Ok((out, stock_view(c, id, 0)?))
    });
    assert!(!out.is_in_stock);
    assert_eq!(out.stock_status_changed_auto, 1);
    assert_eq!(out.low_stock_date.as_deref(), Some("2026-01-01 00:00:00"));
    assert!(restocked.is_in_stock);
    assert_eq!(restocked.stock_status_changed_auto, 0);
    assert_eq!(restocked.low_stock_date, None);
}
