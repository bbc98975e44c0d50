//! A load is one transaction: an element refused late in a file leaves nothing of the file.

use super::{STOREFRONT, TestStore, doc};

const TABLES: &[&str] = &[
    "store_website",
    "store_group",
    "store",
    "catalog_category_entity",
    "eav_attribute",
    "eav_attribute_set",
    "catalog_product_entity",
    "cataloginventory_stock_item",
    "customer_entity",
    "customer_address_entity",
    "authorization_role",
    "admin_user",
    "core_config_data",
];

fn counts(store: &TestStore) -> Vec<i64> {
    TABLES.iter().map(|t| store.count(t)).collect()
}

#[test]
fn a_refused_element_late_in_the_file_leaves_nothing() {
    let store = TestStore::new(super::SEED);
    let before = counts(&store);
    let xml = doc(&format!(
        r#"<config path="oauth/access_token_lifetime/admin" value="2"/>
        {STOREFRONT}
        <attribute code="activity" label="Activity" input="multiselect"><option>Gym</option></attribute>
        <product sku="24-MB01" name="Joust Duffle Bag" price="34" qty="100"><category ref="2"/></product>
        <customer email="roni_cost@example.com" firstname="Veronica" lastname="Costello">
            <address street="6146 Honey Bluff Parkway" city="Calder" country_id="US" telephone="1"/>
        </customer>
        <adminRole name="Catalog" all="true"/>
        <admin username="admin" password="admin123" firstname="A" lastname="U" email="admin@example.com" role="Catalog"/>
        <admin username="admin2" password="admin123" firstname="B" lastname="U" email="admin@example.com" role="Catalog"/>"#
    ));
    let err = store
        .load(&xml)
        .expect_err("the second admin reuses the e-mail");
    assert_eq!(
        err.to_string(),
        "test.xml:16:9: an admin user with user name or e-mail `admin2 / admin@example.com` already exists"
    );
    assert_eq!(counts(&store), before, "nothing of the file remains");
    // The same store takes a good file afterwards, with the ids a fresh store would give.
    let report = store.load(&doc(STOREFRONT)).expect("load");
    assert_eq!((report.websites, report.stores), (1, 1));
    assert_eq!(
        store.query::<i64>("SELECT website_id FROM store_website WHERE code = 'base'"),
        1
    );
}
