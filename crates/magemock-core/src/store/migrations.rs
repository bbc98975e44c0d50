//! The schema, as an append-only list keyed by `PRAGMA user_version`: entry *n* takes a
//! database from version *n* to *n + 1*. Never edit an entry that has shipped; append one.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::CoreError;

pub const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_core.sql"),
    include_str!("../../migrations/0002_catalog.sql"),
    include_str!("../../migrations/0003_admin.sql"),
    include_str!("../../migrations/0004_tokens.sql"),
    include_str!("../../migrations/0005_integrations.sql"),
    include_str!("../../migrations/0006_catalog_api.sql"),
    include_str!("../../migrations/0007_lookup_indexes.sql"),
    include_str!("../../migrations/0008_compact_nonces.sql"),
];

pub(crate) fn apply(conn: &mut Connection) -> Result<(), CoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (version, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(current).unwrap_or(0))
    {
        tx.execute_batch(sql)
            .map_err(|source| CoreError::Migration {
                version: version + 1,
                source,
            })?;
    }
    tx.pragma_update(None, "user_version", MIGRATIONS.len() as i64)?;
    tx.commit()?;
    Ok(())
}
