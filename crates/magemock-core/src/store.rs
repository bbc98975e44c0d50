//! The one SQLite database. In memory by default, a file with `--data`. Every write runs in an
//! immediate transaction that commits only when the closure succeeds, so a failing request or
//! fixture load leaves nothing behind. A copy of the freshly seeded database is kept (in
//! SQLite's private temporary file, see [`Store::mark_seeded`]) so that reset is a page copy, not
//! a re-seed. Reads may be answered from caches kept valid by the store's data generation (see
//! [`cache`]).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::hooks::Action;
use rusqlite::{Connection, Transaction, TransactionBehavior, backup::Backup, config::DbConfig};

use crate::error::CoreError;

pub mod cache;
mod migrations;

pub use migrations::MIGRATIONS;

use cache::{Caches, ChangeTally, ContextGuard, WriteGuard};

#[derive(Debug)]
pub struct Store {
    conn: Mutex<Connection>,
    pristine: Mutex<Option<Connection>>,
    path: Option<PathBuf>,
    /// Bumped (under the connection lock) whenever cached data may have changed.
    generation: AtomicU64,
    /// Rows changed since the last look, per the update hook (see [`cache`]).
    tally: Arc<ChangeTally>,
    caches: Arc<Caches>,
}

/// What opening a store found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    /// A new database: the caller seeds it.
    Fresh,
    /// A `--data` file that was seeded by an earlier run; `generation` counts the runs.
    Existing { generation: u64 },
}

impl Store {
    /// Opens (and migrates) the database at `path`, or an in-memory one.
    pub fn open(path: Option<&Path>) -> Result<(Self, Opened), CoreError> {
        let mut conn = match path {
            Some(p) => {
                let conn = Connection::open(p)?;
                // WAL + NORMAL: a committed transaction survives a process stop; only an OS
                // crash may lose the last commits, which a test store can accept.
                conn.pragma_update(None, "journal_mode", "WAL")?;
                conn.pragma_update(None, "synchronous", "NORMAL")?;
                conn
            }
            None => Connection::open_in_memory()?,
        };
        let tally = Arc::new(ChangeTally::default());
        configure(&mut conn, &tally)?;
        migrations::apply(&mut conn)?;
        let seeded: Option<String> = conn
            .query_row(
                "SELECT value FROM magemock_meta WHERE key = 'seeded'",
                [],
                |r| r.get(0),
            )
            .ok();
        let opened = match seeded {
            None => Opened::Fresh,
            Some(_) => {
                let generation: i64 = conn.query_row(
                    "UPDATE magemock_meta SET value = CAST(value AS INTEGER) + 1 \
                     WHERE key = 'generation' RETURNING CAST(value AS INTEGER)",
                    [],
                    |r| r.get(0),
                )?;
                Opened::Existing {
                    generation: u64::try_from(generation).unwrap_or(0),
                }
            }
        };
        let store = Self {
            conn: Mutex::new(conn),
            pristine: Mutex::new(None),
            path: path.map(Path::to_path_buf),
            generation: AtomicU64::new(0),
            tally,
            caches: Arc::default(),
        };
        Ok((store, opened))
    }

    /// An in-memory store whose content (and seeded start) is a copy of `template`.
    pub fn from_template(template: &Connection) -> Result<Self, CoreError> {
        let mut conn = Connection::open_in_memory()?;
        copy_into(template, &mut conn)?;
        let tally = Arc::new(ChangeTally::default());
        configure(&mut conn, &tally)?;
        Ok(Self {
            conn: Mutex::new(conn),
            pristine: Mutex::new(Some(pristine_copy(template)?)),
            path: None,
            generation: AtomicU64::new(0),
            tally,
            caches: Arc::default(),
        })
    }

    /// A copy of the current content, to start other stores from.
    pub fn snapshot(&self) -> Result<Connection, CoreError> {
        let mut copy = Connection::open_in_memory()?;
        copy_into(&self.lock(), &mut copy)?;
        Ok(copy)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // SQLite rolls back an unfinished transaction when its guard is dropped during a panic,
        // so the connection behind a poisoned lock is still consistent.
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs `f` against the database without a write transaction. Domain code inside may
    /// answer from the store's caches ([`cache::current`]). `f` should not write; if it does,
    /// the caches stop answering for the rest of it and are invalidated after it.
    pub fn read<T, E: From<CoreError>>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, E>,
    ) -> Result<T, E> {
        let conn = self.lock();
        let before = conn.total_changes();
        self.tally.take();
        let result = {
            let _context = ContextGuard::enter(
                &self.caches,
                self.generation.load(Ordering::Acquire),
                &self.tally,
            );
            f(&conn)
        };
        self.settle(conn.total_changes() - before);
        result
    }

    /// Runs `f` in one immediate transaction: committed if `f` succeeds, rolled back if not.
    /// Caches are not consulted inside (the transaction may hold rows not yet committed); the
    /// data generation moves on once the transaction ends, unless it changed quiet rows only.
    pub fn write<T, E: From<CoreError>>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut conn = self.lock();
        let before = conn.total_changes();
        self.tally.take();
        let outcome = (|| {
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(CoreError::from)?;
            let value = {
                let _tally = WriteGuard::enter(&self.tally);
                f(&tx)?
            };
            tx.commit().map_err(CoreError::from)?;
            Ok(value)
        })();
        self.settle(conn.total_changes() - before);
        outcome
    }

    /// After a closure: a new generation if it changed anything a cache may hold. Called with
    /// the connection still locked, so a read never pairs new rows with an old generation.
    fn settle(&self, changes: u64) {
        if cache::invalidates(changes, self.tally.take()) {
            self.bump();
        }
    }

    fn bump(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// The data generation: it changes whenever a write may have changed what a cache holds
    /// (see [`cache`]). Read it inside a read closure to pair it with what the closure reads.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// This store's instance of a cache type (one per type, made on first use).
    pub fn cache<T: Default + Send + Sync + 'static>(&self) -> Arc<T> {
        self.caches.get::<T>()
    }

    /// Records the current content as the seeded start that [`Store::reset`] returns to. The copy
    /// lives in SQLite's private temporary file (a 64 KiB page cache), not in RAM, so a large
    /// store is not held twice; in memory only where no temporary file can be written.
    pub fn mark_seeded(&self) -> Result<(), CoreError> {
        let conn = self.lock();
        conn.execute(
            "INSERT INTO magemock_meta(key, value) VALUES ('seeded', '1'), ('generation', '0') \
             ON CONFLICT(key) DO NOTHING",
            [],
        )?;
        let copy = pristine_copy(&conn)?;
        *self.pristine.lock().unwrap_or_else(|e| e.into_inner()) = Some(copy);
        self.bump();
        Ok(())
    }

    /// Replaces the content with the seeded start recorded by [`Store::mark_seeded`].
    /// Returns false when no start was recorded (a reopened `--data` file: the caller re-seeds).
    pub fn reset(&self) -> Result<bool, CoreError> {
        let pristine = self.pristine.lock().unwrap_or_else(|e| e.into_inner());
        let Some(copy) = pristine.as_ref() else {
            return Ok(false);
        };
        let mut conn = self.lock();
        let copied = copy_into(copy, &mut conn);
        // The page copy passes no hook: every cache goes, even if the copy failed halfway.
        self.bump();
        copied?;
        Ok(true)
    }

    /// Empties every table and migrates again: the state of a fresh database.
    pub fn wipe(&self) -> Result<(), CoreError> {
        let mut conn = self.lock();
        // Dropped tables pass no hook either.
        self.bump();
        conn.pragma_update(None, "foreign_keys", "OFF")?;
        let tables: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for t in tables {
            conn.execute_batch(&format!("DROP TABLE \"{t}\""))?;
        }
        conn.pragma_update(None, "user_version", 0)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrations::apply(&mut conn)
    }

    /// Makes every committed write durable in the file (checkpoints the WAL); used on stop.
    pub fn flush(&self) -> Result<(), CoreError> {
        if self.path.is_some() {
            self.lock()
                .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
        }
        Ok(())
    }
}

/// The seeded start that reset copies back. It lives in a private temporary database (SQLite's
/// empty file name: a file in the temp directory, deleted when the connection closes) with a
/// small page cache, so the process does not hold every page twice: with 100k products the copy
/// is ~95 MiB that reset reads back from the OS's file cache. Where no temporary file can be
/// written (a read-only container), the copy stays in memory as before.
fn pristine_copy(from: &Connection) -> Result<Connection, CoreError> {
    let on_disk = (|| {
        let mut copy = Connection::open("")?;
        // Nothing to recover: the copy is rebuilt on every start.
        copy.pragma_update(None, "journal_mode", "OFF")?;
        copy.pragma_update(None, "synchronous", "OFF")?;
        copy.pragma_update(None, "cache_size", PRISTINE_CACHE_KIB)?;
        copy_into(from, &mut copy)?;
        Ok::<_, CoreError>(copy)
    })();
    match on_disk {
        Ok(copy) => Ok(copy),
        Err(_) => {
            let mut copy = Connection::open_in_memory()?;
            copy_into(from, &mut copy)?;
            Ok(copy)
        }
    }
}

/// See [`pristine_copy`]: negative is KiB (SQLite's `cache_size` convention).
const PRISTINE_CACHE_KIB: i64 = -64;

fn copy_into(from: &Connection, to: &mut Connection) -> Result<(), CoreError> {
    Backup::new(from, to)?.run_to_completion(i32::MAX, std::time::Duration::ZERO, None)?;
    Ok(())
}

/// Settings every serving connection gets.
///
/// A request runs a dozen small statements (store scope, token, role, product, values, stock,
/// ...); compiling them again each time was a third of a product GET's CPU, so the call sites
/// use `prepare_cached` and the cache holds every distinct statement of the code base (~220)
/// plus room for searchCriteria's generated ones.
///
/// QPSG (the query planner stability guarantee) keeps those cached statements valid: SQLite
/// marks the parameter of a `col = ?` term that no index serves as "re-prepare when bound"
/// (so that the plan may use the value), and `sqlite3_clear_bindings`, which rusqlite calls
/// when a statement goes back into its cache, expires every statement carrying such a mark.
/// Without QPSG the cached statements were compiled again anyway on their next use. What the
/// plans lose is the bound values, which only ANALYZE statistics (none are kept) and SQLite's
/// LIKE optimisation would use: a searchCriteria `like` on `sku` (the one NOCASE-indexed
/// column) scans the products instead of seeking a prefix range.
///
/// The update hook counts changed rows for the data generation ([`cache`]).
fn configure(conn: &mut Connection, tally: &Arc<ChangeTally>) -> Result<(), CoreError> {
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE_CAPACITY);
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    let tally = Arc::clone(tally);
    conn.update_hook(Some(move |_: Action, _: &str, table: &str, _: i64| {
        tally.record(table)
    }))?;
    Ok(())
}

/// See [`configure`].
const STATEMENT_CACHE_CAPACITY: usize = 256;

#[cfg(test)]
mod tests;
