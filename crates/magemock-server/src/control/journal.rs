//! The request journal.

use actix_web::{HttpRequest, HttpResponse, web};
use serde_json::Value;

use crate::journal::Query;
use crate::services::Services;

pub async fn get(req: HttpRequest, services: web::Data<Services>) -> HttpResponse {
    match web::Query::<Query>::from_query(req.query_string()) {
        Ok(q) => HttpResponse::Ok().json(services.journal.query(&q)),
        Err(e) => super::error(
            400,
            format!(
                "bad journal filter: {e} (known: method, path_prefix, status, caller, direction, limit)"
            ),
            Value::Null,
        ),
    }
}

pub async fn clear(services: web::Data<Services>) -> HttpResponse {
    services.journal.clear();
    HttpResponse::NoContent().finish()
}
