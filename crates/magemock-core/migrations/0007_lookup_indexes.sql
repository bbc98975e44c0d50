-- Indexes for lookups that scanned whole tables (issue 8, BENCHMARKS.md).

-- url_key uniqueness (products::check_url_key_free, product_save::check_url_key_free) looks a
-- value up by attribute: without this index every product insert scanned every value stored
-- so far, and loading N products was O(N^2) (546 s for 100,000).
CREATE INDEX catalog_product_entity_value_attribute_value
    ON catalog_product_entity_value(attribute_id, value);

-- searchCriteria compares and sorts text with COLLATE NOCASE (search_criteria/sql.rs), which a
-- BINARY index cannot serve, and list_query::page_of_ids appends `e.entity_id` ASC as the
-- tie-breaker, so a sort needs one index per direction. `price` is global (never store-scoped),
-- so a price filter is served in every store.
CREATE INDEX catalog_product_entity_price_nocase
    ON catalog_product_entity(price COLLATE NOCASE);
CREATE INDEX catalog_product_entity_name_nocase
    ON catalog_product_entity(name COLLATE NOCASE, entity_id);
CREATE INDEX catalog_product_entity_name_nocase_desc
    ON catalog_product_entity(name COLLATE NOCASE DESC, entity_id);
