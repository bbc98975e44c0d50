//! Health and reset.

use actix_web::{HttpResponse, web};
use serde_json::Value;

use crate::services::Services;

/// 200 with the instance's identity once seeded; 503 while seeding or resetting.
pub async fn health(services: web::Data<Services>) -> HttpResponse {
    let body = services.health();
    if services.is_ready() {
        HttpResponse::Ok().json(body)
    } else {
        HttpResponse::ServiceUnavailable().json(body)
    }
}

/// Back to the seeded start.
pub async fn reset(services: web::Data<Services>) -> HttpResponse {
    let s = services.into_inner();
    let worker = std::sync::Arc::clone(&s);
    match web::block(move || worker.reset()).await {
        Ok(Ok(())) => HttpResponse::Ok().json(s.health()),
        Ok(Err(e)) => super::error(500, format!("reset failed: {e}"), Value::Null),
        Err(e) => super::error(500, format!("reset failed: {e}"), Value::Null),
    }
}
