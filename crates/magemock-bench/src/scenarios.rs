//! The scenarios of issue 8, run in rounds (every selected scenario once per round, the floor
//! beside magemock in the same round), each load run against a freshly started server.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use magemock_oauth::signature::SignatureRules;
use serde_json::Value;

use crate::http::Client;
use crate::load::{self, OAuthGet, Outcome, Shape, Source, StaticRequest};
use crate::report::{Agg, Combine, Row, Sample, Target};
use crate::server::{self, Kind, Server};

/// Every scenario, in the order they run and print.
pub const ALL: &[&str] = &[
    "start",
    "stop",
    "jwt-get",
    "guest-acl",
    "admin-token",
    "oauth-get",
    "put-product",
    "reset",
    "rss-idle",
    "rss-load",
    "gen-fixture",
    "start-100k",
    "search-100k",
    "rss-100k",
];

const PRODUCT: &str = "/rest/V1/products/24-MB01";
const LARGE_PRODUCT: &str = "/rest/V1/products/BENCH-0000001";
/// `price > 50`, sorted by name, 20 a page (brackets percent-encoded as clients send them).
const SEARCH: &str = "/rest/V1/products?searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bfield%5D=price&searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bcondition_type%5D=gt&searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bvalue%5D=50&searchCriteria%5BsortOrders%5D%5B0%5D%5Bfield%5D=name&searchCriteria%5BpageSize%5D=20";
const READY_TIMEOUT: Duration = Duration::from_secs(30);
const LARGE_READY_TIMEOUT: Duration = Duration::from_secs(900);

/// Which load generator to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Generator {
    /// wrk when it is on the PATH (for requests whose bytes never change), else built-in.
    Auto,
    Wrk,
    Builtin,
}

/// Everything a run needs.
#[derive(Debug, Clone)]
pub struct Config {
    pub magemock: PathBuf,
    pub me: PathBuf,
    pub wrk: Option<PathBuf>,
    pub work_dir: PathBuf,
    pub server_log: Option<PathBuf>,
    pub rounds: usize,
    pub large_rounds: usize,
    pub starts: usize,
    pub shape: Shape,
    pub soak: Duration,
    pub fixture: crate::fixture::Spec,
}

impl Config {
    fn magemock(&self, args: &[&str]) -> Kind {
        Kind::Magemock {
            binary: self.magemock.clone(),
            args: args.iter().map(|a| (*a).to_string()).collect(),
        }
    }

    fn floor(&self) -> Kind {
        Kind::Floor {
            binary: self.me.clone(),
        }
    }

    fn start(&self, kind: &Kind) -> Result<Server, String> {
        server::start(kind, self.server_log.as_deref(), READY_TIMEOUT)
    }

    fn sequential(&self) -> Shape {
        Shape {
            connections: 1,
            threads: 1,
            ..self.shape
        }
    }

    pub fn large_fixture(&self) -> PathBuf {
        let f = &self.fixture;
        self.work_dir.join(format!(
            "products-{}-customers-{}-seed-{}.xml",
            f.products, f.customers, f.seed
        ))
    }
}

fn target(text: &'static str, met: fn(&Agg) -> bool) -> Option<Target> {
    Some(Target { text, met })
}

fn no_errors(a: &Agg) -> bool {
    a.errors.unwrap_or(0) == 0
}

fn p99_within(a: &Agg, ms: f64) -> bool {
    a.p99_ms.is_some_and(|p| p <= ms)
}

/// The rows, in table order, with their targets.
fn rows() -> Vec<Row> {
    let row = |id, label, unit, combine, target| Row {
        id,
        label,
        unit,
        combine,
        target,
        magemock: Vec::new(),
        floor: Vec::new(),
    };
    use Combine::{Runs, Timings};
    vec![
        row(
            "start",
            "start → first authorised 200 (default fixtures)",
            "ms",
            Timings,
            target("≤ 20 ms", |a| a.value <= 20.0),
        ),
        row(
            "start-ready",
            "start → ready line (default fixtures)",
            "ms",
            Timings,
            None,
        ),
        row(
            "stop",
            "spawn → ready → SIGTERM → exit",
            "ms",
            Timings,
            target("≤ 50 ms", |a| a.value <= 50.0),
        ),
        row("stop-term", "SIGTERM → exit", "ms", Timings, None),
        row(
            "stop-served",
            "spawn → ready → one 200 → SIGTERM → exit",
            "ms",
            Timings,
            None,
        ),
        row(
            "stop-served-term",
            "SIGTERM → exit (after one 200)",
            "ms",
            Timings,
            None,
        ),
        row(
            "floor-wrk",
            "floor: bare actix-web static GET (wrk)",
            "CPU µs/req",
            Runs,
            None,
        ),
        row(
            "floor-builtin",
            "floor: bare actix-web static GET (built-in)",
            "CPU µs/req",
            Runs,
            None,
        ),
        row(
            "jwt-get",
            "JWT-bearer GET product",
            "CPU µs/req",
            Runs,
            target("≤ 40 µs, p99 ≤ 10 ms, 0 errors", |a| {
                a.value <= 40.0 && p99_within(a, 10.0) && no_errors(a)
            }),
        ),
        row(
            "guest-acl",
            "guest GET refused by ACL (401)",
            "CPU µs/req",
            Runs,
            target("0 errors", no_errors),
        ),
        row(
            "admin-token",
            "admin token issuance (REST, password)",
            "CPU µs/req",
            Runs,
            target("0 errors", no_errors),
        ),
        row(
            "oauth-get",
            "OAuth-signed GET product (fresh nonce)",
            "CPU µs/req",
            Runs,
            target("≤ 50 µs, p99 ≤ 10 ms, 0 errors", |a| {
                a.value <= 50.0 && p99_within(a, 10.0) && no_errors(a)
            }),
        ),
        row(
            "put-product",
            "PUT product",
            "CPU µs/req",
            Runs,
            target("0 errors", no_errors),
        ),
        row(
            "reset",
            "POST /__magemock/reset (1 connection)",
            "p50 ms",
            Runs,
            target("≤ 5 ms", |a| a.value <= 5.0 && no_errors(a)),
        ),
        row(
            "rss-idle",
            "RSS idle (after ready)",
            "MiB",
            Runs,
            target("≤ 10 MiB", |a| a.value <= 10.0),
        ),
        row(
            "rss-load",
            "RSS after load (mixed, journal on)",
            "MiB",
            Runs,
            target("≤ 32 MiB", |a| a.value <= 32.0),
        ),
        row(
            "gen-fixture",
            "generate the large fixture",
            "ms",
            Timings,
            None,
        ),
        row(
            "start-100k",
            "start → first authorised 200 (large fixture)",
            "ms",
            Timings,
            target("≤ 2,000 ms", |a| a.value <= 2000.0),
        ),
        row(
            "start-100k-ready",
            "start → ready line (large fixture)",
            "ms",
            Timings,
            None,
        ),
        row(
            "search-100k",
            "searchCriteria page of 20, price > 50, sort by name (1 connection)",
            "p50 ms",
            Runs,
            target("≤ 5 ms", |a| a.value <= 5.0 && no_errors(a)),
        ),
        row(
            "rss-100k",
            "RSS with the large fixture (after the search runs)",
            "MiB",
            Runs,
            target("≤ 200 MiB", |a| a.value <= 200.0),
        ),
    ]
}

struct Results {
    rows: Vec<Row>,
}

impl Results {
    fn row(&mut self, id: &str) -> Option<&mut Row> {
        self.rows.iter_mut().find(|r| r.id == id)
    }

    fn magemock(&mut self, id: &str, sample: Sample) {
        if let Some(r) = self.row(id) {
            r.magemock.push(sample);
        }
    }

    fn floor(&mut self, id: &str, sample: Sample) {
        if let Some(r) = self.row(id) {
            r.floor.push(sample);
        }
    }

    /// The floor load figures of generator `g`, copied beside a magemock load row.
    fn floor_beside(&mut self, id: &str, generator: &'static str) {
        let floor_id = if generator == "wrk" {
            "floor-wrk"
        } else {
            "floor-builtin"
        };
        let floor: Vec<Sample> = self
            .row(floor_id)
            .map(|r| r.magemock.clone())
            .unwrap_or_default();
        if let Some(r) = self.row(id) {
            r.floor = floor;
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn progress(text: &str) {
    eprintln!("magemock-bench: {text}");
}

/// Runs `selected` scenarios for `config.rounds` rounds and returns the table rows.
pub fn run(config: &Config, selected: &[&str], generator: Generator) -> Result<Vec<Row>, String> {
    let mut results = Results { rows: rows() };
    let has = |s: &str| selected.contains(&s);
    let load_ids = [
        "jwt-get",
        "guest-acl",
        "admin-token",
        "oauth-get",
        "put-product",
    ];
    let any_load = load_ids.iter().any(|s| has(s)) || has("rss-load");
    let use_wrk = match generator {
        Generator::Builtin => None,
        Generator::Auto | Generator::Wrk => config.wrk.clone(),
    };
    let large = ["start-100k", "search-100k", "rss-100k"]
        .iter()
        .any(|s| has(s));
    if large || has("gen-fixture") {
        std::fs::create_dir_all(&config.work_dir)
            .map_err(|e| format!("cannot create {}: {e}", config.work_dir.display()))?;
    }
    for round in 1..=config.rounds {
        progress(&format!("round {round} of {}", config.rounds));
        if has("start") {
            for _ in 0..config.starts {
                let (ready, first) = start_magemock(config)?;
                results.magemock("start", timing(first));
                results.magemock("start-ready", timing(ready));
                let (ready, first) = start_floor(config)?;
                results.floor("start", timing(first));
                results.floor("start-ready", timing(ready));
            }
        }
        if has("stop") {
            for _ in 0..config.starts {
                let (total, term) = spawn_stop(config, &config.magemock(&[]), false)?;
                results.magemock("stop", timing(total));
                results.magemock("stop-term", timing(term));
                let (total, term) = spawn_stop(config, &config.floor(), false)?;
                results.floor("stop", timing(total));
                results.floor("stop-term", timing(term));
                let (total, term) = spawn_stop(config, &config.magemock(&[]), true)?;
                results.magemock("stop-served", timing(total));
                results.magemock("stop-served-term", timing(term));
                let (total, term) = spawn_stop(config, &config.floor(), true)?;
                results.floor("stop-served", timing(total));
                results.floor("stop-served-term", timing(term));
            }
        }
        if any_load {
            // The floor with every generator the magemock rows below will use.
            let floor_request = StaticRequest::get(PRODUCT, &[], 200);
            if use_wrk.is_some() {
                progress("floor (wrk)");
                let s = load_run(
                    config,
                    &config.floor(),
                    use_wrk.as_deref(),
                    config.shape,
                    |_| Ok(vec![Source::Static(floor_request.clone())]),
                )?;
                results.magemock("floor-wrk", s);
            }
            if use_wrk.is_none() || has("oauth-get") {
                progress("floor (built-in)");
                let s = load_run(config, &config.floor(), None, config.shape, |_| {
                    Ok(vec![Source::Static(floor_request.clone())])
                })?;
                results.magemock("floor-builtin", s);
            }
        }
        for id in load_ids {
            if !has(id) {
                continue;
            }
            progress(id);
            let kind = config.magemock(&[]);
            let s = load_run(config, &kind, use_wrk.as_deref(), config.shape, |c| {
                setup(c, id).map(|s| vec![s])
            })?;
            let generator = s.generator.unwrap_or("built-in");
            results.magemock(id, s);
            results.floor_beside(id, generator);
        }
        if has("reset") {
            progress("reset");
            let kind = config.magemock(&[]);
            let mut s = load_run(
                config,
                &kind,
                use_wrk.as_deref(),
                config.sequential(),
                |_| {
                    Ok(vec![Source::Static(
                        StaticRequest::get("/__magemock/reset", &[], 200).with_body("POST", ""),
                    )])
                },
            )?;
            s.value = s.p50_ms.unwrap_or_default();
            results.magemock("reset", s);
        }
        if has("rss-idle") {
            results.magemock("rss-idle", rss_idle(config, &config.magemock(&[]))?);
            results.floor("rss-idle", rss_idle(config, &config.floor())?);
        }
        if has("rss-load") {
            progress(&format!(
                "rss-load ({} s of mixed load)",
                config.soak.as_secs()
            ));
            let kind = config.magemock(&[]);
            let shape = Shape {
                duration: config.soak,
                ..config.shape
            };
            let mut s = load_run(config, &kind, None, shape, |c| {
                [
                    "jwt-get",
                    "oauth-get",
                    "put-product",
                    "guest-acl",
                    "admin-token",
                ]
                .iter()
                .map(|id| setup(c, id))
                .collect()
            })?;
            // Mixed statuses: the per-source checks counted the errors already.
            s.value = s.rss_mib.unwrap_or_default();
            results.magemock("rss-load", s);
            // The floor's RSS after its own load run in this round.
            let floor_rss: Vec<Sample> = results
                .rows
                .iter()
                .filter(|r| r.id == "floor-wrk" || r.id == "floor-builtin")
                .flat_map(|r| r.magemock.iter())
                .filter_map(|s| s.rss_mib)
                .map(|v| Sample {
                    value: v,
                    ..Sample::default()
                })
                .collect();
            if let Some(r) = results.row("rss-load") {
                r.floor = floor_rss;
            }
        }
        if has("gen-fixture") || (large && round <= config.large_rounds) {
            let path = config.large_fixture();
            if has("gen-fixture") || !path.exists() {
                progress(&format!("generating {}", path.display()));
                let began = Instant::now();
                crate::fixture::write(&config.fixture, &path)?;
                results.magemock("gen-fixture", timing(began.elapsed()));
            }
        }
        if large && round <= config.large_rounds {
            large_round(config, &mut results, selected, use_wrk.as_deref())?;
        }
    }
    Ok(results.rows)
}

fn timing(d: Duration) -> Sample {
    Sample {
        value: ms(d),
        ..Sample::default()
    }
}

/// An admin JWT minted through the control API.
fn admin_token(c: &mut Client) -> Result<String, String> {
    let r = c.request(
        "POST",
        "/__magemock/tokens/admin",
        &[("Content-Type", "application/json")],
        Some(br#"{"username":"admin"}"#),
    )?;
    if r.status != 200 {
        return Err(format!("minting a token: {} {}", r.status, r.text()));
    }
    r.json()?["token"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("no token in {}", r.text()))
}

fn str_field(v: &Value, key: &str) -> Result<String, String> {
    v[key]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("no {key} in {v}"))
}

/// The request scenario `id` sends, after whatever set-up it needs on a fresh server.
fn setup(c: &mut Client, id: &str) -> Result<Source, String> {
    let bearer = |c: &mut Client| admin_token(c).map(|t| format!("Bearer {t}"));
    Ok(match id {
        "jwt-get" => {
            let auth = bearer(c)?;
            Source::Static(StaticRequest::get(
                PRODUCT,
                &[("Authorization", &auth)],
                200,
            ))
        }
        "guest-acl" => Source::Static(StaticRequest::get(PRODUCT, &[], 401)),
        "admin-token" => Source::Static(
            StaticRequest::get("/rest/V1/integration/admin/token", &[], 200)
                .with_body("POST", r#"{"username":"admin","password":"admin123"}"#),
        ),
        "put-product" => {
            let auth = bearer(c)?;
            Source::Static(
                StaticRequest::get(PRODUCT, &[("Authorization", &auth)], 200).with_body(
                    "PUT",
                    r#"{"product":{"name":"Joust Duffle Bag","price":34}}"#,
                ),
            )
        }
        "oauth-get" => Source::OAuth(oauth_setup(c)?),
        other => return Err(format!("no request for {other}")),
    })
}

/// Creates an integration without endpoint, activates it and reads the server's clock.
fn oauth_setup(c: &mut Client) -> Result<OAuthGet, String> {
    let json = [("Content-Type", "application/json")];
    let created = c.request(
        "POST",
        "/__magemock/integrations",
        &json,
        Some(br#"{"name":"Bench","email":"b@example.com","resources":"all"}"#),
    )?;
    if created.status != 200 {
        return Err(format!(
            "creating the integration: {} {}",
            created.status,
            created.text()
        ));
    }
    let id = created.json()?["id"]
        .as_i64()
        .ok_or_else(|| format!("no id in {}", created.text()))?;
    let activated = c.request(
        "POST",
        &format!("/__magemock/integrations/{id}/activate"),
        &[],
        Some(b""),
    )?;
    if activated.status != 200 {
        return Err(format!(
            "activating: {} {}",
            activated.status,
            activated.text()
        ));
    }
    let a = activated.json()?;
    let clock = c.request("GET", "/__magemock/clock", &[], None)?.json()?;
    let unix = clock["unix"]
        .as_i64()
        .ok_or_else(|| format!("no unix time in {clock}"))?;
    Ok(OAuthGet {
        target: PRODUCT.into(),
        consumer_key: str_field(&a, "oauth_consumer_key")?,
        consumer_secret: str_field(&a, "oauth_consumer_secret")?,
        token: str_field(&a, "oauth_token")?,
        token_secret: str_field(&a, "oauth_token_secret")?,
        timestamp: unix.to_string(),
        // magemock's default release, 2.4.8.
        rules: SignatureRules::Magento,
        expect: 200,
    })
}

/// Sends every static source once and checks its status, so that a broken set-up fails with
/// the server's answer instead of a run full of errors.
fn check_once(c: &mut Client, sources: &[Source]) -> Result<(), String> {
    for s in sources {
        let Some(r) = s.as_static() else { continue };
        let headers: Vec<(&str, &str)> = r
            .headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let answer = c.request(&r.method, &r.target, &headers, r.body.as_deref())?;
        if answer.status != r.expect {
            return Err(format!(
                "{} {} answered {} (expected {}): {}",
                r.method,
                r.target,
                answer.status,
                r.expect,
                answer.text()
            ));
        }
    }
    Ok(())
}

/// A fresh server, `setup`, one load run, its CPU per request and RSS, then SIGTERM.
fn load_run(
    config: &Config,
    kind: &Kind,
    wrk: Option<&Path>,
    shape: Shape,
    setup: impl FnOnce(&mut Client) -> Result<Vec<Source>, String>,
) -> Result<Sample, String> {
    let server = config.start(kind)?;
    load_on(config, &server, wrk, shape, setup).and_then(|s| server.terminate().map(|_| s))
}

fn load_on(
    config: &Config,
    server: &Server,
    wrk: Option<&Path>,
    shape: Shape,
    setup: impl FnOnce(&mut Client) -> Result<Vec<Source>, String>,
) -> Result<Sample, String> {
    let mut client = Client::new(server.addr);
    let sources = setup(&mut client)?;
    check_once(&mut client, &sources)?;
    drop(client);
    let mut window: Vec<Result<Duration, String>> = Vec::with_capacity(2);
    let on_window = |_start: bool| window.push(server.cpu());
    let single_static = match sources.as_slice() {
        [one] => one.as_static(),
        _ => None,
    };
    let outcome: Outcome = match (wrk, single_static) {
        (Some(wrk), Some(request)) => load::run_wrk(
            wrk,
            &config.work_dir,
            server.addr,
            request,
            shape,
            on_window,
        )?,
        _ => load::run_builtin(server.addr, &sources, shape, on_window)?,
    };
    let (Some(Ok(before)), Some(Ok(after))) = (window.first().cloned(), window.get(1).cloned())
    else {
        return Err(format!("could not read the server's CPU time: {window:?}"));
    };
    let rss = server.rss()?;
    if let Some(e) = &outcome.first_error {
        progress(&format!("{} errors; first: {e}", outcome.errors));
    }
    let requests = outcome.requests().max(1);
    let cpu_us = (after.saturating_sub(before)).as_secs_f64() * 1e6 / requests as f64;
    Ok(Sample {
        value: cpu_us,
        rps: Some(outcome.rps()),
        p50_ms: Some(ms(outcome.p50)),
        p99_ms: Some(ms(outcome.p99)),
        errors: Some(outcome.errors),
        rss_mib: Some(mib(rss)),
        generator: Some(outcome.generator),
    })
}

/// spawn → ready, and spawn → first authorised 200 (token minted, product read).
fn start_magemock(config: &Config) -> Result<(Duration, Duration), String> {
    let server = config.start(&config.magemock(&[]))?;
    let ready = server.ready_at - server.spawned_at;
    let mut c = Client::new(server.addr);
    let auth = format!("Bearer {}", admin_token(&mut c)?);
    let r = c.request("GET", PRODUCT, &[("Authorization", &auth)], None)?;
    let first = server.spawned_at.elapsed();
    if r.status != 200 {
        return Err(format!("first GET: {} {}", r.status, r.text()));
    }
    drop(server);
    Ok((ready, first))
}

fn start_floor(config: &Config) -> Result<(Duration, Duration), String> {
    let server = config.start(&config.floor())?;
    let ready = server.ready_at - server.spawned_at;
    let r = Client::new(server.addr).request("GET", PRODUCT, &[], None)?;
    let first = server.spawned_at.elapsed();
    if r.status != 200 {
        return Err(format!("floor GET: {}", r.status));
    }
    Ok((ready, first))
}

/// spawn → ready → SIGTERM → exit, and SIGTERM → exit alone.
/// With `serve_one`, one request is answered before the signal (so the server has surely
/// reached its signal handling).
fn spawn_stop(
    config: &Config,
    kind: &Kind,
    serve_one: bool,
) -> Result<(Duration, Duration), String> {
    let server = config.start(kind)?;
    if serve_one {
        let path = match kind {
            Kind::Magemock { .. } | Kind::Under { .. } => "/__magemock/health",
            Kind::Floor { .. } => PRODUCT,
        };
        let r = Client::new(server.addr).request("GET", path, &[], None)?;
        if r.status != 200 {
            return Err(format!("GET {path}: {}", r.status));
        }
    }
    let spawned = server.spawned_at;
    let term = Instant::now();
    let (exited, graceful) = server.terminate_detailed()?;
    if !graceful {
        progress("the server died of SIGTERM's default action: its handler was not installed yet");
    }
    Ok((exited - spawned, exited - term))
}

fn rss_idle(config: &Config, kind: &Kind) -> Result<Sample, String> {
    let server = config.start(kind)?;
    std::thread::sleep(Duration::from_millis(500));
    let rss = mib(server.rss()?);
    server.terminate()?;
    Ok(Sample {
        value: rss,
        rss_mib: Some(rss),
        ..Sample::default()
    })
}

/// One server with the large fixture: start → first 200, the search runs, RSS.
fn large_round(
    config: &Config,
    results: &mut Results,
    selected: &[&str],
    wrk: Option<&Path>,
) -> Result<(), String> {
    let path = config.large_fixture();
    let path_text = path.to_string_lossy().into_owned();
    progress(&format!("starting with {}", path.display()));
    let server = server::start(
        &config.magemock(&["--fixtures", &path_text]),
        config.server_log.as_deref(),
        LARGE_READY_TIMEOUT,
    )?;
    let ready = server.ready_at - server.spawned_at;
    let mut c = Client::new(server.addr);
    let auth = format!("Bearer {}", admin_token(&mut c)?);
    let r = c.request("GET", LARGE_PRODUCT, &[("Authorization", &auth)], None)?;
    let first = server.spawned_at.elapsed();
    if r.status != 200 {
        return Err(format!("first GET (large): {} {}", r.status, r.text()));
    }
    progress(&format!(
        "large fixture: ready {:.0} ms, first 200 {:.0} ms",
        ms(ready),
        ms(first)
    ));
    results.magemock("start-100k", timing(first));
    results.magemock("start-100k-ready", timing(ready));
    if selected.contains(&"search-100k") {
        let page = c.request("GET", SEARCH, &[("Authorization", &auth)], None)?;
        let v = page.json()?;
        progress(&format!(
            "search: {} items of total_count {}",
            v["items"].as_array().map_or(0, Vec::len),
            v["total_count"]
        ));
        let mut s = load_on(config, &server, wrk, config.sequential(), |_| {
            Ok(vec![Source::Static(StaticRequest::get(
                SEARCH,
                &[("Authorization", &auth)],
                200,
            ))])
        })?;
        s.value = s.p50_ms.unwrap_or_default();
        results.magemock("search-100k", s);
    }
    drop(c);
    let rss = mib(server.rss()?);
    results.magemock(
        "rss-100k",
        Sample {
            value: rss,
            rss_mib: Some(rss),
            ..Sample::default()
        },
    );
    server.terminate()?;
    Ok(())
}
