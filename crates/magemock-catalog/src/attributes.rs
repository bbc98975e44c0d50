//! EAV-lite product attributes, their options, and attribute sets (`Magento_Eav`,
//! `Magento_Catalog`). The system attributes and the "Default" sets are seeded by the migration;
//! fixtures add user-defined attributes and sets based on another set.

use std::sync::Arc;

use magemock_core::store::cache::{self, GenerationCache};
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::error::{CatalogError, Existing};

/// `catalog_product` in `eav_entity_type`.
pub const PRODUCT_ENTITY_TYPE_ID: i64 = 4;
/// The product "Default" attribute set.
pub const DEFAULT_PRODUCT_ATTRIBUTE_SET_ID: i64 = 4;
/// `Magento\Eav\Model\Entity\Attribute::ATTRIBUTE_CODE_MAX_LENGTH`.
pub const CODE_MAX_LENGTH: usize = 60;

/// The frontend inputs a product attribute may have, with the backend type Magento's
/// `Attribute::getBackendTypeByInput` gives each.
pub const FRONTEND_INPUTS: &[(&str, &str)] = &[
    ("text", "varchar"),
    ("textarea", "text"),
    ("texteditor", "text"),
    ("date", "datetime"),
    ("datetime", "datetime"),
    ("boolean", "int"),
    ("select", "int"),
    ("multiselect", "varchar"),
    ("price", "decimal"),
    ("weight", "decimal"),
    ("media_image", "varchar"),
];

/// The backend types an attribute may be stored as.
pub const BACKEND_TYPES: &[&str] = &["static", "varchar", "int", "text", "decimal", "datetime"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAttribute {
    pub code: String,
    pub label: String,
    pub frontend_input: String,
    /// `None`: the backend type Magento gives the input.
    pub backend_type: Option<String>,
    pub is_required: bool,
    /// Option labels, in order, for `select` and `multiselect`.
    pub options: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    pub id: i64,
    pub code: String,
    pub label: Option<String>,
    pub frontend_input: Option<String>,
    pub backend_type: String,
    pub is_required: bool,
    pub is_user_defined: bool,
    pub is_unique: bool,
    pub default_value: Option<String>,
    /// `catalog_eav_attribute.is_global`: where a value written through a store view goes.
    pub scope: AttributeScope,
}

/// `Magento\Eav\Model\Entity\Attribute\ScopedAttributeInterface`: 0 store view, 1 global,
/// 2 website.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributeScope {
    Store,
    Global,
    Website,
}

impl AttributeScope {
    pub fn from_is_global(is_global: i64) -> Self {
        match is_global {
            0 => AttributeScope::Store,
            2 => AttributeScope::Website,
            _ => AttributeScope::Global,
        }
    }

    pub fn is_global(self) -> i64 {
        match self {
            AttributeScope::Store => 0,
            AttributeScope::Global => 1,
            AttributeScope::Website => 2,
        }
    }

    /// The `scope` of ProductAttributeInterface (`global`, `website`, `store`).
    pub fn name(self) -> &'static str {
        match self {
            AttributeScope::Store => "store",
            AttributeScope::Global => "global",
            AttributeScope::Website => "website",
        }
    }
}

impl Attribute {
    /// Whether values are option ids (`select`, `multiselect`).
    pub fn has_options(&self) -> bool {
        matches!(
            self.frontend_input.as_deref(),
            Some("select") | Some("multiselect")
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeOption {
    pub id: i64,
    pub attribute_id: i64,
    pub sort_order: i64,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAttributeSet {
    pub name: String,
    /// The set whose attributes the new set starts with (Magento's "skeleton").
    pub based_on: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeSet {
    pub id: i64,
    pub entity_type_id: i64,
    pub name: String,
    pub sort_order: i64,
}

/// `^[a-z][a-z_0-9]*$` and at most [`CODE_MAX_LENGTH`] characters: the attribute-code rule of
/// Magento's attribute save (from memory, not re-read).
fn is_valid_attribute_code(code: &str) -> bool {
    let mut chars = code.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && code.len() <= CODE_MAX_LENGTH
}

/// Inserts a user-defined product attribute with its options. It belongs to no set until
/// [`add_attribute_to_set`] puts it in one.
pub fn insert_attribute(conn: &Connection, new: &NewAttribute) -> Result<i64, CatalogError> {
    if !is_valid_attribute_code(&new.code) {
        return Err(CatalogError::invalid(
            "attribute_code",
            new.code.as_str(),
            format!(
                "use lower-case letters, digits and `_`, starting with a letter, \
                 at most {CODE_MAX_LENGTH} characters"
            ),
        ));
    }
    let Some(default_backend) = FRONTEND_INPUTS
        .iter()
        .find(|(input, _)| *input == new.frontend_input)
        .map(|(_, backend)| *backend)
    else {
        return Err(CatalogError::invalid(
            "frontend_input",
            new.frontend_input.as_str(),
            format!(
                "one of {}",
                FRONTEND_INPUTS
                    .iter()
                    .map(|(input, _)| *input)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    };
    let backend_type = new.backend_type.as_deref().unwrap_or(default_backend);
    if !BACKEND_TYPES.contains(&backend_type) {
        return Err(CatalogError::invalid(
            "backend_type",
            backend_type,
            format!("one of {}", BACKEND_TYPES.join(", ")),
        ));
    }
    let takes_options = matches!(new.frontend_input.as_str(), "select" | "multiselect");
    if !takes_options && !new.options.is_empty() {
        return Err(CatalogError::invalid(
            "options",
            new.options.join(", "),
            "only select and multiselect attributes have options",
        ));
    }
    for (i, label) in new.options.iter().enumerate() {
        if label.trim().is_empty() {
            return Err(CatalogError::RequiredValueEmpty("option label".to_string()));
        }
        if new.options[..i].iter().any(|l| l == label) {
            return Err(CatalogError::invalid(
                "option",
                label.as_str(),
                "an attribute's option labels must differ",
            ));
        }
    }
    if attribute_by_code(conn, &new.code)?.is_some() {
        return Err(CatalogError::AlreadyExists(Existing::Attribute(
            new.code.clone(),
        )));
    }
    conn.prepare_cached(
        "INSERT INTO eav_attribute (entity_type_id, attribute_code, frontend_label, \
         frontend_input, backend_type, is_required, is_user_defined, is_unique) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, 0)",
    )
    .and_then(|mut s| {
        s.execute(params![
            PRODUCT_ENTITY_TYPE_ID,
            new.code,
            new.label,
            new.frontend_input,
            backend_type,
            new.is_required
        ])
    })?;
    let id = conn.last_insert_rowid();
    for (i, label) in new.options.iter().enumerate() {
        conn.prepare_cached(
            "INSERT INTO eav_attribute_option (attribute_id, sort_order, label) \
             VALUES (?1, ?2, ?3)",
        )
        .and_then(|mut s| s.execute(params![id, i64::try_from(i).unwrap_or(i64::MAX), label]))?;
    }
    Ok(id)
}

pub(crate) const ATTRIBUTE_COLUMNS: &str = "attribute_id, attribute_code, frontend_label, frontend_input, \
    backend_type, is_required, is_user_defined, is_unique, default_value, is_global";

pub(crate) fn attribute_row(r: &Row<'_>) -> rusqlite::Result<Attribute> {
    Ok(Attribute {
        id: r.get(0)?,
        code: r.get(1)?,
        label: r.get(2)?,
        frontend_input: r.get(3)?,
        backend_type: r.get(4)?,
        is_required: r.get(5)?,
        is_user_defined: r.get(6)?,
        is_unique: r.get(7)?,
        default_value: r.get(8)?,
        scope: AttributeScope::from_is_global(r.get(9)?),
    })
}

/// Attribute metadata as reads see it, per store and data generation (every product read
/// looks up its set's attributes and a dozen attributes by code).
#[derive(Default)]
struct AttributeCache {
    by_code: GenerationCache<String, Option<Attribute>>,
    sets: GenerationCache<i64, Arc<Vec<Attribute>>>,
}

/// The product attribute with this code.
pub fn attribute_by_code(conn: &Connection, code: &str) -> Result<Option<Attribute>, CatalogError> {
    let Some((cache, generation)) = cache::current::<AttributeCache>() else {
        return attribute_by_code_uncached(conn, code);
    };
    if let Some(hit) = cache.by_code.get(generation, code) {
        return Ok(hit);
    }
    let attribute = attribute_by_code_uncached(conn, code)?;
    cache
        .by_code
        .insert(generation, code.to_string(), attribute.clone());
    Ok(attribute)
}

fn attribute_by_code_uncached(
    conn: &Connection,
    code: &str,
) -> Result<Option<Attribute>, CatalogError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {ATTRIBUTE_COLUMNS} FROM eav_attribute \
                 WHERE entity_type_id = ?1 AND attribute_code = ?2"
        ))
        .and_then(|mut s| s.query_row(params![PRODUCT_ENTITY_TYPE_ID, code], attribute_row))
        .optional()?)
}

pub fn attribute_by_id(conn: &Connection, id: i64) -> Result<Option<Attribute>, CatalogError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {ATTRIBUTE_COLUMNS} FROM eav_attribute WHERE attribute_id = ?1"
        ))
        .and_then(|mut s| s.query_row([id], attribute_row))
        .optional()?)
}

/// An attribute's options in their order.
pub fn attribute_options(
    conn: &Connection,
    attribute_id: i64,
) -> Result<Vec<AttributeOption>, CatalogError> {
    let mut stmt = conn.prepare_cached(
        "SELECT option_id, attribute_id, sort_order, label FROM eav_attribute_option \
         WHERE attribute_id = ?1 ORDER BY sort_order, option_id",
    )?;
    let rows = stmt.query_map([attribute_id], |r| {
        Ok(AttributeOption {
            id: r.get(0)?,
            attribute_id: r.get(1)?,
            sort_order: r.get(2)?,
            label: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Inserts a product attribute set holding the attributes of `based_on`.
pub fn insert_attribute_set(conn: &Connection, new: &NewAttributeSet) -> Result<i64, CatalogError> {
    if new.name.trim().is_empty() {
        return Err(CatalogError::RequiredValueEmpty(
            "attribute_set_name".to_string(),
        ));
    }
    let skeleton = attribute_set_by_id(conn, new.based_on)?
        .filter(|s| s.entity_type_id == PRODUCT_ENTITY_TYPE_ID)
        .ok_or_else(|| CatalogError::no_such("attribute set", "attributeSetId", new.based_on))?;
    if attribute_set_by_name(conn, &new.name)?.is_some() {
        return Err(CatalogError::AlreadyExists(Existing::AttributeSet(
            new.name.clone(),
        )));
    }
    conn.prepare_cached(
        "INSERT INTO eav_attribute_set (entity_type_id, attribute_set_name, sort_order) \
         VALUES (?1, ?2, 0)",
    )
    .and_then(|mut s| s.execute(params![PRODUCT_ENTITY_TYPE_ID, new.name]))?;
    let id = conn.last_insert_rowid();
    conn.prepare_cached(
        "INSERT INTO eav_entity_attribute (entity_type_id, attribute_set_id, attribute_id, sort_order) \
         SELECT entity_type_id, ?1, attribute_id, sort_order FROM eav_entity_attribute \
         WHERE attribute_set_id = ?2 ORDER BY entity_attribute_id",
    )
    .and_then(|mut s| s.execute(params![id, skeleton.id]))?;
    Ok(id)
}

/// Puts an attribute in a set (after the set's last attribute); a no-op when it is there.
pub fn add_attribute_to_set(
    conn: &Connection,
    attribute_set_id: i64,
    attribute_id: i64,
) -> Result<(), CatalogError> {
    attribute_set_by_id(conn, attribute_set_id)?.ok_or_else(|| {
        CatalogError::no_such("attribute set", "attributeSetId", attribute_set_id)
    })?;
    attribute_by_id(conn, attribute_id)?
        .ok_or_else(|| CatalogError::no_such("attribute", "attributeId", attribute_id))?;
    conn.prepare_cached(
        "INSERT INTO eav_entity_attribute (entity_type_id, attribute_set_id, attribute_id, sort_order) \
         SELECT ?1, ?2, ?3, COALESCE(MAX(sort_order), 0) + 1 FROM eav_entity_attribute \
         WHERE attribute_set_id = ?2 \
         ON CONFLICT (attribute_set_id, attribute_id) DO NOTHING",
    )
    .and_then(|mut s| s.execute(params![PRODUCT_ENTITY_TYPE_ID, attribute_set_id, attribute_id]))?;
    Ok(())
}

/// Whether the set holds the attribute.
pub fn set_has_attribute(
    conn: &Connection,
    attribute_set_id: i64,
    attribute_id: i64,
) -> Result<bool, CatalogError> {
    crate::read_cache::memo(
        |c| &c.set_members,
        (attribute_set_id, attribute_id),
        || {
            Ok(conn
                .prepare_cached(
                    "SELECT EXISTS(SELECT 1 FROM eav_entity_attribute \
                     WHERE attribute_set_id = ?1 AND attribute_id = ?2)",
                )
                .and_then(|mut s| {
                    s.query_row(params![attribute_set_id, attribute_id], |r| r.get(0))
                })?)
        },
    )
}

/// The attributes of a set, in the set's order.
pub fn set_attributes(
    conn: &Connection,
    attribute_set_id: i64,
) -> Result<Vec<Attribute>, CatalogError> {
    Ok(set_attributes_shared(conn, attribute_set_id)?.to_vec())
}

/// [`set_attributes`] without the copy, from the read cache when there is one.
pub fn set_attributes_shared(
    conn: &Connection,
    attribute_set_id: i64,
) -> Result<Arc<Vec<Attribute>>, CatalogError> {
    match cache::current::<AttributeCache>() {
        Some((cache, generation)) => {
            cache
                .sets
                .get_or_try_insert(generation, attribute_set_id, || {
                    set_attributes_uncached(conn, attribute_set_id).map(Arc::new)
                })
        }
        None => set_attributes_uncached(conn, attribute_set_id).map(Arc::new),
    }
}

fn set_attributes_uncached(
    conn: &Connection,
    attribute_set_id: i64,
) -> Result<Vec<Attribute>, CatalogError> {
    let columns = ATTRIBUTE_COLUMNS
        .split(", ")
        .map(|c| format!("a.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {columns} FROM eav_attribute a \
         JOIN eav_entity_attribute ea ON ea.attribute_id = a.attribute_id \
         WHERE ea.attribute_set_id = ?1 ORDER BY ea.sort_order, ea.entity_attribute_id"
    ))?;
    let rows = stmt.query_map([attribute_set_id], attribute_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn set_row(r: &Row<'_>) -> rusqlite::Result<AttributeSet> {
    Ok(AttributeSet {
        id: r.get(0)?,
        entity_type_id: r.get(1)?,
        name: r.get(2)?,
        sort_order: r.get(3)?,
    })
}

pub fn attribute_set_by_id(
    conn: &Connection,
    id: i64,
) -> Result<Option<AttributeSet>, CatalogError> {
    crate::read_cache::memo(
        |c| &c.attribute_sets,
        id,
        || {
            Ok(conn
                .prepare_cached(
                    "SELECT attribute_set_id, entity_type_id, attribute_set_name, sort_order \
                     FROM eav_attribute_set WHERE attribute_set_id = ?1",
                )
                .and_then(|mut s| s.query_row([id], set_row))
                .optional()?)
        },
    )
}

/// The product attribute set with this name (case-insensitive).
pub fn attribute_set_by_name(
    conn: &Connection,
    name: &str,
) -> Result<Option<AttributeSet>, CatalogError> {
    crate::read_cache::memo(
        |c| &c.attribute_sets_by_name,
        name.to_owned(),
        || {
            Ok(conn
                .prepare_cached(
                    "SELECT attribute_set_id, entity_type_id, attribute_set_name, sort_order \
                     FROM eav_attribute_set WHERE entity_type_id = ?1 AND attribute_set_name = ?2",
                )
                .and_then(|mut s| s.query_row(params![PRODUCT_ENTITY_TYPE_ID, name], set_row))
                .optional()?)
        },
    )
}
