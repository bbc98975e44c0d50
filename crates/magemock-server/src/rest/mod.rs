//! Magento's REST front controller: `/rest[/<store>|/all]/V1/...` → store → route → caller →
//! ACL → parameters → handler → `fields` filter → renderer. The order of the checks is
//! Magento's (app/code/Magento/Webapi/Controller/Rest/RequestValidator.php, then
//! InputParamsResolver): a guest sending a malformed body to a protected route gets the ACL
//! error, not a decoding error.

pub mod acl;
pub mod call;
pub mod caller;
pub mod error;
pub mod fields;
pub mod render;
pub mod request;
pub mod router;
pub mod url;
mod xml_body;
mod xml_render;

use std::sync::Arc;
use std::time::Instant;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderMap};
use actix_web::{HttpRequest, HttpResponse, web};
use magemock_core::{ExceptionKind, MagentoError, Params};
use serde_json::{Map, Value};

use crate::journal::{self, AclRecord, Direction, Entry};
use crate::services::Services;
use call::Call;
use caller::Caller;
use router::{Forced, Method};

/// Messages of the front controller itself, verbatim.
pub mod messages {
    /// app/code/Magento/Webapi/Controller/Rest/RequestProcessorPool.php
    pub const NO_PROCESSOR: &str = "Specified request cannot be processed.";
    /// lib/internal/Magento/Framework/Webapi/Rest/Request.php `getHttpMethod`
    pub const METHOD_INVALID: &str = "Request method is invalid.";
    /// app/code/Magento/Webapi/Controller/Rest/Router.php
    pub const NO_ROUTE: &str = "Request does not match any route.";
    /// lib/internal/Magento/Framework/Webapi/Rest/Response/RendererFactory.php
    pub const NOT_ACCEPTABLE: &str = "Server cannot match any of the given Accept HTTP header media type(s) from the request: \"%1\" with media types from the config of response renderer.";
}

pub(crate) fn php_json_body(value: &Value) -> String {
    crate::php_json::to_string(value)
}

/// What a request carried, as the pipeline reads it.
struct Incoming {
    method: String,
    path: String,
    query: String,
    /// `scheme://Host` + request URI, as OAuth signatures cover it.
    url: String,
    authorization: Option<String>,
    content_type: Option<String>,
    body: web::Bytes,
}

/// What the pipeline found besides the result, for the journal and the log.
#[derive(Default)]
struct Trace {
    caller: Option<Caller>,
    route: Option<String>,
    acl: Option<AclRecord>,
    diagnostics: Option<Value>,
}

fn header(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
}

/// The actix handler for everything under `/rest` and `/index.php/rest`.
pub async fn entry(
    req: HttpRequest,
    body: web::Bytes,
    services: web::Data<Services>,
) -> HttpResponse {
    let started = Instant::now();
    let accept = header(req.headers(), header::ACCEPT);
    let incoming = Incoming {
        method: req.method().as_str().to_string(),
        path: req.uri().path().to_string(),
        query: req.uri().query().unwrap_or("").to_string(),
        url: crate::oauth::request_url(&req),
        authorization: header(req.headers(), header::AUTHORIZATION),
        content_type: header(req.headers(), header::CONTENT_TYPE),
        body,
    };
    let path_and_query = match req.uri().query() {
        Some(q) => format!("{}?{}", incoming.path, q),
        None => incoming.path.clone(),
    };
    let request_excerpt = journal::excerpt(&incoming.body);
    let services: Arc<Services> = services.into_inner();

    // Response construction picks the renderer before anything else runs (Rest\Response's
    // constructor), so an unacceptable Accept fails every request with 406.
    let accept_types = render::accept_types(accept.as_deref());
    let (status, content_type, body, trace) = match render::choose(&accept_types) {
        Err(types) => {
            let message =
                Params::positional(types.iter().take(1).cloned()).render(messages::NOT_ACCEPTABLE);
            let (body, ct) = error::fatal_envelope(406, &message, accept.as_deref());
            (406, ct, body, Trace::default())
        }
        Ok(renderer) => {
            // Inline on the actix worker, not on the blocking pool: a request holds the one
            // store connection for tens of microseconds and nothing in the pipeline waits on
            // the network (activation POSTs and module scans run from the control API, on the
            // blocking pool). The hop to the pool and back, with up to 32 blocking threads
            // queueing on the store's mutex, cost more CPU than the request itself.
            // A panic still answers Magento's masked 500 (as the blocking pool's join error
            // did) instead of dropping the connection with the worker.
            let run = std::panic::AssertUnwindSafe(|| pipeline(&services, incoming));
            let (result, trace) = std::panic::catch_unwind(run).unwrap_or_else(|_| {
                (
                    Err(MagentoError::internal("the request handler panicked")),
                    Trace::default(),
                )
            });
            let (status, value) = match result {
                Ok(value) => (200, value),
                Err(e) => {
                    if e.kind == ExceptionKind::Internal {
                        tracing::error!(error = %e, "internal error answered as Magento's masked 500");
                    }
                    let report = services.report_id();
                    (error::status(e.kind), error::body(&e, &report))
                }
            };
            (
                status,
                renderer.content_type(),
                renderer.render(&value),
                trace,
            )
        }
    };

    let caller = trace.caller.clone().unwrap_or(Caller::Guest);
    tracing::info!(
        method = %req.method(),
        path = %path_and_query,
        status,
        caller = caller.kind(),
        micros = started.elapsed().as_micros() as u64,
        "rest"
    );
    services.journal.record(Entry {
        seq: 0,
        at: services.clock.now_db(),
        direction: Direction::Inbound,
        method: req.method().as_str().to_string(),
        path: path_and_query,
        status,
        caller: caller.kind().to_string(),
        caller_id: caller_id(&caller),
        route: trace.route,
        acl: trace.acl,
        diagnostics: trace.diagnostics,
        request_body: request_excerpt,
        response_body: journal::excerpt(body.as_bytes()),
    });
    HttpResponse::build(StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
        .insert_header((header::CONTENT_TYPE, content_type))
        .body(body)
}

fn caller_id(caller: &Caller) -> Option<i64> {
    match caller {
        Caller::Guest => None,
        Caller::Customer { id } | Caller::Admin { id } | Caller::Integration { id } => Some(*id),
    }
}

fn pipeline(services: &Services, incoming: Incoming) -> (Result<Value, MagentoError>, Trace) {
    let mut trace = Trace::default();
    let result = run(services, incoming, &mut trace);
    (result, trace)
}

fn run(services: &Services, incoming: Incoming, trace: &mut Trace) -> Result<Value, MagentoError> {
    let rest = url::rest_path(&incoming.path).unwrap_or("");
    let (segment, path) = url::split_store(rest, |code| services.is_store_code(code));
    let route_path = match url::processor(&path) {
        url::Processor::Synchronous(p) => p,
        url::Processor::Unsupported(_) | url::Processor::None => {
            return Err(MagentoError::new(
                ExceptionKind::Webapi(400),
                messages::NO_PROCESSOR,
                Params::None,
            ));
        }
    };
    let store = services.store_scope(&segment)?;
    let method = Method::parse(&incoming.method)
        .ok_or_else(|| MagentoError::input(messages::METHOD_INVALID, Params::None))?;
    let matched = services.routes.find(method, &route_path).ok_or_else(|| {
        MagentoError::new(ExceptionKind::Webapi(404), messages::NO_ROUTE, Params::None)
    })?;
    let route = matched.route;
    trace.route = Some(route.service.to_string());

    let caller = caller::resolve(
        services,
        &caller::Request {
            method: &incoming.method,
            url: &incoming.url,
            authorization: incoming.authorization.as_deref(),
            content_type: incoming.content_type.as_deref(),
            body: &incoming.body,
        },
    )
    .map_err(|refused| {
        trace.diagnostics = refused.diagnostics;
        *refused.error
    })?;
    trace.caller = Some(caller.clone());
    let decision = acl::check(services, route.resources, &caller, &store);
    trace.acl = Some(decision.record.clone());
    decision.result?;

    // Rest\Request::getRequestData: body parameters (POST/PUT only), overridden by the
    // request's own parameters (query string, then path parameters).
    let query = match magemock_core::search_criteria::php_query::parse(&incoming.query) {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    let fields = match query.get("fields") {
        Some(Value::String(f)) => Some(f.clone()),
        // FieldsFilter::filter: a non-string `fields` (e.g. fields[]=x) filters everything out.
        Some(_) => Some(String::new()),
        None => None,
    };
    let mut params: Map<String, Value> = if method.has_body() {
        request::body_params(incoming.content_type.as_deref(), &incoming.body)?
    } else {
        Map::new()
    };
    params.extend(query);
    for (name, value) in matched.params {
        params.insert(name, Value::String(value));
    }
    for (name, forced) in route.forced {
        let value = match (forced, &caller) {
            (Forced::CustomerId, Caller::Customer { id }) => Value::from(*id),
            (Forced::CustomerId, _) => Value::Null,
        };
        params.insert((*name).to_string(), value);
    }
    let mut call = Call {
        services,
        caller: &caller,
        store: &store,
        input: request::Input::new(params),
    };
    let value = (route.handler)(&mut call)?;
    Ok(fields::apply(value, fields.as_deref()))
}
