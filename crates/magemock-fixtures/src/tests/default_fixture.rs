//! The default store loads and holds the Luma-like shop it describes.

use magemock_catalog::{Sku, StoreCode, admins, customers, password, products, stores};

use super::TestStore;
use crate::{DEFAULT_FIXTURE_NAME, LoadReport, default_fixture};

fn loaded() -> TestStore {
    let store = TestStore::new(super::SEED);
    let report = store
        .load_named(DEFAULT_FIXTURE_NAME, default_fixture())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        report,
        LoadReport {
            config: 0,
            websites: 1,
            groups: 1,
            stores: 1,
            customer_groups: 0,
            categories: 39,
            attributes: 13,
            attribute_sets: 7,
            products: 50,
            customers: 1,
            addresses: 1,
            roles: 0,
            admins: 1,
            integrations: 0,
        }
    );
    store
}

#[test]
fn the_report_serializes_in_field_order() {
    let store = TestStore::new(super::SEED);
    let report = store
        .load_named(DEFAULT_FIXTURE_NAME, default_fixture())
        .expect("load");
    let json = serde_json::to_string(&report).expect("json");
    assert_eq!(
        json,
        r#"{"config":0,"websites":1,"groups":1,"stores":1,"customer_groups":0,"categories":39,"attributes":13,"attribute_sets":7,"products":50,"customers":1,"addresses":1,"roles":0,"admins":1,"integrations":0}"#
    );
}

#[test]
fn the_storefront_and_the_tree_have_magentos_and_lumas_ids() {
    let store = loaded();
    let default = store
        .store
        .read(|c| stores::store_by_code(c, &StoreCode::try_from("default")?))
        .expect("read")
        .expect("store default");
    assert_eq!(
        (default.id, default.website_id, default.group_id),
        (1, 1, 1)
    );
    for (id, path) in [
        (2, "1/2"),
        (3, "1/2/3"),
        (4, "1/2/3/4"),
        (20, "1/2/20"),
        (38, "1/2/38"),
        (15, "1/2/11/12/15"),
    ] {
        assert_eq!(
            store.query::<String>(&format!(
                "SELECT path FROM catalog_category_entity WHERE entity_id = {id}"
            )),
            path
        );
    }
    assert_eq!(
        store
            .query::<i64>("SELECT children_count FROM catalog_category_entity WHERE entity_id = 2"),
        38
    );
    for (name, id) in [("Top", 9), ("Gear", 11), ("Bag", 15)] {
        assert_eq!(
            store.query::<i64>(&format!(
                "SELECT attribute_set_id FROM eav_attribute_set WHERE attribute_set_name = '{name}'"
            )),
            id
        );
    }
}

#[test]
fn luma_products_are_there_with_their_sample_data() {
    let store = loaded();
    let expected = [
        ("24-MB01", 1, "Joust Duffle Bag", 34.0, 15),
        ("24-MB04", 2, "Strive Shoulder Pack", 32.0, 15),
        ("24-MB03", 3, "Crown Summit Backpack", 38.0, 15),
        ("24-UG06", 15, "Affirm Water Bottle", 7.0, 11),
        ("24-WG085", 33, "Sprite Yoga Strap 6 foot", 14.0, 13),
        ("MH01", 45, "Chaz Kangeroo Hoodie", 52.0, 9),
    ];
    for (sku, id, name, price, set) in expected {
        let product = store
            .store
            .read(|c| products::product_by_sku(c, &Sku::try_from(sku)?))
            .expect("read")
            .unwrap_or_else(|| panic!("{sku}"));
        assert_eq!(
            (
                product.id,
                product.name.as_deref(),
                product.price,
                product.attribute_set_id
            ),
            (id, Some(name), Some(price), set),
            "{sku}"
        );
    }
    let (values, links) = store
        .store
        .read(|c| {
            Ok::<_, magemock_catalog::CatalogError>((
                products::product_custom_attributes(c, 1)?,
                products::product_category_links(c, 1)?,
            ))
        })
        .expect("read");
    assert!(values.contains(&("url_key".to_string(), "joust-duffle-bag".to_string())));
    assert!(
        values
            .iter()
            .any(|(code, v)| code == "description"
                && v.starts_with("<p>The sporty Joust Duffle Bag"))
    );
    let linked: Vec<i64> = links.iter().map(|l| l.category_id).collect();
    assert_eq!(linked, [3, 4]);
    assert_eq!(
        store.query::<String>(
            "SELECT v.value FROM catalog_product_entity_value v JOIN eav_attribute a USING (attribute_id) \
             JOIN catalog_product_entity p ON p.entity_id = v.entity_id \
             WHERE a.attribute_code = 'url_key' AND p.sku = '24-UG02'"
        ),
        "pursuit-lumaflex-trade-tone-band"
    );
    assert_eq!(store.count("cataloginventory_stock_item"), 50);
    assert_eq!(
        store.query::<f64>("SELECT MIN(qty) FROM cataloginventory_stock_item"),
        100.0
    );
}

#[test]
fn roni_and_the_admin_can_sign_in() {
    let store = loaded();
    let (roni, addresses, admin, role) = store
        .store
        .read(|c| {
            let roni = customers::customer_by_email(c, "roni_cost@example.com", 1)?.expect("roni");
            let addresses = customers::customer_addresses(c, roni.id)?;
            let admin = admins::admin_by_username(c, "admin")?.expect("admin");
            let role = admins::admin_role(c, admin.id)?;
            Ok::<_, magemock_catalog::CatalogError>((roni, addresses, admin, role))
        })
        .expect("read");
    assert_eq!(
        (
            roni.id,
            roni.firstname.as_deref(),
            roni.lastname.as_deref(),
            roni.gender,
            roni.dob.as_deref(),
            roni.group_id,
            roni.created_in.as_deref(),
        ),
        (
            1,
            Some("Veronica"),
            Some("Costello"),
            Some(2),
            Some("1973-12-15"),
            1,
            Some("Default Store View")
        )
    );
    assert!(password::verify(
        roni.password_hash.as_deref().unwrap_or(""),
        "roni_cost3@example.com"
    ));
    let [address] = addresses.as_slice() else {
        panic!("one address expected: {addresses:?}");
    };
    assert_eq!(address.street, ["6146 Honey Bluff Parkway"]);
    assert_eq!(
        (
            address.city.as_str(),
            address.region.region.as_deref(),
            address.region.region_code.as_deref(),
            address.region.region_id,
            address.postcode.as_deref(),
            address.country_id.as_str(),
            address.telephone.as_str(),
        ),
        (
            "Calder",
            Some("Michigan"),
            Some("MI"),
            Some(33),
            Some("49628-7978"),
            "US",
            "(555) 229-3326"
        )
    );
    assert!(address.default_billing && address.default_shipping);
    assert!(password::verify(&admin.password_hash, "admin123"));
    assert_eq!(role.map(|r| r.resources), Some(admins::Resources::All));
}
