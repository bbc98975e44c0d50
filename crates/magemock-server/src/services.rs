//! Everything a request needs, built once at start: the store, the clock, the entropy, the
//! journal and the route table (and, for a reopened `--data` file only, the parsed fixtures its
//! first reset seeds from). `main` and every test build the same `Services` through
//! [`Services::start`].

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Utc};
use magemock_core::{
    Clock, CoreError, Entropy, MagentoError, MagentoVersion, Opened, Store, ToMagentoError,
};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::journal::Journal;
use crate::rest::call::StoreScope;
use crate::rest::caller::Caller;
use crate::rest::router::RouteTable;
use crate::rest::url::StoreSegment;

mod caches;
mod callers;
mod template;

pub use caches::Access;

use template::{acl_tree, remember_template, template_for, template_key};

/// One fixture document: where it came from and its text.
#[derive(Debug, Clone)]
pub struct FixtureSource {
    pub name: String,
    pub xml: String,
}

impl FixtureSource {
    /// The default Luma-like store shipped with magemock.
    pub fn default_store() -> Self {
        Self {
            name: "fixtures/default.xml".into(),
            xml: magemock_fixtures::default_fixture().to_string(),
        }
    }
}

/// How to build the services; the binary fills it from flags, tests from helpers.
#[derive(Debug, Clone)]
pub struct Options {
    pub seed: u64,
    pub magento_version: MagentoVersion,
    /// What magemock calls its store base URL (`store_base_url` in activation posts).
    pub base_url: String,
    /// Loaded in order into a fresh store. [`Services::start`] empties each text once it is
    /// parsed and digested (37 MB for 100,000 products); the names stay, and `health` keeps
    /// the digest.
    pub fixtures: Vec<FixtureSource>,
    /// A SQLite file that keeps state across restarts; in memory when `None`.
    pub data: Option<PathBuf>,
    pub journal_size: usize,
    /// Freeze the clock at this instant from the start.
    pub frozen_at: Option<DateTime<Utc>>,
    /// Magento code trees whose modules' integrations are loaded (`--modules`).
    pub modules: Vec<PathBuf>,
    /// More acl.xml documents merged into the default tree (`--acl`), as (name, xml).
    pub acl: Vec<(String, String)>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            seed: magemock_core::entropy::DEFAULT_SEED,
            magento_version: MagentoVersion::default(),
            base_url: "http://127.0.0.1:8080/".into(),
            fixtures: vec![FixtureSource::default_store()],
            data: None,
            journal_size: crate::journal::DEFAULT_CAPACITY,
            frozen_at: None,
            modules: Vec::new(),
            acl: Vec::new(),
        }
    }
}

/// Why magemock could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot open the store: {0}")]
    Store(#[from] CoreError),
    #[error("{0}")]
    Fixture(#[from] magemock_fixtures::FixtureError),
    #[error("ACL: {0}")]
    Acl(#[from] magemock_acl::AclError),
    #[error("{0}")]
    Modules(String),
    #[error("cannot set up the token service: {0}")]
    Tokens(#[from] magemock_tokens::TokenError),
}

pub struct Services {
    pub store: Store,
    pub clock: Clock,
    pub entropy: Entropy,
    pub journal: Journal,
    pub handshake: crate::handshake::Handshakes,
    pub coverage: crate::coverage::Coverage,
    pub routes: RouteTable,
    pub acl: magemock_acl::AclTree,
    pub options: Options,
    fixtures: Vec<magemock_fixtures::Fixture>,
    fixtures_digest: String,
    ready: AtomicBool,
    caches: caches::RequestCaches,
}

impl std::fmt::Debug for Services {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Services")
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl Services {
    /// Opens the store and seeds it from the fixtures (parsed first, so that a bad file stops
    /// the start before anything is written).
    pub fn start(mut options: Options) -> Result<Self, StartError> {
        let digest = fixtures_digest(&options.fixtures);
        let clock = match options.frozen_at {
            Some(at) => Clock::frozen(at),
            None => Clock::system(),
        };
        let acl = acl_tree(&options.acl)?;
        // A store that another store of this process already seeded the same way starts as a
        // copy of it: same rows, same entropy position (tests start many stores).
        let key = template_key(&options, &digest);
        if let Some(template) = key.as_ref().and_then(template_for) {
            let copied = {
                let db = template.db.lock().unwrap_or_else(|e| e.into_inner());
                Store::from_template(&db)?
            };
            let services = Self::assemble(
                copied,
                clock,
                Entropy::from_state(options.seed, &template.entropy),
                acl,
                Vec::new(),
                options,
                digest,
            );
            services.ready.store(true, Ordering::SeqCst);
            return Ok(services);
        }
        let fixtures = options
            .fixtures
            .iter()
            .map(|f| magemock_fixtures::parse(&f.name, &f.xml))
            .collect::<Result<Vec<_>, _>>()?;
        // Parsed and digested: nothing reads the text again.
        for f in &mut options.fixtures {
            f.xml = String::new();
        }
        let (store, opened) = Store::open(options.data.as_deref())?;
        let entropy = match opened {
            Opened::Fresh => Entropy::new(options.seed),
            Opened::Existing { generation } => Entropy::for_generation(options.seed, generation),
        };
        let mut services = Self::assemble(store, clock, entropy, acl, fixtures, options, digest);
        match opened {
            Opened::Fresh => {
                services.seed()?;
                // A freshly seeded store resets from its in-memory copy (`Store::mark_seeded`),
                // never by applying the fixtures again: the parsed model can go.
                services.fixtures = Vec::new();
                if let Some(key) = key {
                    remember_template(key, &services)?;
                }
            }
            // Magento synchronises declared integrations on every setup:upgrade; a reopened
            // store does the same with the modules as they are now.
            Opened::Existing { .. } => {
                services.sync_modules().map_err(StartError::Modules)?;
            }
        }
        services.ready.store(true, Ordering::SeqCst);
        Ok(services)
    }

    fn assemble(
        store: Store,
        clock: Clock,
        entropy: Entropy,
        acl: magemock_acl::AclTree,
        fixtures: Vec<magemock_fixtures::Fixture>,
        options: Options,
        digest: String,
    ) -> Self {
        Self {
            store,
            clock,
            entropy,
            journal: Journal::new(options.journal_size),
            handshake: crate::handshake::Handshakes::default(),
            coverage: crate::coverage::Coverage::default(),
            routes: RouteTable::new(crate::handlers::routes()),
            acl,
            options,
            fixtures,
            fixtures_digest: digest,
            ready: AtomicBool::new(false),
            caches: caches::RequestCaches::default(),
        }
    }

    fn seed(&self) -> Result<(), StartError> {
        let ctx = magemock_fixtures::ApplyContext {
            clock: &self.clock,
            entropy: &self.entropy,
            acl: &self.acl,
        };
        self.store.write(|tx| {
            magemock_tokens::ensure_crypt_key(tx, &self.entropy)?;
            for fixture in &self.fixtures {
                magemock_fixtures::apply(tx, fixture, &ctx)?;
            }
            self.sync_modules_in(tx).map_err(StartError::Modules)?;
            Ok::<_, StartError>(())
        })?;
        self.store.mark_seeded()?;
        self.entropy.mark();
        Ok(())
    }

    /// Parses and applies one more fixture document in one transaction: all of it or nothing.
    pub fn load_fixture(
        &self,
        name: &str,
        xml: &str,
    ) -> Result<magemock_fixtures::LoadReport, StartError> {
        let fixture = magemock_fixtures::parse(name, xml)?;
        let ctx = magemock_fixtures::ApplyContext {
            clock: &self.clock,
            entropy: &self.entropy,
            acl: &self.acl,
        };
        self.store
            .write(|tx| Ok::<_, StartError>(magemock_fixtures::apply(tx, &fixture, &ctx)?))
    }

    pub fn is_ready(&self) -> bool {
        self.ready.load(Ordering::SeqCst)
    }

    /// Back to the seeded start: same data, same ids, same entropy stream, clock and journal
    /// as at start.
    pub fn reset(&self) -> Result<(), MagentoError> {
        self.ready.store(false, Ordering::SeqCst);
        let result = (|| {
            if !self.store.reset().map_err(|e| e.to_magento())? {
                // A reopened --data file has no in-memory copy of its seeded start: seed anew.
                self.store.wipe().map_err(|e| e.to_magento())?;
                self.entropy.reset();
                self.seed().map_err(MagentoError::internal)?;
            }
            self.entropy.reset();
            self.clock.reset();
            self.journal.clear();
            self.handshake.clear();
            self.coverage.clear();
            Ok(())
        })();
        self.ready.store(true, Ordering::SeqCst);
        result
    }

    pub fn health(&self) -> Value {
        json!({
            "status": if self.is_ready() { "ready" } else { "starting" },
            "version": env!("CARGO_PKG_VERSION"),
            "magento_version": self.options.magento_version.to_string(),
            "seed": self.options.seed,
            "fixtures_digest": self.fixtures_digest,
        })
    }

    /// `webapi-` + 13 hex digits shaped like PHP's `uniqid()`, taken from the clock so that a
    /// frozen clock gives a stable report id.
    pub fn report_id(&self) -> String {
        let now = self.clock.now();
        format!(
            "webapi-{:08x}{:05x}",
            now.timestamp(),
            now.timestamp_subsec_micros()
        )
    }

    /// What registry writes need from the instance.
    pub fn registry_context(&self) -> magemock_registry::RegistryContext<'_> {
        magemock_registry::RegistryContext {
            clock: &self.clock,
            entropy: &self.entropy,
        }
    }

    /// Reads the `--modules` trees and synchronises their integrations, all or nothing.
    pub fn sync_modules(&self) -> Result<magemock_registry::SyncReport, String> {
        self.store
            .write(|tx| self.sync_modules_in(tx).map_err(StoreOr::Message))
            .map_err(|e| match e {
                StoreOr::Message(m) => m,
                StoreOr::Store(e) => e.to_string(),
            })
    }

    fn sync_modules_in(
        &self,
        tx: &rusqlite::Connection,
    ) -> Result<magemock_registry::SyncReport, String> {
        if self.options.modules.is_empty() {
            return Ok(magemock_registry::SyncReport::default());
        }
        let modules =
            magemock_registry::declared::scan(&self.options.modules).map_err(|e| e.to_string())?;
        let declared = magemock_registry::declared::load(&modules).map_err(|e| e.to_string())?;
        magemock_registry::stored::sync_declared(tx, &self.registry_context(), &self.acl, &declared)
            .map_err(|e| e.to_string())
    }
}

fn fixtures_digest(sources: &[FixtureSource]) -> String {
    let mut hasher = Sha256::new();
    // Content only: the same fixtures mounted under another path are the same store.
    for s in sources {
        hasher.update(s.xml.as_bytes());
        hasher.update([0]);
    }
    hex::encode(hasher.finalize())
}

/// A store write that failed either in the store or with a message for the user.
enum StoreOr {
    Store(CoreError),
    Message(String),
}

impl From<CoreError> for StoreOr {
    fn from(e: CoreError) -> Self {
        StoreOr::Store(e)
    }
}

#[cfg(test)]
mod tests;
