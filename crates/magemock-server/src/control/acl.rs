//! The ACL side of the back end: the resource tree, admin roles and users, and the coverage
//! report (which granted resources each integration and role really used).

use std::collections::BTreeSet;

use actix_web::{HttpResponse, web};
use magemock_acl::{AclResourceId, AclTree, Grant};
use magemock_catalog::CatalogError;
use magemock_catalog::admins::{self, NewAdminUser, NewRole, Resources};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::coverage::Holder;
use crate::services::Services;

/// `GET /__magemock/acl`: the tree in `Provider::getAclResources`'s shape.
pub async fn tree(services: web::Data<Services>) -> HttpResponse {
    HttpResponse::Ok().json(services.acl.to_json())
}

fn resources_json(r: &Resources) -> Value {
    match r {
        Resources::All => Value::String("all".into()),
        Resources::Some(ids) => json!(ids),
    }
}

fn catalog_refused(e: CatalogError) -> HttpResponse {
    let status = match e {
        CatalogError::Sqlite(_) | CatalogError::Core(_) => 500,
        _ => 400,
    };
    super::error(status, e.to_string(), Value::Null)
}

pub async fn roles(services: web::Data<Services>) -> HttpResponse {
    match services.store.read(admins::roles) {
        Ok(list) => HttpResponse::Ok().json(
            list.iter()
                .map(|r| json!({"id": r.id, "name": r.name, "resources": resources_json(&r.resources)}))
                .collect::<Vec<_>>(),
        ),
        Err(e) => catalog_refused(e),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleBody {
    name: String,
    resources: super::integrations::ResourcesBody,
}

/// `POST /__magemock/roles` `{"name", "resources": "all" | [ids]}`.
pub async fn create_role(services: web::Data<Services>, body: web::Bytes) -> HttpResponse {
    let req: RoleBody = match super::json_body(&body) {
        Ok(r) => r,
        Err(resp) => return *resp,
    };
    let resources = match super::integrations::grant(&services, &req.resources) {
        Ok(Grant::All) => Resources::All,
        Ok(Grant::Resources(set)) => Resources::Some(set.iter().map(ToString::to_string).collect()),
        Err(e) => return super::error(400, e.to_string(), Value::Null),
    };
    let created = services.store.write(|tx| {
        let id = admins::insert_role(
            tx,
            &NewRole {
                name: req.name.clone(),
                resources,
            },
        )?;
        admins::role_by_id(tx, id)
    });
    match created {
        Ok(Some(r)) => HttpResponse::Ok()
            .json(json!({"id": r.id, "name": r.name, "resources": resources_json(&r.resources)})),
        Ok(None) => super::error(500, "role vanished", Value::Null),
        Err(e) => catalog_refused(e),
    }
}

fn admin_json(services: &Services, a: &admins::AdminUser) -> Value {
    let role = services
        .store
        .read(|c| admins::admin_role(c, a.id))
        .ok()
        .flatten();
    json!({
        "id": a.id,
        "username": a.username,
        "firstname": a.firstname,
        "lastname": a.lastname,
        "email": a.email,
        "is_active": a.is_active,
        "role": role.map(|r| r.name),
        "created": a.created,
    })
}

pub async fn admins(services: web::Data<Services>) -> HttpResponse {
    match services.store.read(admins::admin_users) {
        Ok(list) => HttpResponse::Ok().json(
            list.iter()
                .map(|a| admin_json(&services, a))
                .collect::<Vec<_>>(),
        ),
        Err(e) => catalog_refused(e),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdminBody {
    username: String,
    password: String,
    firstname: String,
    lastname: String,
    email: String,
    /// The role's name.
    role: String,
    #[serde(default = "active")]
    is_active: bool,
}

fn active() -> bool {
    true
}

/// `POST /__magemock/admins`: an admin user in an existing role.
pub async fn create_admin(services: web::Data<Services>, body: web::Bytes) -> HttpResponse {
    let req: AdminBody = match super::json_body(&body) {
        Ok(r) => r,
        Err(resp) => return *resp,
    };
    let created = services.store.write(|tx| {
        let role = admins::role_by_name(tx, &req.role)?
            .ok_or_else(|| CatalogError::no_such("role", "name", req.role.clone()))?;
        let new = NewAdminUser {
            username: req.username.clone(),
            firstname: req.firstname.clone(),
            lastname: req.lastname.clone(),
            email: req.email.clone(),
            password_hash: magemock_catalog::password::hash(&services.entropy, &req.password),
            is_active: req.is_active,
            role_id: role.id,
        };
        admins::insert_admin_user(tx, &new, &services.clock.now_db())?;
        admins::admin_by_username(tx, &req.username)
    });
    match created {
        Ok(Some(a)) => HttpResponse::Ok().json(admin_json(&services, &a)),
        Ok(None) => super::error(500, "admin vanished", Value::Null),
        Err(e) => catalog_refused(e),
    }
}

/// Granted resources that neither were used nor are an ancestor of a used one (ancestors are
/// granted because Magento adds them, not because anyone chose them).
fn unused(
    tree: &AclTree,
    granted: &BTreeSet<AclResourceId>,
    used: &BTreeSet<String>,
) -> Vec<String> {
    let mut needed: BTreeSet<String> = used.clone();
    for u in used {
        if let Ok(id) = AclResourceId::try_from(u.as_str()) {
            needed.extend(tree.ancestors(&id).map(ToString::to_string));
        }
    }
    granted
        .iter()
        .map(ToString::to_string)
        .filter(|g| !needed.contains(g))
        .collect()
}

fn report(tree: &AclTree, grant: &Grant, used: BTreeSet<String>) -> Value {
    match grant {
        Grant::All => json!({"granted": "all", "used": used, "unused": Value::Null}),
        Grant::Resources(set) => json!({
            "granted": set.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "unused": unused(tree, set, &used),
            "used": used,
        }),
    }
}

/// `GET /__magemock/acl/coverage`.
pub async fn coverage(services: web::Data<Services>) -> HttpResponse {
    let tree = &services.acl;
    let integrations = services.store.read(|c| {
        let mut out = Vec::new();
        for i in magemock_registry::stored::list(c)? {
            let grant = magemock_registry::stored::grant_of(c, i.id)?;
            let mut v = report(
                tree,
                &grant,
                services.coverage.used(Holder::Integration(i.id)),
            );
            if let Some(map) = v.as_object_mut() {
                map.insert("id".into(), json!(i.id));
                map.insert("name".into(), json!(i.name));
            }
            out.push(v);
        }
        Ok::<_, magemock_registry::RegistryError>(out)
    });
    let roles = services.store.read(|c| {
        let mut out = Vec::new();
        for r in admins::roles(c)? {
            let grant = match &r.resources {
                Resources::All => Grant::All,
                Resources::Some(ids) => Grant::Resources(
                    ids.iter()
                        .filter_map(|i| AclResourceId::try_from(i.as_str()).ok())
                        .collect(),
                ),
            };
            let mut v = report(
                tree,
                &grant,
                services.coverage.used(Holder::AdminRole(r.id)),
            );
            if let Some(map) = v.as_object_mut() {
                map.insert("id".into(), json!(r.id));
                map.insert("name".into(), json!(r.name));
            }
            out.push(v);
        }
        Ok::<_, CatalogError>(out)
    });
    match (integrations, roles) {
        (Ok(i), Ok(r)) => HttpResponse::Ok().json(json!({"integrations": i, "roles": r})),
        (Err(e), _) => super::error(500, e.to_string(), Value::Null),
        (_, Err(e)) => catalog_refused(e),
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct TfaBody {
    /// A base32 Google Authenticator secret; drawn from the seed when absent.
    secret: Option<String>,
}

/// `POST /__magemock/admins/{username}/tfa`: configures and activates Google Authenticator for
/// the admin and answers the secret, so that a test can compute codes.
pub async fn configure_tfa(
    services: web::Data<Services>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let req: TfaBody = if body.is_empty() {
        TfaBody::default()
    } else {
        match super::json_body(&body) {
            Ok(r) => r,
            Err(resp) => return *resp,
        }
    };
    let username = path.into_inner();
    let result = services.store.write(|tx| {
        let Some(admin) = admins::admin_by_username(tx, &username)? else {
            return Ok(None);
        };
        magemock_tokens::tfa::set_google_secret(
            tx,
            &services.entropy,
            admin.id,
            req.secret.as_deref(),
        )
        .map(Some)
    });
    match result {
        Ok(Some(secret)) => HttpResponse::Ok().json(json!({
            "provider": "google",
            "secret": secret,
            "otpauth_uri": format!("otpauth://totp/magemock:{username}?secret={secret}&issuer=magemock"),
        })),
        Ok(None) => super::error(404, format!("no admin user {username:?}"), Value::Null),
        Err(e) => super::error(500, e.to_string(), Value::Null),
    }
}

/// `GET /__magemock/admins/{username}/tfa/code`: the code an authenticator shows now (by
/// magemock's clock).
pub async fn tfa_code(services: web::Data<Services>, path: web::Path<String>) -> HttpResponse {
    let username = path.into_inner();
    let secret = services.store.read(|c| {
        let Some(admin) = admins::admin_by_username(c, &username)? else {
            return Ok::<_, magemock_tokens::TokenError>(None);
        };
        magemock_tokens::tfa::google_secret(c, admin.id)
    });
    match secret {
        Ok(Some(secret)) => match magemock_tokens::tfa::totp(&secret, services.clock.unix()) {
            Some(code) => HttpResponse::Ok().json(json!({"code": code})),
            None => super::error(500, "the stored secret is not base32", Value::Null),
        },
        Ok(None) => super::error(
            404,
            format!("admin {username:?} has no Google Authenticator secret"),
            Value::Null,
        ),
        Err(e) => super::error(500, e.to_string(), Value::Null),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdminChange {
    is_active: bool,
}

/// `PUT /__magemock/admins/{username}` `{"is_active": false}`: deactivating an admin revokes
/// its tokens (app/code/Magento/Integration/Plugin/Model/AdminUser.php `afterSave`).
pub async fn update_admin(
    services: web::Data<Services>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let req: AdminChange = match super::json_body(&body) {
        Ok(r) => r,
        Err(resp) => return *resp,
    };
    let username = path.into_inner();
    let ctx = services.token_context();
    let updated = services.store.write(|tx| {
        let Some(admin) = admins::admin_by_username(tx, &username)? else {
            return Ok::<_, magemock_tokens::TokenError>(None);
        };
        admins::set_admin_active(tx, admin.id, req.is_active)?;
        if !req.is_active {
            let user = magemock_tokens::TokenUser {
                kind: magemock_tokens::UserKind::Admin,
                id: admin.id,
            };
            magemock_tokens::revoke(tx, &ctx, user)?;
        }
        Ok(admins::admin_by_username(tx, &username)?)
    });
    match updated {
        Ok(Some(a)) => HttpResponse::Ok().json(admin_json(&services, &a)),
        Ok(None) => super::error(404, format!("no admin user {username:?}"), Value::Null),
        Err(e) => super::error(500, e.to_string(), Value::Null),
    }
}
