use crate::error::Existing;
use crate::stores::*;
use crate::{CatalogError, StoreCode};

use super::{failing, storefront, with_store};

#[test]
fn the_admin_scope_is_seeded_with_id_zero() {
    let (website, store) = with_store(|tx| {
        Ok((
            website_by_code(tx, "admin")?,
            store_by_code(tx, &StoreCode::try_from("admin")?)?,
        ))
    });
    let website = website.expect("admin website");
    assert_eq!(
        (website.id, website.name.as_str(), website.is_default),
        (0, "Admin", false)
    );
    let store = store.expect("admin store");
    assert_eq!((store.id, store.website_id, store.group_id), (0, 0, 0));
}

#[test]
fn the_storefront_gets_magentos_ids_and_defaults() {
    let (website, group, store) = with_store(|tx| {
        storefront(tx)?;
        Ok((
            website_by_code(tx, "base")?,
            group_by_code(tx, "main_website_store")?,
            store_by_code(tx, &StoreCode::try_from("DEFAULT")?)?,
        ))
    });
    assert_eq!(
        website,
        Some(Website {
            id: 1,
            code: "base".into(),
            name: "Main Website".into(),
            sort_order: 0,
            default_group_id: 1,
            is_default: true,
        })
    );
    assert_eq!(
        group,
        Some(StoreGroup {
            id: 1,
            website_id: 1,
            name: "Main Website Store".into(),
            root_category_id: 2,
            default_store_id: 1,
            code: "main_website_store".into(),
        })
    );
    let store = store.expect("store lookup is case-insensitive");
    assert_eq!(
        (store.id, store.code.as_str(), store.website_id),
        (1, "default", 1)
    );
}

#[test]
fn a_second_website_is_not_the_default_and_lands_its_default_store() {
    let (second, default_store) = with_store(|tx| {
        storefront(tx)?;
        let id = insert_website(
            tx,
            &NewWebsite {
                code: "wholesale".into(),
                name: "Wholesale".into(),
                sort_order: 1,
            },
        )?;
        let group = insert_group(
            tx,
            &NewStoreGroup {
                website_id: id,
                name: "Main Website Store".into(),
                code: None,
                root_category_id: 2,
            },
        )?;
        insert_store(
            tx,
            &NewStore {
                group_id: group,
                code: StoreCode::try_from("wholesale_en")?,
                name: "Wholesale EN".into(),
                sort_order: 0,
                is_active: true,
            },
        )?;
        Ok((website_by_id(tx, id)?, website_default_store(tx, id)?))
    });
    let second = second.expect("website");
    assert!(!second.is_default);
    assert_eq!(
        default_store.map(|s| s.code),
        Some("wholesale_en".to_string())
    );
}

#[test]
fn derived_group_codes_follow_the_update_store_group_codes_patch() {
    let codes = with_store(|tx| {
        storefront(tx)?;
        Ok(vec![
            derive_group_code(tx, "Main Website Store")?,
            derive_group_code(tx, "  42 Café   Shop ")?,
            derive_group_code(tx, "!!!")?,
        ])
    });
    assert_eq!(codes, ["main_website_store2", "caf_shop_", "store_group"]);
}

#[test]
fn duplicate_and_invalid_codes_are_refused() {
    let err = failing(|tx| {
        storefront(tx)?;
        insert_website(
            tx,
            &NewWebsite {
                code: "BASE".into(),
                name: "Again".into(),
                sort_order: 0,
            },
        )
    });
    assert!(matches!(err, CatalogError::AlreadyExists(Existing::Website(ref c)) if c == "BASE"));
    let err = failing(|tx| {
        insert_website(
            tx,
            &NewWebsite {
                code: "1st".into(),
                name: "First".into(),
                sort_order: 0,
            },
        )
    });
    assert!(matches!(err, CatalogError::InvalidCode(ref c) if c == "1st"));
}

#[test]
fn a_group_root_must_be_a_root_category() {
    let err = failing(|tx| {
        storefront(tx)?;
        insert_group(
            tx,
            &NewStoreGroup {
                website_id: 1,
                name: "Nested".into(),
                code: None,
                root_category_id: 1,
            },
        )
    });
    assert!(
        matches!(err, CatalogError::InvalidValue { ref field, .. } if field == "root_category_id")
    );
}
