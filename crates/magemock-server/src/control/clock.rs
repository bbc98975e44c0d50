//! Reading, setting, freezing and advancing the one clock.

use actix_web::{HttpResponse, web};
use chrono::TimeDelta;
use magemock_core::clock::{ClockMode, format_db, parse_instant};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::services::Services;

fn state(services: &Services) -> Value {
    let now = services.clock.now();
    json!({
        "now": format_db(now),
        "unix": now.timestamp(),
        "frozen": matches!(services.clock.mode(), ClockMode::Frozen { .. }),
    })
}

pub async fn get(services: web::Data<Services>) -> HttpResponse {
    HttpResponse::Ok().json(state(&services))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetClock {
    /// `YYYY-MM-DD HH:MM:SS` (UTC), RFC 3339, or unix seconds.
    now: Option<Value>,
    frozen: Option<bool>,
}

pub async fn put(services: web::Data<Services>, body: web::Bytes) -> HttpResponse {
    let req: SetClock = match super::json_body(&body) {
        Ok(r) => r,
        Err(resp) => return *resp,
    };
    let at = match &req.now {
        None => None,
        Some(v) => {
            let text = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            match parse_instant(&text) {
                Some(t) => Some(t),
                None => {
                    return super::error(
                        400,
                        format!(
                            "cannot read {text:?} as a time: use \"YYYY-MM-DD HH:MM:SS\" (UTC), RFC 3339 or unix seconds"
                        ),
                        Value::Null,
                    );
                }
            }
        }
    };
    // Freeze first so that a `now` given with `frozen: true` is the instant it stands at.
    if let Some(frozen) = req.frozen {
        services.clock.set_frozen(frozen);
    }
    if let Some(at) = at {
        services.clock.set(at);
    }
    HttpResponse::Ok().json(state(&services))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Advance {
    seconds: i64,
}

pub async fn advance(services: web::Data<Services>, body: web::Bytes) -> HttpResponse {
    let req: Advance = match super::json_body(&body) {
        Ok(r) => r,
        Err(resp) => return *resp,
    };
    match TimeDelta::try_seconds(req.seconds) {
        Some(delta) => {
            services.clock.advance(delta);
            HttpResponse::Ok().json(state(&services))
        }
        None => super::error(400, "seconds out of range", Value::Null),
    }
}
