//! Concurrent writers over HTTP (issue 6: "concurrent writers never lose an update and never see
//! a half-written product"). Magento's stock save (CatalogInventory/Model/StockRegistry.php
//! `updateStockItemBySku`, Model/Stock/StockItemRepository.php `save`) merges the sent fields
//! over the stored item; magemock does that read-merge-write in one transaction, so eight
//! writers that each own one field of the same item all keep their last value.

use std::thread;

use crate::catalog_support::{admin_token, call, get};
use crate::helpers::spawn_app;

const ROUNDS: i64 = 10;
const SKU: &str = "24-MB04";

/// The field each writer owns: the body of round `r`, and the value the item must show after
/// the writer's last round.
fn body(writer: usize, r: i64) -> String {
    let v = 10 * (writer as i64 + 1) + r;
    match writer {
        0 => format!(r#"{{"stockItem":{{"qty":{v}}}}}"#),
        1 => format!(
            r#"{{"stockItem":{{"use_config_min_qty":false,"min_qty":{}}}}}"#,
            r
        ),
        2 => format!(r#"{{"stockItem":{{"use_config_min_sale_qty":0,"min_sale_qty":{v}}}}}"#),
        3 => format!(
            r#"{{"stockItem":{{"use_config_max_sale_qty":false,"max_sale_qty":{}}}}}"#,
            v * 100
        ),
        4 => format!(
            r#"{{"stockItem":{{"use_config_notify_stock_qty":false,"notify_stock_qty":{v}}}}}"#
        ),
        5 => format!(
            r#"{{"stockItem":{{"use_config_backorders":false,"backorders":{}}}}}"#,
            r % 3
        ),
        6 => format!(
            r#"{{"stockItem":{{"use_config_enable_qty_inc":false,"enable_qty_increments":true,"use_config_qty_increments":false,"qty_increments":{v}}}}}"#
        ),
        _ => format!(r#"{{"stockItem":{{"is_qty_decimal":{}}}}}"#, r % 2 == 1),
    }
}

#[test]
fn eight_writers_on_one_stock_item_lose_nothing() {
    let app = spawn_app();
    let token = admin_token(&app);
    let path = format!("/rest/V1/products/{SKU}/stockItems/1");
    thread::scope(|s| {
        for writer in 0..8 {
            let (app, token, path) = (&app, &token, &path);
            s.spawn(move || {
                for r in 0..ROUNDS {
                    let resp = call(app, "PUT", path, token, Some(&body(writer, r)));
                    assert_eq!(resp.status, 200, "writer {writer}: {}", resp.body);
                }
            });
        }
        // A reader alongside: every product it sees is whole, its qty one writer 0 wrote.
        let (app, token) = (&app, &token);
        s.spawn(move || {
            for _ in 0..ROUNDS {
                let r = get(app, &format!("/rest/V1/products/{SKU}"), token);
                assert_eq!(r.status, 200, "{}", r.body);
                let qty = r.json()["extension_attributes"]["stock_item"]["qty"].as_i64();
                assert!(
                    qty.is_some_and(|q| q == 100 || (10..10 + ROUNDS).contains(&q)),
                    "{qty:?}"
                );
            }
        });
    });
    let item = get(&app, &format!("/rest/V1/stockItems/{SKU}"), &token).json();
    let last = ROUNDS - 1;
    assert_eq!(item["qty"], 10 + last, "{item}");
    assert_eq!(item["min_qty"], last, "{item}");
    assert_eq!(item["min_sale_qty"], 30 + last, "{item}");
    assert_eq!(item["max_sale_qty"], (40 + last) * 100, "{item}");
    assert_eq!(item["notify_stock_qty"], 50 + last, "{item}");
    assert_eq!(item["backorders"], last % 3, "{item}");
    assert_eq!(item["qty_increments"], 70 + last, "{item}");
    assert_eq!(item["is_qty_decimal"], last % 2 == 1, "{item}");
}
