//! `magemock healthcheck`: a dependency-free HTTP probe, because the scratch image has no curl.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::process::ExitCode;
use std::time::Duration;

use crate::cli::HealthcheckArgs;

pub fn run(args: &HealthcheckArgs) -> ExitCode {
    match probe(&args.url) {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("magemock healthcheck: {why}");
            ExitCode::FAILURE
        }
    }
}

fn probe(url: &str) -> Result<(), String> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| format!("{url}: only http:// URLs are supported"))?;
    let authority = rest.split('/').next().unwrap_or(rest);
    let addr = authority
        .to_socket_addrs()
        .map_err(|e| format!("{authority}: {e}"))?
        .next()
        .ok_or_else(|| format!("{authority}: no address"))?;
    let timeout = Duration::from_secs(3);
    let mut stream =
        TcpStream::connect_timeout(&addr, timeout).map_err(|e| format!("{authority}: {e}"))?;
    stream
        .set_read_timeout(Some(timeout))
        .map_err(|e| e.to_string())?;
    write!(
        stream,
        "GET /__magemock/health HTTP/1.0\r\nHost: {authority}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .map_err(|e| e.to_string())?;
    let status_ok = response
        .lines()
        .next()
        .is_some_and(|l| l.split(' ').nth(1) == Some("200"));
    if status_ok && response.contains("\"status\":\"ready\"") {
        Ok(())
    } else {
        Err(format!(
            "not ready: {}",
            response.lines().next().unwrap_or("no answer")
        ))
    }
}
