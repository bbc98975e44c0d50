//! The one shape every repository `getList` shares: the total of the matching rows, and the
//! ids of the page asked for, ordered by the criteria's sort orders and then by id (MySQL
//! returns unordered rows in primary-key order; the id also breaks ties of a sort).

use magemock_core::MagentoError;
use magemock_core::search_criteria::SqlQuery;
use rusqlite::Connection;

/// `table` is the FROM clause with its alias (`catalog_product_entity e`), `id` the aliased
/// primary key (`e.entity_id`).
pub fn page_of_ids(
    conn: &Connection,
    table: &str,
    id: &str,
    query: &SqlQuery,
) -> Result<(Vec<i64>, i64), MagentoError> {
    let internal = |e: rusqlite::Error| MagentoError::internal(e);
    let params = || rusqlite::params_from_iter(query.params.iter());
    let (count_sql, page_sql) = page_sql(table, id, query);
    let total: i64 = conn
        .prepare_cached(&count_sql)
        .and_then(|mut s| s.query_row(params(), |r| r.get(0)))
        .map_err(internal)?;
    let mut stmt = conn.prepare_cached(&page_sql).map_err(internal)?;
    let ids = stmt
        .query_map(params(), |r| r.get(0))
        .map_err(internal)?
        .collect::<Result<Vec<i64>, _>>()
        .map_err(internal)?;
    Ok((ids, total))
}

/// The `COUNT(*)` of the matching rows and the `SELECT` of the page's ids that
/// [`page_of_ids`] runs (separate so that tests can look at their query plans).
pub(crate) fn page_sql(table: &str, id: &str, query: &SqlQuery) -> (String, String) {
    let count = format!("SELECT COUNT(*) FROM {table} {}", query.where_clause());
    let order = if query.order_sql.is_empty() {
        format!("ORDER BY {id}")
    } else {
        format!("{}, {id}", query.order_sql)
    };
    let page = format!(
        "SELECT {id} FROM {table} {} {order} {}",
        query.where_clause(),
        query.limit_clause()
    );
    (count, page)
}
