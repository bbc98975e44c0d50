//! The [`Magemock`] image: what the container is started with.

use std::borrow::Cow;
use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};

use testcontainers::core::{AccessMode, ContainerPort, Mount, WaitFor};
use testcontainers::{ContainerRequest, CopyDataSource, CopyToContainer, Image, ImageExt};

/// The image name `docker/build.sh` tags.
pub const NAME: &str = "magemock";
/// The tag this crate was released with (`docker/build.sh` tags `magemock:<version>`).
pub const TAG: &str = env!("CARGO_PKG_VERSION");
/// The port magemock listens on inside the image (bridge networking).
pub const PORT: u16 = 8080;
/// What magemock prints on stdout once the store is seeded and the socket bound.
pub const READY_LINE: &str = "magemock listening on ";
/// The default store as a file inside the image, loaded before extra fixtures.
pub const DEFAULT_STORE_IN_IMAGE: &str = "/usr/share/magemock/fixtures/default.xml";

const FIXTURE_DIR: &str = "/etc/magemock/fixtures";
/// Config values (`with_config`) as a fixture, loaded after every other.
const CONFIG_FIXTURE: &str = "/etc/magemock/fixtures/zz-config.xml";
const ACL_DIR: &str = "/etc/magemock/acl";
const MODULES_DIR: &str = "/modules";

/// How the container is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Networking {
    /// Docker's default: magemock on 0.0.0.0:8080 in the container, a mapped port on the host.
    Bridge,
    /// The host's network stack: magemock on 127.0.0.1:`port` of the host.
    Host { port: u16 },
}

/// magemock, the Magento 2.4 stand-in, as a testcontainers [`Image`].
///
/// `Magemock::default()` runs `magemock:<this crate's version>` with the default store (admin
/// `admin`/`admin123`, customer `roni_cost@example.com`/`roni_cost3@example.com`, the Luma
/// sample catalog), seed 20240408 and Magento 2.4.8 behaviour, and is ready when magemock prints
/// `magemock listening on ...`. The builders below change that; anything else testcontainers
/// can do goes through [`ImageExt`] (`with_env_var`, `with_mapped_port`, `with_network`, ...).
///
/// Extra files (fixtures, ACL) are copied into the container before it starts; a modules
/// directory is bind-mounted read-only.
#[derive(Debug, Clone)]
pub struct Magemock {
    name: String,
    tag: String,
    settings: Vec<(String, String)>,
    keep_default_store: bool,
    fixtures: Vec<String>,
    acl: Vec<String>,
    config: Vec<(String, String)>,
    config_fixture: Option<CopyToContainer>,
    modules: Vec<String>,
    copies: Vec<CopyToContainer>,
    mounts: Vec<Mount>,
    pub(crate) networking: Networking,
}

impl Default for Magemock {
    fn default() -> Self {
        Self {
            name: NAME.to_string(),
            tag: TAG.to_string(),
            settings: Vec::new(),
            keep_default_store: true,
            fixtures: Vec::new(),
            acl: Vec::new(),
            config: Vec::new(),
            config_fixture: None,
            modules: Vec::new(),
            copies: Vec::new(),
            mounts: Vec::new(),
            networking: Networking::Bridge,
        }
    }
}

impl Magemock {
    /// The seed of every key, secret and token magemock makes (`MAGEMOCK_SEED`).
    pub fn with_seed(self, seed: u64) -> Self {
        self.with_setting("MAGEMOCK_SEED", seed.to_string())
    }

    /// The Magento release whose behaviour to copy, `2.4.0` … `2.4.8` (`-pN` accepted)
    /// (`MAGEMOCK_MAGENTO_VERSION`).
    pub fn with_magento_version(self, version: impl Into<String>) -> Self {
        self.with_setting("MAGEMOCK_MAGENTO_VERSION", version)
    }

    /// Starts with the clock frozen at this instant: `YYYY-MM-DD HH:MM:SS` (UTC), RFC 3339 or
    /// unix seconds (`MAGEMOCK_FREEZE_AT`). With a frozen clock the same requests give
    /// byte-identical answers, tokens included.
    pub fn with_frozen_clock(self, at: impl Into<String>) -> Self {
        self.with_setting("MAGEMOCK_FREEZE_AT", at)
    }

    /// How many requests the journal keeps (`MAGEMOCK_JOURNAL_SIZE`).
    pub fn with_journal_size(self, size: usize) -> Self {
        self.with_setting("MAGEMOCK_JOURNAL_SIZE", size.to_string())
    }

    /// The store base URL magemock reports, e.g. in the credentials it posts to an integration's
    /// endpoint (`MAGEMOCK_BASE_URL`). Useful with bridge networking and a fixed
    /// [`with_mapped_port`](ImageExt::with_mapped_port); host networking needs none.
    pub fn with_base_url(self, url: impl Into<String>) -> Self {
        self.with_setting("MAGEMOCK_BASE_URL", url)
    }

    /// Any other `MAGEMOCK_*` setting, e.g. `("MAGEMOCK_LOG_FORMAT", "json")` or
    /// `("MAGEMOCK_LOG", "off")`. A later value for the same name wins.
    pub fn with_setting(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let name = name.into();
        self.settings.retain(|(n, _)| *n != name);
        self.settings.push((name, value.into()));
        self
    }

    /// A Magento config value (`core_config_data` path), e.g.
    /// `("oauth/access_token_lifetime/admin", "1")` or
    /// `("oauth/consumer/enable_integration_as_bearer", "1")`. Written as a fixture loaded last,
    /// so it is part of the seeded start and survives `reset()`.
    pub fn with_config(mut self, path: impl Into<String>, value: impl Into<String>) -> Self {
        let path = path.into();
        self.config.retain(|(p, _)| *p != path);
        self.config.push((path, value.into()));
        let xml = config_fixture(&self.config);
        self.config_fixture = Some(CopyToContainer::new(xml.into_bytes(), CONFIG_FIXTURE));
        self
    }

    /// Fixture XML (magemock's fixture format) loaded after the default store, in call order.
    /// `name` names the file in magemock's error messages (`file:line:column`).
    pub fn with_fixture(mut self, name: &str, xml: impl Into<String>) -> Self {
        let target = numbered(FIXTURE_DIR, self.fixtures.len(), name);
        self.copies.push(CopyToContainer::new(
            xml.into().into_bytes(),
            target.as_str(),
        ));
        self.fixtures.push(target);
        self
    }

    /// A fixture file from the host, copied into the container; see [`with_fixture`](Self::with_fixture).
    pub fn with_fixture_file(mut self, path: impl AsRef<Path>) -> Self {
        let path = path.as_ref();
        let target = numbered(FIXTURE_DIR, self.fixtures.len(), &file_name(path));
        self.copies.push(CopyToContainer::new(
            CopyDataSource::File(absolute(path)),
            target.as_str(),
        ));
        self.fixtures.push(target);
        self
    }

    /// Loads only the fixtures given with [`with_fixture`](Self::with_fixture) (and
    /// [`with_config`](Self::with_config)), not the default store. Without any fixture this
    /// changes nothing: magemock always has a store.
    pub fn without_default_store(mut self) -> Self {
        self.keep_default_store = false;
        self
    }

    /// An `acl.xml` whose resources join Magento's default tree (`MAGEMOCK_ACL`), e.g. your
    /// module's own `etc/acl.xml`, so that integrations can be granted its resources.
    pub fn with_acl_xml(mut self, name: &str, xml: impl Into<String>) -> Self {
        let target = numbered(ACL_DIR, self.acl.len(), name);
        self.copies.push(CopyToContainer::new(
            xml.into().into_bytes(),
            target.as_str(),
        ));
        self.acl.push(target);
        self
    }

    /// An `acl.xml` file from the host; see [`with_acl_xml`](Self::with_acl_xml).
    pub fn with_acl_file(mut self, path: impl AsRef<Path>) -> Self {
        let path = path.as_ref();
        let target = numbered(ACL_DIR, self.acl.len(), &file_name(path));
        self.copies.push(CopyToContainer::new(
            CopyDataSource::File(absolute(path)),
            target.as_str(),
        ));
        self.acl.push(target);
        self
    }

    /// A Magento code tree on the host (`app/code`, `vendor`, or one module) whose
    /// `etc/integration.xml` integrations magemock loads (`MAGEMOCK_MODULES`). Bind-mounted
    /// read-only at `/modules/<n>`; relative paths are taken from the current directory.
    pub fn with_modules_dir(mut self, path: impl AsRef<Path>) -> Self {
        let target = format!("{MODULES_DIR}/{}", self.modules.len());
        let source = absolute(path.as_ref()).to_string_lossy().into_owned();
        self.mounts.push(
            Mount::bind_mount(source, target.as_str()).with_access_mode(AccessMode::ReadOnly),
        );
        self.modules.push(target);
        self
    }

    /// Another tag of the `magemock` image (default: this crate's version).
    pub fn with_tag(mut self, tag: impl Into<String>) -> Self {
        self.tag = tag.into();
        self
    }

    /// Another image name, e.g. `registry.example.com/tools/magemock`.
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// Runs the container on the host's network (`--network host`), magemock listening on
    /// 127.0.0.1 at a free port picked now. For engines without a bridge, and for tests whose
    /// connector endpoint listens on the host's 127.0.0.1. Call it last: it returns the
    /// request, on which the [`ImageExt`] methods go on.
    pub fn with_host_network(self) -> ContainerRequest<Self> {
        // Port 0 if no port can be had: magemock then picks one and prints it, and the helpers
        // read it from the ready line.
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .and_then(|l| l.local_addr())
            .map_or(0, |a| a.port());
        self.with_host_network_port(port)
    }

    /// [`with_host_network`](Self::with_host_network) on a port of your choosing (`0`: magemock
    /// picks one, read back by [`base_url`](crate::AsyncMagemockExt::base_url)).
    pub fn with_host_network_port(mut self, port: u16) -> ContainerRequest<Self> {
        self.networking = Networking::Host { port };
        self.with_network("host")
    }

    fn fixture_list(&self) -> Vec<&str> {
        let extra = self
            .fixtures
            .iter()
            .map(String::as_str)
            .chain(self.config_fixture.as_ref().map(|_| CONFIG_FIXTURE));
        let extra: Vec<&str> = extra.collect();
        if extra.is_empty() {
            return extra;
        }
        if self.keep_default_store {
            std::iter::once(DEFAULT_STORE_IN_IMAGE)
                .chain(extra)
                .collect()
        } else {
            extra
        }
    }
}

impl Image for Magemock {
    fn name(&self) -> &str {
        &self.name
    }

    fn tag(&self) -> &str {
        &self.tag
    }

    fn ready_conditions(&self) -> Vec<WaitFor> {
        vec![WaitFor::message_on_stdout(READY_LINE)]
    }

    fn env_vars(
        &self,
    ) -> impl IntoIterator<Item = (impl Into<Cow<'_, str>>, impl Into<Cow<'_, str>>)> {
        let mut env: Vec<(String, String)> = Vec::new();
        if let Networking::Host { port } = self.networking {
            env.push(("MAGEMOCK_HOST".into(), "127.0.0.1".into()));
            env.push(("MAGEMOCK_PORT".into(), port.to_string()));
            if port != 0 {
                env.push((
                    "MAGEMOCK_HEALTHCHECK_URL".into(),
                    format!("http://127.0.0.1:{port}"),
                ));
            }
        }
        let fixtures = self.fixture_list();
        if !fixtures.is_empty() {
            env.push(("MAGEMOCK_FIXTURES".into(), fixtures.join(",")));
        }
        if !self.acl.is_empty() {
            env.push(("MAGEMOCK_ACL".into(), self.acl.join(",")));
        }
        if !self.modules.is_empty() {
            env.push(("MAGEMOCK_MODULES".into(), self.modules.join(",")));
        }
        env.extend(self.settings.iter().cloned());
        env
    }

    fn mounts(&self) -> impl IntoIterator<Item = &Mount> {
        &self.mounts
    }

    fn copy_to_sources(&self) -> impl IntoIterator<Item = &CopyToContainer> {
        self.copies.iter().chain(self.config_fixture.as_ref())
    }

    fn expose_ports(&self) -> &[ContainerPort] {
        const EXPOSED: [ContainerPort; 1] = [ContainerPort::Tcp(PORT)];
        match self.networking {
            Networking::Bridge => &EXPOSED,
            Networking::Host { .. } => &[],
        }
    }
}

/// `<config path= value=/>` lines, attribute values escaped.
fn config_fixture(values: &[(String, String)]) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<magemock>\n");
    for (path, value) in values {
        xml.push_str(&format!(
            "    <config path=\"{}\" value=\"{}\"/>\n",
            escape_attr(path),
            escape_attr(value)
        ));
    }
    xml.push_str("</magemock>\n");
    xml
}

fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

/// `/etc/magemock/fixtures/NN-name.xml`: ordered, and safe in a comma-separated list.
fn numbered(dir: &str, index: usize, name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let clean = clean.trim_start_matches('.');
    let clean = if clean.is_empty() {
        "fixture.xml"
    } else {
        clean
    };
    format!("{dir}/{index:02}-{clean}")
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Docker wants absolute host paths; `std::path::absolute` does not touch the file system, so
/// a missing file is reported by Docker when the container is created.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests;
