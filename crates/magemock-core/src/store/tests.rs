use super::*;

fn count(store: &Store) -> i64 {
    store
        .read(|c| {
            c.query_row("SELECT COUNT(*) FROM core_config_data", [], |r| r.get(0))
                .map_err(CoreError::from)
        })
        .expect("count")
}

fn insert(tx: &Transaction<'_>, path: &str) -> Result<(), CoreError> {
    tx.execute(
        "INSERT INTO core_config_data(path, value) VALUES (?1, '1')",
        [path],
    )?;
    Ok(())
}

#[test]
fn a_failing_write_leaves_nothing_behind() {
    let (store, opened) = Store::open(None).expect("open");
    assert_eq!(opened, Opened::Fresh);
    let result: Result<(), CoreError> = store.write(|tx| {
        insert(tx, "a/b/c")?;
        insert(tx, "a/b/c") // duplicate key: fails
    });
    assert!(result.is_err());
    assert_eq!(count(&store), 0);
    store.write(|tx| insert(tx, "a/b/c")).expect("write");
    assert_eq!(count(&store), 1);
}

#[test]
fn reset_returns_to_the_seeded_content() {
    let (store, _) = Store::open(None).expect("open");
    assert!(!store.reset().expect("reset"));
    store
        .write(|tx| insert(tx, "seeded/by/fixture"))
        .expect("seed");
    store.mark_seeded().expect("mark");
    store
        .write(|tx| insert(tx, "added/by/test"))
        .expect("write");
    assert_eq!(count(&store), 2);
    assert!(store.reset().expect("reset"));
    assert_eq!(count(&store), 1);
}

#[test]
fn a_data_file_survives_reopening_and_counts_generations() {
    let dir = std::env::temp_dir().join(format!("magemock-store-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("store.sqlite");
    let _ = std::fs::remove_file(&path);
    {
        let (store, opened) = Store::open(Some(&path)).expect("open");
        assert_eq!(opened, Opened::Fresh);
        store
            .write(|tx| insert(tx, "kept/after/stop"))
            .expect("write");
        store.mark_seeded().expect("mark");
        store.flush().expect("flush");
    }
    let (store, opened) = Store::open(Some(&path)).expect("reopen");
    assert_eq!(opened, Opened::Existing { generation: 1 });
    assert_eq!(count(&store), 1);
    drop(store);
    let (_, opened) = Store::open(Some(&path)).expect("reopen");
    assert_eq!(opened, Opened::Existing { generation: 2 });
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn wipe_gives_an_empty_migrated_database() {
    let (store, _) = Store::open(None).expect("open");
    store.write(|tx| insert(tx, "x/y/z")).expect("write");
    store.wipe().expect("wipe");
    assert_eq!(count(&store), 0);
}

fn cached_count(store: &Store) -> i64 {
    store
        .read(|c| {
            c.prepare_cached("SELECT COUNT(*) FROM core_config_data")
                .and_then(|mut s| s.query_row([], |r| r.get(0)))
                .map_err(CoreError::from)
        })
        .expect("count")
}

/// A statement kept in the connection's cache must see what replaces the database under it:
/// reset's page copy and wipe's dropped and re-created tables.
#[test]
fn cached_statements_see_reset_and_wipe() {
    let (store, _) = Store::open(None).expect("open");
    store.write(|tx| insert(tx, "seeded/row")).expect("seed");
    store.mark_seeded().expect("mark");
    store.write(|tx| insert(tx, "added/row")).expect("write");
    assert_eq!(cached_count(&store), 2);
    assert!(store.reset().expect("reset"));
    assert_eq!(cached_count(&store), 1);
    store.wipe().expect("wipe");
    assert_eq!(cached_count(&store), 0);
}

/// Every serving connection, opened or copied from a template, keeps its plans stable under
/// rebinding (QPSG), or the statement cache would recompile them anyway.
#[test]
fn serving_connections_keep_plans_stable() {
    let qpsg = |store: &Store| {
        store
            .read(|c| {
                c.db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG)
                    .map_err(CoreError::from)
            })
            .expect("db_config")
    };
    let (store, _) = Store::open(None).expect("open");
    assert!(qpsg(&store));
    store.mark_seeded().expect("mark");
    let copy = Store::from_template(&store.snapshot().expect("snapshot")).expect("copy");
    assert!(qpsg(&copy));
}
