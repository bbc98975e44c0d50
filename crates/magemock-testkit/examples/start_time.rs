//! How long an in-process store takes from `ServerThread::start` to answering, with the default
//! fixtures: `cargo run --release -p magemock-testkit --example start_time`.

use std::time::{Duration, Instant};

use magemock_testkit::{ServerThread, StoreOptions};

fn main() {
    let mut times: Vec<Duration> = Vec::new();
    for _ in 0..30 {
        let started = Instant::now();
        let server = ServerThread::start(StoreOptions::default().options).expect("magemock starts");
        // ready = seeded and the socket bound; one request proves it answers
        let url = format!("{}/__magemock/health", server.url());
        let ok = std::net::TcpStream::connect(
            url.trim_start_matches("http://")
                .split('/')
                .next()
                .unwrap_or(""),
        )
        .is_ok();
        times.push(started.elapsed());
        assert!(ok, "store not listening");
        drop(server);
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "in-process start → listening, default fixtures, 30 runs: min {:.2} ms, median {:.2} ms, max {:.2} ms",
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1])
    );
}
