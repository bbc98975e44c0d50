//! `magemock serve`: read settings, seed, bind, print the ready line, serve until SIGTERM or
//! SIGINT, then stop at once.

use std::io::Write;
use std::process::ExitCode;

use magemock_server::{Application, FixtureSource, Listen, Options};

use crate::cli::ServeArgs;
use crate::log_writer;
use crate::settings::{self, LogFormat, Settings};

pub fn run(args: ServeArgs) -> ExitCode {
    let file = match args.config.as_deref().map(settings::read_file).transpose() {
        Ok(f) => f.unwrap_or_default(),
        Err(e) => return fail(&e),
    };
    let settings = match settings::resolve(args, file) {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    // Dropped at the end of `run`, after the server stopped: every log line is written before
    // the error line below and before the process exits.
    let log = init_logging(settings.log_format);
    let outcome = actix_rt::System::new().block_on(serve(settings));
    drop(log);
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("magemock: {message}");
            ExitCode::FAILURE
        }
    }
}

fn fail(e: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("magemock: {e}");
    ExitCode::from(2)
}

fn init_logging(format: LogFormat) -> log_writer::LogGuard {
    let filter = tracing_subscriber::EnvFilter::try_from_env("MAGEMOCK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let (writer, guard) = log_writer::start();
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
    guard
}

fn fixture_sources(settings: &Settings) -> Result<Vec<FixtureSource>, String> {
    if settings.fixtures.is_empty() {
        return Ok(vec![FixtureSource::default_store()]);
    }
    settings
        .fixtures
        .iter()
        .map(|path| {
            std::fs::read_to_string(path)
                .map(|xml| FixtureSource {
                    name: path.display().to_string(),
                    xml,
                })
                .map_err(|e| format!("cannot read fixtures {}: {e}", path.display()))
        })
        .collect()
}

/// Reads files whole, naming the one that could not be read.
fn read_all(paths: &[std::path::PathBuf], what: &str) -> Result<Vec<(String, String)>, String> {
    paths
        .iter()
        .map(|p| {
            std::fs::read_to_string(p)
                .map(|text| (p.display().to_string(), text))
                .map_err(|e| format!("cannot read {what} {}: {e}", p.display()))
        })
        .collect()
}

async fn serve(settings: Settings) -> Result<(), String> {
    let options = Options {
        seed: settings.seed,
        magento_version: settings.magento_version,
        base_url: String::new(),
        fixtures: fixture_sources(&settings)?,
        data: settings.data.clone(),
        journal_size: settings.journal_size,
        frozen_at: settings.freeze_at,
        modules: settings.modules.clone(),
        acl: read_all(&settings.acl, "ACL file")?,
    };
    let listen = Listen {
        host: settings.host.clone(),
        port: settings.port,
        base_url: settings.base_url.clone(),
        workers: 2,
    };
    let app = Application::build(listen, options).map_err(|e| e.to_string())?;
    let services = app.services();
    let handle = app.handle();
    let url = app.url();
    let server = actix_rt::spawn(app.run_until_stopped());
    // Registered before the ready line: a SIGTERM sent the moment it appears must already be
    // ours, not the default action that would skip the data-file flush.
    let signals = install_signals();
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "magemock listening on {url}");
        let _ = out.flush();
    }
    wait_for_signal(signals).await;
    handle.stop(false).await;
    let _ = server.await;
    services
        .store
        .flush()
        .map_err(|e| format!("could not flush the data file: {e}"))
}

#[cfg(unix)]
type Signals = Option<(tokio::signal::unix::Signal, tokio::signal::unix::Signal)>;

#[cfg(unix)]
fn install_signals() -> Signals {
    use tokio::signal::unix::{SignalKind, signal};
    Some((
        signal(SignalKind::terminate()).ok()?,
        signal(SignalKind::interrupt()).ok()?,
    ))
}

#[cfg(unix)]
async fn wait_for_signal(signals: Signals) {
    match signals {
        Some((mut term, mut int)) => {
            tokio::select! {
                _ = term.recv() => {},
                _ = int.recv() => {},
            }
        }
        None => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

#[cfg(not(unix))]
fn install_signals() {}

#[cfg(not(unix))]
async fn wait_for_signal(_: ()) {
    let _ = tokio::signal::ctrl_c().await;
}
