//! app/code/Magento/Catalog/etc/webapi.xml: the product repository routes
//! (`ProductRepositoryInterface::get`, `getList`, `save`, `deleteById`), all
//! `Magento_Catalog::products`.

use magemock_catalog::Sku;
use magemock_catalog::product_save::{self, SaveScope};
use magemock_catalog::product_view::{self, ProductView};
use magemock_core::{MagentoError, Params, ToMagentoError};
use serde_json::Value;

use super::params::{int, string};
use super::product_input::product_input;
use super::{Failed, list, product_json};
use crate::rest::call::Call;
use crate::rest::router::{Method, Route};

const ACL: &[&str] = &["Magento_Catalog::products"];

pub const ROUTES: &[Route] = &[
    Route {
        method: Method::Get,
        url: "/V1/products/:sku",
        service: "Magento\\Catalog\\Api\\ProductRepositoryInterface::get",
        resources: ACL,
        forced: &[],
        handler: get,
    },
    Route {
        method: Method::Get,
        url: "/V1/products",
        service: "Magento\\Catalog\\Api\\ProductRepositoryInterface::getList",
        resources: ACL,
        forced: &[],
        handler: get_list,
    },
    Route {
        method: Method::Post,
        url: "/V1/products",
        service: "Magento\\Catalog\\Api\\ProductRepositoryInterface::save",
        resources: ACL,
        forced: &[],
        handler: save,
    },
    Route {
        method: Method::Put,
        url: "/V1/products/:sku",
        service: "Magento\\Catalog\\Api\\ProductRepositoryInterface::save",
        resources: ACL,
        forced: &[],
        handler: save,
    },
    Route {
        method: Method::Delete,
        url: "/V1/products/:sku",
        service: "Magento\\Catalog\\Api\\ProductRepositoryInterface::deleteById",
        resources: ACL,
        forced: &[],
        handler: delete_by_id,
    },
];

/// Magento's phrases of the product repository, verbatim.
pub mod messages {
    /// app/code/Magento/Catalog/Model/ProductRepository.php `get` (NoSuchEntityException, 404).
    pub const PRODUCT_NOT_FOUND: &str =
        "The product that was requested doesn't exist. Verify the product and try again.";
}

fn not_found() -> MagentoError {
    MagentoError::new(
        magemock_core::ExceptionKind::NoSuchEntity,
        messages::PRODUCT_NOT_FOUND,
        Params::None,
    )
}

/// A string service parameter, type-checked as ServiceInputProcessor converts it.
pub(super) fn string_param(call: &Call<'_>, name: &str) -> Result<Option<String>, MagentoError> {
    match call.input.get(name) {
        Some(v) => string(v).map_err(|e| e.into_error()),
        None => Ok(None),
    }
}

/// An int service parameter, type-checked.
pub(super) fn int_param(call: &Call<'_>, name: &str) -> Result<Option<i64>, MagentoError> {
    match call.input.get(name) {
        Some(v) => int(v).map_err(|e| e.into_error()),
        None => Ok(None),
    }
}

/// `getIdBySku`: an empty or over-long SKU finds nothing, as a lookup in MySQL would. The
/// product is loaded in `store_id`: its store-view values override the global ones.
pub(super) fn load_by_sku(
    call: &Call<'_>,
    raw: &str,
    store_id: i64,
) -> Result<Option<ProductView>, MagentoError> {
    let Ok(sku) = Sku::try_from(raw) else {
        return Ok(None);
    };
    call.services
        .store
        .read(|c| product_view::product_view_by_sku_in(c, &sku, store_id))
        .map_err(|e| e.to_magento())
}

/// `get($sku, $editMode = false, $storeId = null, $forceReload = false)`: loaded in `storeId`
/// when given, else in the URL's store (`Product::getStoreId` falls back to the current store),
/// so `/rest/all` reads global values and `/rest/<code>` that store view's.
fn get(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    call.input.require(&["sku"])?;
    let sku = string_param(call, "sku")?.unwrap_or_default();
    let store_id = int_param(call, "storeId")?.unwrap_or(call.store.store_id);
    let view = load_by_sku(call, &sku, store_id)?.ok_or_else(not_found)?;
    Ok(product_json::product(&view, true))
}

/// `getList($searchCriteria)`: the collection of the current store, whose store-view values
/// override the global ones in filters, sorting and items.
fn get_list(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let criteria = list::criteria(call)?;
    let store_id = call.store.store_id;
    let (items, total) = call.services.store.read(|c| {
        let (ids, total) =
            magemock_catalog::product_search::search_products_in(c, &criteria, store_id)?;
        let mut items = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(view) = product_view::product_view_by_id_in(c, id, store_id)? {
                items.push(product_json::product(&view, false));
            }
        }
        Ok::<_, Failed>((items, total))
    })?;
    Ok(list::envelope(items, &criteria, total))
}

/// `save($product, $saveOptions = false)`. On PUT, `Rest\ParamsOverrider::overrideRequestBodyIdWithPathParam`
/// writes the URL's SKU into the product, but only when the body is that one object.
fn save(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    call.input.require(&["product"])?;
    let mut product = call.input.get("product").cloned().unwrap_or(Value::Null);
    let only_product = call
        .input
        .raw()
        .keys()
        .filter(|k| k.as_str() != "sku" && k.as_str() != "fields")
        .count()
        == 1;
    if let (Some(Value::String(path_sku)), Value::Object(o), true) =
        (call.input.raw().get("sku"), &mut product, only_product)
    {
        let key = if o.contains_key("sku") || !o.contains_key("Sku") {
            "sku"
        } else {
            "Sku"
        };
        o.insert(key.into(), Value::String(path_sku.clone()));
    }
    let input = product_input(&product).map_err(|e| e.into_error())?;
    let scope = SaveScope {
        store_id: call.store.store_id,
        website_id: call.store.website_id,
    };
    let now = call.services.clock.now_db();
    // The answer is `get($sku, false, $product->getStoreId())`: the product in the save's store.
    let view = call.services.store.write(|tx| {
        let id = product_save::save_product(tx, &input, scope, &now)?;
        product_view::product_view_by_id_in(tx, id, scope.store_id)
    });
    match view.map_err(|e| e.to_magento())? {
        Some(view) => Ok(product_json::product(&view, true)),
        None => Err(not_found()),
    }
}

/// `deleteById($sku)` → `true`.
fn delete_by_id(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    call.input.require(&["sku"])?;
    let sku = string_param(call, "sku")?.unwrap_or_default();
    let Ok(sku) = Sku::try_from(sku.as_str()) else {
        return Err(not_found());
    };
    call.services.store.write(|tx| {
        let product =
            magemock_catalog::products::product_by_sku(tx, &sku)?.ok_or_else(not_found)?;
        product_save::delete_product(tx, product.id)?;
        Ok::<_, Failed>(())
    })?;
    Ok(Value::Bool(true))
}
