use crate::CatalogError;
use crate::categories::*;

use super::{NOW, failing, storefront, with_store};

fn child(parent_id: i64, name: &str) -> NewCategory {
    NewCategory {
        id: None,
        parent_id,
        name: name.into(),
        position: None,
        is_active: true,
        include_in_menu: true,
        url_key: None,
    }
}

#[test]
fn paths_levels_positions_and_descendant_counts_are_kept_as_magento_keeps_them() {
    let (gear, bags, watches, root, default) = with_store(|tx| {
        storefront(tx)?;
        let gear = insert_category(
            tx,
            &NewCategory {
                id: Some(3),
                ..child(2, "Gear")
            },
            NOW,
        )?;
        let bags = insert_category(tx, &child(gear, "Bags"), NOW)?;
        let watches = insert_category(tx, &child(gear, "Watches"), NOW)?;
        Ok((
            category_by_id(tx, gear)?,
            category_by_id(tx, bags)?,
            category_by_id(tx, watches)?,
            category_by_id(tx, 1)?,
            category_by_id(tx, 2)?,
        ))
    });
    let gear = gear.expect("gear");
    assert_eq!(
        (gear.path.as_str(), gear.level, gear.children_count),
        ("1/2/3", 2, 2)
    );
    assert_eq!(gear.url_key.as_deref(), Some("gear"));
    let bags = bags.expect("bags");
    assert_eq!(
        (bags.id, bags.path.as_str(), bags.position, bags.level),
        (4, "1/2/3/4", 1, 3)
    );
    let watches = watches.expect("watches");
    assert_eq!((watches.id, watches.position), (5, 2));
    assert_eq!(root.expect("root").children_count, 4);
    assert_eq!(default.expect("default").children_count, 3);
}

#[test]
fn explicit_ids_leave_gaps_and_later_ids_continue_after_the_highest() {
    let ids = with_store(|tx| {
        storefront(tx)?;
        let women = insert_category(
            tx,
            &NewCategory {
                id: Some(20),
                ..child(2, "Women")
            },
            NOW,
        )?;
        let next = insert_category(tx, &child(women, "Tops"), NOW)?;
        Ok((women, next))
    });
    assert_eq!(ids, (20, 21));
}

#[test]
fn unknown_parents_and_taken_ids_are_refused() {
    let err = failing(|tx| insert_category(tx, &child(99, "Orphan"), NOW));
    assert!(
        matches!(err, CatalogError::NoSuchEntity { field: "id", ref value, .. } if value == "99")
    );
    let err = failing(|tx| {
        storefront(tx)?;
        insert_category(
            tx,
            &NewCategory {
                id: Some(2),
                ..child(1, "Again")
            },
            NOW,
        )
    });
    assert_eq!(err.to_string(), "category 2 already exists");
}

#[test]
fn children_come_in_position_order() {
    let names = with_store(|tx| {
        storefront(tx)?;
        insert_category(
            tx,
            &NewCategory {
                position: Some(2),
                ..child(2, "Men")
            },
            NOW,
        )?;
        insert_category(
            tx,
            &NewCategory {
                position: Some(1),
                ..child(2, "Women")
            },
            NOW,
        )?;
        Ok(children(tx, 2)?
            .into_iter()
            .filter_map(|c| c.name)
            .collect::<Vec<_>>())
    });
    assert_eq!(names, ["Women", "Men"]);
}

/// Inside a load memo, lookups of the rows a product load only reads are answered once; the
/// memo is the load's own and ends with it.
#[test]
fn a_load_memo_answers_category_lookups_for_the_load_only() {
    let (store, _) = magemock_core::Store::open(None).expect("open");
    store.write(|tx| storefront(tx)).expect("storefront");
    let renamed = store
        .write(|tx| {
            let before = magemock_core::store::cache::with_load_memo(|| {
                let first = crate::categories::category_by_id(tx, 2)?;
                tx.execute(
                    "UPDATE catalog_category_entity SET name = 'Renamed' WHERE entity_id = 2",
                    [],
                )?;
                // The memo vouches that categories do not change during the load.
                let again = crate::categories::category_by_id(tx, 2)?;
                assert_eq!(first, again);
                Ok::<_, CatalogError>(again)
            })?;
            let after = crate::categories::category_by_id(tx, 2)?;
            Ok::<_, CatalogError>((before.and_then(|c| c.name), after.and_then(|c| c.name)))
        })
        .expect("write");
    assert_eq!(
        renamed,
        (
            Some("Default Category".to_string()),
            Some("Renamed".to_string())
        )
    );
}
