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

fn issue_jwt_row(tx: &Transaction<'_>) -> Result<(), CoreError> {
    tx.execute(
        "INSERT INTO magemock_jwt_issued(user_type_id, user_id, iat, exp, token) \
         VALUES (2, 1, 0, 0, 't')",
        [],
    )?;
    Ok(())
}

/// Any write that changes a row a cache may hold moves the generation on; a write that changes
/// nothing, or only quiet rows, does not.
#[test]
fn writes_move_the_generation_unless_they_change_nothing_or_quiet_rows_only() {
    let (store, _) = Store::open(None).expect("open");
    let g0 = store.generation();
    store.write(|tx| insert(tx, "a/b/c")).expect("write");
    let g1 = store.generation();
    assert!(g1 > g0);
    store
        .write(|tx| {
            tx.execute(
                "UPDATE core_config_data SET value = '1' WHERE path = 'x/y/z'",
                [],
            )?;
            Ok::<_, CoreError>(())
        })
        .expect("no-op write");
    assert_eq!(store.generation(), g1);
    store.write(issue_jwt_row).expect("quiet write");
    assert_eq!(store.generation(), g1);
    // A quiet row and a tracked one together: the tracked one counts.
    store
        .write(|tx| {
            issue_jwt_row(tx)?;
            insert(tx, "d/e/f")
        })
        .expect("mixed write");
    assert!(store.generation() > g1);
}

/// A nonce row (WITHOUT ROWID, so unseen by the update hook) keeps the caches when its writer
/// reports it, and empties them when it does not.
#[test]
fn a_reported_nonce_row_is_quiet() {
    let (store, _) = Store::open(None).expect("open");
    store
        .write(|tx| {
            tx.execute_batch(
                "INSERT INTO oauth_consumer(entity_id, created_at, name, key, secret) \
                 VALUES (1, 'now', 'a', 'ka', 'sa')",
            )?;
            Ok::<_, CoreError>(())
        })
        .expect("consumer");
    let nonce = |tx: &Transaction<'_>, nonce: &str| -> Result<usize, CoreError> {
        Ok(tx.execute(
            "INSERT INTO oauth_nonce(nonce, timestamp, consumer_id) VALUES (?1, 1, 1)",
            [nonce],
        )?)
    };
    let g0 = store.generation();
    store
        .write(|tx| {
            let rows = nonce(tx, "reported")?;
            cache::record_unhooked("oauth_nonce", rows as u64);
            Ok::<_, CoreError>(())
        })
        .expect("reported nonce");
    assert_eq!(store.generation(), g0);
    store
        .write(|tx| nonce(tx, "unreported"))
        .expect("unreported nonce");
    assert!(store.generation() > g0);
    // Outside a write there is no tally to count into.
    cache::record_unhooked("oauth_nonce", 1);
    let g1 = store.generation();
    store
        .write(|tx| {
            let rows = nonce(tx, "misreported")?;
            cache::record_unhooked("core_config_data", rows as u64);
            Ok::<_, CoreError>(())
        })
        .expect("misreported nonce");
    assert!(
        store.generation() > g1,
        "a tracked table's rows are tracked"
    );
}

/// What the update hook does not see still moves the generation on: a whole-table delete (the
/// truncate optimisation), a rolled-back write, reset's page copy and wipe's dropped tables.
#[test]
fn unhooked_changes_rollbacks_reset_and_wipe_move_the_generation() {
    let (store, _) = Store::open(None).expect("open");
    store.write(|tx| insert(tx, "a/b/c")).expect("write");
    store.mark_seeded().expect("mark");
    let mut last = store.generation();
    let mut moved = |store: &Store, what: &str| {
        let now = store.generation();
        assert!(now > last, "{what} kept generation {last}");
        last = now;
    };
    store
        .write(|tx| {
            tx.execute("DELETE FROM core_config_data", [])?;
            Ok::<_, CoreError>(())
        })
        .expect("truncate");
    moved(&store, "a whole-table delete");
    let failed: Result<(), CoreError> = store.write(|tx| {
        insert(tx, "rolled/back/row")?;
        insert(tx, "rolled/back/row")
    });
    assert!(failed.is_err());
    moved(&store, "a rolled-back write");
    assert!(store.reset().expect("reset"));
    moved(&store, "reset");
    store.wipe().expect("wipe");
    moved(&store, "wipe");
}

#[derive(Default)]
struct Probe;

/// Caches answer inside reads only: not in write transactions, not outside the store, and not
/// in a read closure once it has written (after which the generation moves on).
#[test]
fn caches_are_offered_inside_reads_only() {
    use super::cache::current;
    let (store, _) = Store::open(None).expect("open");
    assert!(current::<Probe>().is_none());
    let generation = store.generation();
    let inside = store
        .read(|_| Ok::<_, CoreError>(current::<Probe>().map(|(_, g)| g)))
        .expect("read");
    assert_eq!(inside, Some(generation));
    let in_write = store
        .write(|_| Ok::<_, CoreError>(current::<Probe>().is_some()))
        .expect("write");
    assert!(!in_write);
    let (before, after) = store
        .read(|c| {
            let before = current::<Probe>().is_some();
            c.execute(
                "INSERT INTO core_config_data(path, value) VALUES ('w/r/x', '1')",
                [],
            )?;
            Ok::<_, CoreError>((before, current::<Probe>().is_some()))
        })
        .expect("read that writes");
    assert!(before && !after);
    assert!(store.generation() > generation);
    assert!(current::<Probe>().is_none());
}

/// Entries answer at their own generation only; a newer insert drops older entries; the map
/// starts over when full.
#[test]
fn a_generation_cache_answers_at_its_generation_only() {
    use super::cache::GenerationCache;
    let cache: GenerationCache<String, i64> = GenerationCache::new(2);
    cache.insert(1, "a".into(), 10);
    assert_eq!(cache.get(1, "a"), Some(10));
    assert_eq!(cache.get(2, "a"), None);
    cache.insert(2, "b".into(), 20);
    assert_eq!(cache.get(2, "a"), None);
    cache.insert(1, "c".into(), 30);
    assert_eq!(cache.get(1, "c"), None, "an older value never returns");
    cache.insert(2, "c".into(), 30);
    cache.insert(2, "d".into(), 40);
    assert_eq!((cache.get(2, "b"), cache.get(2, "d")), (None, Some(40)));
    let loaded: Result<i64, ()> = cache.get_or_try_insert(2, "e".into(), || Ok(50));
    assert_eq!(loaded, Ok(50));
    let again: Result<i64, ()> = cache.get_or_try_insert(2, "e".into(), || Err(()));
    assert_eq!(again, Ok(50));
}

/// The seeded start lives in SQLite's private temporary file (a file the unix VFS unlinks as
/// soon as it is open), not in a second in-memory database: with 100k products that is ~95 MiB of RSS.
#[cfg(target_os = "linux")]
#[test]
fn the_seeded_start_is_kept_in_a_temporary_file_and_still_resets() {
    let temp_files = || {
        std::fs::read_dir("/proc/self/fd")
            .expect("fds")
            .filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
            .filter(|target| target.to_string_lossy().ends_with(" (deleted)"))
            .count()
    };
    let (store, _) = Store::open(None).expect("open");
    let before = temp_files();
    // More pages than the copy's page cache holds, so they must reach the file.
    store
        .write(|tx| {
            for i in 0..2_000 {
                insert(tx, &format!("seeded/row/{i:04}/{}", "x".repeat(200)))?;
            }
            Ok::<_, CoreError>(())
        })
        .expect("seed");
    store.mark_seeded().expect("mark");
    assert_eq!(temp_files(), before + 1);
    store
        .write(|tx| insert(tx, "added/by/test"))
        .expect("write");
    assert!(store.reset().expect("reset"));
    assert_eq!(count(&store), 2_000);
}

/// `oauth_nonce` is keyed by Magento's unique key, so a nonce is stored once (not in a table
/// and again in its unique index): the pair stays unique, one nonce may serve two consumers,
/// and a row of a 32-character nonce costs about half of the ~95 bytes it took before 0008.
#[test]
fn a_nonce_is_stored_once() {
    const ROWS: i64 = 20_000;
    let (store, _) = Store::open(None).expect("open");
    let per_row = store
        .write(|tx| {
            tx.execute_batch(
                "INSERT INTO oauth_consumer(entity_id, created_at, name, key, secret) VALUES \
                 (1, 'now', 'a', 'ka', 'sa'), (2, 'now', 'b', 'kb', 'sb')",
            )?;
            let pages = || -> Result<i64, CoreError> {
                Ok(tx.query_row("PRAGMA page_count", [], |r| r.get(0))?)
            };
            let before = pages()?;
            let mut insert = tx.prepare(
                "INSERT INTO oauth_nonce(nonce, timestamp, consumer_id) VALUES (?1, ?2, ?3)",
            )?;
            // Clients send random nonces, so rows land all over the key's B-tree.
            let mut state = 0x9E37_79B9_7F4A_7C15_u64;
            for i in 0..ROWS {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let nonce = format!("{state:016x}{:016x}", state.rotate_left(29));
                insert.execute(rusqlite::params![nonce, 1_768_471_200 + i, 1 + i % 2])?;
            }
            insert.execute(rusqlite::params!["same", 1, 1])?;
            insert.execute(rusqlite::params!["same", 1, 2])?;
            let again = insert.execute(rusqlite::params!["same", 2, 1]);
            assert!(
                matches!(&again, Err(rusqlite::Error::SqliteFailure(e, _))
                    if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY),
                "{again:?}"
            );
            let page_size: i64 = tx.query_row("PRAGMA page_size", [], |r| r.get(0))?;
            Ok::<_, CoreError>((pages()? - before) * page_size / ROWS)
        })
        .expect("nonces");
    assert!(per_row < 64, "{per_row} bytes per nonce row");
}
