//! Magento's OAuth endpoints `/oauth/token/request` and `/oauth/token/access`
//! (app/code/Magento/Integration/Controller/Token/Request.php, Access.php): any HTTP method,
//! also behind `/index.php/`; success is `oauth_token=...&oauth_token_secret=...`, failure an
//! `oauth_problem=...` body with 400, 401 or 500.

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use magemock_oauth::provider::Incoming;

use crate::journal::{self, Direction, Entry};
use crate::services::Services;

/// The controllers set no Content-Type; PHP's default is what clients see.
const CONTENT_TYPE: &str = "text/html; charset=UTF-8";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    Request,
    Access,
}

/// Which token endpoint a path names, if any.
pub fn endpoint(path: &str) -> Option<Endpoint> {
    let path = path.strip_prefix("/index.php").unwrap_or(path);
    match path.trim_end_matches('/') {
        "/oauth/token/request" => Some(Endpoint::Request),
        "/oauth/token/access" => Some(Endpoint::Access),
        _ => None,
    }
}

/// `Helper\\Request::getRequestUrl`: scheme, the Host header as sent, the request URI.
pub fn request_url(req: &HttpRequest) -> String {
    let host = req
        .headers()
        .get(actix_web::http::header::HOST)
        .map(|h| String::from_utf8_lossy(h.as_bytes()).into_owned())
        .unwrap_or_default();
    let uri = req.uri().path_and_query().map_or_else(
        || req.uri().path().to_string(),
        |pq| pq.as_str().to_string(),
    );
    format!("http://{host}{uri}")
}

fn header(req: &HttpRequest, name: actix_web::http::header::HeaderName) -> Option<String> {
    req.headers()
        .get(name)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
}

pub async fn token(
    req: HttpRequest,
    body: web::Bytes,
    services: web::Data<Services>,
    which: Endpoint,
) -> HttpResponse {
    let services: Arc<Services> = services.into_inner();
    let worker = Arc::clone(&services);
    let method = req.method().as_str().to_string();
    let url = request_url(&req);
    let authorization = header(&req, actix_web::http::header::AUTHORIZATION);
    let content_type = header(&req, actix_web::http::header::CONTENT_TYPE);
    let request_body = body.clone();
    let outcome = web::block(move || {
        let incoming = Incoming {
            http_method: method.as_bytes(),
            url: url.as_bytes(),
            authorization: authorization.as_deref().map(str::as_bytes),
            content_type: content_type.as_deref().map(str::as_bytes),
            body: &request_body,
        };
        worker.oauth_token(which, &incoming)
    })
    .await;
    let (status, body, diagnostics) = match outcome {
        Ok((Ok((token, secret)), _)) => (200, magemock_oauth::token_body(&token, &secret), None),
        Ok((Err(e), diagnostics)) => (e.status(), e.problem_body(), diagnostics),
        Err(e) => (
            500,
            magemock_oauth::OauthError::Internal {
                message: e.to_string(),
            }
            .problem_body(),
            None,
        ),
    };
    let path = match req.uri().query() {
        Some(q) => format!("{}?{q}", req.uri().path()),
        None => req.uri().path().to_string(),
    };
    services.journal.record(Entry {
        seq: 0,
        at: services.clock.now_db(),
        direction: Direction::Inbound,
        method: req.method().as_str().to_string(),
        path,
        status,
        caller: "oauth".into(),
        caller_id: None,
        route: Some(match which {
            Endpoint::Request => "Magento\\Integration\\Controller\\Token\\Request".into(),
            Endpoint::Access => "Magento\\Integration\\Controller\\Token\\Access".into(),
        }),
        acl: None,
        diagnostics,
        request_body: journal::excerpt(&body_excerpt_source(&req)),
        response_body: journal::excerpt(body.as_bytes()),
    });
    HttpResponse::build(StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
        .insert_header((actix_web::http::header::CONTENT_TYPE, CONTENT_TYPE))
        .body(body)
}

/// The journal shows the Authorization header of token requests (that is where OAuth puts its
/// parameters); the signature is kept, it proves nothing without the secrets.
fn body_excerpt_source(req: &HttpRequest) -> Vec<u8> {
    header(req, actix_web::http::header::AUTHORIZATION)
        .map(|a| format!("Authorization: {a}").into_bytes())
        .unwrap_or_default()
}
