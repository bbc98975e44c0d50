//! app/code/Magento/Store/etc/webapi.xml (2.1+ copy, commit d1a8d4d): the store structure and
//! the store configurations, all `Magento_Backend::store` (they were `anonymous` in 2.0).
//! Key orders are the Data interfaces' getter orders, as the API functional tests
//! dev/tests/api-functional/testsuite/Magento/Store/Api/*RepositoryTest.php and
//! StoreConfigManagerTest.php assert them.

use magemock_catalog::store_lists;
use magemock_core::{CoreError, MagentoError, Settings, ToMagentoError};
use serde_json::{Map, Value, json};

use super::Failed;
use super::params::TypeFail;
use crate::rest::call::Call;
use crate::rest::router::{Method, Route};

const ACL: &[&str] = &["Magento_Backend::store"];

pub const ROUTES: &[Route] = &[
    Route {
        method: Method::Get,
        url: "/V1/store/storeViews",
        service: "Magento\\Store\\Api\\StoreRepositoryInterface::getList",
        resources: ACL,
        forced: &[],
        handler: store_views,
    },
    Route {
        method: Method::Get,
        url: "/V1/store/storeGroups",
        service: "Magento\\Store\\Api\\GroupRepositoryInterface::getList",
        resources: ACL,
        forced: &[],
        handler: store_groups,
    },
    Route {
        method: Method::Get,
        url: "/V1/store/websites",
        service: "Magento\\Store\\Api\\WebsiteRepositoryInterface::getList",
        resources: ACL,
        forced: &[],
        handler: websites,
    },
    Route {
        method: Method::Get,
        url: "/V1/store/storeConfigs",
        service: "Magento\\Store\\Api\\StoreConfigManagerInterface::getStoreConfigs",
        resources: ACL,
        forced: &[],
        handler: store_configs,
    },
];

/// StoreInterface: `id`, `code`, `name`, `website_id`, `store_group_id`, `is_active`.
/// `is_active` is printed as the integer the `store` row holds (the 2.4 interface documents
/// `getIsActive` as int; the generated schema types it as integer).
fn store_views(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let stores = call
        .services
        .store
        .read(store_lists::all_stores)
        .map_err(|e| e.to_magento())?;
    Ok(Value::Array(
        stores
            .iter()
            .map(|s| {
                json!({
                    "id": s.id,
                    "code": s.code,
                    "name": s.name,
                    "website_id": s.website_id,
                    "store_group_id": s.group_id,
                    "is_active": i64::from(s.is_active),
                })
            })
            .collect(),
    ))
}

/// GroupInterface: `id`, `website_id`, `root_category_id`, `default_store_id`, `name`, `code`.
fn store_groups(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let groups = call
        .services
        .store
        .read(store_lists::all_groups)
        .map_err(|e| e.to_magento())?;
    Ok(Value::Array(
        groups
            .iter()
            .map(|g| {
                json!({
                    "id": g.id,
                    "website_id": g.website_id,
                    "root_category_id": g.root_category_id,
                    "default_store_id": g.default_store_id,
                    "name": g.name,
                    "code": g.code,
                })
            })
            .collect(),
    ))
}

/// WebsiteInterface: `id`, `code`, `name`, `default_group_id`.
fn websites(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let websites = call
        .services
        .store
        .read(store_lists::all_websites)
        .map_err(|e| e.to_magento())?;
    Ok(Value::Array(
        websites
            .iter()
            .map(|w| {
                json!({
                    "id": w.id,
                    "code": w.code,
                    "name": w.name,
                    "default_group_id": w.default_group_id,
                })
            })
            .collect(),
    ))
}

/// `storeCodes` is `string[]`: a scalar is a type error, rendered without wrapping (it is a
/// top-level parameter).
fn store_codes(call: &Call<'_>) -> Result<Option<Vec<String>>, MagentoError> {
    match call.input.get("storeCodes") {
        None => Ok(None),
        Some(Value::Array(items)) => Ok(Some(
            items
                .iter()
                .filter_map(|v| super::params::string(v).ok().flatten())
                .collect(),
        )),
        // PHP's query parser makes `storeCodes[0]=a` a list and `storeCodes[x]=a` a map.
        Some(Value::Object(map)) => Ok(Some(
            map.values()
                .filter_map(|v| super::params::string(v).ok().flatten())
                .collect(),
        )),
        Some(other) => {
            let shown = super::params::string(other)
                .ok()
                .flatten()
                .unwrap_or_default();
            Err(TypeFail(format!(
                "The \"{shown}\" value's type is invalid. The \"string[]\" type was expected. \
                 Verify and try again."
            ))
            .into_error())
        }
    }
}

/// `StoreConfigManager::getStoreConfigs($storeCodes = null)`: every store (admin included)
/// when no codes are given, else the stores whose code is listed; unknown codes are skipped.
/// URLs derive from magemock's base URL as an install without a deployed static version and
/// with web server rewrites gives them; the secure URLs equal the unsecure ones, as the
/// installer writes them for an http base URL.
fn store_configs(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let codes = store_codes(call)?;
    let base = call.services.options.base_url.clone();
    let (stores, settings) = call.services.store.read(|c| {
        let stores = store_lists::all_stores(c)?;
        let get = |path: &str| -> Result<String, CoreError> {
            Ok(Settings::get(c, path)?.unwrap_or_default())
        };
        let settings = [
            get("general/locale/code")?,
            get("currency/options/base")?,
            get("currency/options/default")?,
            get("general/locale/timezone")?,
            get("general/locale/weight_unit")?,
        ];
        Ok::<_, Failed>((stores, settings))
    })?;
    let [
        locale,
        base_currency,
        display_currency,
        timezone,
        weight_unit,
    ] = settings;
    let out = stores
        .iter()
        .filter(|s| {
            codes
                .as_ref()
                .is_none_or(|c| c.is_empty() || c.contains(&s.code))
        })
        .map(|s| {
            let mut o = Map::new();
            o.insert("id".into(), s.id.into());
            o.insert("code".into(), s.code.clone().into());
            o.insert("website_id".into(), s.website_id.into());
            o.insert("locale".into(), locale.clone().into());
            o.insert("base_currency_code".into(), base_currency.clone().into());
            o.insert(
                "default_display_currency_code".into(),
                display_currency.clone().into(),
            );
            o.insert("timezone".into(), timezone.clone().into());
            o.insert("weight_unit".into(), weight_unit.clone().into());
            for prefix in ["", "secure_"] {
                o.insert(format!("{prefix}base_url"), base.clone().into());
                o.insert(format!("{prefix}base_link_url"), base.clone().into());
                o.insert(
                    format!("{prefix}base_static_url"),
                    format!("{base}static/").into(),
                );
                o.insert(
                    format!("{prefix}base_media_url"),
                    format!("{base}media/").into(),
                );
            }
            Value::Object(o)
        })
        .collect();
    Ok(Value::Array(out))
}
