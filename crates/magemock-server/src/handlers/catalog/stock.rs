//! app/code/Magento/CatalogInventory/etc/webapi.xml: `StockRegistryInterface`
//! (app/code/Magento/CatalogInventory/Model/StockRegistry.php). The ACL is
//! `Magento_Catalog::catalog_inventory` (Products > Inventory), the resource 2.4.1 and later
//! declare for these routes; 2.0–2.4.0 used the config section
//! `Magento_CatalogInventory::cataloginventory`.

use magemock_catalog::stock_items::{self, StockStatusView};
use magemock_core::{ExceptionKind, MagentoError, Params, ToMagentoError};
use serde_json::{Map, Value, json};

use super::Failed;
use super::json::{php_float, stock_item};
use super::params::{float, int};
use super::product_input::stock_change;
use super::products::{int_param, string_param};
use crate::rest::call::Call;
use crate::rest::router::{Method, Route};

const ACL: &[&str] = &["Magento_Catalog::catalog_inventory"];

pub const ROUTES: &[Route] = &[
    Route {
        method: Method::Get,
        url: "/V1/stockItems/:productSku",
        service: "Magento\\CatalogInventory\\Api\\StockRegistryInterface::getStockItemBySku",
        resources: ACL,
        forced: &[],
        handler: stock_item_by_sku,
    },
    Route {
        method: Method::Put,
        url: "/V1/products/:productSku/stockItems/:itemId",
        service: "Magento\\CatalogInventory\\Api\\StockRegistryInterface::updateStockItemBySku",
        resources: ACL,
        forced: &[],
        handler: update_stock_item_by_sku,
    },
    Route {
        method: Method::Get,
        url: "/V1/stockItems/lowStock/",
        service: "Magento\\CatalogInventory\\Api\\StockRegistryInterface::getLowStockItems",
        resources: ACL,
        forced: &[],
        handler: low_stock_items,
    },
    Route {
        method: Method::Get,
        url: "/V1/stockStatuses/:productSku",
        service: "Magento\\CatalogInventory\\Api\\StockRegistryInterface::getStockStatusBySku",
        resources: ACL,
        forced: &[],
        handler: stock_status_by_sku,
    },
];

/// Magento's phrases of the stock registry, verbatim.
pub mod messages {
    /// app/code/Magento/CatalogInventory/Model/StockRegistry.php `resolveProductId`
    /// (NoSuchEntityException, 404).
    pub const NO_SUCH_SKU: &str = "The Product with the \"%1\" SKU doesn't exist.";
}

/// `resolveProductId`: the product id behind a SKU, else the 404 naming the SKU as sent.
fn product_id(call: &Call<'_>, sku: &str) -> Result<i64, MagentoError> {
    let missing = || {
        MagentoError::new(
            ExceptionKind::NoSuchEntity,
            messages::NO_SUCH_SKU,
            Params::positional([sku]),
        )
    };
    let Ok(parsed) = magemock_catalog::Sku::try_from(sku) else {
        return Err(missing());
    };
    call.services
        .store
        .read(|c| magemock_catalog::products::product_by_sku(c, &parsed))
        .map_err(|e| e.to_magento())?
        .map(|p| p.id)
        .ok_or_else(missing)
}

fn sku_param(call: &Call<'_>) -> Result<String, MagentoError> {
    call.input.require(&["productSku"])?;
    Ok(string_param(call, "productSku")?.unwrap_or_default())
}

/// `getStockItemBySku($productSku, $scopeId = null)`: the default scope is 0, where Magento
/// keeps every item; another scope finds no item and gets an empty one.
fn stock_item_by_sku(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let sku = sku_param(call)?;
    let scope = int_param(call, "scopeId")?.unwrap_or(0);
    let id = product_id(call, &sku)?;
    let view = call
        .services
        .store
        .read(|c| stock_items::stock_view(c, id, scope))
        .map_err(|e| e.to_magento())?;
    Ok(stock_item(&view))
}

/// `updateStockItemBySku($productSku, $stockItem)` → the item id as a bare integer. The URL's
/// `:itemId` only lands in `stockItem.item_id`, which the registry then ignores for an
/// existing item.
fn update_stock_item_by_sku(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    call.input.require(&["productSku", "stockItem"])?;
    let sku = string_param(call, "productSku")?.unwrap_or_default();
    let empty = Map::new();
    let body = call
        .input
        .get("stockItem")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let change = stock_change(body).map_err(|e| e.into_error())?;
    let id = product_id(call, &sku)?;
    let now = call.services.clock.now_db();
    let item_id = call
        .services
        .store
        .write(|tx| Ok::<_, Failed>(stock_items::save_stock_item(tx, id, &change, &now)?))?;
    Ok(Value::from(item_id))
}

/// StockStatusInterface: `product_id`, `stock_id`, `qty`, `stock_status`, `stock_item`.
fn status_json(s: &StockStatusView) -> Value {
    json!({
        "product_id": s.product_id,
        "stock_id": s.stock_id,
        "qty": php_float(s.qty),
        "stock_status": s.stock_status,
        "stock_item": stock_item(&s.item),
    })
}

/// `getStockStatusBySku($productSku, $scopeId = null)`.
fn stock_status_by_sku(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let sku = sku_param(call)?;
    int_param(call, "scopeId")?;
    let id = product_id(call, &sku)?;
    let status = call
        .services
        .store
        .read(|c| stock_items::stock_status(c, id))
        .map_err(|e| e.to_magento())?;
    Ok(status_json(&status))
}

/// `getLowStockItems($scopeId, $qty, $currentPage = 1, $pageSize = 0)`: a
/// StockItemCollectionInterface (`items`, `search_criteria`, `total_count`). Its criteria are a
/// StockItemCriteria, echoed with the getters DataObjectProcessor finds on it: the mapper
/// class, no nested criteria, the filters and limit as strings (arrays under a `string[]`
/// getter are JSON-encoded by TypeCaster), no orders.
fn low_stock_items(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    call.input.require(&["scopeId", "qty"])?;
    let scope = int_param(call, "scopeId")?.unwrap_or(0);
    let qty = match call.input.get("qty") {
        Some(v) => float(v).map_err(|e| e.into_error())?.unwrap_or(0.0),
        None => 0.0,
    };
    let page = match call.input.get("currentPage") {
        Some(v) => int(v).map_err(|e| e.into_error())?.unwrap_or(1),
        None => 1,
    };
    let size = match call.input.get("pageSize") {
        Some(v) => int(v).map_err(|e| e.into_error())?.unwrap_or(0),
        None => 0,
    };
    let (items, total) = call
        .services
        .store
        .read(|c| stock_items::low_stock_items(c, scope, qty, page, size))
        .map_err(|e| e.to_magento())?;
    let criteria = json!({
        "mapper_interface_name":
            "Magento\\CatalogInventory\\Model\\ResourceModel\\Stock\\Item\\StockItemCriteriaMapper",
        "criteria_list": [],
        "filters": [],
        "orders": [],
        "limit": [page.to_string(), size.to_string()],
    });
    Ok(json!({
        "items": items.iter().map(stock_item).collect::<Vec<_>>(),
        "search_criteria": criteria,
        "total_count": total,
    }))
}
