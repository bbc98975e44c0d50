//! The validated runtime settings: command line and environment (already merged by clap, the
//! command line winning) over the TOML config file over the defaults.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use magemock_core::MagentoVersion;
use serde::Deserialize;

use crate::cli::ServeArgs;

/// The config file's shape; unknown keys are an error so that typos do not pass silently.
#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FileSettings {
    pub host: Option<String>,
    pub port: Option<u16>,
    pub seed: Option<u64>,
    pub fixtures: Option<Vec<PathBuf>>,
    pub modules: Option<Vec<PathBuf>>,
    pub acl: Option<Vec<PathBuf>>,
    pub data: Option<PathBuf>,
    pub magento_version: Option<String>,
    pub base_url: Option<String>,
    pub freeze_at: Option<String>,
    pub journal_size: Option<usize>,
    pub log_format: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub host: String,
    pub port: u16,
    pub seed: u64,
    /// Empty: the default store.
    pub fixtures: Vec<PathBuf>,
    pub modules: Vec<PathBuf>,
    pub acl: Vec<PathBuf>,
    pub data: Option<PathBuf>,
    pub magento_version: MagentoVersion,
    pub base_url: Option<String>,
    pub freeze_at: Option<DateTime<Utc>>,
    pub journal_size: usize,
    pub log_format: LogFormat,
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("cannot read config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("config file {path}: {message}")]
    Parse { path: PathBuf, message: String },
    #[error(transparent)]
    Version(#[from] magemock_core::profile::UnsupportedVersion),
    #[error("--freeze-at {0:?}: use \"YYYY-MM-DD HH:MM:SS\" (UTC), RFC 3339 or unix seconds")]
    FreezeAt(String),
    #[error("--log-format {0:?}: use text or json")]
    LogFormat(String),
}

pub fn read_file(path: &Path) -> Result<FileSettings, SettingsError> {
    let text = std::fs::read_to_string(path).map_err(|source| SettingsError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    toml::from_str(&text).map_err(|e| SettingsError::Parse {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

/// Layers the flags (CLI over env) over the file over the defaults.
pub fn resolve(args: ServeArgs, file: FileSettings) -> Result<Settings, SettingsError> {
    let version = args
        .magento_version
        .or(file.magento_version)
        .map(|v| v.parse::<MagentoVersion>())
        .transpose()?
        .unwrap_or_default();
    let freeze_at = match args.freeze_at.or(file.freeze_at) {
        None => None,
        Some(s) => Some(magemock_core::clock::parse_instant(&s).ok_or(SettingsError::FreezeAt(s))?),
    };
    let log_format = match args.log_format.or(file.log_format).as_deref() {
        None | Some("text") => LogFormat::Text,
        Some("json") => LogFormat::Json,
        Some(other) => return Err(SettingsError::LogFormat(other.to_string())),
    };
    Ok(Settings {
        host: args
            .host
            .or(file.host)
            .unwrap_or_else(|| "127.0.0.1".into()),
        port: args.port.or(file.port).unwrap_or(8080),
        seed: args
            .seed
            .or(file.seed)
            .unwrap_or(magemock_core::entropy::DEFAULT_SEED),
        fixtures: if args.fixtures.is_empty() {
            file.fixtures.unwrap_or_default()
        } else {
            args.fixtures
        },
        modules: if args.modules.is_empty() {
            file.modules.unwrap_or_default()
        } else {
            args.modules
        },
        acl: if args.acl.is_empty() {
            file.acl.unwrap_or_default()
        } else {
            args.acl
        },
        data: args.data.or(file.data),
        magento_version: version,
        base_url: args.base_url.or(file.base_url),
        freeze_at,
        journal_size: args.journal_size.or(file.journal_size).unwrap_or(1000),
        log_format,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::Parser;

    fn args(argv: &[&str]) -> ServeArgs {
        Cli::try_parse_from(std::iter::once("magemock").chain(argv.iter().copied()))
            .expect("valid flags")
            .serve
    }

    /// Command line over config file over defaults. (The environment sits between them; clap
    /// merges it with the command line, and the end-to-end tests check it on the real binary,
    /// since edition 2024 makes changing this process's environment unsafe.)
    #[test]
    fn command_line_beats_file_beats_defaults() {
        let file = || -> FileSettings {
            toml::from_str(
                "port = 7000\nseed = 1\nhost = \"0.0.0.0\"\nmagento_version = \"2.4.3\"\n",
            )
            .expect("toml")
        };
        let s = resolve(args(&["--port", "7200"]), file()).expect("settings");
        assert_eq!((s.port, s.seed, s.host.as_str()), (7200, 1, "0.0.0.0"));
        let s = resolve(args(&[]), file()).expect("settings");
        assert_eq!(s.port, 7000, "file beats default");
        assert_eq!(s.magento_version.to_string(), "2.4.3");
        let s = resolve(args(&[]), FileSettings::default()).expect("settings");
        assert_eq!((s.port, s.host.as_str()), (8080, "127.0.0.1"));
        assert_eq!(s.magento_version.to_string(), "2.4.8");
    }

    #[test]
    fn bad_values_are_reported() {
        assert!(matches!(
            resolve(
                args(&["--magento-version", "2.5.0"]),
                FileSettings::default()
            ),
            Err(SettingsError::Version(_))
        ));
        assert!(matches!(
            resolve(args(&["--freeze-at", "soon"]), FileSettings::default()),
            Err(SettingsError::FreezeAt(_))
        ));
        assert!(toml::from_str::<FileSettings>("prot = 1").is_err());
    }
}
