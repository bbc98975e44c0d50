//! Configuration keyed by Magento's config paths.

use actix_web::{HttpResponse, web};
use magemock_core::config::KNOWN;
use magemock_core::{CoreError, Settings};
use serde_json::{Map, Value, json};

use crate::services::Services;

fn listing(services: &Services) -> Result<Value, CoreError> {
    services.store.read(|c| {
        let values = Settings::all(c)?;
        Ok(Value::Array(
            values
                .into_iter()
                .zip(KNOWN)
                .map(|((path, value), known)| {
                    json!({"path": path, "value": value, "default": known.default, "source": known.source})
                })
                .collect(),
        ))
    })
}

pub async fn get(services: web::Data<Services>) -> HttpResponse {
    match listing(&services) {
        Ok(v) => HttpResponse::Ok().json(v),
        Err(e) => super::error(500, e.to_string(), Value::Null),
    }
}

/// `{"<path>": "<value>" | null, ...}`: all or nothing; `null` restores the default.
pub async fn put(services: web::Data<Services>, body: web::Bytes) -> HttpResponse {
    let values: Map<String, Value> = match super::json_body(&body) {
        Ok(v) => v,
        Err(resp) => return *resp,
    };
    let written = services.store.write(|tx| {
        for (path, value) in &values {
            let text = match value {
                Value::Null => None,
                Value::String(s) => Some(s.clone()),
                Value::Bool(b) => Some(if *b { "1" } else { "0" }.to_string()),
                other => Some(other.to_string()),
            };
            Settings::set(tx, path, text.as_deref())?;
        }
        Ok::<_, CoreError>(())
    });
    match written {
        Ok(()) => get(services).await,
        Err(CoreError::UnknownConfigPath(path)) => super::error(
            400,
            format!("unknown config path {path:?}"),
            json!({"known_paths": KNOWN.iter().map(|k| k.path).collect::<Vec<_>>()}),
        ),
        Err(e @ CoreError::InvalidConfigValue { .. }) => {
            super::error(400, e.to_string(), Value::Null)
        }
        Err(e) => super::error(500, e.to_string(), Value::Null),
    }
}
