//! Integrations, as the admin's System > Integrations page manages them, plus module reloads.

use actix_web::{HttpResponse, web};
use magemock_acl::{AclResourceId, Grant};
use magemock_registry::stored::{self, IntegrationChanges, NewIntegration};
use magemock_registry::{RegistryError, SetupType, Status};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::services::Services;

/// `"all"` or a list of ACL resource ids, as the admin's resource tree posts them.
#[derive(Deserialize)]
#[serde(untagged)]
pub enum ResourcesBody {
    All(String),
    Some(Vec<String>),
}

pub fn grant(services: &Services, body: &ResourcesBody) -> Result<Grant, RegistryError> {
    match body {
        ResourcesBody::All(s) if s == "all" => Ok(Grant::All),
        ResourcesBody::All(s) => Err(RegistryError::Invalid(format!(
            "resources must be \"all\" or a list of ACL resource ids, not {s:?}"
        ))),
        ResourcesBody::Some(ids) => {
            let ids = ids
                .iter()
                .map(|id| AclResourceId::try_from(id.as_str()))
                .collect::<Result<Vec<_>, _>>()?;
            if let Some(unknown) = ids.iter().find(|id| !services.acl.contains(id)) {
                return Err(RegistryError::Invalid(format!(
                    "{unknown} is not a resource of the ACL tree"
                )));
            }
            Ok(Grant::saved(&services.acl, &ids))
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateBody {
    pub name: String,
    pub email: String,
    pub endpoint: Option<String>,
    pub identity_link_url: Option<String>,
    pub resources: Option<ResourcesBody>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateBody {
    pub name: Option<String>,
    pub email: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub endpoint: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub identity_link_url: Option<Option<String>>,
    pub resources: Option<ResourcesBody>,
}

/// A key that is present (even as `null`) is `Some`; an absent one stays `None` by `default`.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// The control API's view of one integration: the entity, its consumer credentials and, once
/// issued, its access token (what `IntegrationService::get` adds), and its grant.
pub fn view(services: &Services, id: i64) -> Result<Value, RegistryError> {
    services.store.read(|c| {
        let i = stored::get(c, id)?;
        let consumer = stored::consumer(c, i.consumer_id)?;
        let token = stored::access_token(c, i.consumer_id)?;
        let grant = stored::grant_of(c, i.id)?;
        let mut v = json!({
            "id": i.id,
            "name": i.name,
            "email": i.email,
            "endpoint": i.endpoint,
            "identity_link_url": i.identity_link_url,
            "status": i.status,
            "status_label": i.status.label(),
            "setup_type": i.setup_type,
            "consumer_id": i.consumer_id,
            "consumer_key": consumer.as_ref().map(|c| c.key.clone()),
            "consumer_secret": consumer.as_ref().map(|c| c.secret.clone()),
            "resources": match grant {
                Grant::All => Value::String("all".into()),
                Grant::Resources(set) => Value::Array(set.iter().map(|r| Value::String(r.to_string())).collect()),
            },
            "created_at": i.created_at,
            "updated_at": i.updated_at,
        });
        if let (Some((token, secret)), Some(map)) = (token, v.as_object_mut()) {
            map.insert("token".into(), Value::String(token));
            map.insert("token_secret".into(), Value::String(secret));
        }
        Ok(v)
    })
}

fn refused(e: RegistryError) -> HttpResponse {
    let status = match e {
        RegistryError::NoSuchId(_) => 404,
        RegistryError::Core(_) | RegistryError::Sqlite(_) => 500,
        _ => 400,
    };
    super::error(status, e.to_string(), Value::Null)
}

fn answer(services: &Services, id: Result<i64, RegistryError>) -> HttpResponse {
    match id.and_then(|id| view(services, id)) {
        Ok(v) => HttpResponse::Ok().json(v),
        Err(e) => refused(e),
    }
}

pub async fn create(services: web::Data<Services>, body: web::Bytes) -> HttpResponse {
    let req: CreateBody = match super::json_body(&body) {
        Ok(r) => r,
        Err(resp) => return *resp,
    };
    answer(&services, create_manual(&services, &req))
}

/// Creates a manual integration (the control API's POST and the admin page's Save share it,
/// so both refuse the same input with the same words).
pub fn create_manual(services: &Services, req: &CreateBody) -> Result<i64, RegistryError> {
    let ctx = services.registry_context();
    services.store.write(|tx| {
        let grant = match &req.resources {
            Some(r) => grant(services, r)?,
            None => Grant::none(),
        };
        let new = NewIntegration {
            name: req.name.clone(),
            email: req.email.clone(),
            endpoint: req.endpoint.clone(),
            identity_link_url: req.identity_link_url.clone(),
            setup_type: SetupType::Manual,
            status: Status::Inactive,
            grant,
        };
        Ok::<_, RegistryError>(stored::create(tx, &ctx, &new)?.id)
    })
}

pub async fn list(services: web::Data<Services>) -> HttpResponse {
    let ids = services.store.read(|c| {
        Ok::<_, RegistryError>(
            stored::list(c)?
                .into_iter()
                .map(|i| i.id)
                .collect::<Vec<_>>(),
        )
    });
    match ids.and_then(|ids| {
        ids.into_iter()
            .map(|id| view(&services, id))
            .collect::<Result<Vec<_>, _>>()
    }) {
        Ok(list) => HttpResponse::Ok().json(list),
        Err(e) => refused(e),
    }
}

pub async fn get(services: web::Data<Services>, path: web::Path<String>) -> HttpResponse {
    answer(&services, parse_id(&path))
}

fn parse_id(raw: &str) -> Result<i64, RegistryError> {
    raw.parse::<i64>()
        .map_err(|_| RegistryError::Invalid(format!("{raw:?} is not an integration id")))
}

pub async fn update(
    services: web::Data<Services>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let req: UpdateBody = match super::json_body(&body) {
        Ok(r) => r,
        Err(resp) => return *resp,
    };
    let id = parse_id(&path).and_then(|id| update_manual(&services, id, &req));
    answer(&services, id)
}

/// Changes a manual integration (control API PUT and the admin page's Save).
pub fn update_manual(services: &Services, id: i64, req: &UpdateBody) -> Result<i64, RegistryError> {
    let ctx = services.registry_context();
    services.store.write(|tx| {
        let changes = IntegrationChanges {
            name: req.name.clone(),
            email: req.email.clone(),
            endpoint: req.endpoint.clone(),
            identity_link_url: req.identity_link_url.clone(),
            grant: req
                .resources
                .as_ref()
                .map(|r| grant(services, r))
                .transpose()?,
        };
        Ok::<_, RegistryError>(stored::update(tx, &ctx, id, &changes)?.id)
    })
}

pub async fn delete(services: web::Data<Services>, path: web::Path<String>) -> HttpResponse {
    let deleted = parse_id(&path).and_then(|id| delete_manual(&services, id));
    match deleted {
        Ok(_) => HttpResponse::NoContent().finish(),
        Err(e) => refused(e),
    }
}

/// Deletes a manual integration with its consumer and tokens; config-made ones refuse.
pub fn delete_manual(services: &Services, id: i64) -> Result<(), RegistryError> {
    services.store.write(|tx| {
        let current = stored::get(tx, id)?;
        if current.setup_type == SetupType::Config {
            return Err(RegistryError::ConfigBased(current.name));
        }
        stored::delete(tx, id).map(|_| ())
    })
}

/// Scans `--modules` again and synchronises as `setup:upgrade` would.
pub async fn reload_modules(services: web::Data<Services>) -> HttpResponse {
    let s = services.into_inner();
    let worker = std::sync::Arc::clone(&s);
    match web::block(move || worker.sync_modules()).await {
        Ok(Ok(report)) => HttpResponse::Ok().json(report),
        Ok(Err(e)) => super::error(400, e, Value::Null),
        Err(e) => super::error(500, e.to_string(), Value::Null),
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ActivateBody {
    /// Answer only once the connector finished the exchange or the consumer window ran out.
    #[serde(default)]
    wait: bool,
}

async fn run_activation(
    services: web::Data<Services>,
    path: web::Path<String>,
    body: web::Bytes,
    reauthorize: bool,
) -> HttpResponse {
    let req: ActivateBody = if body.is_empty() {
        ActivateBody::default()
    } else {
        match super::json_body(&body) {
            Ok(r) => r,
            Err(resp) => return *resp,
        }
    };
    let id = match parse_id(&path) {
        Ok(id) => id,
        Err(e) => return refused(e),
    };
    let s = services.into_inner();
    let worker = std::sync::Arc::clone(&s);
    let answer = match web::block(move || worker.activate(id, reauthorize)).await {
        Ok(Ok(v)) => v,
        Ok(Err(e)) => return super::error(e.status(), e.to_string(), Value::Null),
        Err(e) => return super::error(500, e.to_string(), Value::Null),
    };
    if req.wait {
        // Real time bounds the wait; the consumer window itself follows magemock's clock.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while !s.activation_settled(id) && std::time::Instant::now() < deadline {
            actix_web::rt::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        return match view(&s, id) {
            Ok(v) => HttpResponse::Ok().json(json!({"activation": answer, "integration": v})),
            Err(e) => refused(e),
        };
    }
    HttpResponse::Ok().json(answer)
}

pub async fn activate(
    services: web::Data<Services>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    run_activation(services, path, body, false).await
}

pub async fn reauthorize(
    services: web::Data<Services>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    run_activation(services, path, body, true).await
}

pub async fn handshake(services: web::Data<Services>, path: web::Path<String>) -> HttpResponse {
    match parse_id(&path).and_then(|id| view(&services, id).map(|_| id)) {
        Ok(id) => HttpResponse::Ok().json(services.handshake.get(id)),
        Err(e) => refused(e),
    }
}

/// The `success_call_back` page the identity link sends the browser to: Magento's closes its
/// popup after a second.
pub async fn success(services: web::Data<Services>, path: web::Path<String>) -> HttpResponse {
    if let Ok(id) = parse_id(&path) {
        services
            .handshake
            .identity_link_done(id, services.clock.now_db());
    }
    HttpResponse::Ok()
        .content_type("text/html; charset=UTF-8")
        .body("<!doctype html><html><head><title>Integration activated</title></head><body><p>The integration is activated; this window closes itself.</p><script>setTimeout(function () { window.close(); }, 1000);</script></body></html>\n")
}
