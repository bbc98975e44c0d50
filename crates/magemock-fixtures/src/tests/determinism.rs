//! The same seed and the same fixture give byte-identical stores, password hashes included.

use super::TestStore;
use crate::{DEFAULT_FIXTURE_NAME, default_fixture};

fn hashes(seed: u64) -> Vec<String> {
    let store = TestStore::new(seed);
    store
        .load_named(DEFAULT_FIXTURE_NAME, default_fixture())
        .expect("load");
    let mut out =
        vec![store.query::<String>("SELECT password FROM admin_user WHERE username = 'admin'")];
    out.push(store.query::<String>(
        "SELECT password_hash FROM customer_entity WHERE email = 'roni_cost@example.com'",
    ));
    out
}

#[test]
fn the_same_seed_gives_identical_password_hashes() {
    let first = hashes(super::SEED);
    assert_eq!(first, hashes(super::SEED));
    assert_ne!(first, hashes(super::SEED + 1));
    assert!(
        first
            .iter()
            .all(|h| h.ends_with(":1") && h.len() == 64 + 1 + 32 + 2)
    );
}

#[test]
fn the_same_fixture_gives_the_same_rows() {
    let dump = |seed| {
        let store = TestStore::new(seed);
        store
            .load_named(DEFAULT_FIXTURE_NAME, default_fixture())
            .expect("load");
        store.query::<String>(
            "SELECT group_concat(entity_id || ':' || sku || ':' || created_at, ',') \
             FROM (SELECT * FROM catalog_product_entity ORDER BY entity_id)",
        )
    };
    assert_eq!(dump(super::SEED), dump(super::SEED));
}
