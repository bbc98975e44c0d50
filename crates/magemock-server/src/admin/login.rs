//! Signing in and out of the admin page with a fixture admin's username and password
//! (Magento\Backend\Controller\Adminhtml\Auth\Login, Logout).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use magemock_catalog::{admins, password};

use super::params::{field, form_fields};
use super::session::{COOKIE, COOKIE_PATH, Sessions};
use super::{Ctx, GRID, html, messages, pages, redirect, session_lifetime};
use crate::services::Services;

/// The session cookie's value, if the browser sent one.
fn session_cookie(req: &HttpRequest) -> Option<String> {
    req.headers()
        .get_all(header::COOKIE)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_string())
}

/// The signed-in context of a request, or `None` (no cookie, expired, or the admin is gone
/// or deactivated since).
pub(crate) fn signed_in(
    req: &HttpRequest,
    services: &Services,
    sessions: &Sessions,
) -> Option<Ctx> {
    let id = session_cookie(req)?;
    let session = sessions.touch(&id, &services.clock, session_lifetime(services))?;
    let admin = services
        .store
        .read(|c| admins::admin_by_username(c, &session.username))
        .ok()
        .flatten();
    match admin {
        Some(a) if a.id == session.admin_id && a.is_active => {}
        _ => {
            sessions.close(&id);
            return None;
        }
    }
    let info = req.connection_info();
    let origin = format!("{}://{}", info.scheme(), info.host());
    Some(Ctx {
        session_id: id,
        session,
        origin,
    })
}

/// The admin behind `username` if `secret` is its password (active or not: callers decide).
pub(crate) fn verified_admin(
    services: &Services,
    username: &str,
    secret: &str,
) -> Option<admins::AdminUser> {
    services
        .store
        .read(|c| admins::admin_by_username(c, username))
        .ok()
        .flatten()
        .filter(|a| password::verify(&a.password_hash, secret))
}

/// `GET /admin/`: the sign-in form, or the grid for a signed-in admin (magemock has no
/// dashboard).
pub async fn page(
    req: HttpRequest,
    services: web::Data<Services>,
    sessions: web::Data<Sessions>,
) -> HttpResponse {
    if signed_in(&req, &services, &sessions).is_some() {
        return redirect(GRID);
    }
    html(200, pages::login(None, ""))
}

/// `POST /admin/` with `login[username]` and `login[password]`.
pub async fn submit(
    body: web::Bytes,
    services: web::Data<Services>,
    sessions: web::Data<Sessions>,
) -> HttpResponse {
    let fields = form_fields(&body);
    let username = field(&fields, "login[username]").unwrap_or("").trim();
    let secret = field(&fields, "login[password]").unwrap_or("");
    let Some(admin) = verified_admin(&services, username, secret).filter(|a| a.is_active) else {
        return html(200, pages::login(Some(messages::SIGN_IN_REFUSED), username));
    };
    let id = sessions.open(
        &services.entropy,
        &services.clock,
        session_lifetime(&services),
        admin.id,
        admin.username.as_deref().unwrap_or(username),
    );
    HttpResponse::Found()
        .insert_header((header::LOCATION, GRID))
        .insert_header((
            header::SET_COOKIE,
            format!("{COOKIE}={id}; Path={COOKIE_PATH}; HttpOnly; SameSite=Lax"),
        ))
        .finish()
}

/// `GET /admin/admin/auth/logout/`: the session ends and the sign-in form says so.
pub async fn logout(req: HttpRequest, sessions: web::Data<Sessions>) -> HttpResponse {
    if let Some(id) = session_cookie(&req) {
        sessions.close(&id);
    }
    let mut resp = html(200, pages::login_notice(messages::LOGGED_OUT));
    if let Ok(v) = header::HeaderValue::from_str(&format!(
        "{COOKIE}=deleted; Path={COOKIE_PATH}; Max-Age=0; HttpOnly; SameSite=Lax"
    )) {
        resp.headers_mut().insert(header::SET_COOKIE, v);
    }
    resp
}
