//! Raw command-line and environment flags, before the config file is merged in
//! (see `settings.rs`). Every flag has a `MAGEMOCK_*` twin; nothing here has a default, so
//! that "not given" can fall back to the config file.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "magemock",
    version,
    about = "A Magento 2.4 stand-in for connector contract tests",
    long_about = "magemock answers Magento 2.4's REST API (tokens, OAuth 1.0a integrations, ACL, \
catalog, customers, stores) exactly as Magento does, starts in milliseconds and is deterministic: \
same seed + same requests = same bytes.\n\n\
Quick start:\n  magemock                      serve the default Luma-like store on http://127.0.0.1:8080\n  \
curl http://127.0.0.1:8080/rest/V1/directory/currency\n  \
curl http://127.0.0.1:8080/__magemock/health\n\n\
Every flag can also be set as MAGEMOCK_<FLAG> (e.g. MAGEMOCK_PORT=9000) or in a TOML file given \
with --config; the command line beats the environment, which beats the file.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the emulated store (the default when no subcommand is given).
    Serve(Box<ServeArgs>),
    /// Exit 0 when a running magemock reports ready (for container health checks).
    Healthcheck(HealthcheckArgs),
}

#[derive(Debug, Args, Default, Clone)]
pub struct ServeArgs {
    /// Address to listen on [default: 127.0.0.1].
    #[arg(long, env = "MAGEMOCK_HOST")]
    pub host: Option<String>,
    /// Port to listen on; 0 picks a free port [default: 8080].
    #[arg(long, env = "MAGEMOCK_PORT")]
    pub port: Option<u16>,
    /// Seed of every key, secret and token magemock generates [default: 20240408].
    #[arg(long, env = "MAGEMOCK_SEED")]
    pub seed: Option<u64>,
    /// Fixture XML to load instead of the default store (repeatable; loaded in order).
    #[arg(long = "fixtures", env = "MAGEMOCK_FIXTURES", value_delimiter = ',')]
    pub fixtures: Vec<PathBuf>,
    /// A Magento code tree (app/code/..., vendor/..., or one module) whose modules'
    /// etc/integration.xml (or etc/integration/config.xml + api.xml) integrations to load
    /// (repeatable).
    #[arg(long = "modules", env = "MAGEMOCK_MODULES", value_delimiter = ',')]
    pub modules: Vec<PathBuf>,
    /// An acl.xml file whose resources join Magento's default 2.4 tree (repeatable), e.g. your
    /// module's own etc/acl.xml.
    #[arg(long = "acl", env = "MAGEMOCK_ACL", value_delimiter = ',')]
    pub acl: Vec<PathBuf>,
    /// Keep the store in this SQLite file across restarts [default: in memory].
    #[arg(long, env = "MAGEMOCK_DATA")]
    pub data: Option<PathBuf>,
    /// Magento release whose behaviour to copy, 2.4.0 to 2.4.8 [default: 2.4.8].
    #[arg(long, env = "MAGEMOCK_MAGENTO_VERSION")]
    pub magento_version: Option<String>,
    /// The store base URL magemock reports (e.g. in activation posts) [default: http://HOST:PORT/].
    #[arg(long, env = "MAGEMOCK_BASE_URL")]
    pub base_url: Option<String>,
    /// Freeze the clock at this instant ("YYYY-MM-DD HH:MM:SS" UTC, RFC 3339 or unix seconds).
    #[arg(long, env = "MAGEMOCK_FREEZE_AT")]
    pub freeze_at: Option<String>,
    /// Requests kept in the journal [default: 1000].
    #[arg(long, env = "MAGEMOCK_JOURNAL_SIZE")]
    pub journal_size: Option<usize>,
    /// Log format: text or json [default: text].
    #[arg(long, env = "MAGEMOCK_LOG_FORMAT")]
    pub log_format: Option<String>,
    /// TOML file with any of these settings (snake_case keys).
    #[arg(long, env = "MAGEMOCK_CONFIG")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct HealthcheckArgs {
    /// Base URL of the magemock to check.
    #[arg(
        long,
        env = "MAGEMOCK_HEALTHCHECK_URL",
        default_value = "http://127.0.0.1:8080"
    )]
    pub url: String,
}
