//! The in-process store: magemock's real server on 127.0.0.1 and a free port, on its own
//! thread, stopped when the handle is dropped.

use std::sync::mpsc;
use std::thread::JoinHandle;

use magemock_server::{Application, FixtureSource, Listen, Options};

use magemock_client::{Client, Error, Journal};

/// What the store starts with. The clock is frozen (at 2026-01-15 10:00:00 UTC unless set) so
/// that timestamps, JWTs and report ids are the same on every run.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    pub options: Options,
}

impl Default for StoreOptions {
    fn default() -> Self {
        Self {
            options: Options {
                frozen_at: magemock_core::clock::parse_instant("2026-01-15 10:00:00"),
                ..Options::default()
            },
        }
    }
}

impl StoreOptions {
    pub fn seed(mut self, seed: u64) -> Self {
        self.options.seed = seed;
        self
    }

    /// A `--magento-version` profile such as `"2.4.3"`.
    pub fn magento_version(mut self, version: &str) -> Result<Self, Error> {
        self.options.magento_version = version
            .parse()
            .map_err(|e: magemock_core::profile::UnsupportedVersion| Error::start(e.to_string()))?;
        Ok(self)
    }

    /// Replaces the default store with these fixture documents (name, XML).
    pub fn fixtures(mut self, docs: &[(&str, &str)]) -> Self {
        self.options.fixtures = docs
            .iter()
            .map(|(name, xml)| FixtureSource {
                name: (*name).into(),
                xml: (*xml).into(),
            })
            .collect();
        self
    }

    /// One more fixture document (name, XML), loaded after those already given (the default
    /// store unless [`fixtures`](Self::fixtures) replaced it). The name is what errors cite
    /// (`name:line:column`).
    pub fn fixture(mut self, name: &str, xml: &str) -> Self {
        self.options.fixtures.push(FixtureSource {
            name: name.into(),
            xml: xml.into(),
        });
        self
    }

    /// A fixture file, loaded like [`fixture`](Self::fixture); errors cite its path.
    pub fn fixture_file(self, path: impl AsRef<std::path::Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let xml = std::fs::read_to_string(path)
            .map_err(|e| Error::start(format!("{}: {e}", path.display())))?;
        Ok(self.fixture(&path.display().to_string(), &xml))
    }

    /// A Magento config value (`oauth/access_token_lifetime/admin`, ...) set from the start,
    /// so that [`Client::reset`] keeps it. magemock checks the path like the control API does.
    pub fn config(self, path: &str, value: &str) -> Self {
        let xml = format!(
            "<magemock><config path=\"{}\" value=\"{}\"/></magemock>",
            escape_attr(path),
            escape_attr(value)
        );
        self.fixture(&format!("config {path}"), &xml)
    }

    /// An `acl.xml` document (name, XML) whose resources join Magento's default tree.
    pub fn acl_xml(mut self, name: &str, xml: &str) -> Self {
        self.options.acl.push((name.into(), xml.into()));
        self
    }

    /// A Magento code tree whose modules' integrations are loaded.
    pub fn modules(mut self, dir: impl Into<std::path::PathBuf>) -> Self {
        self.options.modules.push(dir.into());
        self
    }

    /// Lets the clock run from the start instead of standing still.
    pub fn running_clock(mut self) -> Self {
        self.options.frozen_at = None;
        self
    }
}

fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

/// The real server on its own thread, on 127.0.0.1 and a free port; stopped when dropped.
pub struct ServerThread {
    url: String,
    handle: actix_web::dev::ServerHandle,
    thread: Option<JoinHandle<()>>,
}

impl ServerThread {
    /// Seeds the store and starts serving; the error says why magemock would not start (a bad
    /// fixture names its file, line and column).
    pub fn start(options: Options) -> Result<Self, Error> {
        let (tx, rx) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("magemock".into())
            .spawn(move || {
                actix_web::rt::System::new().block_on(async move {
                    let listen = Listen {
                        port: 0,
                        workers: 1,
                        ..Listen::default()
                    };
                    match Application::build(listen, options) {
                        Ok(app) => {
                            let _ = tx.send(Ok((app.url(), app.handle())));
                            let _ = app.run_until_stopped().await;
                        }
                        Err(e) => {
                            let _ = tx.send(Err(e.to_string()));
                        }
                    }
                });
            })
            .map_err(Error::start)?;
        let (url, handle) = rx.recv().map_err(Error::start)?.map_err(Error::start)?;
        Ok(Self {
            url,
            handle,
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for ServerThread {
    fn drop(&mut self) {
        let handle = self.handle.clone();
        // Stopping is a future; run it on a thread of its own so that dropping works both
        // inside and outside an async runtime.
        let _ = std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(handle.stop(false));
        })
        .join();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// A running in-process magemock.
pub struct TestStore {
    server: ServerThread,
    client: Client,
}

impl std::fmt::Debug for TestStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestStore")
            .field("url", &self.server.url)
            .finish_non_exhaustive()
    }
}

impl TestStore {
    /// The default Luma-like store, seeded and with a frozen clock.
    pub async fn start() -> Result<Self, Error> {
        Self::start_with(StoreOptions::default()).await
    }

    pub async fn start_with(options: StoreOptions) -> Result<Self, Error> {
        // Seeding is synchronous work; keep it off the caller's runtime thread.
        let server = tokio::task::spawn_blocking(move || ServerThread::start(options.options))
            .await
            .map_err(Error::start)??;
        Ok(Self {
            client: Client::new(server.url())?,
            server,
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> &str {
        self.server.url()
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Every request the store answered, for [`Journal::expect`].
    pub async fn journal(&self) -> Result<Journal, Error> {
        self.client.journal().await
    }
}
