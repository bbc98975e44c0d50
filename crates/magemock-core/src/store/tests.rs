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
