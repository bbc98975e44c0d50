//! The lookups migration 0007 indexes must not scan: their query plans, and the store-view
//! shortcut of a products search sorted by name.

use magemock_core::search_criteria::{
    Condition, Direction, Filter, FilterGroup, SearchCriteria, SortOrder,
};
use rusqlite::Connection;

use crate::attributes::DEFAULT_PRODUCT_ATTRIBUTE_SET_ID;
use crate::list_query::page_sql;
use crate::product_search::{PRODUCT_ID, PRODUCT_TABLE, products_query, search_products_in};
use crate::products::{
    CategoryLink, NewProduct, STATUS_ENABLED, URL_KEY_TAKEN, VISIBILITY_BOTH, insert_product,
};
use crate::stock::NewStockItem;
use crate::{CatalogError, Sku};

use super::{NOW, storefront, with_store};

/// The store view `default` of [`storefront`].
const DEFAULT_STORE: i64 = 1;

/// `EXPLAIN QUERY PLAN` of `sql`, one detail per line. The parameters are bound to NULL: with
/// QPSG (`Store::open`) the plan does not depend on them.
fn plan(conn: &Connection, sql: &str) -> Result<String, CatalogError> {
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
    let nulls = std::iter::repeat_n(rusqlite::types::Null, stmt.parameter_count());
    let details = stmt
        .query_map(rusqlite::params_from_iter(nulls), |r| r.get::<_, String>(3))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(details.join("\n"))
}

fn product(sku: &str, name: &str, price: f64) -> NewProduct {
    NewProduct {
        sku: Sku::try_from(sku).expect("sku"),
        name: name.into(),
        attribute_set_id: DEFAULT_PRODUCT_ATTRIBUTE_SET_ID,
        type_id: "simple".into(),
        price: Some(price),
        status: STATUS_ENABLED,
        visibility: VISIBILITY_BOTH,
        weight: None,
        custom_attributes: Vec::new(),
        category_links: vec![CategoryLink {
            category_id: 2,
            position: 0,
        }],
        website_ids: vec![1],
        stock: NewStockItem {
            qty: 1.0,
            is_in_stock: true,
            is_qty_decimal: false,
        },
    }
}

/// Three products: `b-bag` (60), `A-ball` (70), `c-cap` (10).
fn catalog(conn: &Connection) -> Result<Vec<i64>, CatalogError> {
    storefront(conn)?;
    [
        ("BAG", "b-bag", 60.0),
        ("BALL", "A-ball", 70.0),
        ("CAP", "c-cap", 10.0),
    ]
    .iter()
    .map(|(sku, name, price)| insert_product(conn, &product(sku, name, *price), NOW))
    .collect()
}

/// The benchmark's search: price > 50, sorted by name (`direction` as sent), pages of 20.
fn price_over_50_by_name(direction: Direction) -> SearchCriteria {
    SearchCriteria {
        filter_groups: vec![FilterGroup {
            filters: vec![Filter {
                field: "price".into(),
                value: Some("50".into()),
                condition_type: Condition::Gt,
            }],
        }],
        sort_orders: vec![SortOrder {
            field: "name".into(),
            direction,
        }],
        page_size: Some(20),
        current_page: None,
    }
}

/// Without the (attribute_id, value) index every product insert scanned every stored value.
#[test]
fn the_url_key_check_seeks_the_value_index() {
    let plan = with_store(|tx| plan(tx, URL_KEY_TAKEN));
    assert!(
        plan.contains(
            "INDEX catalog_product_entity_value_attribute_value (attribute_id=? AND value=?)"
        ),
        "{plan}"
    );
}

/// Filter by price and sort by name in a store view without store-view names: the count reads
/// the price index alone and the page walks a name index in order (no sort of every match),
/// in either direction; an unspecified direction is DESC, as in Magento.
#[test]
fn a_price_filtered_page_sorted_by_name_walks_the_indexes() {
    let (ids, count_plan, desc_plan, asc_plan, desc, asc) = with_store(|tx| {
        let ids = catalog(tx)?;
        let desc = products_query(
            tx,
            &price_over_50_by_name(Direction::Unspecified),
            DEFAULT_STORE,
        )
        .expect("search");
        let asc = products_query(tx, &price_over_50_by_name(Direction::Asc), DEFAULT_STORE)
            .expect("search");
        let (count_sql, desc_sql) = page_sql(PRODUCT_TABLE, PRODUCT_ID, &desc);
        let (_, asc_sql) = page_sql(PRODUCT_TABLE, PRODUCT_ID, &asc);
        Ok((
            ids,
            plan(tx, &count_sql)?,
            plan(tx, &desc_sql)?,
            plan(tx, &asc_sql)?,
            search_products_in(
                tx,
                &price_over_50_by_name(Direction::Unspecified),
                DEFAULT_STORE,
            )
            .expect("search"),
            search_products_in(tx, &price_over_50_by_name(Direction::Asc), DEFAULT_STORE)
                .expect("search"),
        ))
    });
    assert!(
        count_plan.contains("USING COVERING INDEX catalog_product_entity_price_nocase"),
        "{count_plan}"
    );
    assert!(
        desc_plan.contains("USING INDEX catalog_product_entity_name_nocase_desc"),
        "{desc_plan}"
    );
    assert!(
        asc_plan.contains("USING INDEX catalog_product_entity_name_nocase\n")
            || asc_plan.ends_with("USING INDEX catalog_product_entity_name_nocase"),
        "{asc_plan}"
    );
    for p in [&desc_plan, &asc_plan] {
        assert!(!p.contains("TEMP B-TREE"), "{p}");
    }
    // NOCASE: `A-ball` sorts before `b-bag`; the cap is filtered out.
    let (bag, ball) = (ids[0], ids[1]);
    assert_eq!(desc, (vec![bag, ball], 2));
    assert_eq!(asc, (vec![ball, bag], 2));
}

/// Once a product has a name of its own in the store view, the search sorts by it there (the
/// per-row lookup again), and by the global name everywhere else.
#[test]
fn a_store_view_name_still_decides_the_order_in_its_store() {
    let (ids, in_store, global) = with_store(|tx| {
        let ids = catalog(tx)?;
        let name = crate::product_scope::row_attribute_id(tx, "name")?;
        crate::product_scope::put_value(tx, ids[0], name, DEFAULT_STORE, "0-first")?;
        Ok((
            ids,
            search_products_in(tx, &price_over_50_by_name(Direction::Asc), DEFAULT_STORE)
                .expect("search"),
            search_products_in(tx, &price_over_50_by_name(Direction::Asc), 0).expect("search"),
        ))
    });
    let (bag, ball) = (ids[0], ids[1]);
    assert_eq!(in_store, (vec![bag, ball], 2));
    assert_eq!(global, (vec![ball, bag], 2));
}

fn row_indexes(conn: &Connection) -> Result<Vec<String>, CatalogError> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL \
         AND tbl_name IN ('catalog_product_entity', 'catalog_product_entity_value') \
         ORDER BY name",
    )?;
    let names = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(names)
}

/// A bulk load that at least doubles the products drops the price, name and URL-key indexes
/// while it inserts and builds the same ones again; a small load leaves them alone.
#[test]
fn a_bulk_load_defers_the_row_indexes_and_builds_them_again() {
    let (before, during_bulk, after, during_small) = with_store(|tx| {
        let before = row_indexes(tx)?;
        let deferred = crate::products::defer_row_indexes(tx, 1000)?;
        let during_bulk = row_indexes(tx)?;
        catalog(tx)?;
        crate::products::restore_row_indexes(tx, deferred)?;
        let after = row_indexes(tx)?;
        let small = crate::products::defer_row_indexes(tx, 999)?;
        let during_small = row_indexes(tx)?;
        crate::products::restore_row_indexes(tx, small)?;
        Ok((before, during_bulk, after, during_small))
    });
    assert_eq!(before.len(), 4, "{before:?}");
    assert!(during_bulk.is_empty(), "{during_bulk:?}");
    assert_eq!(after, before);
    assert_eq!(during_small, before);
}

/// Product views are read-cached by SKU (compared as the NOCASE column does) and by id, and a
/// write or a reset is seen by the next read.
#[test]
fn a_cached_product_view_follows_writes_and_reset() {
    let (store, _) = magemock_core::Store::open(None).expect("open");
    let ids = store.write(|tx| catalog(tx)).expect("catalog");
    store.mark_seeded().expect("mark");
    let price = |store: &magemock_core::Store, sku: &str| {
        store
            .read(|c| {
                let sku = Sku::try_from(sku)?;
                let by_sku = crate::product_view::product_view_by_sku_in(c, &sku, DEFAULT_STORE)?;
                let by_id = crate::product_view::product_view_by_id_in(c, ids[0], DEFAULT_STORE)?;
                Ok::<_, CatalogError>((
                    by_sku.and_then(|v| v.product.price),
                    by_id.and_then(|v| v.product.price),
                ))
            })
            .expect("read")
    };
    assert_eq!(price(&store, "BAG"), (Some(60.0), Some(60.0)));
    assert_eq!(price(&store, "bag"), (Some(60.0), Some(60.0)), "cached");
    store
        .write(|tx| {
            tx.execute(
                "UPDATE catalog_product_entity SET price = 65 WHERE sku = 'BAG'",
                [],
            )?;
            Ok::<_, CatalogError>(())
        })
        .expect("write");
    assert_eq!(price(&store, "Bag"), (Some(65.0), Some(65.0)));
    assert!(store.reset().expect("reset"));
    assert_eq!(price(&store, "BAG"), (Some(60.0), Some(60.0)));
}

/// While the URL-key index is deferred, a bulk load refuses a taken URL key as the indexed
/// check does: one a product held before the load, and one an earlier product of the load took.
#[test]
fn a_bulk_load_refuses_taken_url_keys_without_the_index() {
    let keyed = |sku: &str, key: &str| {
        let mut p = product(sku, sku, 1.0);
        p.custom_attributes = vec![("url_key".into(), key.into())];
        p
    };
    let refusals = with_store(|tx| {
        catalog(tx)?;
        let mut refusals = Vec::new();
        for (sku, key) in [("NEW-1", "b-bag"), ("NEW-2", "fresh"), ("NEW-3", "Fresh")] {
            let mut load = crate::products::defer_row_indexes(tx, 1000)?;
            let result =
                crate::products::insert_product_in_load(tx, &keyed(sku, key), NOW, &mut load)
                    .map(|_| ());
            let again = keyed(&format!("{sku}-AGAIN"), key);
            let second = crate::products::insert_product_in_load(tx, &again, NOW, &mut load);
            refusals.push((
                result.map_err(|e| e.to_string()),
                second.map_err(|e| e.to_string()).map(|_| ()),
            ));
            crate::products::restore_row_indexes(tx, load)?;
        }
        Ok(refusals)
    });
    let taken = |key: &str| {
        Err(CatalogError::AlreadyExists(crate::error::Existing::UrlKey(key.into())).to_string())
    };
    assert_eq!(
        refusals,
        [
            (taken("b-bag"), taken("b-bag")),
            (Ok(()), taken("fresh")),
            // `Fresh` becomes `fresh` (format_url_key), which NEW-2 now holds.
            (taken("fresh"), taken("fresh")),
        ]
    );
}
