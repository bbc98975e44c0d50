//! The one app factory: `main` and every test build the server here, so what tests exercise is
//! what users run.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::{Server, ServerHandle};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};

use crate::services::{Options, Services, StartError};

/// Large enough for a 100k-product fixture document.
const MAX_BODY: usize = 256 * 1024 * 1024;

/// Registers magemock's routes on an actix `App`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    crate::control::configure(cfg);
    crate::admin::configure(cfg);
    cfg.default_service(web::to(dispatch));
}

/// Everything that is not the control API: REST under `/rest` (and `/index.php/rest`), and
/// Magento's storefront 404 for the rest.
async fn dispatch(
    req: HttpRequest,
    body: web::Bytes,
    services: web::Data<Services>,
) -> HttpResponse {
    if crate::rest::url::rest_path(req.uri().path()).is_some() {
        crate::rest::entry(req, body, services).await
    } else if let Some(which) = crate::oauth::endpoint(req.uri().path()) {
        crate::oauth::token(req, body, services, which).await
    } else {
        HttpResponse::NotFound()
            .content_type("text/html; charset=UTF-8")
            .body("<!doctype html><title>404 Not Found</title><h1>Whoops, our bad...</h1><p>The page you requested was not found.</p>\n")
    }
}

/// A bound, seeded server that has not started serving yet.
pub struct Application {
    port: u16,
    host: String,
    services: Arc<Services>,
    server: Server,
}

/// Where to listen and what to serve.
#[derive(Debug, Clone)]
pub struct Listen {
    pub host: String,
    /// 0 picks a free port.
    pub port: u16,
    /// The store base URL; derived from host and port when `None`.
    pub base_url: Option<String>,
    pub workers: usize,
}

impl Default for Listen {
    fn default() -> Self {
        Self {
            host: "127.0.0.1".into(),
            port: 8080,
            base_url: None,
            workers: 2,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Start(#[from] StartError),
}

impl Application {
    /// Binds the socket first (so `port 0` is known for the base URL), then seeds the store.
    pub fn build(listen: Listen, mut options: Options) -> Result<Self, BuildError> {
        let addr = format!("{}:{}", listen.host, listen.port);
        let listener = TcpListener::bind(&addr).map_err(|source| BuildError::Bind {
            addr: addr.clone(),
            source,
        })?;
        let port = listener
            .local_addr()
            .map_err(|source| BuildError::Bind { addr, source })?
            .port();
        options.base_url = listen
            .base_url
            .clone()
            .unwrap_or_else(|| format!("http://{}:{}/", url_host(&listen.host), port));
        let services = Arc::new(Services::start(options)?);
        let data = web::Data::from(Arc::clone(&services));
        // One session store for every worker: the admin page's sign-ins.
        let sessions = web::Data::new(crate::admin::Sessions::default());
        let server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .app_data(sessions.clone())
                .app_data(web::PayloadConfig::new(MAX_BODY))
                .configure(configure)
        })
        .workers(listen.workers.max(1))
        // magemock stops on its own signal handling, at once (no 30 s graceful drain).
        .disable_signals()
        .shutdown_timeout(0)
        .listen(listener)
        .map_err(|source| BuildError::Bind {
            addr: format!("{}:{}", listen.host, port),
            source,
        })?
        .run();
        Ok(Self {
            port,
            host: listen.host,
            services,
            server,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `http://HOST:PORT`, as printed in the ready line.
    pub fn url(&self) -> String {
        format!("http://{}:{}", url_host(&self.host), self.port)
    }

    pub fn services(&self) -> Arc<Services> {
        Arc::clone(&self.services)
    }

    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    /// Serves until the handle stops the server.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// An IPv6 literal needs brackets in a URL.
fn url_host(host: &str) -> String {
    if host.contains(':') && !host.starts_with('[') {
        format!("[{host}]")
    } else {
        host.to_string()
    }
}
