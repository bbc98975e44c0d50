use crate::CatalogError;
use crate::attributes::*;
use crate::error::Existing;

use super::{failing, with_store};

pub(crate) fn activity() -> NewAttribute {
    NewAttribute {
        code: "activity".into(),
        label: "Activity".into(),
        frontend_input: "multiselect".into(),
        backend_type: None,
        is_required: false,
        options: vec!["Gym".into(), "Yoga".into(), "Hiking".into()],
    }
}

#[test]
fn system_attributes_are_seeded_in_the_default_set() {
    let (name, in_default, all) = with_store(|tx| {
        let name = attribute_by_code(tx, "name")?.expect("name");
        let in_default = set_has_attribute(tx, DEFAULT_PRODUCT_ATTRIBUTE_SET_ID, name.id)?;
        Ok((
            name,
            in_default,
            set_attributes(tx, DEFAULT_PRODUCT_ATTRIBUTE_SET_ID)?,
        ))
    });
    assert_eq!(name.label.as_deref(), Some("Product Name"));
    assert!(name.is_required && !name.is_user_defined);
    assert!(in_default);
    assert_eq!(all.first().map(|a| a.code.as_str()), Some("name"));
    assert!(all.iter().any(|a| a.code == "url_key"));
}

#[test]
fn a_user_attribute_gets_its_backend_type_and_ordered_options() {
    let (attribute, options) = with_store(|tx| {
        let id = insert_attribute(tx, &activity())?;
        Ok((attribute_by_id(tx, id)?, attribute_options(tx, id)?))
    });
    let attribute = attribute.expect("attribute");
    assert_eq!(attribute.backend_type, "varchar");
    assert!(attribute.is_user_defined && attribute.has_options());
    let labels: Vec<_> = options
        .iter()
        .map(|o| (o.sort_order, o.label.as_str()))
        .collect();
    assert_eq!(labels, [(0, "Gym"), (1, "Yoga"), (2, "Hiking")]);
}

#[test]
fn a_new_set_starts_with_its_skeletons_attributes_and_ids_follow_the_sales_sets() {
    let (id, count_default, count_bag, has_activity) = with_store(|tx| {
        let activity = insert_attribute(tx, &activity())?;
        let id = insert_attribute_set(
            tx,
            &NewAttributeSet {
                name: "Bag".into(),
                based_on: DEFAULT_PRODUCT_ATTRIBUTE_SET_ID,
            },
        )?;
        add_attribute_to_set(tx, id, activity)?;
        add_attribute_to_set(tx, id, activity)?;
        Ok((
            id,
            set_attributes(tx, DEFAULT_PRODUCT_ATTRIBUTE_SET_ID)?.len(),
            set_attributes(tx, id)?.len(),
            set_has_attribute(tx, id, activity)?,
        ))
    });
    assert_eq!(id, 9, "sets 1-8 are Magento's Default sets");
    assert_eq!(count_bag, count_default + 1);
    assert!(has_activity);
}

#[test]
fn bad_attribute_definitions_are_refused() {
    let err = failing(|tx| {
        insert_attribute(
            tx,
            &NewAttribute {
                code: "Activity".into(),
                ..activity()
            },
        )
    });
    assert!(
        matches!(err, CatalogError::InvalidValue { ref field, .. } if field == "attribute_code")
    );
    let err = failing(|tx| {
        insert_attribute(
            tx,
            &NewAttribute {
                frontend_input: "slider".into(),
                ..activity()
            },
        )
    });
    assert!(
        matches!(err, CatalogError::InvalidValue { ref field, .. } if field == "frontend_input")
    );
    let err = failing(|tx| {
        insert_attribute(
            tx,
            &NewAttribute {
                frontend_input: "text".into(),
                ..activity()
            },
        )
    });
    assert!(matches!(err, CatalogError::InvalidValue { ref field, .. } if field == "options"));
    let err = failing(|tx| {
        insert_attribute(
            tx,
            &NewAttribute {
                options: vec!["Gym".into(), "Gym".into()],
                ..activity()
            },
        )
    });
    assert!(matches!(err, CatalogError::InvalidValue { ref field, .. } if field == "option"));
    let err = failing(|tx| {
        insert_attribute(
            tx,
            &NewAttribute {
                code: "url_key".into(),
                ..activity()
            },
        )
    });
    assert!(matches!(
        err,
        CatalogError::AlreadyExists(Existing::Attribute(_))
    ));
    let err = failing(|tx| {
        insert_attribute_set(
            tx,
            &NewAttributeSet {
                name: "default".into(),
                based_on: DEFAULT_PRODUCT_ATTRIBUTE_SET_ID,
            },
        )
    });
    assert!(matches!(
        err,
        CatalogError::AlreadyExists(Existing::AttributeSet(_))
    ));
    let err = failing(|tx| {
        insert_attribute_set(
            tx,
            &NewAttributeSet {
                name: "Bag".into(),
                based_on: 1,
            },
        )
    });
    assert!(matches!(
        err,
        CatalogError::NoSuchEntity {
            field: "attributeSetId",
            ..
        }
    ));
}

/// Reads answer attribute metadata from the store's cache, and a write or a reset is seen by
/// the next read: the cache is only good for the data generation it was filled at.
#[test]
fn cached_attribute_metadata_follows_writes_and_reset() {
    let (store, _) = magemock_core::Store::open(None).expect("open");
    store.mark_seeded().expect("mark");
    let read = |store: &magemock_core::Store| {
        store
            .read(|c| {
                Ok::<_, CatalogError>((
                    attribute_by_code(c, "activity")?.is_some(),
                    set_attributes(c, DEFAULT_PRODUCT_ATTRIBUTE_SET_ID)?
                        .iter()
                        .any(|a| a.code == "activity"),
                ))
            })
            .expect("read")
    };
    // Twice: the second answer comes from the cache.
    assert_eq!(read(&store), (false, false));
    assert_eq!(read(&store), (false, false));
    store
        .write(|tx| {
            let id = insert_attribute(tx, &activity())?;
            add_attribute_to_set(tx, DEFAULT_PRODUCT_ATTRIBUTE_SET_ID, id)
        })
        .expect("write");
    assert_eq!(read(&store), (true, true));
    assert!(store.reset().expect("reset"));
    assert_eq!(read(&store), (false, false));
}

/// A products load names its attribute set by name once per product; inside the load's memo
/// the name is looked up once, and the memo ends with the load.
#[test]
fn a_load_memo_answers_attribute_set_names_for_the_load_only() {
    let (during, after) = with_store(|tx| {
        let during = magemock_core::store::cache::with_load_memo(|| {
            let first = attribute_set_by_name(tx, "Default")?.map(|s| s.id);
            tx.execute(
                "UPDATE eav_attribute_set SET attribute_set_name = 'Renamed' \
                 WHERE attribute_set_id = ?1",
                [DEFAULT_PRODUCT_ATTRIBUTE_SET_ID],
            )?;
            // The memo vouches that sets do not change during the load.
            let again = attribute_set_by_name(tx, "Default")?.map(|s| s.id);
            assert_eq!(first, again);
            Ok::<_, CatalogError>(again)
        })?;
        let after = attribute_set_by_name(tx, "Default")?.map(|s| s.id);
        Ok((during, after))
    });
    assert_eq!(
        (during, after),
        (Some(DEFAULT_PRODUCT_ATTRIBUTE_SET_ID), None)
    );
}
