//! app/code/Magento/Catalog/etc/webapi.xml, what hangs off a product: media gallery entries
//! (`ProductAttributeMediaGalleryManagementInterface` `getList` / `create` under
//! `Magento_Catalog::catalog`, `get` under `Magento_Catalog::attributes_attributes`), product
//! links (`ProductLinkManagementInterface::getLinkedItemsByType` / `setProductLinks`,
//! `ProductLinkRepositoryInterface::deleteById`, `Magento_Catalog::catalog`), website links
//! (`ProductWebsiteLinkRepositoryInterface`, `Magento_Catalog::products`) and tier prices
//! (`ProductTierPriceManagementInterface::getList`, `Magento_Catalog::catalog`).

use magemock_catalog::product_extras::{self, NewLink, NewMedia, messages};
use magemock_catalog::{Sku, products};
use magemock_core::{ExceptionKind, MagentoError, Params};
use serde_json::{Map, Value};

use super::Failed;
use super::params::{TypeFail, boolean, check_keys, int, prop, string, typed};
use super::product_json::{link_json, media_entry, tier_price};
use super::products::{int_param, string_param};
use crate::rest::call::Call;
use crate::rest::router::{Method, Route};

const ACL_CATALOG: &[&str] = &["Magento_Catalog::catalog"];
const ACL_ATTRIBUTES: &[&str] = &["Magento_Catalog::attributes_attributes"];
const ACL_PRODUCTS: &[&str] = &["Magento_Catalog::products"];
const WEBSITE_SAVE: &str = "Magento\\Catalog\\Api\\ProductWebsiteLinkRepositoryInterface::save";

pub const ROUTES: &[Route] = &[
    Route {
        method: Method::Get,
        url: "/V1/products/:sku/media",
        service: "Magento\\Catalog\\Api\\ProductAttributeMediaGalleryManagementInterface::getList",
        resources: ACL_CATALOG,
        forced: &[],
        handler: media_list,
    },
    Route {
        method: Method::Get,
        url: "/V1/products/:sku/media/:entryId",
        service: "Magento\\Catalog\\Api\\ProductAttributeMediaGalleryManagementInterface::get",
        resources: ACL_ATTRIBUTES,
        forced: &[],
        handler: media_get,
    },
    Route {
        method: Method::Post,
        url: "/V1/products/:sku/media",
        service: "Magento\\Catalog\\Api\\ProductAttributeMediaGalleryManagementInterface::create",
        resources: ACL_CATALOG,
        forced: &[],
        handler: media_create,
    },
    Route {
        method: Method::Get,
        url: "/V1/products/:sku/links/:type",
        service: "Magento\\Catalog\\Api\\ProductLinkManagementInterface::getLinkedItemsByType",
        resources: ACL_CATALOG,
        forced: &[],
        handler: links_by_type,
    },
    Route {
        method: Method::Post,
        url: "/V1/products/:sku/links",
        service: "Magento\\Catalog\\Api\\ProductLinkManagementInterface::setProductLinks",
        resources: ACL_CATALOG,
        forced: &[],
        handler: set_links,
    },
    Route {
        method: Method::Delete,
        url: "/V1/products/:sku/links/:type/:linkedProductSku",
        service: "Magento\\Catalog\\Api\\ProductLinkRepositoryInterface::deleteById",
        resources: ACL_CATALOG,
        forced: &[],
        handler: delete_link,
    },
    Route {
        method: Method::Post,
        url: "/V1/products/:sku/websites",
        service: WEBSITE_SAVE,
        resources: ACL_PRODUCTS,
        forced: &[],
        handler: website_post,
    },
    Route {
        method: Method::Put,
        url: "/V1/products/:sku/websites",
        service: WEBSITE_SAVE,
        resources: ACL_PRODUCTS,
        forced: &[],
        handler: website_put,
    },
    Route {
        method: Method::Delete,
        url: "/V1/products/:sku/websites/:websiteId",
        service: "Magento\\Catalog\\Api\\ProductWebsiteLinkRepositoryInterface::deleteById",
        resources: ACL_PRODUCTS,
        forced: &[],
        handler: website_delete,
    },
    Route {
        method: Method::Get,
        url: "/V1/products/:sku/group-prices/:customerGroupId/tiers",
        service: "Magento\\Catalog\\Api\\ProductTierPriceManagementInterface::getList",
        resources: ACL_CATALOG,
        forced: &[],
        handler: tier_prices,
    },
];

/// `ProductRepository::get($sku)`'s 404.
fn product_not_found() -> MagentoError {
    MagentoError::new(
        ExceptionKind::NoSuchEntity,
        super::products::messages::PRODUCT_NOT_FOUND,
        Params::None,
    )
}

/// The product id behind a SKU, or `None`.
fn product_id(c: &rusqlite::Connection, raw: &str) -> Result<Option<i64>, Failed> {
    let Ok(sku) = Sku::try_from(raw) else {
        return Ok(None);
    };
    Ok(products::product_by_sku(c, &sku)?.map(|p| p.id))
}

fn sku(call: &Call<'_>) -> Result<String, MagentoError> {
    call.input.require(&["sku"])?;
    Ok(string_param(call, "sku")?.unwrap_or_default())
}

/// Whether the gallery service hands the file back as `content` (2.4.7 and later).
fn with_content(call: &Call<'_>) -> bool {
    call.services.options.magento_version.at_least(4, 7)
}

/// `getList($sku)`.
fn media_list(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let sku = sku(call)?;
    let content = with_content(call);
    let store_id = call.store.store_id;
    let entries = call.services.store.read(|c| {
        let id = product_id(c, &sku)?.ok_or_else(|| Failed(product_not_found()))?;
        Ok::<_, Failed>(product_extras::media_entries(c, id, store_id)?)
    })?;
    Ok(Value::Array(
        entries.iter().map(|e| media_entry(e, content)).collect(),
    ))
}

/// `get($sku, $entryId)`: an unknown SKU is `The product doesn't exist...`, an unknown entry
/// `The image doesn't exist...`.
fn media_get(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let sku = sku(call)?;
    call.input.require(&["entryId"])?;
    let entry_id = int_param(call, "entryId")?.unwrap_or(0);
    let content = with_content(call);
    let entry = call.services.store.read(|c| {
        let id = product_id(c, &sku)?.ok_or_else(|| {
            Failed(MagentoError::new(
                ExceptionKind::NoSuchEntity,
                messages::PRODUCT_MISSING,
                Params::None,
            ))
        })?;
        Ok::<_, Failed>(product_extras::media_entry(c, id, entry_id)?)
    })?;
    Ok(media_entry(&entry, content))
}

const ENTRY_PROPERTIES: &[&str] = &[
    "id",
    "media_type",
    "label",
    "position",
    "disabled",
    "types",
    "file",
    "content",
    "extension_attributes",
];

fn new_media(o: &Map<String, Value>) -> Result<NewMedia, TypeFail> {
    let types = match prop(o, "types") {
        Some(Value::Array(items)) => Some(
            items
                .iter()
                .map(|t| string(t).map(Option::unwrap_or_default))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| e.within("types"))?,
        ),
        _ => None,
    };
    let content = prop(o, "content").and_then(Value::as_object);
    let content_field = |name: &str| -> Result<Option<String>, TypeFail> {
        match content {
            Some(c) => typed(c, name, string).map_err(|e| e.within("content")),
            None => Ok(None),
        }
    };
    Ok(NewMedia {
        media_type: typed(o, "media_type", string)?,
        label: typed(o, "label", string)?,
        position: typed(o, "position", int)?,
        disabled: prop(o, "disabled").and_then(boolean).unwrap_or(false),
        types,
        base64: content_field("base64_encoded_data")?,
        mime_type: content_field("type")?,
        name: content_field("name")?,
    })
}

/// `create($sku, $entry)` → the new entry's id. The content is checked before the product is
/// read; an entry without content fails as PHP does on `isValid(null)` (a masked 500).
fn media_create(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let sku = sku(call)?;
    call.input.require(&["entry"])?;
    let empty = Map::new();
    let body = call
        .input
        .get("entry")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    check_keys(
        body,
        ENTRY_PROPERTIES,
        "Magento\\Catalog\\Api\\Data\\ProductAttributeMediaGalleryEntryInterface",
    )?;
    if prop(body, "content").is_none() {
        return Err(MagentoError::internal(
            "ImageContentValidator::isValid(): Argument #1 ($imageContent) must be of type \
             ImageContentInterface, null given",
        ));
    }
    let media = new_media(body).map_err(TypeFail::into_error)?;
    // The validator runs before the product is read.
    product_extras::validate_content(&media)?;
    let id = call.services.store.write(|tx| {
        let id = product_id(tx, &sku)?.ok_or_else(|| Failed(product_not_found()))?;
        Ok::<_, Failed>(product_extras::add_media(tx, id, &media)?)
    })?;
    Ok(Value::from(id))
}

/// `getLinkedItemsByType($sku, $type)`: the type is checked before the product.
fn links_by_type(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let sku = sku(call)?;
    call.input.require(&["type"])?;
    let link_type = string_param(call, "type")?.unwrap_or_default();
    product_extras::check_link_type(&link_type)?;
    let links = call.services.store.read(|c| {
        let id = product_id(c, &sku)?.ok_or_else(|| Failed(product_not_found()))?;
        Ok::<_, Failed>(product_extras::product_links(c, id)?)
    })?;
    Ok(Value::Array(
        links
            .iter()
            .filter(|l| l.link_type == link_type)
            .map(link_json)
            .collect(),
    ))
}

const LINK_PROPERTIES: &[&str] = &[
    "sku",
    "link_type",
    "linked_product_sku",
    "linked_product_type",
    "position",
    "extension_attributes",
];

/// `setProductLinks($sku, $items)` → `true`: an empty list is refused, each item needs a known
/// `link_type`, then the product must exist and the items merge into its links.
fn set_links(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let sku = sku(call)?;
    call.input.require(&["items"])?;
    let items: Vec<Value> = match call.input.get("items") {
        Some(Value::Array(items)) => items.clone(),
        _ => Vec::new(),
    };
    if items.is_empty() {
        return Err(MagentoError::input(
            magemock_core::error::messages::INVALID_FIELD_VALUE,
            Params::named([("value", "empty array"), ("fieldName", "items")]),
        ));
    }
    let mut links: Vec<NewLink> = Vec::new();
    for item in &items {
        let empty = Map::new();
        let o = item.as_object().unwrap_or(&empty);
        check_keys(
            o,
            LINK_PROPERTIES,
            "Magento\\Catalog\\Api\\Data\\ProductLinkInterface",
        )?;
        let read = || -> Result<NewLink, TypeFail> {
            Ok((
                typed(o, "link_type", string)?.unwrap_or_default(),
                typed(o, "linked_product_sku", string)?.unwrap_or_default(),
                typed(o, "position", int)?,
            ))
        };
        let link = read().map_err(|e| e.within("items").into_error())?;
        if link.0.is_empty() {
            return Err(MagentoError::required_field("linkType"));
        }
        if !product_extras::LINK_TYPES
            .iter()
            .any(|(name, _)| *name == link.0)
        {
            return Err(MagentoError::new(
                ExceptionKind::NoSuchEntity,
                messages::LINK_TYPE_NOT_FOUND,
                Params::positional([link.0.as_str()]),
            ));
        }
        links.push(link);
    }
    call.services.store.write(|tx| {
        let id = product_id(tx, &sku)?.ok_or_else(|| Failed(product_not_found()))?;
        Ok::<_, Failed>(product_extras::add_links(tx, id, &links)?)
    })?;
    Ok(Value::Bool(true))
}

/// `deleteById($sku, $type, $linkedProductSku)` → `true`.
fn delete_link(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let sku = sku(call)?;
    call.input.require(&["type", "linkedProductSku"])?;
    let link_type = string_param(call, "type")?.unwrap_or_default();
    let linked = string_param(call, "linkedProductSku")?.unwrap_or_default();
    product_extras::check_link_type(&link_type)?;
    call.services.store.write(|tx| {
        let id = product_id(tx, &sku)?.ok_or_else(|| Failed(product_not_found()))?;
        Ok::<_, Failed>(product_extras::delete_link(
            tx, id, &sku, &link_type, &linked,
        )?)
    })?;
    Ok(Value::Bool(true))
}

/// `ProductWebsiteLinkRepository::save($productWebsiteLink)` → `true`. Only PUT writes the
/// URL's SKU into the link (ParamsOverrider runs for PUT alone).
fn website_save(call: &mut Call<'_>, is_put: bool) -> Result<Value, MagentoError> {
    call.input.require(&["productWebsiteLink"])?;
    let mut body = call
        .input
        .get("productWebsiteLink")
        .cloned()
        .unwrap_or(Value::Null);
    let only_link = call
        .input
        .raw()
        .keys()
        .filter(|k| k.as_str() != "sku" && k.as_str() != "fields")
        .count()
        == 1;
    if let (true, Some(path_sku), Value::Object(o)) = (
        is_put && only_link,
        call.input.raw().get("sku").cloned(),
        &mut body,
    ) {
        o.insert("sku".into(), path_sku);
    }
    let empty = Map::new();
    let o = body.as_object().unwrap_or(&empty);
    check_keys(
        o,
        &["sku", "website_id"],
        "Magento\\Catalog\\Api\\Data\\ProductWebsiteLinkInterface",
    )?;
    let sku = typed(o, "sku", string)
        .map_err(TypeFail::into_error)?
        .unwrap_or_default();
    let website_id = typed(o, "website_id", int).map_err(TypeFail::into_error)?;
    if website_id.is_none_or(|w| w == 0) {
        return Err(MagentoError::input(messages::NO_WEBSITE, Params::None));
    }
    call.services.store.write(|tx| {
        let id = product_id(tx, &sku)?.ok_or_else(|| Failed(product_not_found()))?;
        Ok::<_, Failed>(product_extras::add_website(tx, id, website_id)?)
    })?;
    Ok(Value::Bool(true))
}

fn website_post(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    website_save(call, false)
}

fn website_put(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    website_save(call, true)
}

/// `deleteById($sku, $websiteId)` → `true`.
fn website_delete(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let sku = sku(call)?;
    call.input.require(&["websiteId"])?;
    let website_id = int_param(call, "websiteId")?.unwrap_or(0);
    call.services.store.write(|tx| {
        let id = product_id(tx, &sku)?.ok_or_else(|| Failed(product_not_found()))?;
        Ok::<_, Failed>(product_extras::remove_website(tx, id, website_id)?)
    })?;
    Ok(Value::Bool(true))
}

/// `TierPriceManagement::getList($sku, $customerGroupId)`: the product's prices for a group
/// (`all`: the all-groups prices), as `customer_group_id`, `qty`, `value`.
fn tier_prices(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let sku = sku(call)?;
    call.input.require(&["customerGroupId"])?;
    let group = string_param(call, "customerGroupId")?.unwrap_or_default();
    let prices = call.services.store.read(|c| {
        let id = product_id(c, &sku)?.ok_or_else(|| Failed(product_not_found()))?;
        Ok::<_, Failed>(product_extras::tier_prices_of_group(c, id, &group)?)
    })?;
    Ok(Value::Array(
        prices
            .iter()
            .map(|p| {
                let mut v = tier_price(p);
                if let Value::Object(o) = &mut v {
                    // getList builds plain prices: no extension attributes.
                    o.remove("extension_attributes");
                }
                v
            })
            .collect(),
    ))
}
