//! The customer group service: `GroupRepository` (`getById`, `getList`, `save`, `deleteById`)
//! and `GroupManagement` (`getDefaultGroup`, `isReadonly`), as
//! app/code/Magento/Customer/Model/ResourceModel/GroupRepository.php,
//! Model/GroupManagement.php, Model/GroupRegistry.php and Model/ResourceModel/Group.php
//! (`_afterDelete`: the group's customers move to the default group) do them.

use magemock_core::search_criteria::{FieldSql, Filter, FilterStyle, SearchCriteria};
use magemock_core::{ExceptionKind, MagentoError, Params, ToMagentoError};
use rusqlite::{Connection, OptionalExtension, params};

use crate::customer_groups::{DEFAULT_GROUP_ID, RETAIL_CUSTOMER_TAX_CLASS_ID};
use crate::error::{CatalogError, Existing};

/// Magento's phrases, verbatim.
pub mod messages {
    /// GroupRepository.php `deleteById` (StateException, 400).
    pub const CANNOT_DELETE: &str = "Cannot delete group.";
}

/// `GroupManagement::NOT_LOGGED_IN_ID`.
pub const NOT_LOGGED_IN_ID: i64 = 0;

/// GroupInterface's data: `tax_class_name` comes from the tax class (`Group::getTaxClassName`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupView {
    pub id: i64,
    pub code: String,
    pub tax_class_id: i64,
    pub tax_class_name: Option<String>,
}

/// A GroupInterface body; `None` is "not sent".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupInput {
    pub id: Option<i64>,
    pub code: Option<String>,
    pub tax_class_id: Option<i64>,
}

fn sql(e: rusqlite::Error) -> MagentoError {
    CatalogError::from(e).to_magento()
}

const SELECT: &str = "SELECT g.customer_group_id, g.customer_group_code, g.tax_class_id, \
    t.class_name FROM customer_group g LEFT JOIN tax_class t ON t.class_id = g.tax_class_id";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<GroupView> {
    Ok(GroupView {
        id: r.get(0)?,
        code: r.get(1)?,
        tax_class_id: r.get(2)?,
        tax_class_name: r.get(3)?,
    })
}

pub fn group(conn: &Connection, id: i64) -> Result<Option<GroupView>, MagentoError> {
    conn.prepare_cached(&format!("{SELECT} WHERE g.customer_group_id = ?1"))
        .and_then(|mut s| s.query_row([id], row))
        .optional()
        .map_err(sql)
}

/// `GroupRegistry::retrieve`: `No such entity with groupId = <id>`.
pub fn get_by_id(conn: &Connection, id: i64) -> Result<GroupView, MagentoError> {
    group(conn, id)?.ok_or_else(|| MagentoError::no_such_entity("groupId", id))
}

/// `Group::usesAsDefault`: the group is some store's `customer/create_account/default_group`.
fn uses_as_default(id: i64) -> bool {
    id == DEFAULT_GROUP_ID
}

/// `GroupManagement::isReadonly($groupId)`.
pub fn is_readonly(conn: &Connection, id: i64) -> Result<bool, MagentoError> {
    get_by_id(conn, id)?;
    Ok(id == NOT_LOGGED_IN_ID || uses_as_default(id))
}

/// `GroupManagement::getDefaultGroup($storeId)`: an unknown store is
/// `No such entity with storeId = <id>`.
pub fn default_group(conn: &Connection, store_id: i64) -> Result<GroupView, MagentoError> {
    let known: bool = conn
        .prepare_cached("SELECT EXISTS(SELECT 1 FROM store WHERE store_id = ?1)")
        .and_then(|mut s| s.query_row([store_id], |r| r.get(0)))
        .map_err(sql)?;
    if !known {
        return Err(MagentoError::no_such_entity("storeId", store_id));
    }
    group(conn, DEFAULT_GROUP_ID)?.ok_or_else(|| {
        MagentoError::new(
            ExceptionKind::NoSuchEntity,
            magemock_core::error::messages::NO_SUCH_ENTITY_DOUBLE,
            // The group id comes from config, a string.
            Params::Named(vec![
                ("fieldName".into(), "groupId".into()),
                ("fieldValue".into(), DEFAULT_GROUP_ID.to_string().into()),
                ("field2Name".into(), "storeId".into()),
                ("field2Value".into(), store_id.into()),
            ]),
        )
    })
}

/// `_verifyTaxClassModel`: the class must exist and be a customer class, else
/// `Invalid value of "<sent>" provided for the taxClassId field.`.
fn verify_tax_class(
    conn: &Connection,
    tax_class_id: Option<i64>,
    sent: Option<i64>,
) -> Result<(), MagentoError> {
    let class_type: Option<String> = match tax_class_id {
        Some(id) => conn
            .prepare_cached("SELECT class_type FROM tax_class WHERE class_id = ?1")
            .and_then(|mut s| s.query_row([id], |r| r.get(0)))
            .optional()
            .map_err(sql)?,
        None => None,
    };
    if class_type.as_deref() == Some("CUSTOMER") {
        return Ok(());
    }
    Err(MagentoError::input(
        magemock_core::error::messages::INVALID_FIELD_VALUE,
        Params::Named(vec![
            ("value".into(), sent.into()),
            ("fieldName".into(), "taxClassId".into()),
        ]),
    ))
}

/// `GroupRepository::save`: `code` is required; a new group's tax class defaults to 3 (Retail
/// Customer); an existing group (an `id`, 0 included) is checked for its sent tax class first,
/// then looked up, then has the sent fields written over it. A taken code is `Customer Group
/// already exists.`. Returns the group id.
pub fn save_group(conn: &Connection, input: &GroupInput) -> Result<i64, MagentoError> {
    let code = input.code.clone().unwrap_or_default();
    if code.is_empty() {
        return Err(MagentoError::required_field("code"));
    }
    let taken = |id: Option<i64>| -> Result<bool, MagentoError> {
        conn.prepare_cached(
            "SELECT EXISTS(SELECT 1 FROM customer_group WHERE customer_group_code = ?1 \
             AND customer_group_id IS NOT ?2)",
        )
        .and_then(|mut s| s.query_row(params![code, id], |r| r.get(0)))
        .map_err(sql)
    };
    let duplicate =
        || CatalogError::AlreadyExists(Existing::CustomerGroup(code.clone())).to_magento();
    match input.id {
        Some(id) => {
            verify_tax_class(conn, input.tax_class_id, input.tax_class_id)?;
            get_by_id(conn, id)?;
            if taken(Some(id))? {
                return Err(duplicate());
            }
            conn.prepare_cached(
                "UPDATE customer_group SET customer_group_code = ?1, tax_class_id = ?2 \
                 WHERE customer_group_id = ?3",
            )
            .and_then(|mut s| s.execute(params![code, input.tax_class_id, id]))
            .map_err(sql)?;
            Ok(id)
        }
        None => {
            let tax_class_id = input
                .tax_class_id
                .filter(|t| *t != 0)
                .unwrap_or(RETAIL_CUSTOMER_TAX_CLASS_ID);
            verify_tax_class(conn, Some(tax_class_id), input.tax_class_id)?;
            if taken(None)? {
                return Err(duplicate());
            }
            conn.prepare_cached(
                "INSERT INTO customer_group (customer_group_code, tax_class_id) VALUES (?1, ?2)",
            )
            .and_then(|mut s| s.execute(params![code, tax_class_id]))
            .map_err(sql)?;
            Ok(conn.last_insert_rowid())
        }
    }
}

/// `GroupRepository::deleteById($id)`: NOT LOGGED IN (and any id ≤ 0) and a store's default
/// group cannot go; the group's customers move to the default group.
pub fn delete_group(conn: &Connection, id: i64, now: &str) -> Result<(), MagentoError> {
    get_by_id(conn, id)?;
    if id <= NOT_LOGGED_IN_ID || uses_as_default(id) {
        return Err(MagentoError::input(messages::CANNOT_DELETE, Params::None));
    }
    conn.prepare_cached(
        "UPDATE customer_entity SET group_id = ?1, updated_at = ?2 WHERE group_id = ?3",
    )
    .and_then(|mut s| s.execute(params![DEFAULT_GROUP_ID, now, id]))
    .map_err(sql)?;
    conn.prepare_cached("DELETE FROM customer_group WHERE customer_group_id = ?1")
        .and_then(|mut s| s.execute([id]))
        .map_err(sql)?;
    Ok(())
}

/// `translateField`: the interface names of the group collection's columns; any other name is
/// used as a column as it is, and an unknown column fails in SQL (a masked 500 in Magento).
fn column(field: &str) -> Result<String, MagentoError> {
    Ok(match field {
        "code" | "customer_group_code" => "g.customer_group_code".into(),
        "id" | "customer_group_id" => "g.customer_group_id".into(),
        "tax_class_name" | "class_name" => "t.class_name".into(),
        "tax_class_id" => "g.tax_class_id".into(),
        "class_id" => "t.class_id".into(),
        "class_type" => "t.class_type".into(),
        other => {
            return Err(MagentoError::internal(format!(
                "SQLSTATE[42S22]: Column not found: 1054 Unknown column '{other}' in 'where clause'"
            )));
        }
    })
}

/// `GroupRepository::getList`: matching group ids in order (by id when no sort order is given),
/// and the total.
pub fn search_groups(
    conn: &Connection,
    criteria: &SearchCriteria,
) -> Result<(Vec<i64>, i64), MagentoError> {
    let filter =
        |f: &Filter| -> Result<FieldSql, MagentoError> { Ok(FieldSql::Column(column(&f.field)?)) };
    let sort = |field: &str| column(field);
    let query = criteria.to_sql_with(FilterStyle::Flat, &filter, &sort)?;
    let from = "FROM customer_group g LEFT JOIN tax_class t ON t.class_id = g.tax_class_id";
    let total: i64 = conn
        .prepare_cached(&format!("SELECT COUNT(*) {from} {}", query.where_clause()))
        .and_then(|mut s| {
            s.query_row(rusqlite::params_from_iter(query.params.iter()), |r| {
                r.get(0)
            })
        })
        .map_err(sql)?;
    let order = if query.order_sql.is_empty() {
        "ORDER BY g.customer_group_id ASC".to_string()
    } else {
        query.order_sql.clone()
    };
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT g.customer_group_id {from} {} {order} {}",
            query.where_clause(),
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
