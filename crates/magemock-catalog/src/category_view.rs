//! Categories as the category API reads them: one category with its direct children
//! (`CategoryRepository::get`), the tree of `CategoryManagement::getTree` with Magento's anchor
//! product counts, and `CategoryList::getList` over searchCriteria.

use magemock_core::search_criteria::{FieldSql, Filter, FilterStyle, SearchCriteria};
use magemock_core::{MagentoError, Params};
use rusqlite::{Connection, params};

use crate::categories::{self, Category};
use crate::error::CatalogError;

/// A category with what CategoryInterface prints beyond the row.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryView {
    pub category: Category,
    /// Direct children in tree order (`Category::getChildren`).
    pub children: Vec<i64>,
    /// `url_path`: the URL keys from below the store root down to this category.
    pub url_path: Option<String>,
}

/// One node of `CategoryTreeInterface`.
#[derive(Debug, Clone, PartialEq)]
pub struct TreeNode {
    pub category: Category,
    /// Products in this category and every category below it (every category is an anchor).
    pub product_count: i64,
    pub children: Vec<TreeNode>,
}

pub fn category_view(conn: &Connection, id: i64) -> Result<Option<CategoryView>, CatalogError> {
    let Some(category) = categories::category_by_id(conn, id)? else {
        return Ok(None);
    };
    let children = categories::children(conn, id)?
        .into_iter()
        .map(|c| c.id)
        .collect();
    let url_path = url_path(conn, &category)?;
    Ok(Some(CategoryView {
        category,
        children,
        url_path,
    }))
}

/// `url_path` as CatalogUrlRewrite builds it: the parent's path and this key, for categories
/// below the root categories (levels 2+).
fn url_path(conn: &Connection, category: &Category) -> Result<Option<String>, CatalogError> {
    if category.level < 2 {
        return Ok(None);
    }
    let mut keys = Vec::new();
    for id in category
        .path
        .split('/')
        .filter_map(|s| s.parse::<i64>().ok())
    {
        if let Some(c) = categories::category_by_id(conn, id)?
            && c.level >= 2
            && let Some(key) = c.url_key
        {
            keys.push(key);
        }
    }
    Ok((!keys.is_empty()).then(|| keys.join("/")))
}

/// The subtree under `root_id`, `depth` levels below it (`None`: all of them).
pub fn tree(
    conn: &Connection,
    root_id: i64,
    depth: Option<i64>,
) -> Result<Option<TreeNode>, CatalogError> {
    let Some(root) = categories::category_by_id(conn, root_id)? else {
        return Ok(None);
    };
    Ok(Some(node(conn, root, depth)?))
}

fn node(
    conn: &Connection,
    category: Category,
    depth: Option<i64>,
) -> Result<TreeNode, CatalogError> {
    let product_count = anchor_count(conn, &category)?;
    let children = match depth {
        Some(d) if d <= 0 => Vec::new(),
        _ => categories::children(conn, category.id)?
            .into_iter()
            .map(|c| node(conn, c, depth.map(|d| d - 1)))
            .collect::<Result<_, _>>()?,
    };
    Ok(TreeNode {
        category,
        product_count,
        children,
    })
}

/// Distinct products linked to the category or any of its descendants.
fn anchor_count(conn: &Connection, category: &Category) -> Result<i64, CatalogError> {
    Ok(conn
        .prepare_cached(
            "SELECT COUNT(DISTINCT cp.product_id) FROM catalog_category_product cp \
         JOIN catalog_category_entity c ON c.entity_id = cp.category_id \
         WHERE c.path = ?1 OR c.path LIKE ?1 || '/%'",
        )
        .and_then(|mut s| s.query_row(params![category.path], |r| r.get(0)))?)
}

/// Category fields a searchCriteria may name: the columns kept on the row.
const FIELDS: &[&str] = &[
    "entity_id",
    "parent_id",
    "path",
    "position",
    "level",
    "children_count",
    "name",
    "is_active",
    "include_in_menu",
    "url_key",
    "created_at",
    "updated_at",
];

fn column(field: &str, template: &'static str) -> Result<String, MagentoError> {
    if FIELDS.contains(&field) {
        Ok(format!("c.{field}"))
    } else {
        Err(MagentoError::input(template, Params::positional([field])))
    }
}

/// `CategoryList::getList`: matching category ids for the page asked for, and the total.
/// The hidden tree root (id 1) is a category like any other here, as in Magento's collection.
pub fn search_categories(
    conn: &Connection,
    criteria: &SearchCriteria,
) -> Result<(Vec<i64>, i64), MagentoError> {
    use crate::product_search::messages::{INVALID_ATTRIBUTE_NAME, INVALID_ATTRIBUTE_REQUESTED};
    let filter = |f: &Filter| -> Result<FieldSql, MagentoError> {
        Ok(FieldSql::Column(column(&f.field, INVALID_ATTRIBUTE_NAME)?))
    };
    let sort = |field: &str| column(field, INVALID_ATTRIBUTE_REQUESTED);
    let query = criteria.to_sql_with(FilterStyle::Eav, &filter, &sort)?;
    crate::list_query::page_of_ids(conn, "catalog_category_entity c", "c.entity_id", &query)
}
