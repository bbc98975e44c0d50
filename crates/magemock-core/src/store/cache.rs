//! Read caches over the store, kept correct by one counter: the store's data generation.
//!
//! [`Store`](super::Store) bumps the generation after every write transaction that changed a
//! row outside the quiet tables ([`QUIET_TABLES`]), after a read closure that wrote anything,
//! and on reset and wipe, always while it still holds the connection. A cache entry remembers
//! the generation it was read at and is only returned at that generation, so no answer ever
//! comes from data older than the last write, and the same requests still give the same bytes.
//!
//! Two ways in:
//! - [`current`], for domain code that only sees a `&Connection`: inside [`Store::read`]
//!   (never inside [`Store::write`], whose transaction may hold uncommitted rows), it yields the
//!   store's cache of a type and the generation of the read.
//! - [`Store::cache`] and [`Store::generation`], for the server's caches that are consulted
//!   without taking the connection at all: a hit at the current generation is what a read just
//!   before the next write would return.
//!
//! A cache must never hold a value read from a quiet table.
//!
//! [`Store::read`]: super::Store::read
//! [`Store::write`]: super::Store::write
//! [`Store::cache`]: super::Store::cache
//! [`Store::generation`]: super::Store::generation

use std::any::{Any, TypeId};
use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

/// Tables whose rows no cache reads, so that writing only them keeps every cache: the OAuth
/// nonces (one row per signed request) and magemock's own list of issued JWTs (one row per
/// token). Without this, each OAuth-signed GET would empty the caches for the next one.
///
/// `oauth_nonce` is a WITHOUT ROWID table, whose changes SQLite's update hook does not report:
/// the code that writes it counts them with [`record_unhooked`].
pub const QUIET_TABLES: &[&str] = &["oauth_nonce", "magemock_jwt_issued"];

/// Rows changed since the tally was last taken, counted by SQLite's update hook.
#[derive(Debug, Default)]
pub(crate) struct ChangeTally {
    /// Rows of tables outside [`QUIET_TABLES`].
    tracked: AtomicU64,
    /// Rows of quiet tables.
    quiet: AtomicU64,
}

impl ChangeTally {
    pub(crate) fn record(&self, table: &str) {
        self.record_rows(table, 1);
    }

    fn record_rows(&self, table: &str, rows: u64) {
        let counter = if QUIET_TABLES.contains(&table) {
            &self.quiet
        } else {
            &self.tracked
        };
        counter.fetch_add(rows, Ordering::Relaxed);
    }

    /// `(tracked, quiet)` so far, without taking them.
    pub(crate) fn peek(&self) -> (u64, u64) {
        (
            self.tracked.load(Ordering::Relaxed),
            self.quiet.load(Ordering::Relaxed),
        )
    }

    pub(crate) fn take(&self) -> (u64, u64) {
        (
            self.tracked.swap(0, Ordering::Relaxed),
            self.quiet.swap(0, Ordering::Relaxed),
        )
    }
}

/// Whether the changes of one closure must invalidate the caches. `changes` is SQLite's own
/// count (`sqlite3_total_changes` before and after), which also sees what the update hook
/// misses: rows deleted by the truncate optimisation (`DELETE FROM t` without `WHERE`). Only
/// when every change the counter saw was a quiet row the hook reported may the caches stay.
pub(crate) fn invalidates(changes: u64, (tracked, quiet): (u64, u64)) -> bool {
    tracked > 0 || changes != quiet
}

/// One instance per type, per store.
#[derive(Debug, Default)]
pub(crate) struct Caches {
    by_type: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
}

impl Caches {
    pub(crate) fn get<T: Default + Send + Sync + 'static>(&self) -> Arc<T> {
        let mut map = self.by_type.lock().unwrap_or_else(|e| e.into_inner());
        let entry = map
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Arc::new(T::default()));
        match Arc::clone(entry).downcast::<T>() {
            Ok(cache) => cache,
            // The map is keyed by the type id, so the entry is a `T`; were it not, a fresh
            // cache is still correct (only slower).
            Err(_) => Arc::new(T::default()),
        }
    }
}

/// What [`current`] hands out while a [`Store::read`](super::Store::read) runs on this thread.
struct ReadContext {
    caches: Arc<Caches>,
    generation: u64,
    tally: Arc<ChangeTally>,
    /// The tally when the read began: a read closure that writes stops using caches.
    tally_at_start: (u64, u64),
}

thread_local! {
    static CONTEXT: RefCell<Option<ReadContext>> = const { RefCell::new(None) };
    /// The tally of the [`Store::write`](super::Store::write) running on this thread.
    static WRITE_TALLY: RefCell<Option<Arc<ChangeTally>>> = const { RefCell::new(None) };
}

/// Offers the write's tally to [`record_unhooked`] for the life of the guard.
pub(crate) struct WriteGuard {
    previous: Option<Arc<ChangeTally>>,
}

impl WriteGuard {
    pub(crate) fn enter(tally: &Arc<ChangeTally>) -> Self {
        let previous = WRITE_TALLY.with(|t| t.borrow_mut().replace(Arc::clone(tally)));
        Self { previous }
    }
}

impl Drop for WriteGuard {
    fn drop(&mut self) {
        let previous = self.previous.take();
        WRITE_TALLY.with(|t| *t.borrow_mut() = previous);
    }
}

/// Counts `rows` changed in `table` by a statement the update hook does not report (a WITHOUT
/// ROWID table), as the hook would have: for code writing such a quiet table inside
/// [`Store::write`](super::Store::write), so that the write keeps the caches. Anywhere else it
/// does nothing, and an unreported change only ever costs the caches (the store's change
/// counter sees it and moves the generation on). A table outside [`QUIET_TABLES`] counts as a
/// tracked change.
pub fn record_unhooked(table: &str, rows: u64) {
    WRITE_TALLY.with(|t| {
        if let Some(tally) = t.borrow().as_ref() {
            tally.record_rows(table, rows);
        }
    });
}

/// Sets the read context for the life of the guard (restoring the previous one after).
pub(crate) struct ContextGuard {
    previous: Option<ReadContext>,
}

impl ContextGuard {
    pub(crate) fn enter(caches: &Arc<Caches>, generation: u64, tally: &Arc<ChangeTally>) -> Self {
        let context = ReadContext {
            caches: Arc::clone(caches),
            generation,
            tally: Arc::clone(tally),
            tally_at_start: tally.peek(),
        };
        let previous = CONTEXT.with(|c| c.borrow_mut().replace(context));
        Self { previous }
    }
}

impl Drop for ContextGuard {
    fn drop(&mut self) {
        let previous = self.previous.take();
        CONTEXT.with(|c| *c.borrow_mut() = previous);
    }
}

/// Runs `f` with caches of its own (empty, dropped afterwards) offered through [`current`],
/// even inside a write transaction: for a bulk load that writes many rows of some tables while
/// the tables the caches read stay as they are for the whole of `f` (a fixture's products: its
/// categories, attributes, sets and websites were all written before). The caller vouches for
/// that; nothing checks it.
pub fn with_load_memo<T>(f: impl FnOnce() -> T) -> T {
    let _context = ContextGuard::enter(
        &Arc::new(Caches::default()),
        0,
        &Arc::new(ChangeTally::default()),
    );
    f()
}

/// Inside a [`Store::read`](super::Store::read) on this thread: the store's cache of type `T`
/// and the generation the read sees. `None` anywhere else (in a write transaction, on a bare
/// connection, in a read closure that has written), where the caller reads the database.
pub fn current<T: Default + Send + Sync + 'static>() -> Option<(Arc<T>, u64)> {
    CONTEXT.with(|c| {
        let context = c.borrow();
        let context = context.as_ref()?;
        if context.tally.peek() != context.tally_at_start {
            return None;
        }
        Some((context.caches.get::<T>(), context.generation))
    })
}

/// A map whose entries are valid for one generation: a lookup at another generation misses,
/// and an insert at a newer one first drops everything older. At most `capacity` entries
/// (then it starts over), since some keys come from requests (store codes in URLs).
#[derive(Debug)]
pub struct GenerationCache<K, V> {
    capacity: usize,
    state: RwLock<Entries<K, V>>,
}

#[derive(Debug)]
struct Entries<K, V> {
    generation: u64,
    map: HashMap<K, V>,
}

impl<K: Eq + Hash, V: Clone> GenerationCache<K, V> {
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity,
            state: RwLock::new(Entries {
                generation: 0,
                map: HashMap::new(),
            }),
        }
    }

    /// The value stored for `key` at `generation`, if any.
    pub fn get<Q>(&self, generation: u64, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let state = self.state.read().unwrap_or_else(|e| e.into_inner());
        if state.generation != generation {
            return None;
        }
        state.map.get(key).cloned()
    }

    /// Stores a value read at `generation`; a value from an older generation than the entries
    /// held is dropped.
    pub fn insert(&self, generation: u64, key: K, value: V) {
        let mut state = self.state.write().unwrap_or_else(|e| e.into_inner());
        if generation < state.generation {
            return;
        }
        if generation > state.generation || state.map.len() >= self.capacity {
            state.map.clear();
            state.generation = generation;
        }
        state.map.insert(key, value);
    }

    /// The cached value, or `load`'s (stored when it succeeds).
    pub fn get_or_try_insert<E>(
        &self,
        generation: u64,
        key: K,
        load: impl FnOnce() -> Result<V, E>,
    ) -> Result<V, E> {
        if let Some(v) = self.get(generation, &key) {
            return Ok(v);
        }
        let value = load()?;
        self.insert(generation, key, value.clone());
        Ok(value)
    }
}

impl<K: Eq + Hash, V: Clone> Default for GenerationCache<K, V> {
    /// Room for every store, attribute set or role a store plausibly holds.
    fn default() -> Self {
        Self::new(1024)
    }
}
