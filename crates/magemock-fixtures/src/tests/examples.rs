//! The example fixtures load on top of the default store.

use super::TestStore;
use crate::{DEFAULT_FIXTURE_NAME, LoadReport, default_fixture};

const SECOND_STORE_VIEW: &str = include_str!("../../../../fixtures/examples/second-store-view.xml");
const INTEGRATION_TESTS: &str = include_str!("../../../../fixtures/examples/integration-tests.xml");

fn on_default(name: &str, xml: &str) -> (TestStore, LoadReport) {
    let store = TestStore::new(super::SEED);
    store
        .load_named(DEFAULT_FIXTURE_NAME, default_fixture())
        .expect("default");
    let report = store
        .load_named(name, xml)
        .unwrap_or_else(|e| panic!("{e}"));
    (store, report)
}

#[test]
fn second_store_view_extends_the_default_store() {
    let (store, report) = on_default("second-store-view.xml", SECOND_STORE_VIEW);
    assert_eq!(
        (
            report.websites,
            report.groups,
            report.stores,
            report.categories,
            report.products
        ),
        (0, 0, 1, 1, 1)
    );
    assert_eq!(
        store.query::<i64>("SELECT store_id FROM store WHERE code = 'fr'"),
        2
    );
    assert_eq!(
        store.query::<String>("SELECT path FROM catalog_category_entity WHERE name = 'Yoga Mats'"),
        "1/2/3/41"
    );
    assert_eq!(
        store.query::<i64>("SELECT entity_id FROM catalog_product_entity WHERE sku = 'MM-YOGA-01'"),
        51
    );
}

#[test]
fn integration_tests_adds_a_role_a_customer_and_edge_cases() {
    let (store, report) = on_default("integration-tests.xml", INTEGRATION_TESTS);
    assert_eq!(
        (
            report.config,
            report.roles,
            report.admins,
            report.customer_groups,
            report.customers,
            report.products
        ),
        (2, 1, 1, 1, 1, 1)
    );
    assert_eq!(
        store.query::<String>("SELECT street FROM customer_address_entity WHERE city = 'Austin'"),
        "100 Congress Avenue\nFloor 4"
    );
    assert_eq!(
        store.query::<i64>(
            "SELECT s.is_in_stock FROM cataloginventory_stock_item s JOIN catalog_product_entity p \
             ON p.entity_id = s.product_id WHERE p.sku = '24-MB01-DISCONTINUED'"
        ),
        0
    );
}
