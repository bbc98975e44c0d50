//! What hangs off a product besides its attribute values: media gallery entries (with their
//! role attributes `image`, `small_image`, `thumbnail`, `swatch_image`), product links
//! (related, cross-sell, up-sell, grouped), website assignments and tier prices. Sources (2.4):
//! app/code/Magento/Catalog/Model/Product/Gallery/GalleryManagement.php,
//! Framework/Api/ImageContentValidator.php and ImageProcessor.php, Framework/File/Uploader.php
//! (file names and dispersion), Catalog/Model/ProductLink/Management.php and Repository.php,
//! Catalog/Model/Product/LinkTypeProvider.php, Catalog/Model/ProductWebsiteLinkRepository.php,
//! Catalog/Model/Product/Type/Price.php (`getTierPrices`), Catalog/Model/Product/
//! TierPriceManagement.php (`getList`).

use magemock_core::{ExceptionKind, MagentoError, Params, ToMagentoError};
use rusqlite::{Connection, params};

use crate::error::CatalogError;
use crate::{attributes, product_scope};

/// Magento's phrases, verbatim.
pub mod messages {
    /// Framework/Api/ImageContentValidator.php (InputException).
    pub const CONTENT_NOT_BASE64: &str = "The image content must be valid base64 encoded data.";
    pub const BAD_MIME_TYPE: &str = "The image MIME type is not valid or not supported.";
    pub const BAD_IMAGE_NAME: &str = "Provided image name contains forbidden characters.";
    /// GalleryManagement.php `create` (InputException around the validator).
    pub const CONTENT_INVALID: &str =
        "The image content is invalid. Verify the content and try again.";
    /// GalleryManagement.php `get`.
    pub const PRODUCT_MISSING: &str = "The product doesn't exist. Verify and try again.";
    pub const IMAGE_MISSING: &str = "The image doesn't exist. Verify and try again.";
    /// ProductLink/Management.php.
    pub const LINK_TYPE_UNKNOWN: &str =
        "The \"%1\" link type is unknown. Verify the type and try again.";
    pub const LINK_TYPE_NOT_FOUND: &str =
        "The \"%1\" link type wasn't found. Verify the type and try again.";
    pub const LINKS_INVALID: &str =
        "The linked products data is invalid. Verify the data and try again.";
    /// ProductLink/Repository.php `deleteById` (NoSuchEntityException).
    pub const NOT_LINKED: &str = "Product %1 doesn't have linked %2 as %3";
    /// ProductWebsiteLinkRepository.php.
    pub const NO_WEBSITE: &str = "There are not websites for assign to product";
    pub const COULD_NOT_ASSIGN: &str = "Could not assign product \"%1\" to websites %2";
}

/// `GroupManagement::CUST_GROUP_ALL`: the customer group id of an all-groups tier price.
pub const ALL_GROUPS_ID: i64 = 32000;

/// The image role attributes, in the order `getMediaAttributes` lists them.
pub const MEDIA_ROLES: &[&str] = &["image", "small_image", "thumbnail", "swatch_image"];

/// `LinkTypeProvider::getLinkTypes()`: name → `link_type_id`, in the provider's order.
pub const LINK_TYPES: &[(&str, i64)] = &[
    ("related", 1),
    ("crosssell", 5),
    ("upsell", 4),
    ("associated", 3),
];

fn sql(e: rusqlite::Error) -> MagentoError {
    CatalogError::from(e).to_magento()
}

fn cat(e: CatalogError) -> MagentoError {
    e.to_magento()
}

/// One ProductAttributeMediaGalleryEntryInterface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaEntry {
    pub id: i64,
    pub media_type: String,
    pub label: Option<String>,
    pub position: i64,
    pub disabled: bool,
    /// The role attributes whose value is this entry's file.
    pub types: Vec<String>,
    pub file: String,
    pub content_type: Option<String>,
    pub content_data: Option<String>,
}

/// The product's gallery in position order, with the roles as loaded in `store_id`.
pub fn media_entries(
    conn: &Connection,
    product_id: i64,
    store_id: i64,
) -> Result<Vec<MediaEntry>, CatalogError> {
    let entries = gallery(conn, product_id)?;
    with_roles(
        conn,
        entries,
        &mut |attribute_id| match product_scope::store_row(
            conn,
            product_id,
            attribute_id,
            store_id,
        )? {
            Some(v) => Ok(Some(v)),
            None => product_scope::store_row(conn, product_id, attribute_id, 0),
        },
    )
}

/// [`media_entries`] with the role attributes' values already loaded (`value_of` an
/// attribute id gives the value the load sees).
pub fn media_entries_with(
    conn: &Connection,
    product_id: i64,
    value_of: &dyn Fn(i64) -> Option<String>,
) -> Result<Vec<MediaEntry>, CatalogError> {
    let entries = gallery(conn, product_id)?;
    with_roles(conn, entries, &mut |attribute_id| {
        Ok(value_of(attribute_id))
    })
}

/// The gallery rows, without their roles yet.
fn gallery(conn: &Connection, product_id: i64) -> Result<Vec<MediaEntry>, CatalogError> {
    let mut stmt = conn.prepare_cached(
        "SELECT value_id, media_type, label, position, disabled, value, content_type, \
             content_data FROM catalog_product_entity_media_gallery WHERE entity_id = ?1 \
             ORDER BY position, value_id",
    )?;
    let rows = stmt.query_map([product_id], |r| {
        Ok(MediaEntry {
            id: r.get(0)?,
            media_type: r.get(1)?,
            label: r.get(2)?,
            position: r.get::<_, Option<i64>>(3)?.unwrap_or(0),
            disabled: r.get(4)?,
            types: Vec::new(),
            file: r.get(5)?,
            content_type: r.get(6)?,
            content_data: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Gives each entry the image roles whose value is its file (none to look up without entries).
fn with_roles(
    conn: &Connection,
    mut entries: Vec<MediaEntry>,
    value_of: &mut dyn FnMut(i64) -> Result<Option<String>, CatalogError>,
) -> Result<Vec<MediaEntry>, CatalogError> {
    if entries.is_empty() {
        return Ok(entries);
    }
    let mut roles: Vec<(String, String)> = Vec::new();
    for role in MEDIA_ROLES {
        let Some(attribute) = attributes::attribute_by_code(conn, role)? else {
            continue;
        };
        if let Some(v) = value_of(attribute.id)? {
            roles.push(((*role).to_string(), v));
        }
    }
    for entry in &mut entries {
        entry.types = roles
            .iter()
            .filter(|(_, file)| *file == entry.file)
            .map(|(role, _)| role.clone())
            .collect();
    }
    Ok(entries)
}

/// A new gallery entry with its ImageContentInterface.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewMedia {
    pub media_type: Option<String>,
    pub label: Option<String>,
    pub position: Option<i64>,
    pub disabled: bool,
    /// `None`: not sent (the first entry then takes every role).
    pub types: Option<Vec<String>>,
    pub base64: Option<String>,
    pub mime_type: Option<String>,
    pub name: Option<String>,
}

/// PHP `base64_decode($data, true)`: the standard alphabet, padding optional, whitespace
/// skipped, anything else refused.
pub fn base64_decode(data: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len() * 3 / 4);
    let mut buffer: u32 = 0;
    let mut bits = 0u32;
    let mut padding = false;
    for c in data.bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => {
                padding = true;
                continue;
            }
            b' ' | b'\n' | b'\r' | b'\t' => continue,
            _ => return None,
        };
        if padding {
            return None;
        }
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

/// The MIME type `getimagesizefromstring` finds in an image's header.
fn sniff_mime(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a]) {
        Some("image/png")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else {
        None
    }
}

fn extension_of(mime: &str) -> &'static str {
    match mime {
        "image/png" => "png",
        "image/gif" => "gif",
        _ => "jpg",
    }
}

/// `ImageContentValidator::isValid` (each failure its own InputException): the MIME type the
/// content really has.
pub fn validate_content(new: &NewMedia) -> Result<&'static str, MagentoError> {
    let bytes = new
        .base64
        .as_deref()
        .and_then(base64_decode)
        .filter(|b| !b.is_empty())
        .ok_or_else(|| MagentoError::input(messages::CONTENT_NOT_BASE64, Params::None))?;
    let mime = sniff_mime(&bytes)
        .ok_or_else(|| MagentoError::input(messages::CONTENT_NOT_BASE64, Params::None))?;
    if new.mime_type.as_deref() != Some(mime) {
        return Err(MagentoError::input(messages::BAD_MIME_TYPE, Params::None));
    }
    let name = new.name.clone().unwrap_or_default();
    if name.is_empty() || name.contains(['/', '\\', '\0']) || name.starts_with('.') {
        return Err(MagentoError::input(messages::BAD_IMAGE_NAME, Params::None));
    }
    Ok(mime)
}

/// `Uploader::getCorrectFileName` and `getDispersionPath`, with `_1`, `_2`, … for names taken.
fn file_path(conn: &Connection, name: &str, mime: &str) -> Result<String, MagentoError> {
    let name = if name.contains('.') {
        name.to_string()
    } else {
        format!("{name}.{}", extension_of(mime))
    };
    let lowered = name.to_lowercase();
    let mut corrected = String::with_capacity(lowered.len());
    let mut in_bad_run = false;
    for c in lowered.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') {
            corrected.push(c);
            in_bad_run = false;
        } else if !in_bad_run {
            corrected.push('_');
            in_bad_run = true;
        }
    }
    let (stem, ext) = match corrected.rsplit_once('.') {
        Some((s, e)) => (s.to_string(), e.to_string()),
        None => (corrected.clone(), String::new()),
    };
    let dispersion: String = corrected
        .chars()
        .take(2)
        .map(|c| if c == '.' { '_' } else { c })
        .map(|c| format!("/{c}"))
        .collect();
    let mut candidate = format!("{dispersion}/{corrected}");
    let mut n = 0;
    loop {
        let taken: bool = conn
            .prepare_cached(
                "SELECT EXISTS(SELECT 1 FROM catalog_product_entity_media_gallery WHERE value \
                 = ?1)",
            )
            .and_then(|mut s| s.query_row([&candidate], |r| r.get(0)))
            .map_err(sql)?;
        if !taken {
            return Ok(candidate);
        }
        n += 1;
        candidate = format!("{dispersion}/{stem}_{n}.{ext}");
    }
}

/// `GalleryManagement::create($sku, $entry)` → the new entry's id. The content is validated
/// first; the product's first entry takes every role when none are sent.
pub fn add_media(conn: &Connection, product_id: i64, new: &NewMedia) -> Result<i64, MagentoError> {
    let mime = validate_content(new)?;
    let existing = media_entries(conn, product_id, 0).map_err(cat)?;
    let types = match &new.types {
        Some(t) => t.clone(),
        None if existing.is_empty() => MEDIA_ROLES.iter().map(|r| (*r).to_string()).collect(),
        None => Vec::new(),
    };
    let file = file_path(conn, new.name.as_deref().unwrap_or(""), mime)?;
    let position = match new.position {
        Some(p) => p,
        None => existing.iter().map(|e| e.position).max().unwrap_or(0) + 1,
    };
    conn.prepare_cached(
        "INSERT INTO catalog_product_entity_media_gallery (entity_id, media_type, value, label, \
         position, disabled, content_type, content_data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .and_then(|mut s| {
        s.execute(params![
            product_id,
            new.media_type.clone().unwrap_or_else(|| "image".into()),
            file,
            new.label,
            position,
            new.disabled,
            mime,
            new.base64
                .as_deref()
                .map(|b| b.replace(['\n', '\r', ' ', '\t'], "")),
        ])
    })
    .map_err(sql)?;
    let id = conn.last_insert_rowid();
    for role in types.iter().filter(|r| MEDIA_ROLES.contains(&r.as_str())) {
        if let Some(attribute) = attributes::attribute_by_code(conn, role).map_err(cat)? {
            product_scope::put_value(conn, product_id, attribute.id, 0, &file).map_err(cat)?;
        }
    }
    Ok(id)
}

/// `GalleryManagement::get($sku, $entryId)`'s entry lookup.
pub fn media_entry(
    conn: &Connection,
    product_id: i64,
    entry_id: i64,
) -> Result<MediaEntry, MagentoError> {
    media_entries(conn, product_id, 0)
        .map_err(cat)?
        .into_iter()
        .find(|e| e.id == entry_id)
        .ok_or_else(|| {
            MagentoError::new(
                ExceptionKind::NoSuchEntity,
                messages::IMAGE_MISSING,
                Params::None,
            )
        })
}

/// One ProductLinkInterface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkView {
    pub sku: String,
    pub link_type: String,
    pub linked_sku: String,
    pub linked_type: String,
    pub position: i64,
}

fn link_type_name(id: i64) -> &'static str {
    LINK_TYPES
        .iter()
        .find(|(_, t)| *t == id)
        .map_or("related", |(name, _)| name)
}

/// Every link of the product, link types in the provider's order, then by position.
pub fn product_links(conn: &Connection, product_id: i64) -> Result<Vec<LinkView>, CatalogError> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.sku, l.link_type_id, lp.sku, lp.type_id, COALESCE(l.position, 0) \
             FROM catalog_product_link l \
             JOIN catalog_product_entity p ON p.entity_id = l.product_id \
             JOIN catalog_product_entity lp ON lp.entity_id = l.linked_product_id \
             WHERE l.product_id = ?1 ORDER BY l.position, l.link_id",
    )?;
    let rows = stmt.query_map([product_id], |r| {
        Ok(LinkView {
            sku: r.get(0)?,
            link_type: link_type_name(r.get(1)?).to_string(),
            linked_sku: r.get(2)?,
            linked_type: r.get(3)?,
            position: r.get(4)?,
        })
    })?;
    let links: Vec<LinkView> = rows.collect::<Result<_, _>>()?;
    let mut ordered = Vec::with_capacity(links.len());
    for (name, _) in LINK_TYPES {
        ordered.extend(links.iter().filter(|l| l.link_type == *name).cloned());
    }
    Ok(ordered)
}

/// `getLinkedItemsByType($sku, $type)`: an unknown type is refused before the product is read.
pub fn check_link_type(link_type: &str) -> Result<i64, MagentoError> {
    LINK_TYPES
        .iter()
        .find(|(name, _)| *name == link_type)
        .map(|(_, id)| *id)
        .ok_or_else(|| {
            MagentoError::new(
                ExceptionKind::NoSuchEntity,
                messages::LINK_TYPE_UNKNOWN,
                Params::positional([link_type]),
            )
        })
}

/// A link to add: `(link_type, linked_product_sku, position)`.
pub type NewLink = (String, String, Option<i64>);

/// `setProductLinks($sku, $items)` after the type checks: the items are merged into the
/// product's links (a product already linked with the type takes the new position); an unknown
/// linked SKU fails the save (`The linked products data is invalid...`).
pub fn add_links(
    conn: &Connection,
    product_id: i64,
    items: &[NewLink],
) -> Result<(), MagentoError> {
    for (link_type, linked_sku, position) in items {
        let type_id = LINK_TYPES
            .iter()
            .find(|(name, _)| name == link_type)
            .map(|(_, id)| *id)
            .ok_or_else(|| {
                MagentoError::new(
                    ExceptionKind::NoSuchEntity,
                    messages::LINK_TYPE_NOT_FOUND,
                    Params::positional([link_type.as_str()]),
                )
            })?;
        let linked: Option<i64> = crate::Sku::try_from(linked_sku.as_str())
            .ok()
            .map(|sku| crate::products::product_by_sku(conn, &sku))
            .transpose()
            .map_err(cat)?
            .flatten()
            .map(|p| p.id);
        let Some(linked) = linked else {
            return Err(MagentoError::input(messages::LINKS_INVALID, Params::None));
        };
        conn.prepare_cached(
            "INSERT INTO catalog_product_link (product_id, linked_product_id, link_type_id, position) \
             VALUES (?1, ?2, ?3, ?4) ON CONFLICT (link_type_id, product_id, linked_product_id) \
             DO UPDATE SET position = excluded.position",
        )
        .and_then(|mut s| s.execute(params![product_id, linked, type_id, position.unwrap_or(0)]))
        .map_err(sql)?;
    }
    Ok(())
}

/// `ProductLinkRepository::deleteById($sku, $type, $linkedProductSku)`: `Product <sku> doesn't
/// have linked <linked> as <type>` when there is no such link.
pub fn delete_link(
    conn: &Connection,
    product_id: i64,
    sku: &str,
    link_type: &str,
    linked_sku: &str,
) -> Result<(), MagentoError> {
    let type_id = check_link_type(link_type)?;
    let removed = conn
        .prepare_cached(
            "DELETE FROM catalog_product_link WHERE product_id = ?1 AND link_type_id = ?2 \
             AND linked_product_id = (SELECT entity_id FROM catalog_product_entity WHERE sku = ?3)",
        )
        .and_then(|mut s| s.execute(params![product_id, type_id, linked_sku]))
        .map_err(sql)?;
    if removed == 0 {
        return Err(MagentoError::new(
            ExceptionKind::NoSuchEntity,
            messages::NOT_LINKED,
            Params::positional([sku, linked_sku, link_type]),
        ));
    }
    Ok(())
}

/// `ProductWebsiteLinkRepository::save`: the website joins the product's websites; a website id
/// of 0 or none is refused, an unknown one fails the save.
pub fn add_website(
    conn: &Connection,
    product_id: i64,
    website_id: Option<i64>,
) -> Result<(), MagentoError> {
    let website_id = match website_id.filter(|w| *w != 0) {
        Some(w) => w,
        None => return Err(MagentoError::input(messages::NO_WEBSITE, Params::None)),
    };
    let known = crate::stores::website_by_id(conn, website_id)
        .map_err(cat)?
        .is_some();
    if !known {
        return Err(could_not_assign(product_id, website_id));
    }
    conn.prepare_cached(
        "INSERT INTO catalog_product_website (product_id, website_id) VALUES (?1, ?2) \
         ON CONFLICT DO NOTHING",
    )
    .and_then(|mut s| s.execute(params![product_id, website_id]))
    .map_err(sql)?;
    Ok(())
}

fn could_not_assign(product_id: i64, website_id: i64) -> MagentoError {
    MagentoError::input(
        messages::COULD_NOT_ASSIGN,
        Params::Positional(vec![product_id.to_string().into(), website_id.into()]),
    )
}

/// `ProductWebsiteLinkRepository::deleteById($sku, $websiteId)`: the website leaves the
/// product's websites (a website it is not in changes nothing).
pub fn remove_website(
    conn: &Connection,
    product_id: i64,
    website_id: i64,
) -> Result<(), MagentoError> {
    conn.prepare_cached(
        "DELETE FROM catalog_product_website WHERE product_id = ?1 AND website_id = ?2",
    )
    .and_then(|mut s| s.execute(params![product_id, website_id]))
    .map_err(sql)?;
    Ok(())
}

/// One ProductTierPriceInterface as `Price::getTierPrices` builds it.
#[derive(Debug, Clone, PartialEq)]
pub struct TierPrice {
    /// [`ALL_GROUPS_ID`] for an all-groups price.
    pub customer_group_id: i64,
    pub qty: f64,
    pub value: f64,
    pub website_id: i64,
    pub percentage_value: Option<f64>,
    pub all_groups: bool,
}

pub fn tier_prices(conn: &Connection, product_id: i64) -> Result<Vec<TierPrice>, CatalogError> {
    let mut stmt = conn.prepare_cached(
        "SELECT all_groups, customer_group_id, qty, value, website_id, percentage_value \
             FROM catalog_product_entity_tier_price WHERE entity_id = ?1 ORDER BY value_id",
    )?;
    let rows = stmt.query_map([product_id], |r| {
        let all_groups: bool = r.get(0)?;
        Ok(TierPrice {
            customer_group_id: if all_groups { ALL_GROUPS_ID } else { r.get(1)? },
            qty: r.get(2)?,
            value: r.get(3)?,
            website_id: r.get(4)?,
            percentage_value: r.get(5)?,
            all_groups,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A `tier_prices` entry of a product body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewTierPrice {
    pub customer_group_id: Option<i64>,
    pub qty: Option<f64>,
    pub value: Option<f64>,
    pub website_id: Option<i64>,
    pub percentage_value: Option<f64>,
}

/// The tier price backend's save: the sent prices replace the product's (group
/// [`ALL_GROUPS_ID`] is stored as an all-groups price).
pub fn replace_tier_prices(
    conn: &Connection,
    product_id: i64,
    prices: &[NewTierPrice],
) -> Result<(), MagentoError> {
    conn.prepare_cached("DELETE FROM catalog_product_entity_tier_price WHERE entity_id = ?1")
        .and_then(|mut s| s.execute([product_id]))
        .map_err(sql)?;
    for p in prices {
        let group = p.customer_group_id.unwrap_or(ALL_GROUPS_ID);
        let all = group == ALL_GROUPS_ID;
        conn.prepare_cached(
            "INSERT INTO catalog_product_entity_tier_price (entity_id, all_groups, \
             customer_group_id, qty, value, website_id, percentage_value) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
             ON CONFLICT (entity_id, all_groups, customer_group_id, qty, website_id) \
             DO UPDATE SET value = excluded.value, percentage_value = excluded.percentage_value",
        )
        .and_then(|mut s| {
            s.execute(params![
                product_id,
                all,
                if all { 0 } else { group },
                p.qty.unwrap_or(1.0),
                p.value.unwrap_or(0.0),
                p.website_id.unwrap_or(0),
                p.percentage_value,
            ])
        })
        .map_err(sql)?;
    }
    Ok(())
}

/// `TierPriceManagement::getList($sku, $customerGroupId)`: the prices of that group (`all`:
/// the all-groups prices, reported under group 32000).
pub fn tier_prices_of_group(
    conn: &Connection,
    product_id: i64,
    group: &str,
) -> Result<Vec<TierPrice>, MagentoError> {
    let all = tier_prices(conn, product_id).map_err(cat)?;
    Ok(if group == "all" {
        all.into_iter().filter(|p| p.all_groups).collect()
    } else {
        let wanted = group.trim().parse::<f64>().ok().map(|g| g.trunc() as i64);
        // `(int) $price['cust_group'] === (int) $customerGroupId`: all-groups rows have 32000.
        all.into_iter()
            .filter(|p| Some(p.customer_group_id) == wanted)
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// PHP `base64_decode($s, true)`.
    #[test]
    fn strict_base64() {
        assert_eq!(base64_decode("aGVsbG8="), Some(b"hello".to_vec()));
        assert_eq!(base64_decode("aGVs\nbG8"), Some(b"hello".to_vec()));
        assert_eq!(base64_decode("a$b"), None);
        assert_eq!(base64_decode("aG=Vs"), None);
    }
}
