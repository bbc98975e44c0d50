use crate::attributes::{
    DEFAULT_PRODUCT_ATTRIBUTE_SET_ID, NewAttributeSet, add_attribute_to_set, attribute_by_code,
    attribute_options, insert_attribute, insert_attribute_set,
};
use crate::error::Existing;
use crate::products::*;
use crate::stock::{NewStockItem, stock_item_by_product};
use crate::{CatalogError, Sku};

use super::attributes::activity;
use super::{NOW, failing, storefront, with_store};

fn joust() -> NewProduct {
    NewProduct {
        sku: Sku::try_from("24-MB01").expect("sku"),
        name: "Joust Duffle Bag".into(),
        attribute_set_id: DEFAULT_PRODUCT_ATTRIBUTE_SET_ID,
        type_id: "simple".into(),
        price: Some(34.0),
        status: STATUS_ENABLED,
        visibility: VISIBILITY_BOTH,
        weight: None,
        custom_attributes: vec![(
            "description".into(),
            "<p>The sporty Joust Duffle Bag.</p>".into(),
        )],
        category_links: vec![CategoryLink {
            category_id: 2,
            position: 0,
        }],
        website_ids: vec![1],
        stock: NewStockItem {
            qty: 100.0,
            is_in_stock: true,
            is_qty_decimal: false,
        },
    }
}

#[test]
fn a_product_is_stored_with_values_links_and_stock() {
    let (product, values, links, websites, stock) = with_store(|tx| {
        storefront(tx)?;
        let id = insert_product(tx, &joust(), NOW)?;
        Ok((
            product_by_sku(tx, &Sku::try_from("24-mb01")?)?,
            product_custom_attributes(tx, id)?,
            product_category_links(tx, id)?,
            product_website_ids(tx, id)?,
            stock_item_by_product(tx, id)?,
        ))
    });
    let product = product.expect("SKU lookup is case-insensitive");
    assert_eq!(
        (
            product.id,
            product.sku.as_str(),
            product.price,
            product.created_at.as_str()
        ),
        (1, "24-MB01", Some(34.0), NOW)
    );
    assert_eq!(
        values,
        [
            (
                "description".to_string(),
                "<p>The sporty Joust Duffle Bag.</p>".to_string()
            ),
            ("url_key".to_string(), "joust-duffle-bag".to_string()),
        ]
    );
    assert_eq!(
        links,
        [CategoryLink {
            category_id: 2,
            position: 0
        }]
    );
    assert_eq!(websites, [1]);
    let stock = stock.expect("stock item");
    assert_eq!(
        (stock.item_id, stock.stock_id, stock.qty),
        (1, 1, Some(100.0))
    );
    assert!(stock.is_in_stock && stock.use_config_manage_stock && stock.use_config_max_sale_qty);
    assert_eq!(
        (stock.min_sale_qty, stock.max_sale_qty, stock.low_stock_date),
        (1.0, 0.0, None)
    );
}

#[test]
fn option_values_are_stored_as_option_ids() {
    let (stored, options) = with_store(|tx| {
        storefront(tx)?;
        let activity = insert_attribute(tx, &activity())?;
        let bag = insert_attribute_set(
            tx,
            &NewAttributeSet {
                name: "Bag".into(),
                based_on: DEFAULT_PRODUCT_ATTRIBUTE_SET_ID,
            },
        )?;
        add_attribute_to_set(tx, bag, activity)?;
        let mut product = joust();
        product.attribute_set_id = bag;
        product
            .custom_attributes
            .push(("activity".into(), "Yoga, Gym".into()));
        product
            .custom_attributes
            .push(("tax_class_id".into(), "2".into()));
        let id = insert_product(tx, &product, NOW)?;
        Ok((
            product_custom_attributes(tx, id)?,
            attribute_options(tx, activity)?,
        ))
    });
    let yoga = options.iter().find(|o| o.label == "Yoga").map(|o| o.id);
    let gym = options.iter().find(|o| o.label == "Gym").map(|o| o.id);
    let activity = stored
        .iter()
        .find(|(code, _)| code == "activity")
        .map(|(_, v)| v.clone());
    assert_eq!(
        activity,
        Some(format!("{},{}", yoga.unwrap_or(0), gym.unwrap_or(0)))
    );
    assert!(stored.contains(&("tax_class_id".to_string(), "2".to_string())));
}

#[test]
fn magento_refuses_what_magemock_refuses() {
    let taken = failing(|tx| {
        storefront(tx)?;
        insert_product(tx, &joust(), NOW)?;
        let mut again = joust();
        again.sku = Sku::try_from("24-mb01")?;
        insert_product(tx, &again, NOW)
    });
    assert!(matches!(
        taken,
        CatalogError::AlreadyExists(Existing::Sku(_))
    ));

    let url_key = failing(|tx| {
        storefront(tx)?;
        insert_product(tx, &joust(), NOW)?;
        let mut same_name = joust();
        same_name.sku = Sku::try_from("24-MB01-2")?;
        insert_product(tx, &same_name, NOW)
    });
    assert!(
        matches!(url_key, CatalogError::AlreadyExists(Existing::UrlKey(ref k)) if k == "joust-duffle-bag")
    );

    let outside_set = failing(|tx| {
        storefront(tx)?;
        insert_attribute(tx, &activity())?;
        let mut product = joust();
        product
            .custom_attributes
            .push(("activity".into(), "Gym".into()));
        insert_product(tx, &product, NOW)
    });
    assert_eq!(
        outside_set.to_string(),
        "invalid activity `Gym`: attribute `activity` is not in attribute set `Default`"
    );

    let column = failing(|tx| {
        storefront(tx)?;
        let mut product = joust();
        product.custom_attributes.push(("price".into(), "1".into()));
        insert_product(tx, &product, NOW)
    });
    assert!(matches!(column, CatalogError::InvalidValue { ref value, .. } if value == "price"));

    let unknown_category = failing(|tx| {
        storefront(tx)?;
        let mut product = joust();
        product.category_links.push(CategoryLink {
            category_id: 77,
            position: 0,
        });
        insert_product(tx, &product, NOW)
    });
    assert!(matches!(
        unknown_category,
        CatalogError::NoSuchEntity {
            field: "categoryId",
            ..
        }
    ));

    let admin_website = failing(|tx| {
        storefront(tx)?;
        insert_product(
            tx,
            &NewProduct {
                website_ids: vec![0],
                ..joust()
            },
            NOW,
        )
    });
    assert!(matches!(
        admin_website,
        CatalogError::NoSuchEntity {
            field: "websiteId",
            ..
        }
    ));

    let no_price = failing(|tx| {
        storefront(tx)?;
        insert_product(
            tx,
            &NewProduct {
                price: None,
                ..joust()
            },
            NOW,
        )
    });
    assert!(matches!(no_price, CatalogError::RequiredValueEmpty(ref f) if f == "price"));

    let bad_visibility = failing(|tx| {
        storefront(tx)?;
        insert_product(
            tx,
            &NewProduct {
                visibility: 5,
                ..joust()
            },
            NOW,
        )
    });
    assert!(
        matches!(bad_visibility, CatalogError::InvalidValue { ref field, .. } if field == "visibility")
    );

    let bad_option = failing(|tx| {
        storefront(tx)?;
        let mut product = joust();
        product
            .custom_attributes
            .push(("tax_class_id".into(), "Taxable Goods".into()));
        insert_product(tx, &product, NOW)
    });
    assert_eq!(
        bad_option.to_string(),
        "invalid tax_class_id `Taxable Goods`: `Taxable Goods` is not an option of `tax_class_id`"
    );

    let fractional_qty = failing(|tx| {
        storefront(tx)?;
        let mut product = joust();
        product.stock.qty = 1.5;
        insert_product(tx, &product, NOW)
    });
    assert!(
        matches!(fractional_qty, CatalogError::InvalidValue { ref field, .. } if field == "qty")
    );
}

#[test]
fn a_given_url_key_is_formatted_like_magentos() {
    let values = with_store(|tx| {
        storefront(tx)?;
        let mut product = joust();
        product
            .custom_attributes
            .push(("url_key".into(), "Sprite-Stasis-Ball-55-cm-gray".into()));
        let id = insert_product(tx, &product, NOW)?;
        assert!(attribute_by_code(tx, "url_key")?.is_some());
        product_custom_attributes(tx, id)
    });
    assert!(values.contains(&(
        "url_key".to_string(),
        "sprite-stasis-ball-55-cm-gray".to_string()
    )));
}
