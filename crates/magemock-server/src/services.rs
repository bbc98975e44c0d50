//! Everything a request needs, built once at start: the store, the clock, the entropy, the
//! journal, the route table and the fixtures the store was seeded from. `main` and every test
//! build the same `Services` through [`Services::start`].

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
    /// Loaded in order into a fresh store.
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
    pub fn start(options: Options) -> Result<Self, StartError> {
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
        let (store, opened) = Store::open(options.data.as_deref())?;
        let entropy = match opened {
            Opened::Fresh => Entropy::new(options.seed),
            Opened::Existing { generation } => Entropy::for_generation(options.seed, generation),
        };
        let services = Self::assemble(store, clock, entropy, acl, fixtures, options, digest);
        match opened {
            Opened::Fresh => {
                services.seed()?;
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

    /// Whether `code` names a store view. PathProcessor looks the code up as a key of
    /// `StoreManager::getStores(false, true)`: exact case, and never the admin store.
    pub fn is_store_code(&self, code: &str) -> bool {
        let Ok(code) = magemock_catalog::store_code::StoreCode::try_from(code) else {
            return false;
        };
        self.store
            .read(|c| magemock_catalog::stores::store_by_code(c, &code))
            .ok()
            .flatten()
            .is_some_and(|s| s.id != 0 && s.code == code.as_str())
    }

    /// The store a REST call runs in: the named one, the admin store for `all`, else the
    /// default website's default store.
    pub fn store_scope(&self, segment: &StoreSegment) -> Result<StoreScope, MagentoError> {
        use magemock_catalog::stores;
        let row = self
            .store
            .read(|c| match segment {
                StoreSegment::Default => match stores::default_website(c)? {
                    Some(w) => stores::website_default_store(c, w.id),
                    None => Ok(None),
                },
                StoreSegment::All => stores::store_by_id(c, 0),
                StoreSegment::Code(code) => {
                    let code = magemock_catalog::store_code::StoreCode::try_from(code.as_str())?;
                    stores::store_by_code(c, &code)
                }
            })
            .map_err(|e| e.to_magento())?
            .ok_or_else(|| MagentoError::internal(format!("no store for {segment:?}")))?;
        Ok(StoreScope {
            store_id: row.id,
            code: row.code,
            website_id: row.website_id,
        })
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

    /// What token operations need from the instance.
    pub fn token_context(&self) -> magemock_tokens::TokenContext<'_> {
        magemock_tokens::TokenContext {
            clock: &self.clock,
            entropy: &self.entropy,
            version: self.options.magento_version,
        }
    }

    /// The caller behind a bearer token, if the token service recognises it, or an active
    /// integration's access token when integration tokens may be used as bearer tokens. Any
    /// failure to read it leaves the caller a guest, as TokenUserContext does.
    pub fn bearer_caller(&self, token: &str) -> Option<Caller> {
        let ctx = self.token_context();
        let user = self
            .store
            .read(|c| magemock_tokens::read(c, &ctx, token))
            .ok()
            .flatten();
        if let Some(user) = user {
            return Some(match user.kind {
                magemock_tokens::UserKind::Admin => Caller::Admin { id: user.id },
                magemock_tokens::UserKind::Customer => Caller::Customer { id: user.id },
            });
        }
        self.store
            .read(|c| {
                if !self.integration_bearer_allowed(c)? {
                    return Ok::<_, CoreError>(None);
                }
                // An unreadable token is simply no integration.
                Ok(magemock_oauth::provider::bearer_integration(c, token)
                    .ok()
                    .flatten())
            })
            .ok()
            .flatten()
            .map(|id| Caller::Integration { id })
    }

    /// `oauth/consumer/enable_integration_as_bearer`; before 2.4.4 integration tokens were
    /// always accepted as bearer tokens.
    fn integration_bearer_allowed(&self, c: &rusqlite::Connection) -> Result<bool, CoreError> {
        if !self.options.magento_version.at_least(4, 4) {
            return Ok(true);
        }
        magemock_core::Settings::flag(c, "oauth/consumer/enable_integration_as_bearer")
    }

    pub fn provider_context(&self) -> magemock_oauth::provider::ProviderContext<'_> {
        magemock_oauth::provider::ProviderContext {
            clock: &self.clock,
            entropy: &self.entropy,
            version: self.options.magento_version,
        }
    }

    /// An OAuth-signed REST request: the integration when the signature and token check out
    /// and it is active, a guest without OAuth parameters, else Magento's REST error. The
    /// nonce is kept whatever the outcome.
    pub fn oauth_caller(
        &self,
        req: &crate::rest::caller::Request<'_>,
    ) -> Result<Caller, crate::rest::caller::Refused> {
        let ctx = self.provider_context();
        let incoming = magemock_oauth::provider::Incoming {
            http_method: req.method.as_bytes(),
            url: req.url.as_bytes(),
            authorization: req.authorization.map(str::as_bytes),
            content_type: req.content_type.map(str::as_bytes),
            body: req.body,
        };
        let outcome = self
            .store
            .write(|tx| {
                Ok::<_, CoreError>(magemock_oauth::provider::rest_caller(tx, &ctx, &incoming))
            })
            .map_err(|e| crate::rest::caller::Refused {
                error: Box::new(e.to_magento()),
                diagnostics: None,
            })?;
        match outcome {
            Ok(Some(id)) => {
                self.handshake.first_signed_call(id, self.clock.now_db());
                Ok(Caller::Integration { id })
            }
            Ok(None) => Ok(Caller::Guest),
            Err(e) => {
                let diagnostics = (e == magemock_oauth::OauthError::SignatureInvalid)
                    .then(|| {
                        diagnosis_json(&ctx, &incoming, "consumer secret & access-token secret")
                    })
                    .flatten();
                Err(crate::rest::caller::Refused {
                    error: Box::new(e.to_magento()),
                    diagnostics,
                })
            }
        }
    }

    /// `/oauth/token/request` or `/oauth/token/access`. The nonce (and any failure count) is
    /// committed whatever the outcome.
    pub fn oauth_token(
        &self,
        which: crate::oauth::Endpoint,
        incoming: &magemock_oauth::provider::Incoming<'_>,
    ) -> (
        Result<(String, String), magemock_oauth::OauthError>,
        Option<Value>,
    ) {
        let ctx = self.provider_context();
        let outcome = self
            .store
            .write(|tx| {
                Ok::<_, CoreError>(match which {
                    crate::oauth::Endpoint::Request => {
                        magemock_oauth::provider::request_token(tx, &ctx, incoming)
                    }
                    crate::oauth::Endpoint::Access => {
                        magemock_oauth::provider::access_token(tx, &ctx, incoming)
                    }
                })
            })
            .unwrap_or_else(|e| {
                Err(magemock_oauth::OauthError::Internal {
                    message: e.to_string(),
                })
            });
        let integration = self.integration_of_request(incoming);
        if let Some(id) = integration {
            let now = self.clock.now_db();
            match (&outcome, which) {
                (Ok(_), crate::oauth::Endpoint::Request) => self.handshake.request_token(id, now),
                (Ok(_), crate::oauth::Endpoint::Access) => self.handshake.access_token(id, now),
                (Err(e), step) => self
                    .handshake
                    .error(id, now, format!("{step:?} token: {e}")),
            }
        }
        let key = match which {
            crate::oauth::Endpoint::Request => "consumer secret & empty token secret",
            crate::oauth::Endpoint::Access => "consumer secret & request-token secret",
        };
        let diagnostics = matches!(outcome, Err(magemock_oauth::OauthError::SignatureInvalid))
            .then(|| diagnosis_json(&ctx, incoming, key))
            .flatten();
        (outcome, diagnostics)
    }

    /// The integration whose consumer key the request's OAuth header names, for the handshake
    /// report.
    fn integration_of_request(
        &self,
        incoming: &magemock_oauth::provider::Incoming<'_>,
    ) -> Option<i64> {
        let params = magemock_oauth::parse_authorization(incoming.authorization)?;
        let key = String::from_utf8_lossy(params.get_str("oauth_consumer_key")?).into_owned();
        self.store
            .read(|c| {
                let Some(consumer) = magemock_registry::stored::consumer_by_key(c, &key)? else {
                    return Ok(None);
                };
                Ok::<_, magemock_registry::RegistryError>(
                    magemock_registry::stored::list(c)?
                        .into_iter()
                        .find(|i| i.consumer_id == consumer.id)
                        .map(|i| i.id),
                )
            })
            .ok()
            .flatten()
    }

    /// The ACL grant behind a caller: an admin's role, an integration's resources; none for
    /// guests and customers (WebapiRoleLocator finds no role for them).
    pub fn caller_grant(&self, caller: &Caller) -> Option<magemock_acl::Grant> {
        match caller {
            Caller::Guest | Caller::Customer { .. } => None,
            Caller::Admin { id } => {
                let role = self
                    .store
                    .read(|c| magemock_catalog::admins::admin_role(c, *id))
                    .ok()
                    .flatten()?;
                Some(match role.resources {
                    magemock_catalog::admins::Resources::All => magemock_acl::Grant::All,
                    magemock_catalog::admins::Resources::Some(ids) => {
                        magemock_acl::Grant::Resources(
                            ids.iter()
                                .filter_map(|id| {
                                    magemock_acl::AclResourceId::try_from(id.as_str()).ok()
                                })
                                .collect(),
                        )
                    }
                })
            }
            // OauthUserContext only yields an integration that is active.
            Caller::Integration { id } => self
                .store
                .read(|c| {
                    let i = magemock_registry::stored::get(c, *id)?;
                    if i.status != magemock_registry::Status::Active {
                        return Ok(None);
                    }
                    magemock_registry::stored::grant_of(c, *id).map(Some)
                })
                .ok()
                .flatten(),
        }
    }

    /// Counts an allowed request's resources for the ACL coverage report.
    pub fn record_coverage(&self, caller: &Caller, resources: &[&str]) {
        let holder = match caller {
            Caller::Integration { id } => crate::coverage::Holder::Integration(*id),
            Caller::Admin { id } => {
                match self
                    .store
                    .read(|c| magemock_catalog::admins::admin_role(c, *id))
                {
                    Ok(Some(role)) => crate::coverage::Holder::AdminRole(role.id),
                    _ => return,
                }
            }
            Caller::Guest | Caller::Customer { .. } => return,
        };
        self.coverage.record(holder, resources);
    }

    /// `self`: the customer's account is shared with the current store (per-website sharing:
    /// same website; global sharing: any store).
    pub fn customer_shares_store(&self, customer_id: i64, store: &StoreScope) -> bool {
        self.store
            .read(|c| {
                let global = magemock_core::Settings::get(c, "customer/account_share/scope")
                    .map_err(magemock_catalog::CatalogError::from)?
                    .as_deref()
                    == Some("0");
                let customer = magemock_catalog::customers::customer_by_id(c, customer_id)?;
                Ok::<_, magemock_catalog::CatalogError>(
                    customer.is_some_and(|cu| global || cu.website_id == Some(store.website_id)),
                )
            })
            .unwrap_or(false)
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

/// The signature diagnosis as the journal shows it.
fn diagnosis_json(
    ctx: &magemock_oauth::provider::ProviderContext<'_>,
    incoming: &magemock_oauth::provider::Incoming<'_>,
    key: &'static str,
) -> Option<Value> {
    let d = magemock_oauth::provider::diagnose(ctx, incoming, key)?;
    Some(json!({
        "problem": "signature mismatch",
        "base_string": d.base_string,
        "parameters": d.parameters.iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>(),
        "signature_method": d.signature_method,
        "received_signature": d.received_signature,
        "key": d.key,
    }))
}

/// Magento's default ACL tree, parsed once per process, plus `--acl` files.
fn acl_tree(extra: &[(String, String)]) -> Result<magemock_acl::AclTree, StartError> {
    static DEFAULT: std::sync::OnceLock<Result<magemock_acl::AclTree, String>> =
        std::sync::OnceLock::new();
    let default = DEFAULT
        .get_or_init(|| magemock_acl::default_tree().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| StartError::Modules(e.clone()))?;
    if extra.is_empty() {
        Ok(default.clone())
    } else {
        Ok(default.extend(extra)?)
    }
}

/// A seeded store to copy: its database and where its entropy stood after seeding.
struct Template {
    db: std::sync::Mutex<rusqlite::Connection>,
    entropy: magemock_core::EntropyState,
}

type Templates = std::sync::Mutex<std::collections::HashMap<String, std::sync::Arc<Template>>>;

fn templates() -> &'static Templates {
    static TEMPLATES: std::sync::OnceLock<Templates> = std::sync::OnceLock::new();
    TEMPLATES.get_or_init(Default::default)
}

/// Only in-memory stores with a frozen clock and no module trees are copied: then seeding is a
/// pure function of seed, fixtures, ACL files and clock (module files may change on disk).
fn template_key(options: &Options, fixtures_digest: &str) -> Option<String> {
    if options.data.is_some() || !options.modules.is_empty() {
        return None;
    }
    let at = options.frozen_at?.timestamp();
    let mut hasher = Sha256::new();
    for (name, xml) in &options.acl {
        hasher.update(name.as_bytes());
        hasher.update([0]);
        hasher.update(xml.as_bytes());
        hasher.update([0]);
    }
    Some(format!(
        "{}:{}:{}:{}:{}",
        options.seed,
        options.magento_version,
        at,
        fixtures_digest,
        hex::encode(hasher.finalize())
    ))
}

fn template_for(key: &String) -> Option<std::sync::Arc<Template>> {
    templates()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(key)
        .cloned()
}

fn remember_template(key: String, services: &Services) -> Result<(), StartError> {
    let template = Template {
        db: std::sync::Mutex::new(services.store.snapshot()?),
        entropy: services.entropy.state(),
    };
    templates()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(key, std::sync::Arc::new(template));
    Ok(())
}
