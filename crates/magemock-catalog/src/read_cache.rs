//! Catalog rows that reads look up again and again, cached per store and data generation
//! through [`magemock_core::store::cache::current`] (inside `Store::read`, or a fixture load's
//! memo); anywhere else the lookups read the database.

use std::sync::Arc;

use magemock_core::store::cache::{self, GenerationCache};

use crate::attributes::AttributeSet;
use crate::categories::Category;
use crate::stores::Website;

#[derive(Default)]
pub(crate) struct CatalogCache {
    pub(crate) categories: GenerationCache<i64, Option<Category>>,
    pub(crate) websites: GenerationCache<(), Arc<Vec<Website>>>,
    pub(crate) website_by_id: GenerationCache<i64, Option<Website>>,
    pub(crate) attribute_sets: GenerationCache<i64, Option<AttributeSet>>,
    pub(crate) attribute_sets_by_name: GenerationCache<String, Option<AttributeSet>>,
    pub(crate) set_members: GenerationCache<(i64, i64), bool>,
}

/// `load`'s value, from the cache `pick` chooses when there is one.
pub(crate) fn memo<K, V, E>(
    pick: impl FnOnce(&CatalogCache) -> &GenerationCache<K, V>,
    key: K,
    load: impl FnOnce() -> Result<V, E>,
) -> Result<V, E>
where
    K: std::hash::Hash + Eq,
    V: Clone,
{
    match cache::current::<CatalogCache>() {
        Some((caches, generation)) => pick(&caches).get_or_try_insert(generation, key, load),
        None => load(),
    }
}
