//! Category writes: `CategoryRepository::save` and `deleteByIdentifier`,
//! `CategoryManagement::move`, and the category's product links
//! (`CategoryLinkManagement::getAssignedProducts`, `CategoryLinkRepository::save`,
//! `deleteByIds`). Sources (2.4): app/code/Magento/Catalog/Model/CategoryRepository.php,
//! Model/CategoryManagement.php, Model/Category.php (`move`, `beforeDelete`),
//! Model/ResourceModel/Category.php (`_beforeSave`, `_beforeDelete`, `deleteChildren`,
//! `changeParent`, `_processPositions`, `isForbiddenToDelete`),
//! Model/CategoryLinkManagement.php, Model/CategoryLinkRepository.php,
//! Eav/Model/Entity/Attribute/Backend/AbstractBackend.php (`validate`).
//!
//! Values are written globally (store 0) whatever the store of the call.

use magemock_core::{ExceptionKind, MagentoError, Params, ToMagentoError};
use rusqlite::{Connection, OptionalExtension, params};

use crate::categories::{self, Category, NewCategory};
use crate::error::{CatalogError, Existing};
use crate::products;
use crate::sku::Sku;
use crate::url_key::format_url_key;

/// Magento's phrases, verbatim.
pub mod messages {
    /// CategoryRepository.php `save` (CouldNotSaveException, 400), around the cause's text.
    pub const COULD_NOT_SAVE: &str = "Could not save category: %1";
    /// Eav/Model/Entity/Attribute/Backend/AbstractBackend.php `validate`, with the attribute's
    /// label.
    pub const ATTRIBUTE_EMPTY: &str =
        "The \"%1\" attribute value is empty. Set the attribute and try again.";
    /// CategoryRepository.php `delete` (StateException, 400), around `Model/Category.php`
    /// `beforeDelete`'s "Can't delete root category.".
    pub const CANNOT_DELETE: &str = "Cannot delete category with id %1";
    /// CategoryManagement.php `move`.
    pub const MOVE_INTO_CHILD: &str =
        "Operation do not allow to move a parent category to any of children category";
    pub const COULD_NOT_MOVE: &str = "Could not move category";
    /// CategoryLinkRepository.php `deleteByIds` (InputException, 400).
    pub const NOT_IN_CATEGORY: &str = "The category doesn't contain the specified product.";
    /// app/code/Magento/UrlRewrite/Model/Storage/DbStorage.php (UrlAlreadyExistsException).
    pub const URL_KEY_EXISTS: &str = "URL key for specified store already exists.";
}

/// A CategoryInterface body; `None` is "not sent".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CategoryInput {
    pub id: Option<i64>,
    pub parent_id: Option<i64>,
    pub name: Option<String>,
    pub is_active: Option<bool>,
    pub position: Option<i64>,
    pub include_in_menu: Option<bool>,
    /// The `url_key` custom attribute.
    pub url_key: Option<String>,
}

fn sql(e: rusqlite::Error) -> MagentoError {
    CatalogError::from(e).to_magento()
}

fn cat(e: CatalogError) -> MagentoError {
    e.to_magento()
}

/// `CategoryRepository::get`: `No such entity with id = <id>`.
pub fn get(conn: &Connection, id: i64) -> Result<Category, MagentoError> {
    categories::category_by_id(conn, id)
        .map_err(cat)?
        .ok_or_else(|| MagentoError::no_such_entity("id", id))
}

/// `save`'s CouldNotSaveException around the cause's rendered text.
fn could_not_save(cause: &str) -> MagentoError {
    MagentoError::input(messages::COULD_NOT_SAVE, Params::positional([cause]))
}

/// The required-attribute check of `validateCategory`: name, then is_active (both required
/// category attributes without a default, in attribute order).
fn check_required(name: Option<&str>, is_active: Option<bool>) -> Result<(), MagentoError> {
    let empty = |label: &str| {
        could_not_save(&Params::positional([label]).render(messages::ATTRIBUTE_EMPTY))
    };
    if name.is_none_or(str::is_empty) {
        return Err(empty("Name"));
    }
    if is_active.is_none() {
        return Err(empty("Is Active"));
    }
    Ok(())
}

/// A sibling with the same URL key: CatalogUrlRewrite's rewrite for the same request path.
fn check_url_key(
    conn: &Connection,
    parent_id: i64,
    key: &str,
    except: Option<i64>,
) -> Result<(), MagentoError> {
    let taken: bool = conn
        .prepare_cached(
            "SELECT EXISTS(SELECT 1 FROM catalog_category_entity WHERE parent_id = ?1 \
             AND url_key = ?2 AND entity_id IS NOT ?3)",
        )
        .and_then(|mut s| s.query_row(params![parent_id, key, except], |r| r.get(0)))
        .map_err(sql)?;
    if taken {
        return Err(could_not_save(messages::URL_KEY_EXISTS));
    }
    Ok(())
}

/// `save($category)`: with an `id` the stored category gets the sent fields (path, level and
/// parent are ignored: moving is `move`); without one a category is created under `parent_id`,
/// else under the store's root category (`store_root`, 0 for the admin store, which is no
/// category). Returns the category id.
pub fn save_category(
    conn: &Connection,
    input: &CategoryInput,
    store_root: i64,
    now: &str,
) -> Result<i64, MagentoError> {
    match input.id {
        Some(id) => {
            let current = get(conn, id)?;
            let name = input.name.clone().or(current.name.clone());
            check_required(
                name.as_deref(),
                Some(input.is_active.unwrap_or(current.is_active)),
            )?;
            let url_key = input
                .url_key
                .as_deref()
                .map(format_url_key)
                .filter(|k| !k.is_empty());
            if let Some(key) = &url_key {
                check_url_key(conn, current.parent_id, key, Some(id))?;
            }
            conn.prepare_cached(
                "UPDATE catalog_category_entity SET name = ?1, \
                 is_active = COALESCE(?2, is_active), position = COALESCE(?3, position), \
                 include_in_menu = COALESCE(?4, include_in_menu), \
                 url_key = COALESCE(?5, url_key), updated_at = ?6 WHERE entity_id = ?7",
            )
            .and_then(|mut s| {
                s.execute(params![
                    name,
                    input.is_active,
                    input.position,
                    input.include_in_menu,
                    url_key,
                    now,
                    id
                ])
            })
            .map_err(sql)?;
            Ok(id)
        }
        None => {
            let parent_id = input.parent_id.filter(|p| *p != 0).unwrap_or(store_root);
            get(conn, parent_id)?;
            check_required(input.name.as_deref(), input.is_active)?;
            let name = input.name.clone().unwrap_or_default();
            let key = format_url_key(input.url_key.as_deref().unwrap_or(&name));
            if !key.is_empty() {
                check_url_key(conn, parent_id, &key, None)?;
            }
            categories::insert_category(
                conn,
                &NewCategory {
                    id: None,
                    parent_id,
                    name,
                    position: input.position,
                    is_active: input.is_active.unwrap_or(true),
                    // `include_in_menu` defaults to 1 (CategorySetup `default`).
                    include_in_menu: input.include_in_menu.unwrap_or(true),
                    url_key: input.url_key.clone(),
                },
                now,
            )
            .map_err(|e| match e {
                CatalogError::AlreadyExists(Existing::Category(_)) => cat(e),
                other => {
                    let m = other.to_magento();
                    could_not_save(&m.params.render(&m.message))
                }
            })
        }
    }
}

/// `Category\Resource::isForbiddenToDelete`: a store group's root category.
fn is_store_root(conn: &Connection, id: i64) -> Result<bool, MagentoError> {
    conn.prepare_cached("SELECT EXISTS(SELECT 1 FROM store_group WHERE root_category_id = ?1)")
        .and_then(|mut s| s.query_row([id], |r| r.get(0)))
        .map_err(sql)
}

/// `deleteByIdentifier($categoryId)`: a store's root cannot go (`Cannot delete category with id
/// <id>`); otherwise the category and every category below it go (`deleteChildren`), their
/// product links with them, and the ancestors' `children_count` drops by all of them.
pub fn delete_category(conn: &Connection, id: i64) -> Result<(), MagentoError> {
    let category = get(conn, id)?;
    if is_store_root(conn, id)? {
        // `$category->getId()` as loaded: a string.
        return Err(MagentoError::new(
            ExceptionKind::Input,
            messages::CANNOT_DELETE,
            Params::positional([id.to_string()]),
        ));
    }
    let removed = category.children_count + 1;
    let ancestors: Vec<i64> = category
        .path
        .split('/')
        .filter_map(|s| s.parse::<i64>().ok())
        .filter(|a| *a != id)
        .collect();
    for ancestor in ancestors {
        conn.prepare_cached(
            "UPDATE catalog_category_entity SET children_count = children_count - ?1 \
             WHERE entity_id = ?2",
        )
        .and_then(|mut s| s.execute(params![removed, ancestor]))
        .map_err(sql)?;
    }
    conn.prepare_cached(
        "DELETE FROM catalog_category_entity WHERE path = ?1 OR path LIKE ?1 || '/%'",
    )
    .and_then(|mut s| s.execute([&category.path]))
    .map_err(sql)?;
    Ok(())
}

/// `CategoryManagement::move($categoryId, $parentId, $afterId = null)`: `afterId` is the
/// sibling to come after (the parent's last child when absent or numerically greater than the
/// last child's id); a parent whose path starts with the category's path (itself, a
/// descendant, or a category whose id merely extends the digits) is refused. The category takes
/// the position after `afterId` (1 without one), later siblings shift, and the subtree's paths
/// and levels follow.
pub fn move_category(
    conn: &Connection,
    id: i64,
    parent_id: i64,
    after_id: Option<i64>,
) -> Result<(), MagentoError> {
    let category = get(conn, id)?;
    let parent = get(conn, parent_id)?;
    let siblings = categories::children(conn, parent.id).map_err(cat)?;
    let after_id = match siblings.last() {
        Some(last) => match after_id {
            Some(a) if a <= last.id => Some(a),
            _ => Some(last.id),
        },
        None => after_id,
    };
    if parent.path.starts_with(&category.path) {
        return Err(MagentoError::input(messages::MOVE_INTO_CHILD, Params::None));
    }
    let moved = category.children_count + 1;
    let old_ancestors: Vec<i64> = ids_of(&category.path)
        .into_iter()
        .filter(|a| *a != id)
        .collect();
    for ancestor in old_ancestors {
        conn.prepare_cached(
            "UPDATE catalog_category_entity SET children_count = children_count - ?1 \
             WHERE entity_id = ?2",
        )
        .and_then(|mut s| s.execute(params![moved, ancestor]))
        .map_err(sql)?;
    }
    for ancestor in ids_of(&parent.path) {
        conn.prepare_cached(
            "UPDATE catalog_category_entity SET children_count = children_count + ?1 \
             WHERE entity_id = ?2",
        )
        .and_then(|mut s| s.execute(params![moved, ancestor]))
        .map_err(sql)?;
    }
    // _processPositions
    conn.prepare_cached(
        "UPDATE catalog_category_entity SET position = position - 1 \
         WHERE parent_id = ?1 AND position > ?2",
    )
    .and_then(|mut s| s.execute(params![category.parent_id, category.position]))
    .map_err(sql)?;
    let position = match after_id.filter(|a| *a != 0) {
        Some(after) => {
            let after_position: Option<i64> = conn
                .prepare_cached("SELECT position FROM catalog_category_entity WHERE entity_id = ?1")
                .and_then(|mut s| s.query_row([after], |r| r.get(0)))
                .optional()
                .map_err(sql)?;
            after_position.unwrap_or(0) + 1
        }
        None => 1,
    };
    conn.prepare_cached(
        "UPDATE catalog_category_entity SET position = position + 1 \
         WHERE parent_id = ?1 AND position >= ?2",
    )
    .and_then(|mut s| s.execute(params![parent.id, position]))
    .map_err(sql)?;
    let new_path = format!("{}/{id}", parent.path);
    let new_level = parent.level + 1;
    conn.prepare_cached(
        "UPDATE catalog_category_entity SET path = ?1 || substr(path, ?2), level = level + ?3 \
         WHERE path LIKE ?4 || '/%'",
    )
    .and_then(|mut s| {
        s.execute(params![
            new_path,
            i64::try_from(category.path.len()).unwrap_or(i64::MAX) + 1,
            new_level - category.level,
            category.path
        ])
    })
    .map_err(sql)?;
    conn.prepare_cached(
        "UPDATE catalog_category_entity SET path = ?1, level = ?2, position = ?3, parent_id = ?4 \
         WHERE entity_id = ?5",
    )
    .and_then(|mut s| s.execute(params![new_path, new_level, position, parent.id, id]))
    .map_err(sql)?;
    Ok(())
}

fn ids_of(path: &str) -> Vec<i64> {
    path.split('/')
        .filter_map(|s| s.parse::<i64>().ok())
        .collect()
}

/// One CategoryProductLinkInterface: `sku`, `position`, `category_id` (a string).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignedProduct {
    pub sku: String,
    pub position: i64,
    pub category_id: i64,
}

/// `getAssignedProducts($categoryId)`: the category's product links in product id order.
pub fn assigned_products(
    conn: &Connection,
    category_id: i64,
) -> Result<Vec<AssignedProduct>, MagentoError> {
    get(conn, category_id)?;
    let mut stmt = conn
        .prepare_cached(
            "SELECT p.sku, cp.position FROM catalog_category_product cp \
             JOIN catalog_product_entity p ON p.entity_id = cp.product_id \
             WHERE cp.category_id = ?1 ORDER BY p.entity_id",
        )
        .map_err(sql)?;
    let rows = stmt
        .query_map([category_id], |r| {
            Ok(AssignedProduct {
                sku: r.get(0)?,
                position: r.get(1)?,
                category_id,
            })
        })
        .map_err(sql)?;
    rows.collect::<Result<_, _>>().map_err(sql)
}

/// `ProductRepository::get`'s 404 for a SKU.
fn product_id(conn: &Connection, sku: &str) -> Result<i64, MagentoError> {
    let not_found = || {
        MagentoError::new(
            ExceptionKind::NoSuchEntity,
            "The product that was requested doesn't exist. Verify the product and try again.",
            Params::None,
        )
    };
    let Ok(sku) = Sku::try_from(sku) else {
        return Err(not_found());
    };
    products::product_by_sku(conn, &sku)
        .map_err(cat)?
        .map(|p| p.id)
        .ok_or_else(not_found)
}

/// `CategoryLinkRepository::save($productLink)` → `true`: the category (`No such entity with
/// id`) and product (404) must exist; the link is added or its position replaced.
pub fn save_link(
    conn: &Connection,
    category_id: Option<i64>,
    sku: &str,
    position: Option<i64>,
) -> Result<(), MagentoError> {
    let category = match category_id {
        Some(id) => get(conn, id)?,
        // `categoryRepository->get(null)`: the 404 names an empty id.
        None => {
            return Err(MagentoError::no_such_entity("id", None::<i64>));
        }
    };
    let product = product_id(conn, sku)?;
    conn.prepare_cached(
        "INSERT INTO catalog_category_product (category_id, product_id, position) \
         VALUES (?1, ?2, ?3) \
         ON CONFLICT (category_id, product_id) DO UPDATE SET position = excluded.position",
    )
    .and_then(|mut s| s.execute(params![category.id, product, position.unwrap_or(0)]))
    .map_err(sql)?;
    Ok(())
}

/// `deleteByIds($categoryId, $sku)` → `true`.
pub fn delete_link(conn: &Connection, category_id: i64, sku: &str) -> Result<(), MagentoError> {
    get(conn, category_id)?;
    let product = product_id(conn, sku)?;
    let removed = conn
        .prepare_cached(
            "DELETE FROM catalog_category_product WHERE category_id = ?1 AND product_id = ?2",
        )
        .and_then(|mut s| s.execute(params![category_id, product]))
        .map_err(sql)?;
    if removed == 0 {
        return Err(MagentoError::input(messages::NOT_IN_CATEGORY, Params::None));
    }
    Ok(())
}
