//! `magemock-bench`: issue 8's benchmark harness. Starts the real `magemock` binary and a bare
//! actix-web floor, runs each scenario in interleaved rounds, and prints one Markdown table of
//! medians with the floor beside magemock and the ratio. Everything runs on 127.0.0.1.
//!
//! ```sh
//! CARGO_TARGET_DIR=/work/target-bench cargo build --release -p magemock -p magemock-bench
//! CARGO_TARGET_DIR=/work/target-bench cargo run --release -p magemock-bench -- all
//! ```

mod fixture;
mod floor;
mod http;
mod load;
mod report;
mod scenarios;
mod server;
mod startup_order;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::scenarios::Generator;

#[derive(Parser)]
#[command(name = "magemock-bench", about, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    run: RunArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Writes a large-store fixture (products, categories, customers) with a fixed seed.
    Fixture {
        #[arg(long, default_value_t = 100_000)]
        products: usize,
        #[arg(long, default_value_t = 1_000)]
        customers: usize,
        #[arg(long, default_value_t = 10)]
        top_categories: usize,
        #[arg(long, default_value_t = 20_240_408)]
        seed: u64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Lists the scenarios in run order.
    List,
    /// Writes the functions a default start runs, for the linker to lay out together
    /// (crates/magemock/startup.order; needs valgrind).
    StartupOrder {
        /// The magemock binary (default: `magemock` beside this binary, built if missing).
        #[arg(long, env = "MAGEMOCK_BIN")]
        magemock: Option<PathBuf>,
        #[arg(long)]
        out: PathBuf,
    },
    /// The floor server (started by the harness).
    #[command(name = "__floor", hide = true)]
    Floor,
}

#[derive(Args)]
struct RunArgs {
    /// Scenarios to run (`all`, or names from `list`), in any order; they run in table order.
    #[arg(default_value = "all")]
    scenarios: Vec<String>,
    /// Interleaved rounds; every figure is the median over them.
    #[arg(long, default_value_t = 3)]
    rounds: usize,
    /// Seconds of each measured load run.
    #[arg(long, default_value_t = 10)]
    duration: u64,
    /// Unmeasured seconds before each load run.
    #[arg(long, default_value_t = 1)]
    warmup: u64,
    /// Seconds of mixed load before the `rss-load` reading.
    #[arg(long, default_value_t = 60)]
    soak: u64,
    #[arg(long, default_value_t = 32)]
    connections: usize,
    /// Load-generator threads (wrk -t, or built-in runtimes).
    #[arg(long, default_value_t = 2)]
    threads: usize,
    /// Rounds (of the first `--rounds`) that also run the large-fixture scenarios
    /// (default: every round).
    #[arg(long)]
    large_rounds: Option<usize>,
    /// Starts (and stops) per round for the start/stop scenarios.
    #[arg(long, default_value_t = 10)]
    starts: usize,
    #[arg(long, value_enum, default_value_t = Generator::Auto)]
    generator: Generator,
    /// The magemock binary (default: `magemock` beside this binary, built if missing).
    #[arg(long, env = "MAGEMOCK_BIN")]
    magemock: Option<PathBuf>,
    /// Products in the large fixture.
    #[arg(long, default_value_t = 100_000)]
    products: usize,
    #[arg(long, default_value_t = 1_000)]
    customers: usize,
    #[arg(long, default_value_t = 20_240_408)]
    seed: u64,
    /// Where the large fixture and wrk scripts go (default: `<target>/magemock-bench`).
    #[arg(long)]
    work_dir: Option<PathBuf>,
    /// Append the servers' stderr (magemock's request log) to this file instead of discarding it.
    #[arg(long)]
    server_log: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Floor) => floor::run(),
        Some(Command::List) => {
            for s in scenarios::ALL {
                println!("{s}");
            }
            Ok(())
        }
        Some(Command::Fixture {
            products,
            customers,
            top_categories,
            seed,
            out,
        }) => fixture::write(
            &fixture::Spec {
                products,
                customers,
                top_categories,
                seed,
            },
            &out,
        ),
        Some(Command::StartupOrder { magemock, out }) => startup_order(magemock, &out),
        None => bench(cli.run),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("magemock-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn bench(args: RunArgs) -> Result<(), String> {
    let selected: Vec<&str> = if args.scenarios.iter().any(|s| s == "all") {
        scenarios::ALL.to_vec()
    } else {
        let mut picked = Vec::new();
        for s in &args.scenarios {
            let known = scenarios::ALL
                .iter()
                .find(|k| **k == s.as_str())
                .ok_or_else(|| {
                    format!(
                        "unknown scenario {s:?}; known: all, {}",
                        scenarios::ALL.join(", ")
                    )
                })?;
            picked.push(*known);
        }
        picked
    };
    let (me, magemock) = binaries(args.magemock)?;
    let target_dir = me
        .parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_else(std::env::temp_dir);
    let work_dir = args
        .work_dir
        .unwrap_or_else(|| target_dir.join("magemock-bench"));
    std::fs::create_dir_all(&work_dir)
        .map_err(|e| format!("cannot create {}: {e}", work_dir.display()))?;
    let wrk = load::find_wrk();
    if args.generator == Generator::Wrk && wrk.is_none() {
        return Err("--generator wrk: wrk is not on the PATH (apt-get install -y wrk)".into());
    }
    let use_wrk = args.generator != Generator::Builtin && wrk.is_some();
    let config = scenarios::Config {
        magemock: magemock.clone(),
        me,
        wrk,
        work_dir,
        server_log: args.server_log,
        rounds: args.rounds.max(1),
        large_rounds: args.large_rounds.unwrap_or(args.rounds).max(1),
        starts: args.starts.max(1),
        shape: load::Shape {
            connections: args.connections.max(1),
            threads: args.threads.max(1),
            warmup: Duration::from_secs(args.warmup),
            duration: Duration::from_secs(args.duration.max(1)),
        },
        soak: Duration::from_secs(args.soak.max(1)),
        fixture: fixture::Spec {
            products: args.products,
            customers: args.customers,
            top_categories: 10,
            seed: args.seed,
        },
    };
    let load_before = loadavg();
    println!("# magemock-bench");
    println!();
    println!("- magemock: `{}`", magemock.display());
    println!(
        "- cores: {}; load average before: {load_before}",
        std::thread::available_parallelism().map_or(0, usize::from)
    );
    println!(
        "- load generator: {}",
        if use_wrk {
            "wrk (Debian's package) for fixed requests; built-in (tokio) for OAuth and the mixed soak"
        } else if args.generator == Generator::Builtin {
            "built-in (tokio); wrk not used (--generator builtin)"
        } else {
            "built-in (tokio); wrk is not on the PATH, so the harness falls back to its own generator"
        }
    );
    println!(
        "- {} connections, {} generator threads, {} s runs after {} s warm-up, {} rounds, {} starts per round",
        config.shape.connections,
        config.shape.threads,
        config.shape.duration.as_secs(),
        config.shape.warmup.as_secs(),
        config.rounds,
        config.starts
    );
    println!(
        "- large fixture: {} products, {} customers, seed {}",
        config.fixture.products, config.fixture.customers, config.fixture.seed
    );
    let rows = scenarios::run(&config, &selected, args.generator)?;
    println!("- load average after: {}", loadavg());
    println!();
    print!("{}", report::table(&rows));
    Ok(())
}

fn startup_order(magemock: Option<PathBuf>, out: &Path) -> Result<(), String> {
    let (_, magemock) = binaries(magemock)?;
    startup_order::write(&magemock, &std::env::temp_dir(), out)
}

/// `/proc/loadavg`'s three averages.
fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// This binary, and the magemock binary given or else [`built_magemock`].
fn binaries(given: Option<PathBuf>) -> Result<(PathBuf, PathBuf), String> {
    let me = std::env::current_exe().map_err(|e| format!("cannot find this binary: {e}"))?;
    let magemock = match given {
        Some(p) => p,
        None => built_magemock(&me)?,
    };
    Ok((me, magemock))
}

/// `magemock` beside this binary; built with cargo (same target directory, release) if absent.
fn built_magemock(me: &Path) -> Result<PathBuf, String> {
    let dir = me.parent().ok_or("this binary has no directory")?;
    let candidate = dir.join("magemock");
    if candidate.is_file() {
        return Ok(candidate);
    }
    let target_dir = dir
        .parent()
        .ok_or("this binary is not in a target directory")?;
    eprintln!(
        "magemock-bench: {} missing; running cargo build --release -p magemock",
        candidate.display()
    );
    let status =
        std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["build", "--release", "-p", "magemock"])
            .env("CARGO_TARGET_DIR", target_dir)
            .status()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() || !candidate.is_file() {
        return Err(format!(
            "cargo build --release -p magemock failed ({status}); build it or pass --magemock"
        ));
    }
    Ok(candidate)
}
