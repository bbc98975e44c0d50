//! The real `magemock` binary: the ready line, flag precedence (command line > environment >
//! config file), signals and `healthcheck`.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_magemock");

struct Running {
    child: Child,
    ready_line: String,
}

fn start(args: &[&str], env: &[(&str, &str)]) -> Running {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .env("MAGEMOCK_LOG", "off");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("magemock starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("ready line");
    Running {
        child,
        ready_line: line.trim_end().to_string(),
    }
}

fn port_of(ready_line: &str) -> u16 {
    ready_line
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {ready_line:?}"))
}

fn stop(mut r: Running) -> Duration {
    let started = Instant::now();
    let _ = Command::new("kill")
        .args(["-TERM", &r.child.id().to_string()])
        .status();
    let status = r.child.wait().expect("exits");
    assert!(status.success(), "{status:?}");
    started.elapsed()
}

#[test]
fn prints_one_ready_line_and_stops_on_sigterm() {
    let r = start(&["--port", "0"], &[]);
    assert!(
        r.ready_line
            .starts_with("magemock listening on http://127.0.0.1:"),
        "{}",
        r.ready_line
    );
    let port = port_of(&r.ready_line);
    let health = Command::new(BIN)
        .args(["healthcheck", "--url", &format!("http://127.0.0.1:{port}")])
        .status()
        .expect("healthcheck runs");
    assert!(health.success());
    // Stopping must not wait out actix's graceful shutdown; the bound is loose on purpose
    // (speed is measured by the benchmark, this only catches a 30 s drain).
    assert!(stop(r) < Duration::from_secs(5));
}

#[test]
fn healthcheck_fails_when_nothing_listens() {
    let status = Command::new(BIN)
        .args(["healthcheck", "--url", "http://127.0.0.1:9"])
        .stderr(Stdio::null())
        .status()
        .expect("runs");
    assert!(!status.success());
}

#[test]
fn command_line_beats_environment_beats_config_file() {
    let dir = std::env::temp_dir().join(format!("magemock-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let config = dir.join("magemock.toml");
    std::fs::write(&config, "port = 1\nseed = 7\nmagento_version = \"2.4.3\"\n").expect("write");
    let config = config.to_string_lossy().to_string();

    // env beats file: the file's port 1 is not used, the environment's 0 is
    let r = start(
        &["--config", &config],
        &[
            ("MAGEMOCK_PORT", "0"),
            ("MAGEMOCK_MAGENTO_VERSION", "2.4.5"),
        ],
    );
    let port = port_of(&r.ready_line);
    assert_ne!(port, 1);
    let health = reqwest::blocking::get(format!("http://127.0.0.1:{port}/__magemock/health"))
        .expect("health")
        .json::<serde_json::Value>()
        .expect("json");
    assert_eq!(
        (health["seed"].as_u64(), health["magento_version"].as_str()),
        (Some(7), Some("2.4.5"))
    );
    stop(r);

    // command line beats env
    let r = start(
        &[
            "--config",
            &config,
            "--port",
            "0",
            "--magento-version",
            "2.4.6",
        ],
        &[
            ("MAGEMOCK_PORT", "1"),
            ("MAGEMOCK_MAGENTO_VERSION", "2.4.5"),
        ],
    );
    let port = port_of(&r.ready_line);
    let health = reqwest::blocking::get(format!("http://127.0.0.1:{port}/__magemock/health"))
        .expect("health")
        .json::<serde_json::Value>()
        .expect("json");
    assert_eq!(health["magento_version"], "2.4.6");
    stop(r);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_settings_exit_with_a_message() {
    let out = Command::new(BIN)
        .args(["--magento-version", "3.0.0", "--port", "0"])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unsupported Magento version"));
    let missing = Command::new(BIN)
        .args(["--fixtures", "/no/such/file.xml", "--port", "0"])
        .output()
        .expect("runs");
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/no/such/file.xml"));
}

#[test]
fn data_file_keeps_writes_across_a_restart() {
    let dir = std::env::temp_dir().join(format!("magemock-data-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let data = dir.join("store.sqlite").to_string_lossy().to_string();
    let r = start(&["--port", "0", "--data", &data], &[]);
    let port = port_of(&r.ready_line);
    let client = reqwest::blocking::Client::new();
    let put = client
        .put(format!("http://127.0.0.1:{port}/__magemock/config"))
        .body(r#"{"currency/options/default":"EUR"}"#)
        .send()
        .expect("put");
    assert_eq!(put.status().as_u16(), 200);
    stop(r);
    let r = start(&["--port", "0", "--data", &data], &[]);
    let port = port_of(&r.ready_line);
    let currency = reqwest::blocking::get(format!(
        "http://127.0.0.1:{port}/rest/V1/directory/currency"
    ))
    .expect("get")
    .json::<serde_json::Value>()
    .expect("json");
    assert_eq!(currency["default_display_currency_code"], "EUR");
    stop(r);
    let _ = std::fs::remove_dir_all(&dir);
}

/// crates/magemock/build.rs links the binary as a non-PIE on Linux/glibc, so the dynamic loader
/// has no pointer relocations to apply at start (idle RSS, issue 8). ELF header: `e_type` at
/// byte 16 is 2 (ET_EXEC) for a fixed-address executable, 3 (ET_DYN) for a PIE.
#[cfg(all(
    target_os = "linux",
    target_env = "gnu",
    not(target_feature = "crt-static")
))]
#[test]
fn the_binary_is_a_fixed_address_executable() {
    use std::io::Read;
    let mut header = [0u8; 18];
    std::fs::File::open(BIN)
        .and_then(|mut f| f.read_exact(&mut header))
        .expect("the binary's ELF header");
    assert_eq!(&header[..4], b"\x7fELF");
    assert_eq!(u16::from_le_bytes([header[16], header[17]]), 2, "ET_EXEC");
}
