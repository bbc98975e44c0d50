//! The stock registry routes: app/code/Magento/CatalogInventory/etc/webapi.xml (ACL
//! `Magento_Catalog::catalog_inventory` from 2.4.1), Model/StockRegistry.php
//! (`getStockItemBySku`, `updateStockItemBySku` returning the item id, `getStockStatusBySku`,
//! `getLowStockItems`), Model/Stock/StockItemRepository.php (the save's in-stock and
//! low-stock-date rules), StockItemInterface key order and types.

use std::thread;

use crate::catalog_support::{admin_token, call, get};
use crate::helpers::spawn_app;
use crate::snap;

#[test]
fn stock_item_and_status_of_a_sku() {
    let app = spawn_app();
    let token = admin_token(&app);
    snap!(
        "stock_item",
        get(&app, "/rest/V1/stockItems/24-MB01", &token)
    );
    snap!(
        "stock_status",
        get(&app, "/rest/V1/stockStatuses/24-MB01", &token)
    );
    snap!(
        "stock_item_unknown",
        get(&app, "/rest/V1/stockItems/NOPE", &token)
    );
    snap!("stock_guest", app.get("/rest/V1/stockItems/24-MB01"));
}

#[test]
fn update_answers_the_item_id_and_recalculates_stock() {
    let app = spawn_app();
    let token = admin_token(&app);
    // The URL's item id is written into the body and then ignored for an existing item.
    let r = call(
        &app,
        "PUT",
        "/rest/V1/products/24-MB01/stockItems/999",
        &token,
        Some(r#"{"stockItem":{"qty":0,"is_in_stock":true}}"#),
    );
    snap!("stock_update", r);
    // qty 0 <= min_qty without backorders: out of stock, changed automatically, low stock now.
    snap!(
        "stock_item_after_update",
        get(&app, "/rest/V1/stockItems/24-MB01", &token)
    );
    let status = get(&app, "/rest/V1/stockStatuses/24-MB01", &token).json();
    assert_eq!(status["stock_status"], 0);
    let product = get(&app, "/rest/V1/products/24-MB01", &token).json();
    assert_eq!(product["extension_attributes"]["stock_item"]["qty"], 0);
    snap!(
        "stock_update_unknown",
        call(
            &app,
            "PUT",
            "/rest/V1/products/NOPE/stockItems/1",
            &token,
            Some(r#"{"stockItem":{"qty":1}}"#)
        )
    );
}

#[test]
fn low_stock_needs_scope_and_qty() {
    let app = spawn_app();
    let token = admin_token(&app);
    snap!(
        "low_stock_missing",
        get(&app, "/rest/V1/stockItems/lowStock/", &token)
    );
    call(
        &app,
        "PUT",
        "/rest/V1/products/24-WB04/stockItems/1",
        &token,
        Some(r#"{"stockItem":{"qty":3}}"#),
    );
    snap!(
        "low_stock",
        get(
            &app,
            "/rest/V1/stockItems/lowStock/?scopeId=0&qty=5&pageSize=10",
            &token
        )
    );
    let other_scope = get(
        &app,
        "/rest/V1/stockItems/lowStock?scopeId=1&qty=500",
        &token,
    );
    assert_eq!(other_scope.json()["total_count"], 0, "{}", other_scope.body);
}

/// Writes are transactions on one connection: eight concurrent writers all succeed, and the item
/// ends with exactly one writer's whole update (the stock API sets quantities, it does not add).
#[test]
fn concurrent_stock_writers_lose_nothing() {
    let app = spawn_app();
    let token = admin_token(&app);
    thread::scope(|s| {
        for qty in 1..=8 {
            let (app, token) = (&app, &token);
            s.spawn(move || {
                let r = call(
                    app,
                    "PUT",
                    "/rest/V1/products/24-MB04/stockItems/1",
                    token,
                    Some(&format!(r#"{{"stockItem":{{"qty":{qty}}}}}"#)),
                );
                assert_eq!(r.status, 200, "{}", r.body);
            });
        }
    });
    let qty = get(&app, "/rest/V1/stockItems/24-MB04", &token).json()["qty"].clone();
    let qty = qty.as_i64().expect("an integer qty");
    assert!((1..=8).contains(&qty), "the last writer's qty, got {qty}");
}
