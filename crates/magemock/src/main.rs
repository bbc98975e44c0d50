//! The `magemock` binary: a Magento 2.4 stand-in for connector tests.

mod cli;
mod healthcheck;
mod log_writer;
mod serve;
mod settings;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli
        .command
        .unwrap_or(cli::Command::Serve(Box::new(cli.serve)))
    {
        cli::Command::Serve(args) => serve::run(*args),
        cli::Command::Healthcheck(args) => healthcheck::run(&args),
    }
}
