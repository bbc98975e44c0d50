//! Load generation at a fixed connection count: `wrk` (Debian's package) for requests whose bytes
//! never change, else the built-in generator (tokio, one current-thread runtime per thread,
//! keep-alive connections, one request in flight per connection), which can also sign every
//! request with a fresh OAuth nonce.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use magemock_oauth::signature::{
    ClientCredentials, ClientRequest, SignatureMethod, SignatureRules, sign_header,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::http::{self, Parsed};

/// At most this many requests per connection and run, whatever the duration.
const MAX_REQUESTS_PER_CONNECTION: u64 = 20_000_000;
/// At most this many reconnects per connection and run.
const MAX_RECONNECTS: u32 = 1_000;

/// A request whose bytes are the same every time.
#[derive(Debug, Clone)]
pub struct StaticRequest {
    pub method: String,
    /// Path and query, already percent-encoded.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
    pub expect: u16,
}

impl StaticRequest {
    pub fn get(target: &str, headers: &[(&str, &str)], expect: u16) -> Self {
        Self {
            method: "GET".into(),
            target: target.into(),
            headers: headers
                .iter()
                .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
                .collect(),
            body: None,
            expect,
        }
    }

    pub fn with_body(mut self, method: &str, body: &str) -> Self {
        self.method = method.into();
        self.body = Some(body.as_bytes().to_vec());
        self.headers
            .push(("Content-Type".into(), "application/json".into()));
        self
    }

    fn bytes(&self, host: &str) -> Vec<u8> {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        http::request_bytes(
            &self.method,
            host,
            &self.target,
            &headers,
            self.body.as_deref(),
        )
    }
}

/// An OAuth-signed GET, signed anew (fresh nonce) for every request.
#[derive(Debug, Clone)]
pub struct OAuthGet {
    pub target: String,
    pub consumer_key: String,
    pub consumer_secret: String,
    pub token: String,
    pub token_secret: String,
    /// The server's clock (unix seconds) at set-up: old timestamps are accepted, future ones
    /// (> now + 600 s) are not.
    pub timestamp: String,
    pub rules: SignatureRules,
    pub expect: u16,
}

impl OAuthGet {
    fn bytes(&self, host: &str, nonce: &str) -> Result<Vec<u8>, String> {
        let url = format!("http://{host}{}", self.target);
        let header = sign_header(
            &ClientRequest {
                http_method: "GET",
                url: &url,
                form_body: None,
                nonce,
                timestamp: &self.timestamp,
                method: SignatureMethod::HmacSha256,
                rules: self.rules,
            },
            &ClientCredentials {
                consumer_key: &self.consumer_key,
                consumer_secret: &self.consumer_secret,
                token: Some(&self.token),
                token_secret: &self.token_secret,
                verifier: None,
            },
        )
        .map_err(|e| format!("signing: {e}"))?;
        Ok(http::request_bytes(
            "GET",
            host,
            &self.target,
            &[("Authorization", &header)],
            None,
        ))
    }
}

/// What one connection sends.
#[derive(Debug, Clone)]
pub enum Source {
    Static(StaticRequest),
    OAuth(OAuthGet),
}

impl Source {
    fn expect(&self) -> u16 {
        match self {
            Source::Static(r) => r.expect,
            Source::OAuth(r) => r.expect,
        }
    }

    /// wrk can replay only requests whose bytes never change.
    pub fn as_static(&self) -> Option<&StaticRequest> {
        match self {
            Source::Static(r) => Some(r),
            Source::OAuth(_) => None,
        }
    }
}

/// One run's outcome.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Responses with the expected status, inside the measured window.
    pub ok: u64,
    /// Transport errors plus responses with another status.
    pub errors: u64,
    pub first_error: Option<String>,
    pub elapsed: Duration,
    pub p50: Duration,
    pub p99: Duration,
    /// Which generator produced it.
    pub generator: &'static str,
}

impl Outcome {
    pub fn requests(&self) -> u64 {
        self.ok + self.errors
    }

    pub fn rps(&self) -> f64 {
        self.requests() as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// How a run is shaped.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub connections: usize,
    pub threads: usize,
    pub warmup: Duration,
    pub duration: Duration,
}

/// `wrk` on the PATH, if any.
pub fn find_wrk() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("wrk"))
        .find(|p| p.is_file())
}

/// Runs `sources` (connection `i` sends `sources[i % len]`) against `addr`; `on_window` is
/// called at the start and at the end of the measured window (after the warm-up), so that the
/// caller can read the server's CPU time there.
pub fn run_builtin(
    addr: SocketAddr,
    sources: &[Source],
    shape: Shape,
    mut on_window: impl FnMut(bool),
) -> Result<Outcome, String> {
    if sources.is_empty() || shape.connections == 0 {
        return Err("nothing to send".into());
    }
    let threads = shape.threads.clamp(1, shape.connections);
    let start = Instant::now();
    let t0 = start + shape.warmup;
    let t1 = t0 + shape.duration;
    let mut handles = Vec::with_capacity(threads);
    for t in 0..threads {
        let conns: Vec<(usize, Source)> = (0..shape.connections)
            .filter(|c| c % threads == t)
            .map(|c| (c, sources[c % sources.len()].clone()))
            .collect();
        handles.push(std::thread::spawn(move || -> Result<ConnStats, String> {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| format!("runtime: {e}"))?;
            rt.block_on(async move {
                let tasks: Vec<_> = conns
                    .into_iter()
                    .map(|(c, source)| tokio::spawn(connection(addr, c, source, t0, t1)))
                    .collect();
                let mut total = ConnStats::default();
                for task in tasks {
                    let stats = task.await.map_err(|e| format!("connection task: {e}"))?;
                    total.merge(stats);
                }
                Ok(total)
            })
        }));
    }
    sleep_until(t0);
    on_window(true);
    sleep_until(t1);
    on_window(false);
    let mut total = ConnStats::default();
    for h in handles {
        let stats = h.join().map_err(|_| "load thread panicked")??;
        total.merge(stats);
    }
    let mut lat = total.latencies_us;
    lat.sort_unstable();
    Ok(Outcome {
        ok: total.ok,
        errors: total.errors,
        first_error: total.first_error,
        elapsed: shape.duration,
        p50: Duration::from_micros(u64::from(percentile(&lat, 0.50))),
        p99: Duration::from_micros(u64::from(percentile(&lat, 0.99))),
        generator: "built-in",
    })
}

fn sleep_until(t: Instant) {
    let now = Instant::now();
    if t > now {
        std::thread::sleep(t - now);
    }
}

/// The value below which `q` of the sorted values lie (nearest rank).
pub fn percentile<T: Copy + Default>(sorted: &[T], q: f64) -> T {
    if sorted.is_empty() {
        return T::default();
    }
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[derive(Default)]
struct ConnStats {
    ok: u64,
    errors: u64,
    first_error: Option<String>,
    latencies_us: Vec<u32>,
}

impl ConnStats {
    fn merge(&mut self, other: ConnStats) {
        self.ok += other.ok;
        self.errors += other.errors;
        if self.first_error.is_none() {
            self.first_error = other.first_error;
        }
        self.latencies_us.extend(other.latencies_us);
    }

    fn error(&mut self, counted: bool, e: String) {
        if counted {
            self.errors += 1;
        }
        if self.first_error.is_none() {
            self.first_error = Some(e);
        }
    }
}

async fn connection(
    addr: SocketAddr,
    index: usize,
    source: Source,
    t0: Instant,
    t1: Instant,
) -> ConnStats {
    let mut stats = ConnStats {
        latencies_us: Vec::with_capacity(1 << 16),
        ..ConnStats::default()
    };
    let host = addr.to_string();
    let fixed = source.as_static().map(|r| r.bytes(&host));
    let expect = source.expect();
    let mut stream: Option<tokio::net::TcpStream> = None;
    let mut buf: Vec<u8> = Vec::with_capacity(16 * 1024);
    let mut chunk = vec![0u8; 16 * 1024];
    let mut reconnects = 0u32;
    let mut sent: u64 = 0;
    let deadline = tokio::time::Instant::from_std(t1 + Duration::from_secs(1));
    while Instant::now() < t1 && sent < MAX_REQUESTS_PER_CONNECTION {
        let signed;
        let bytes: &[u8] = match (&fixed, &source) {
            (Some(b), _) => b,
            (None, Source::OAuth(o)) => {
                match o.bytes(&host, &format!("bench{index:03}n{sent:010}")) {
                    Ok(b) => {
                        signed = b;
                        &signed
                    }
                    Err(e) => {
                        stats.error(true, e);
                        break;
                    }
                }
            }
            (None, Source::Static(_)) => break,
        };
        sent += 1;
        if stream.is_none() {
            if reconnects >= MAX_RECONNECTS {
                break;
            }
            reconnects += 1;
            match tokio::net::TcpStream::connect(addr).await {
                Ok(s) => {
                    let _ = s.set_nodelay(true);
                    buf.clear();
                    stream = Some(s);
                }
                Err(e) => {
                    stats.error(Instant::now() >= t0, format!("connect: {e}"));
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            }
        }
        let Some(s) = stream.as_mut() else { break };
        let began = Instant::now();
        let result =
            tokio::time::timeout_at(deadline, exchange(s, bytes, &mut buf, &mut chunk)).await;
        let done = Instant::now();
        let in_window = began >= t0 && done <= t1;
        match result {
            Ok(Ok((status, close))) => {
                if close {
                    stream = None;
                }
                if !in_window {
                    continue;
                }
                if status == expect {
                    stats.ok += 1;
                } else {
                    stats.error(true, format!("status {status}, expected {expect}"));
                }
                let us = (done - began).as_micros();
                stats
                    .latencies_us
                    .push(u32::try_from(us).unwrap_or(u32::MAX));
            }
            Ok(Err(e)) => {
                stream = None;
                stats.error(in_window, e);
            }
            Err(_) => {
                // Past the window: whatever is in flight is abandoned.
                break;
            }
        }
    }
    stats
}

/// Writes one request and reads its response; returns the status and whether to reconnect.
async fn exchange(
    stream: &mut tokio::net::TcpStream,
    request: &[u8],
    buf: &mut Vec<u8>,
    chunk: &mut [u8],
) -> Result<(u16, bool), String> {
    stream
        .write_all(request)
        .await
        .map_err(|e| format!("write: {e}"))?;
    loop {
        match http::parse_response(buf, false)? {
            Parsed::Done {
                status,
                consumed,
                close,
                ..
            } => {
                buf.drain(..consumed);
                return Ok((status, close));
            }
            Parsed::Incomplete => {
                let n = stream.read(chunk).await.map_err(|e| format!("read: {e}"))?;
                if n == 0 {
                    return Err("server closed the connection".into());
                }
                buf.extend_from_slice(&chunk[..n]);
            }
        }
    }
}

/// Runs `wrk -t T -c C -d D --latency` with `request` (a Lua script sets method, headers and
/// body; no per-request Lua runs), after an unmeasured warm-up run; `on_window` as in
/// [`run_builtin`].
pub fn run_wrk(
    wrk: &Path,
    scratch: &Path,
    addr: SocketAddr,
    request: &StaticRequest,
    shape: Shape,
    mut on_window: impl FnMut(bool),
) -> Result<Outcome, String> {
    let script = scratch.join(format!("wrk-{}.lua", std::process::id()));
    std::fs::write(&script, lua_script(request))
        .map_err(|e| format!("cannot write {}: {e}", script.display()))?;
    let url = format!("http://{addr}{}", request.target);
    let threads = shape.threads.clamp(1, shape.connections.max(1));
    let run = |secs: f64| -> Result<String, String> {
        let out = Command::new(wrk)
            .arg(format!("-t{threads}"))
            .arg(format!("-c{}", shape.connections))
            .arg(format!("-d{}s", secs.ceil().max(1.0) as u64))
            .arg("--latency")
            .arg("-s")
            .arg(&script)
            .arg(&url)
            .output()
            .map_err(|e| format!("cannot run {}: {e}", wrk.display()))?;
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        if !out.status.success() {
            return Err(format!(
                "wrk failed ({}): {text}{}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok(text)
    };
    if !shape.warmup.is_zero() {
        run(shape.warmup.as_secs_f64())?;
    }
    on_window(true);
    let began = Instant::now();
    let text = run(shape.duration.as_secs_f64())?;
    let elapsed = began.elapsed();
    on_window(false);
    let _ = std::fs::remove_file(&script);
    let mut outcome = parse_wrk(&text, request.expect)?;
    // wrk's own duration, not the process's, divides the request count.
    if outcome.elapsed.is_zero() {
        outcome.elapsed = elapsed;
    }
    Ok(outcome)
}

fn lua_string(s: &[u8]) -> String {
    let mut out = String::from("\"");
    for &b in s {
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            0x20..=0x7e => out.push(char::from(b)),
            _ => out.push_str(&format!("\\{b:03}")),
        }
    }
    out.push('"');
    out
}

fn lua_script(request: &StaticRequest) -> String {
    let mut s = format!("wrk.method = {}\n", lua_string(request.method.as_bytes()));
    if let Some(body) = &request.body {
        s.push_str(&format!("wrk.body = {}\n", lua_string(body)));
    }
    for (name, value) in &request.headers {
        s.push_str(&format!(
            "wrk.headers[{}] = {}\n",
            lua_string(name.as_bytes()),
            lua_string(value.as_bytes())
        ));
    }
    s
}

/// `1.23ms`, `456.00us`, `2.00s` → a duration.
fn wrk_duration(text: &str) -> Option<Duration> {
    let (number, unit) = text
        .find(|c: char| c.is_ascii_alphabetic())
        .map(|i| text.split_at(i))?;
    let n: f64 = number.parse().ok()?;
    let secs = match unit {
        "us" => n / 1e6,
        "ms" => n / 1e3,
        "s" => n,
        "m" => n * 60.0,
        _ => return None,
    };
    Some(Duration::from_secs_f64(secs))
}

/// Reads wrk's `--latency` report. wrk counts non-2xx/3xx responses, so a run that expects a
/// 4xx counts as errors the responses wrk calls fine.
fn parse_wrk(text: &str, expect: u16) -> Result<Outcome, String> {
    let mut requests = None;
    let mut elapsed = Duration::ZERO;
    let mut non_2xx = 0u64;
    let mut socket_errors = 0u64;
    let mut p50 = None;
    let mut p99 = None;
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["50%", v] => p50 = wrk_duration(v),
            ["99%", v] => p99 = wrk_duration(v),
            [n, "requests", "in", t, ..] => {
                requests = n.parse::<u64>().ok();
                elapsed = wrk_duration(t.trim_end_matches(',')).unwrap_or_default();
            }
            ["Non-2xx", "or", "3xx", "responses:", n] => non_2xx = n.parse().unwrap_or(0),
            ["Socket", "errors:", rest @ ..] => {
                socket_errors = rest
                    .iter()
                    .filter_map(|w| w.trim_end_matches(',').parse::<u64>().ok())
                    .sum();
            }
            _ => {}
        }
    }
    let requests = requests.ok_or_else(|| format!("no request count in wrk's report:\n{text}"))?;
    let wrong = if (200..400).contains(&expect) {
        non_2xx
    } else {
        requests.saturating_sub(non_2xx)
    };
    let errors = wrong + socket_errors;
    Ok(Outcome {
        ok: requests.saturating_sub(wrong),
        errors,
        first_error: (errors > 0).then(|| {
            format!("wrk: {wrong} responses other than {expect}, {socket_errors} socket errors")
        }),
        elapsed,
        p50: p50.unwrap_or_default(),
        p99: p99.unwrap_or_default(),
        generator: "wrk",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "Running 10s test @ http://127.0.0.1:8080/
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.00ms    2.00ms  30.00ms   90.00%
    Req/Sec    18.00k     1.00k   20.00k    70.00%
  Latency Distribution
     50%  635.00us
     75%    1.00ms
     90%    1.50ms
     99%    6.10ms
  364321 requests in 10.00s, 43.43MB read
  Non-2xx or 3xx responses: 5
  Socket errors: connect 0, read 1, write 0, timeout 2
Requests/sec:  36419.68
Transfer/sec:      4.34MB
";

    #[test]
    fn reads_wrk_reports() {
        let o = parse_wrk(REPORT, 200).expect("parsed");
        assert_eq!((o.ok, o.errors), (364_316, 8));
        assert_eq!(o.p50, Duration::from_micros(635));
        assert_eq!(o.p99, Duration::from_micros(6100));
        assert_eq!(o.elapsed, Duration::from_secs(10));
        let refused = parse_wrk(REPORT, 401).expect("parsed");
        assert_eq!((refused.ok, refused.errors), (5, 364_316 + 3));
    }

    #[test]
    fn percentiles_by_nearest_rank() {
        let v: Vec<u32> = (1..=100).collect();
        assert_eq!(
            (
                percentile(&v, 0.5),
                percentile(&v, 0.99),
                percentile(&v, 1.0)
            ),
            (50, 99, 100)
        );
        assert_eq!(percentile::<u32>(&[], 0.5), 0);
    }

    #[test]
    fn lua_strings_are_escaped() {
        assert_eq!(lua_string(b"a\"b\\c\n"), "\"a\\\"b\\\\c\\010\"");
    }
}
