//! Token inspection and test conveniences: list what was issued, revoke a user's tokens, and
//! mint a valid token without the password round trip (the REST routes stay exact).

use actix_web::{HttpResponse, web};
use magemock_tokens::{TokenError, TokenUser, UserKind};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::services::Services;

/// `{"crypt_key": ..., "tokens": [...]}`: the instance key verifies every JWT listed.
pub async fn list(services: web::Data<Services>) -> HttpResponse {
    let ctx = services.token_context();
    let listed = services.store.read(|c| {
        Ok::<_, TokenError>((
            magemock_tokens::crypt_key(c)?,
            magemock_tokens::list(c, &ctx)?,
        ))
    });
    match listed {
        Ok((key, tokens)) => HttpResponse::Ok().json(json!({"crypt_key": key, "tokens": tokens})),
        Err(e) => super::error(500, e.to_string(), Value::Null),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserRef {
    user_type: UserKind,
    user_id: i64,
}

/// `DELETE /__magemock/tokens?user_type=customer&user_id=1`: revokes all of that user's tokens.
pub async fn revoke(req: actix_web::HttpRequest, services: web::Data<Services>) -> HttpResponse {
    let who = match web::Query::<UserRef>::from_query(req.query_string()) {
        Ok(q) => q.into_inner(),
        Err(e) => {
            return super::error(
                400,
                format!("{e} (expected user_type=admin|customer&user_id=N)"),
                Value::Null,
            );
        }
    };
    let ctx = services.token_context();
    let user = TokenUser {
        kind: who.user_type,
        id: who.user_id,
    };
    match services
        .store
        .write(|tx| magemock_tokens::revoke(tx, &ctx, user))
    {
        Ok(()) => HttpResponse::NoContent().finish(),
        Err(e) => super::error(500, e.to_string(), Value::Null),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MintAdmin {
    username: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MintCustomer {
    email: String,
    website_id: Option<i64>,
}

fn minted(result: Result<Option<String>, TokenError>, who: &str) -> HttpResponse {
    match result {
        Ok(Some(token)) => HttpResponse::Ok().json(json!({ "token": token })),
        Ok(None) => super::error(404, format!("no such {who}"), Value::Null),
        Err(e) => super::error(500, e.to_string(), Value::Null),
    }
}

/// `POST /__magemock/tokens/admin` `{"username": "admin"}`.
pub async fn mint_admin(services: web::Data<Services>, body: web::Bytes) -> HttpResponse {
    let req: MintAdmin = match super::json_body(&body) {
        Ok(r) => r,
        Err(resp) => return *resp,
    };
    let ctx = services.token_context();
    let result = services.store.write(|tx| {
        let Some(admin) = magemock_catalog::admins::admin_by_username(tx, &req.username)? else {
            return Ok::<_, TokenError>(None);
        };
        magemock_tokens::issue(
            tx,
            &ctx,
            TokenUser {
                kind: UserKind::Admin,
                id: admin.id,
            },
        )
        .map(Some)
    });
    minted(result, &format!("admin {:?}", req.username))
}

/// `POST /__magemock/tokens/customer` `{"email": "...", "website_id": 1}` (website 1 by default).
pub async fn mint_customer(services: web::Data<Services>, body: web::Bytes) -> HttpResponse {
    let req: MintCustomer = match super::json_body(&body) {
        Ok(r) => r,
        Err(resp) => return *resp,
    };
    let ctx = services.token_context();
    let website = req.website_id.unwrap_or(1);
    let result = services.store.write(|tx| {
        let Some(customer) =
            magemock_catalog::customers::customer_by_email(tx, &req.email, website)?
        else {
            return Ok::<_, TokenError>(None);
        };
        magemock_tokens::issue(
            tx,
            &ctx,
            TokenUser {
                kind: UserKind::Customer,
                id: customer.id,
            },
        )
        .map(Some)
    });
    minted(
        result,
        &format!("customer {:?} in website {website}", req.email),
    )
}
