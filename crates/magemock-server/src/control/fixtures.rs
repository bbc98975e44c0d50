//! Loading a fixture document into the running store, atomically.

use actix_web::{HttpRequest, HttpResponse, web};
use serde_json::Value;

use crate::services::Services;

/// The body is fixture XML; `?name=` names it in error messages (default `request body`).
pub async fn load(
    req: HttpRequest,
    services: web::Data<Services>,
    body: web::Bytes,
) -> HttpResponse {
    let name =
        web::Query::<std::collections::HashMap<String, String>>::from_query(req.query_string())
            .ok()
            .and_then(|q| q.get("name").cloned())
            .unwrap_or_else(|| "request body".to_string());
    let Ok(xml) = String::from_utf8(body.to_vec()) else {
        return super::error(
            400,
            format!("{name}: the document is not UTF-8"),
            Value::Null,
        );
    };
    let s = services.into_inner();
    let worker = std::sync::Arc::clone(&s);
    let outcome = web::block(move || worker.load_fixture(&name, &xml)).await;
    match outcome {
        Ok(Ok(report)) => HttpResponse::Ok().json(report),
        Ok(Err(e)) => super::error(400, e.to_string(), Value::Null),
        Err(e) => super::error(500, e.to_string(), Value::Null),
    }
}
