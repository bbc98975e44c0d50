//! The control API under `/__magemock/`: what an admin would do in Magento's back end plus what
//! a test needs (reset, clock, journal). Plain JSON in and out; errors are
//! `{"message": ...}` with 400 or 404. This is magemock's own API, not Magento's.

mod acl;
mod clock;
mod config;
mod fixtures;
pub(crate) mod integrations;
mod journal;
mod system;
mod tokens;

use actix_web::{HttpResponse, web};
use serde_json::{Value, json};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/__magemock")
            .route("/health", web::get().to(system::health))
            .route("/reset", web::post().to(system::reset))
            .route("/clock", web::get().to(clock::get))
            .route("/clock", web::put().to(clock::put))
            .route("/clock/advance", web::post().to(clock::advance))
            .route("/config", web::get().to(config::get))
            .route("/config", web::put().to(config::put))
            .route("/fixtures", web::post().to(fixtures::load))
            .route("/journal", web::get().to(journal::get))
            .route("/journal", web::delete().to(journal::clear))
            .route("/integrations", web::post().to(integrations::create))
            .route("/integrations", web::get().to(integrations::list))
            .route("/integrations/{id}", web::get().to(integrations::get))
            .route("/integrations/{id}", web::put().to(integrations::update))
            .route("/integrations/{id}", web::delete().to(integrations::delete))
            .route(
                "/integrations/{id}/activate",
                web::post().to(integrations::activate),
            )
            .route(
                "/integrations/{id}/reauthorize",
                web::post().to(integrations::reauthorize),
            )
            .route(
                "/integrations/{id}/handshake",
                web::get().to(integrations::handshake),
            )
            .route(
                "/integrations/{id}/success",
                web::get().to(integrations::success),
            )
            .route(
                "/modules/reload",
                web::post().to(integrations::reload_modules),
            )
            .route("/acl", web::get().to(acl::tree))
            .route("/acl/coverage", web::get().to(acl::coverage))
            .route("/roles", web::get().to(acl::roles))
            .route("/roles", web::post().to(acl::create_role))
            .route("/admins", web::get().to(acl::admins))
            .route("/admins", web::post().to(acl::create_admin))
            .route("/admins/{username}", web::put().to(acl::update_admin))
            .route("/admins/{username}/tfa", web::post().to(acl::configure_tfa))
            .route("/admins/{username}/tfa/code", web::get().to(acl::tfa_code))
            .route("/tokens", web::get().to(tokens::list))
            .route("/tokens", web::delete().to(tokens::revoke))
            .route("/tokens/admin", web::post().to(tokens::mint_admin))
            .route("/tokens/customer", web::post().to(tokens::mint_customer))
            .default_service(web::to(not_found)),
    );
}

async fn not_found() -> HttpResponse {
    error(
        404,
        "No such control endpoint; see README.md \"Control API\".",
        Value::Null,
    )
}

/// The control API's error body: a message, and details when there are some.
pub fn error(status: u16, message: impl Into<String>, details: Value) -> HttpResponse {
    let mut body = json!({ "message": message.into() });
    if let (Some(map), Value::Object(extra)) = (body.as_object_mut(), details) {
        map.extend(extra);
    }
    HttpResponse::build(
        actix_web::http::StatusCode::from_u16(status)
            .unwrap_or(actix_web::http::StatusCode::BAD_REQUEST),
    )
    .json(body)
}

/// Parses a JSON body into `T`, or answers a 400 naming what is wrong.
pub fn json_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Box<HttpResponse>> {
    serde_json::from_slice(body)
        .map_err(|e| Box::new(error(400, format!("invalid JSON body: {e}"), Value::Null)))
}
