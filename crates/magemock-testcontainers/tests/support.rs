//! Skipping without Docker, a connector's endpoint, and an OAuth 1.0a client.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use actix_web::{App, HttpResponse, HttpServer, web};
use magemock_oauth::signature::{
    ClientCredentials, ClientRequest, SignatureMethod, SignatureRules, sign_header,
};

/// Whether the Docker tests run: always with `MAGEMOCK_DOCKER_TESTS=1`; otherwise only when an
/// engine answers and has the image, else the reason is printed and the test passes.
pub fn docker_tests_enabled(test: &str) -> bool {
    if std::env::var("MAGEMOCK_DOCKER_TESTS").as_deref() == Ok("1") {
        return true;
    }
    let image = format!(
        "{}:{}",
        magemock_testcontainers::NAME,
        magemock_testcontainers::TAG
    );
    let why = match docker_get("/_ping") {
        Err(e) => format!("no Docker engine answers ({e})"),
        Ok((status, _)) if status != 200 => format!("the Docker engine answers {status} to /_ping"),
        Ok(_) => match docker_get(&format!("/images/{image}/json")) {
            Ok((200, _)) => return true,
            Ok((status, _)) => {
                format!("the engine has no image {image} ({status}): run docker/build.sh")
            }
            Err(e) => format!("cannot ask the engine for {image}: {e}"),
        },
    };
    // Straight to the process's stderr: libtest captures `eprintln!` of passing tests, and
    // a skip should be seen (`cargo test` shows it; nextest with `--success-output immediate`).
    let _ = writeln!(
        std::io::stderr().lock(),
        "SKIPPED {test}: {why}. Set MAGEMOCK_DOCKER_TESTS=1 to make this a failure."
    );
    false
}

/// Whether Docker still knows a container (removed containers are 404).
pub fn container_exists(id: &str) -> bool {
    matches!(docker_get(&format!("/containers/{id}/json")), Ok((200, _)))
}

/// A bare HTTP/1.0 GET to the engine of `DOCKER_HOST` (unix socket or tcp), as the tests need
/// nothing more than a status.
fn docker_get(path: &str) -> Result<(u16, String), String> {
    let host =
        std::env::var("DOCKER_HOST").unwrap_or_else(|_| "unix:///var/run/docker.sock".into());
    let request = format!("GET {path} HTTP/1.0\r\nHost: docker\r\n\r\n");
    let mut response = Vec::new();
    if let Some(socket) = host.strip_prefix("unix://") {
        let mut stream = std::os::unix::net::UnixStream::connect(socket)
            .map_err(|e| format!("{socket}: {e}"))?;
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .map_err(|e| e.to_string())?;
        stream
            .write_all(request.as_bytes())
            .map_err(|e| e.to_string())?;
        stream
            .read_to_end(&mut response)
            .map_err(|e| e.to_string())?;
    } else if let Some(addr) = host.strip_prefix("tcp://") {
        let mut stream = std::net::TcpStream::connect(addr).map_err(|e| format!("{addr}: {e}"))?;
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .map_err(|e| e.to_string())?;
        stream
            .write_all(request.as_bytes())
            .map_err(|e| e.to_string())?;
        stream
            .read_to_end(&mut response)
            .map_err(|e| e.to_string())?;
    } else {
        return Err(format!("DOCKER_HOST={host} is not probed here"));
    }
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("no HTTP status in {:?}", text.lines().next()))?;
    Ok((status, text))
}

/// What the connector's endpoint received from activation.
#[derive(Debug, Clone)]
pub struct Posted {
    pub key: String,
    pub secret: String,
    pub verifier: String,
    pub store_base_url: String,
}

/// A connector's endpoint on 127.0.0.1 and a free port (actix-web, in its own thread): it
/// records the credentials POST. With host networking the container reaches it directly.
pub struct Connector {
    pub endpoint: String,
    received: mpsc::Receiver<Posted>,
}

impl Connector {
    pub fn start() -> Self {
        let (tx, received) = mpsc::channel();
        let (url_tx, url_rx) = mpsc::channel();
        std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let server = HttpServer::new(move || {
                    let tx = tx.clone();
                    App::new().route(
                        "/magento/endpoint",
                        web::post().to(move |form: web::Form<HashMap<String, String>>| {
                            let tx = tx.clone();
                            async move {
                                let get = |k: &str| form.get(k).cloned().unwrap_or_default();
                                let _ = tx.send(Posted {
                                    key: get("oauth_consumer_key"),
                                    secret: get("oauth_consumer_secret"),
                                    verifier: get("oauth_verifier"),
                                    store_base_url: get("store_base_url"),
                                });
                                HttpResponse::Ok().body("thanks")
                            }
                        }),
                    )
                })
                .workers(1)
                .bind("127.0.0.1:0");
                let server = match server {
                    Ok(s) => s,
                    Err(e) => {
                        let _ = url_tx.send(Err(e.to_string()));
                        return;
                    }
                };
                let port = server.addrs()[0].port();
                let _ = url_tx.send(Ok(format!("http://127.0.0.1:{port}/magento/endpoint")));
                let _ = server.run().await;
            });
        });
        let endpoint = url_rx
            .recv()
            .expect("connector thread")
            .unwrap_or_else(|e| panic!("connector bind: {e}"));
        Self { endpoint, received }
    }

    pub fn credentials(&self) -> Posted {
        self.received
            .recv_timeout(Duration::from_secs(10))
            .expect("magemock posted the credentials to the endpoint")
    }
}

/// An OAuth 1.0a client over magemock's own signer, timestamps from magemock's clock.
pub struct OauthClient {
    pub key: String,
    pub secret: String,
}

static NONCE: AtomicU64 = AtomicU64::new(1);

impl OauthClient {
    /// The `Authorization` header for one request (HMAC-SHA256, 2.4.8 rules).
    pub fn header(
        &self,
        http_method: &str,
        url: &str,
        timestamp: i64,
        token: Option<(&str, &str)>,
        verifier: Option<&str>,
    ) -> String {
        let nonce = format!(
            "{:016x}{:016x}",
            timestamp,
            NONCE.fetch_add(1, Ordering::Relaxed)
        );
        let timestamp = timestamp.to_string();
        let request = ClientRequest {
            http_method,
            url,
            form_body: None,
            nonce: &nonce,
            timestamp: &timestamp,
            method: SignatureMethod::HmacSha256,
            rules: SignatureRules::Magento,
        };
        let credentials = ClientCredentials {
            consumer_key: &self.key,
            consumer_secret: &self.secret,
            token: token.map(|t| t.0),
            token_secret: token.map_or("", |t| t.1),
            verifier,
        };
        sign_header(&request, &credentials).unwrap_or_else(|e| panic!("sign: {e}"))
    }
}

/// `oauth_token=...&oauth_token_secret=...` → (token, secret).
pub fn token_pair(body: &str) -> (String, String) {
    let field = |name: &str| {
        body.split('&')
            .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
            .unwrap_or_else(|| panic!("{name} in {body}"))
            .to_string()
    };
    (field("oauth_token"), field("oauth_token_secret"))
}
