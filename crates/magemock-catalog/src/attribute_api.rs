//! The product attribute and attribute set services of the REST API:
//! `ProductAttributeRepository` (`get`, `getList`, `save`, `deleteById`),
//! `ProductAttributeOptionManagement` (`getItems`, `add`, `delete`), `AttributeSetRepository`
//! (`get`, `getList`) and `ProductAttributeManagement::getAttributes`. Sources (2.4):
//! app/code/Magento/Catalog/Model/Product/Attribute/Repository.php,
//! app/code/Magento/Eav/Model/AttributeRepository.php, Eav/Model/Entity/Attribute/OptionManagement.php,
//! Eav/Model/AttributeSetRepository.php, Catalog/Model/Product/Attribute/SetRepository.php,
//! Eav/Model/AttributeManagement.php, Catalog/Helper/Product.php (models by input type),
//! Eav/Model/Entity/Attribute/Source/Table.php (the empty first option).

use magemock_core::search_criteria::{FieldSql, Filter, FilterStyle, SearchCriteria};
use magemock_core::{ExceptionKind, MagentoError, Params, ToMagentoError};
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::attributes::{self, Attribute, AttributeScope, PRODUCT_ENTITY_TYPE_ID};
use crate::error::CatalogError;

/// Magento's phrases, verbatim.
pub mod messages {
    /// Eav/Model/AttributeRepository.php `get` (NoSuchEntityException, 404).
    pub const NO_SUCH_ATTRIBUTE: &str = "The attribute with a \"%1\" attributeCode doesn't exist. Verify the attribute and try again.";
    /// Eav/Model/Entity/Attribute/OptionManagement.php.
    pub const OPTION_LABEL_EMPTY: &str =
        "The attribute option label is empty. Enter the value and try again.";
    pub const OPTION_LABEL_EXISTS: &str =
        "Admin store attribute option label \"%1\" is already exists.";
    pub const NO_OPTIONS: &str = "The \"%1\" attribute doesn't work with options.";
    pub const NO_SUCH_OPTION: &str =
        "The \"%1\" attribute doesn't include an option with \"%2\" ID.";
    /// Eav/Model/AttributeManagement.php `unassign`: the system-attribute refusal magemock also
    /// gives for deleting a system attribute (see [`super::delete_attribute`]).
    pub const SYSTEM_ATTRIBUTE: &str = "The system attribute can't be deleted.";
    /// Catalog/Model/Product/Attribute/SetRepository.php `validate` (StateException, 400).
    pub const NOT_A_PRODUCT_SET: &str = "Provided Attribute set non product Attribute set.";
}

/// `Magento\Catalog\Model\Product\Attribute\Source\Inputtype::toOptionArray`: the Eav input
/// types, then Catalog's price and media image, then those the Swatches and Weee modules add.
pub const INPUT_TYPES: &[(&str, &str)] = &[
    ("text", "Text Field"),
    ("textarea", "Text Area"),
    ("texteditor", "Text Editor"),
    ("pagebuilder", "Page Builder"),
    ("date", "Date"),
    ("datetime", "Date and Time"),
    ("boolean", "Yes/No"),
    ("multiselect", "Multiple Select"),
    ("select", "Dropdown"),
    ("price", "Price"),
    ("media_image", "Media Image"),
    ("swatch_visual", "Visual Swatch"),
    ("swatch_text", "Text Swatch"),
    ("weee", "Fixed Product Tax"),
];

/// An attribute with every property ProductAttributeInterface prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeMeta {
    /// What every reader of an attribute needs (attributes.rs); the rest is the API's.
    pub attribute: Attribute,
    pub frontend_class: Option<String>,
    pub backend_model: Option<String>,
    pub source_model: Option<String>,
    pub note: Option<String>,
    pub is_visible: bool,
    pub is_searchable: bool,
    pub is_filterable: bool,
    pub is_comparable: bool,
    pub is_visible_on_front: bool,
    pub is_html_allowed_on_front: bool,
    pub is_filterable_in_search: bool,
    pub used_in_product_listing: bool,
    pub used_for_sort_by: bool,
    pub apply_to: Option<String>,
    pub is_visible_in_advanced_search: bool,
    pub position: i64,
    pub is_wysiwyg_enabled: bool,
    pub is_used_for_promo_rules: bool,
    pub is_used_in_grid: bool,
    pub is_visible_in_grid: bool,
    pub is_filterable_in_grid: bool,
}

/// One AttributeOptionInterface (`label`, `value`, both strings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionView {
    pub label: String,
    pub value: String,
}

/// [`attributes::ATTRIBUTE_COLUMNS`] first, then the API's own.
const META_COLUMNS: &str = "attribute_id, attribute_code, frontend_label, frontend_input, \
    backend_type, is_required, is_user_defined, is_unique, default_value, is_global, \
    frontend_class, backend_model, source_model, note, is_visible, is_searchable, is_filterable, \
    is_comparable, is_visible_on_front, is_html_allowed_on_front, is_filterable_in_search, \
    used_in_product_listing, used_for_sort_by, apply_to, is_visible_in_advanced_search, position, \
    is_wysiwyg_enabled, is_used_for_promo_rules, is_used_in_grid, is_visible_in_grid, \
    is_filterable_in_grid";

fn meta_row(r: &Row<'_>) -> rusqlite::Result<AttributeMeta> {
    Ok(AttributeMeta {
        attribute: attributes::attribute_row(r)?,
        frontend_class: r.get(10)?,
        backend_model: r.get(11)?,
        source_model: r.get(12)?,
        note: r.get(13)?,
        is_visible: r.get(14)?,
        is_searchable: r.get(15)?,
        is_filterable: r.get(16)?,
        is_comparable: r.get(17)?,
        is_visible_on_front: r.get(18)?,
        is_html_allowed_on_front: r.get(19)?,
        is_filterable_in_search: r.get(20)?,
        used_in_product_listing: r.get(21)?,
        used_for_sort_by: r.get(22)?,
        apply_to: r.get(23)?,
        is_visible_in_advanced_search: r.get(24)?,
        position: r.get(25)?,
        is_wysiwyg_enabled: r.get(26)?,
        is_used_for_promo_rules: r.get(27)?,
        is_used_in_grid: r.get(28)?,
        is_visible_in_grid: r.get(29)?,
        is_filterable_in_grid: r.get(30)?,
    })
}

fn sql(e: rusqlite::Error) -> MagentoError {
    CatalogError::from(e).to_magento()
}

fn no_such_attribute(code: &str) -> MagentoError {
    MagentoError::new(
        ExceptionKind::NoSuchEntity,
        messages::NO_SUCH_ATTRIBUTE,
        Params::positional([code]),
    )
}

pub fn meta_by_id(conn: &Connection, id: i64) -> Result<Option<AttributeMeta>, MagentoError> {
    conn.prepare_cached(&format!(
        "SELECT {META_COLUMNS} FROM eav_attribute WHERE attribute_id = ?1"
    ))
    .and_then(|mut s| s.query_row([id], meta_row))
    .optional()
    .map_err(sql)
}

/// `ProductAttributeRepository::get($attributeCode)`.
pub fn get(conn: &Connection, code: &str) -> Result<AttributeMeta, MagentoError> {
    conn.prepare_cached(&format!(
        "SELECT {META_COLUMNS} FROM eav_attribute \
             WHERE entity_type_id = ?1 AND attribute_code = ?2"
    ))
    .and_then(|mut s| s.query_row(params![PRODUCT_ENTITY_TYPE_ID, code], meta_row))
    .optional()
    .map_err(sql)?
    .ok_or_else(|| no_such_attribute(code))
}

/// The source model an attribute's options come from (`Attribute::getSource`), as
/// `_getDefaultSourceModel` picks it: the Table source for a select or multiselect without one.
pub fn effective_source(meta: &AttributeMeta) -> Option<&str> {
    match (&meta.source_model, meta.attribute.frontend_input.as_deref()) {
        (Some(s), _) => Some(s.as_str()),
        (None, Some("select") | Some("multiselect")) => {
            Some("Magento\\Eav\\Model\\Entity\\Attribute\\Source\\Table")
        }
        _ => None,
    }
}

/// `Attribute::getOptions()`: the source model's `getAllOptions()`. The Table source puts an
/// empty option (label `" "`, value `""`) first; the status, visibility, tax class and Boolean
/// sources list their fixed options.
pub fn options(conn: &Connection, meta: &AttributeMeta) -> Result<Vec<OptionView>, MagentoError> {
    let fixed = |pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .map(|(label, value)| OptionView {
                label: (*label).into(),
                value: (*value).into(),
            })
            .collect()
    };
    Ok(match effective_source(meta) {
        Some("Magento\\Eav\\Model\\Entity\\Attribute\\Source\\Table") => {
            let mut out = vec![OptionView {
                label: " ".into(),
                value: String::new(),
            }];
            for o in attributes::attribute_options(conn, meta.attribute.id)
                .map_err(|e| e.to_magento())?
            {
                out.push(OptionView {
                    label: o.label,
                    value: o.id.to_string(),
                });
            }
            out
        }
        Some("Magento\\Catalog\\Model\\Product\\Attribute\\Source\\Status") => {
            fixed(&[("Enabled", "1"), ("Disabled", "2")])
        }
        Some("Magento\\Catalog\\Model\\Product\\Visibility") => fixed(&[
            ("Not Visible Individually", "1"),
            ("Catalog", "2"),
            ("Search", "3"),
            ("Catalog, Search", "4"),
        ]),
        Some("Magento\\Tax\\Model\\TaxClass\\Source\\Product") => {
            fixed(&[("None", "0"), ("Taxable Goods", "2")])
        }
        Some("Magento\\Eav\\Model\\Entity\\Attribute\\Source\\Boolean") => {
            fixed(&[("Yes", "1"), ("No", "0")])
        }
        _ => Vec::new(),
    })
}

/// Attribute fields a searchCriteria may name: the columns of `eav_attribute` and
/// `catalog_eav_attribute`.
const FIELDS: &[&str] = &[
    "attribute_id",
    "attribute_code",
    "frontend_label",
    "frontend_input",
    "backend_type",
    "is_required",
    "is_user_defined",
    "is_unique",
    "default_value",
    "is_global",
    "frontend_class",
    "backend_model",
    "source_model",
    "note",
    "is_visible",
    "is_searchable",
    "is_filterable",
    "is_comparable",
    "is_visible_on_front",
    "is_html_allowed_on_front",
    "is_filterable_in_search",
    "used_in_product_listing",
    "used_for_sort_by",
    "apply_to",
    "is_visible_in_advanced_search",
    "position",
    "is_wysiwyg_enabled",
    "is_used_for_promo_rules",
    "is_used_in_grid",
    "is_visible_in_grid",
    "is_filterable_in_grid",
    "entity_type_id",
];

/// An unknown column fails in SQL, a masked 500 in Magento.
fn column(field: &str) -> Result<String, MagentoError> {
    if FIELDS.contains(&field) {
        Ok(format!("a.{field}"))
    } else {
        Err(MagentoError::internal(format!(
            "SQLSTATE[42S22]: Column not found: 1054 Unknown column '{field}' in 'where clause'"
        )))
    }
}

/// `AttributeRepository::getList('catalog_product', $searchCriteria)`: attribute ids in order
/// (by id unless sorted) and the total.
pub fn search_attributes(
    conn: &Connection,
    criteria: &SearchCriteria,
) -> Result<(Vec<i64>, i64), MagentoError> {
    search_table(
        conn,
        criteria,
        &format!("FROM eav_attribute a WHERE a.entity_type_id = {PRODUCT_ENTITY_TYPE_ID}"),
        "a.attribute_id",
        &column,
    )
}

/// A flat-table search: `base` is `FROM ... WHERE <fixed condition>`.
fn search_table(
    conn: &Connection,
    criteria: &SearchCriteria,
    base: &str,
    id: &str,
    column: &dyn Fn(&str) -> Result<String, MagentoError>,
) -> Result<(Vec<i64>, i64), MagentoError> {
    let filter =
        |f: &Filter| -> Result<FieldSql, MagentoError> { Ok(FieldSql::Column(column(&f.field)?)) };
    let sort = |field: &str| column(field);
    let query = criteria.to_sql_with(FilterStyle::Flat, &filter, &sort)?;
    let condition = query.where_clause().replacen("WHERE", "AND", 1);
    let total: i64 = conn
        .prepare_cached(&format!("SELECT COUNT(*) {base} {condition}"))
        .and_then(|mut s| {
            s.query_row(rusqlite::params_from_iter(query.params.iter()), |r| {
                r.get(0)
            })
        })
        .map_err(sql)?;
    let order = if query.order_sql.is_empty() {
        format!("ORDER BY {id}")
    } else {
        format!("{}, {id}", query.order_sql)
    };
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {id} {base} {condition} {order} {}",
            query.limit_clause()
        ))
        .map_err(sql)?;
    let ids = stmt
        .query_map(rusqlite::params_from_iter(query.params.iter()), |r| {
            r.get(0)
        })
        .map_err(sql)?
        .collect::<Result<Vec<i64>, _>>()
        .map_err(sql)?;
    Ok((ids, total))
}

/// One option of an attribute body (AttributeOptionInterface).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OptionInput {
    pub label: Option<String>,
    pub value: Option<String>,
    pub sort_order: Option<i64>,
    pub is_default: bool,
}

/// A ProductAttributeInterface body; `None` is "not sent".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttributeInput {
    pub attribute_id: Option<i64>,
    pub attribute_code: Option<String>,
    pub frontend_input: Option<String>,
    pub backend_type: Option<String>,
    pub default_frontend_label: Option<String>,
    /// `frontend_labels` as `(store_id, label)`.
    pub frontend_labels: Vec<(i64, String)>,
    pub is_required: Option<bool>,
    pub is_unique: Option<bool>,
    pub scope: Option<String>,
    pub default_value: Option<String>,
    pub note: Option<String>,
    pub frontend_class: Option<String>,
    pub is_visible: Option<bool>,
    pub is_searchable: Option<bool>,
    pub is_filterable: Option<bool>,
    pub is_comparable: Option<bool>,
    pub is_visible_on_front: Option<bool>,
    pub is_html_allowed_on_front: Option<bool>,
    pub is_filterable_in_search: Option<bool>,
    pub used_in_product_listing: Option<bool>,
    pub used_for_sort_by: Option<bool>,
    pub is_visible_in_advanced_search: Option<bool>,
    pub position: Option<i64>,
    pub is_wysiwyg_enabled: Option<bool>,
    pub is_used_for_promo_rules: Option<bool>,
    pub is_used_in_grid: Option<bool>,
    pub is_visible_in_grid: Option<bool>,
    pub is_filterable_in_grid: Option<bool>,
    pub options: Option<Vec<OptionInput>>,
}

fn invalid(field: &str, value: Option<String>) -> MagentoError {
    MagentoError::input(
        magemock_core::error::messages::INVALID_FIELD_VALUE,
        Params::Named(vec![
            ("value".into(), value.into()),
            ("fieldName".into(), field.into()),
        ]),
    )
}

/// `FilterableAttributeTypes`: the inputs layered navigation can filter on.
const FILTERABLE_INPUTS: &[&str] = &[
    "select",
    "multiselect",
    "price",
    "swatch_visual",
    "swatch_text",
];

/// The backend type `Attribute::getBackendTypeByInput` gives an input.
fn backend_type_of(input: &str) -> &'static str {
    match input {
        "text" | "gallery" | "media_image" | "multiselect" | "swatch_visual" | "swatch_text" => {
            "varchar"
        }
        "image" | "textarea" | "texteditor" | "pagebuilder" => "text",
        "date" | "datetime" => "datetime",
        "select" | "boolean" => "int",
        "price" | "weight" => "decimal",
        "weee" => "static",
        _ => "varchar",
    }
}

/// `Catalog\Helper\Product::getAttributeSourceModelByInputType` / `...BackendModel...`.
fn models_of(input: &str) -> (Option<&'static str>, Option<&'static str>) {
    match input {
        "multiselect" => (
            None,
            Some("Magento\\Eav\\Model\\Entity\\Attribute\\Backend\\ArrayBackend"),
        ),
        "boolean" => (
            Some("Magento\\Eav\\Model\\Entity\\Attribute\\Source\\Boolean"),
            None,
        ),
        _ => (None, None),
    }
}

/// `Eav\Model\Validator\Attribute\Code`: letters, digits and `_`, starting with a letter, 1 to
/// 60 characters.
fn valid_code(code: &str) -> bool {
    let mut chars = code.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && code.len() <= attributes::CODE_MAX_LENGTH
}

/// `generateCode($label)`: the transliterated label with other characters as `_`, or `attr_` and
/// it when that does not make a code.
fn generate_code(label: &str) -> String {
    let key = crate::url_key::format_url_key(label);
    let code: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                c
            } else {
                '_'
            }
        })
        .take(attributes::CODE_MAX_LENGTH)
        .collect();
    let starts_ok = code.chars().next().is_some_and(|c| c.is_ascii_lowercase());
    let ends_ok = code.chars().last().is_some_and(|c| c != '_');
    if starts_ok && ends_ok && code.len() >= 2 && code.len() <= 31 {
        code
    } else {
        format!("attr_{code}")
    }
}

fn scope_of(scope: Option<&str>) -> Option<AttributeScope> {
    match scope {
        Some("store") => Some(AttributeScope::Store),
        Some("website") => Some(AttributeScope::Website),
        Some("global") => Some(AttributeScope::Global),
        _ => None,
    }
}

/// `ProductAttributeRepository::save($attribute)` (2.4.7): an `attribute_code` that exists
/// updates that attribute (code, input and user-defined flag kept); otherwise a user-defined
/// attribute is created: a label is required, the input must be known, the code (generated from
/// the label when absent) must be valid, and a sent backend type must be the input's. Options
/// of the body replace nothing: new labels are added. Returns the attribute code.
pub fn save_attribute(conn: &Connection, input: &AttributeInput) -> Result<String, MagentoError> {
    let frontend_input = input.frontend_input.clone().unwrap_or_default();
    if !FILTERABLE_INPUTS.contains(&frontend_input.as_str()) {
        if let Some(true) = input.is_filterable {
            return Err(invalid("is_filterable", Some("1".into())));
        }
        if let Some(true) = input.is_filterable_in_search {
            return Err(invalid("is_filterable_in_search", Some("1".into())));
        }
    }
    let existing = match &input.attribute_code {
        Some(code) if input.attribute_id.is_none() => get(conn, code).ok(),
        Some(code) => Some(get(conn, code)?),
        None => match input.attribute_id {
            Some(id) => meta_by_id(conn, id)?,
            None => None,
        },
    };
    let admin_label = input
        .frontend_labels
        .iter()
        .find(|(store, _)| *store == 0)
        .map(|(_, l)| l.clone());
    let label = input
        .default_frontend_label
        .clone()
        .filter(|l| !l.is_empty())
        .or(admin_label.filter(|l| !l.is_empty()));
    let id = match existing {
        Some(meta) => {
            let label = label.or(meta.attribute.label.clone());
            let scope = scope_of(input.scope.as_deref()).map(AttributeScope::is_global);
            conn.prepare_cached(
                "UPDATE eav_attribute SET frontend_label = ?1, \
                 is_required = COALESCE(?2, is_required), is_unique = COALESCE(?3, is_unique), \
                 is_global = COALESCE(?4, is_global), default_value = COALESCE(?5, default_value), \
                 note = COALESCE(?6, note), frontend_class = COALESCE(?7, frontend_class) \
                 WHERE attribute_id = ?8",
            )
            .and_then(|mut s| {
                s.execute(params![
                    label,
                    input.is_required,
                    input.is_unique,
                    scope,
                    input.default_value,
                    input.note,
                    input.frontend_class,
                    meta.attribute.id
                ])
            })
            .map_err(sql)?;
            update_flags(conn, meta.attribute.id, input)?;
            meta.attribute.id
        }
        None => {
            if input.frontend_labels.is_empty() && input.default_frontend_label.is_none() {
                return Err(MagentoError::required_field("frontend_label"));
            }
            let Some(label) = label else {
                return Err(invalid("frontend_label", None));
            };
            if !INPUT_TYPES
                .iter()
                .any(|(value, _)| *value == frontend_input)
            {
                return Err(invalid("frontend_input", Some(frontend_input)));
            }
            let code = input
                .attribute_code
                .clone()
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| generate_code(&label));
            if !valid_code(&code) {
                return Err(invalid("attribute_code", Some(code)));
            }
            let backend_type = backend_type_of(&frontend_input);
            if let Some(sent) = input.backend_type.as_deref().filter(|b| !b.is_empty())
                && sent != backend_type
            {
                return Err(invalid("backend_type", Some(sent.to_string())));
            }
            let (source_model, backend_model) = models_of(&frontend_input);
            let scope = scope_of(input.scope.as_deref()).unwrap_or(AttributeScope::Global);
            conn.prepare_cached(
                "INSERT INTO eav_attribute (entity_type_id, attribute_code, frontend_label, \
                 frontend_input, backend_type, is_required, is_user_defined, is_unique, \
                 default_value, is_global, note, frontend_class, source_model, backend_model) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    PRODUCT_ENTITY_TYPE_ID,
                    code,
                    label,
                    frontend_input,
                    backend_type,
                    input.is_required.unwrap_or(false),
                    input.is_unique.unwrap_or(false),
                    input.default_value,
                    scope.is_global(),
                    input.note,
                    input.frontend_class,
                    source_model,
                    backend_model,
                ])
            })
            .map_err(sql)?;
            let id = conn.last_insert_rowid();
            update_flags(conn, id, input)?;
            id
        }
    };
    if let Some(options) = &input.options {
        let meta = meta_by_id(conn, id)?.ok_or_else(|| no_such_attribute(""))?;
        let mut defaults = Vec::new();
        for option in options {
            let label = option.label.clone().unwrap_or_default();
            if label.trim().is_empty() {
                continue;
            }
            let known = attributes::attribute_options(conn, id)
                .map_err(|e| e.to_magento())?
                .into_iter()
                .find(|o| o.label == label || Some(o.id.to_string()) == option.value);
            let option_id = match known {
                Some(o) => o.id,
                None => insert_option(conn, &meta, &label, option.sort_order)?,
            };
            if option.is_default {
                defaults.push(option_id.to_string());
            }
        }
        if !defaults.is_empty() {
            conn.prepare_cached(
                "UPDATE eav_attribute SET default_value = ?1 WHERE attribute_id = ?2",
            )
            .and_then(|mut s| s.execute(params![defaults.join(","), id]))
            .map_err(sql)?;
        }
    }
    let code: String = conn
        .prepare_cached("SELECT attribute_code FROM eav_attribute WHERE attribute_id = ?1")
        .and_then(|mut s| s.query_row([id], |r| r.get(0)))
        .map_err(sql)?;
    Ok(code)
}

/// The catalog_eav_attribute flags of a body, written where sent.
fn update_flags(conn: &Connection, id: i64, input: &AttributeInput) -> Result<(), MagentoError> {
    let flags: [(&str, Option<bool>); 17] = [
        ("is_visible", input.is_visible),
        ("is_searchable", input.is_searchable),
        ("is_filterable", input.is_filterable),
        ("is_comparable", input.is_comparable),
        ("is_visible_on_front", input.is_visible_on_front),
        ("is_html_allowed_on_front", input.is_html_allowed_on_front),
        ("is_filterable_in_search", input.is_filterable_in_search),
        ("used_in_product_listing", input.used_in_product_listing),
        ("used_for_sort_by", input.used_for_sort_by),
        (
            "is_visible_in_advanced_search",
            input.is_visible_in_advanced_search,
        ),
        ("is_wysiwyg_enabled", input.is_wysiwyg_enabled),
        ("is_used_for_promo_rules", input.is_used_for_promo_rules),
        ("is_used_in_grid", input.is_used_in_grid),
        ("is_visible_in_grid", input.is_visible_in_grid),
        ("is_filterable_in_grid", input.is_filterable_in_grid),
        ("is_required", input.is_required),
        ("is_unique", input.is_unique),
    ];
    for (column, value) in flags {
        if let Some(v) = value {
            // The column names are this list's own constants.
            conn.prepare_cached(&format!(
                "UPDATE eav_attribute SET {column} = ?1 WHERE attribute_id = ?2"
            ))
            .and_then(|mut s| s.execute(params![v, id]))
            .map_err(sql)?;
        }
    }
    if let Some(position) = input.position {
        conn.prepare_cached("UPDATE eav_attribute SET position = ?1 WHERE attribute_id = ?2")
            .and_then(|mut s| s.execute(params![position, id]))
            .map_err(sql)?;
    }
    Ok(())
}

fn insert_option(
    conn: &Connection,
    meta: &AttributeMeta,
    label: &str,
    sort_order: Option<i64>,
) -> Result<i64, MagentoError> {
    conn.prepare_cached(
        "INSERT INTO eav_attribute_option (attribute_id, sort_order, label) VALUES (?1, ?2, ?3)",
    )
    .and_then(|mut s| s.execute(params![meta.attribute.id, sort_order.unwrap_or(0), label]))
    .map_err(sql)?;
    Ok(conn.last_insert_rowid())
}

/// `deleteById($attributeCode)` → the attribute, its options, set memberships and product
/// values go. A system attribute is refused with the message Magento gives for removing one
/// from a set, since magemock keeps some system values on the product row.
pub fn delete_attribute(conn: &Connection, code: &str) -> Result<(), MagentoError> {
    let meta = get(conn, code)?;
    if !meta.attribute.is_user_defined {
        return Err(MagentoError::new(
            ExceptionKind::Input,
            messages::SYSTEM_ATTRIBUTE,
            Params::None,
        ));
    }
    conn.prepare_cached("DELETE FROM eav_attribute WHERE attribute_id = ?1")
        .and_then(|mut s| s.execute([meta.attribute.id]))
        .map_err(sql)?;
    Ok(())
}

/// OptionManagement's `loadAttribute`: the attribute must use a source.
fn option_attribute(conn: &Connection, code: &str) -> Result<AttributeMeta, MagentoError> {
    let meta = get(conn, code)?;
    if effective_source(&meta).is_none() {
        return Err(MagentoError::new(
            ExceptionKind::Input,
            messages::NO_OPTIONS,
            Params::positional([code]),
        ));
    }
    Ok(meta)
}

/// `ProductAttributeOptionManagement::add($attributeCode, $option)` → the new option id as a
/// string.
pub fn add_option(
    conn: &Connection,
    code: &str,
    option: &OptionInput,
) -> Result<String, MagentoError> {
    let meta = option_attribute(conn, code)?;
    let raw = option.label.clone().unwrap_or_default();
    let label = raw.trim().to_string();
    if label.is_empty() {
        return Err(MagentoError::input(
            messages::OPTION_LABEL_EMPTY,
            Params::None,
        ));
    }
    let taken = attributes::attribute_options(conn, meta.attribute.id)
        .map_err(|e| e.to_magento())?
        .iter()
        .any(|o| o.label == label);
    if taken {
        return Err(MagentoError::input(
            messages::OPTION_LABEL_EXISTS,
            Params::positional([raw]),
        ));
    }
    let id = insert_option(conn, &meta, &label, option.sort_order)?;
    if option.is_default {
        conn.prepare_cached("UPDATE eav_attribute SET default_value = ?1 WHERE attribute_id = ?2")
            .and_then(|mut s| s.execute(params![id.to_string(), meta.attribute.id]))
            .map_err(sql)?;
    }
    Ok(id.to_string())
}

/// `ProductAttributeOptionManagement::delete($attributeCode, $optionId)` → `true`.
pub fn delete_option(conn: &Connection, code: &str, option_id: &str) -> Result<(), MagentoError> {
    let meta = option_attribute(conn, code)?;
    let found = attributes::attribute_options(conn, meta.attribute.id)
        .map_err(|e| e.to_magento())?
        .into_iter()
        .find(|o| o.id.to_string() == option_id);
    let Some(option) = found else {
        return Err(MagentoError::new(
            ExceptionKind::NoSuchEntity,
            messages::NO_SUCH_OPTION,
            Params::positional([code, option_id]),
        ));
    };
    conn.prepare_cached("DELETE FROM eav_attribute_option WHERE option_id = ?1")
        .and_then(|mut s| s.execute([option.id]))
        .map_err(sql)?;
    Ok(())
}

/// AttributeSetInterface's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetView {
    pub id: i64,
    pub name: String,
    pub sort_order: i64,
    pub entity_type_id: i64,
}

fn set_row(r: &Row<'_>) -> rusqlite::Result<SetView> {
    Ok(SetView {
        id: r.get(0)?,
        name: r.get(1)?,
        sort_order: r.get(2)?,
        entity_type_id: r.get(3)?,
    })
}

const SET_SELECT: &str = "SELECT s.attribute_set_id, s.attribute_set_name, s.sort_order, \
    s.entity_type_id FROM eav_attribute_set s";

pub fn set_by_id(conn: &Connection, id: i64) -> Result<Option<SetView>, MagentoError> {
    conn.prepare_cached(&format!("{SET_SELECT} WHERE s.attribute_set_id = ?1"))
        .and_then(|mut s| s.query_row([id], set_row))
        .optional()
        .map_err(sql)
}

/// `Catalog AttributeSetRepository::get($attributeSetId)`: `No such entity with id = <id>`, and a
/// set of another entity type is not a product set.
pub fn get_set(conn: &Connection, id: i64) -> Result<SetView, MagentoError> {
    let set = set_by_id(conn, id)?.ok_or_else(|| MagentoError::no_such_entity("id", id))?;
    if set.entity_type_id != PRODUCT_ENTITY_TYPE_ID {
        return Err(MagentoError::input(
            messages::NOT_A_PRODUCT_SET,
            Params::None,
        ));
    }
    Ok(set)
}

fn set_column(field: &str) -> Result<String, MagentoError> {
    match field {
        "attribute_set_id" | "attribute_set_name" | "sort_order" | "entity_type_id" => {
            Ok(format!("s.{field}"))
        }
        "entity_type_code" => Ok("(SELECT entity_type_code FROM eav_entity_type t \
                                  WHERE t.entity_type_id = s.entity_type_id)"
            .to_string()),
        other => Err(MagentoError::internal(format!(
            "SQLSTATE[42S22]: Column not found: 1054 Unknown column '{other}' in 'where clause'"
        ))),
    }
}

/// `Catalog AttributeSetRepository::getList`: the product sets matching the criteria.
pub fn search_sets(
    conn: &Connection,
    criteria: &SearchCriteria,
) -> Result<(Vec<i64>, i64), MagentoError> {
    search_table(
        conn,
        criteria,
        &format!("FROM eav_attribute_set s WHERE s.entity_type_id = {PRODUCT_ENTITY_TYPE_ID}"),
        "s.attribute_set_id",
        &set_column,
    )
}

/// `ProductAttributeManagement::getAttributes($attributeSetId)`: an unknown set is `No such
/// entity with id`, another entity type's set `No such entity with attributeSetId`; the set's
/// attributes in their sort order.
pub fn set_attributes(conn: &Connection, set_id: i64) -> Result<Vec<AttributeMeta>, MagentoError> {
    let set = set_by_id(conn, set_id)?.ok_or_else(|| MagentoError::no_such_entity("id", set_id))?;
    if set.entity_type_id != PRODUCT_ENTITY_TYPE_ID {
        return Err(MagentoError::no_such_entity("attributeSetId", set_id));
    }
    let mut out = Vec::new();
    for attribute in attributes::set_attributes(conn, set_id).map_err(|e| e.to_magento())? {
        if let Some(meta) = meta_by_id(conn, attribute.id)? {
            out.push(meta);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_code(label: &str, expected: &str) {
        assert_eq!(generate_code(label), expected, "{label}");
    }

    /// Catalog/Model/Product/Attribute/Repository.php `generateCode`: transliterated, `_` for
    /// anything else, `attr_` in front of what does not make a code.
    #[test]
    fn codes_generated_from_labels() {
        check_code("Gift Wrap", "gift_wrap");
        check_code("Größe", "grosse");
        check_code("2nd Colour", "attr_2nd_colour");
    }

    /// Eav/Model/Validator/Attribute/Code.php.
    #[test]
    fn attribute_code_rule() {
        for ok in ["color", "Color2", "a_b_c", "x"] {
            assert!(valid_code(ok), "{ok}");
        }
        for bad in ["", "1x", "_x", "a-b", "a b", &"a".repeat(61)] {
            assert!(!valid_code(bad), "{bad}");
        }
    }

    /// Eav/Model/Entity/Attribute.php `getBackendTypeByInput` and Catalog's helper models.
    #[test]
    fn storage_by_input() {
        assert_eq!(backend_type_of("multiselect"), "varchar");
        assert_eq!(backend_type_of("select"), "int");
        assert_eq!(backend_type_of("price"), "decimal");
        assert_eq!(backend_type_of("textarea"), "text");
        assert_eq!(
            models_of("multiselect").1,
            Some("Magento\\Eav\\Model\\Entity\\Attribute\\Backend\\ArrayBackend")
        );
        assert_eq!(models_of("select"), (None, None));
    }

    /// `meta_row` reads the shared part with `attributes::attribute_row`, by position.
    #[test]
    fn meta_columns_begin_with_the_attribute_columns() {
        assert!(META_COLUMNS.starts_with(crate::attributes::ATTRIBUTE_COLUMNS));
    }
}
