//! The admin page "System > Integrations" (Magento_Integration's adminhtml controllers and
//! `view/adminhtml/web/js/integration.js`): sign in with a fixture admin, the grid, the
//! new/edit form with the API resource tree, and Activate / Reauthorize with the permissions
//! dialog, the credentials POST, the identity-link popup and its success callback. Connector
//! teams drive it with Playwright or Selenium to test their identity-link page.
//!
//! URLs are Magento's (front name `admin`, route `adminhtml` → `admin`, controller
//! `integration`, parameters as path pairs: `/admin/admin/integration/edit/id/3/`); the admin
//! URL secret keys are not emulated. HTML is rendered here with maud (escaped by
//! construction); the one script is vanilla JavaScript served beside it.

mod activate;
mod edit;
mod grid;
mod login;
mod messages;
mod pages;
mod params;
pub mod session;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::services::Services;
pub use session::Sessions;

/// The grid's URL.
pub const GRID: &str = "/admin/admin/integration/";
/// The sign-in page's URL.
pub const LOGIN: &str = "/admin/";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/admin")
            .route("", web::get().to(login::page))
            .route("/", web::get().to(login::page))
            .route("", web::post().to(login::submit))
            .route("/", web::post().to(login::submit))
            .route("/integrations", web::get().to(to_grid))
            .route("/admin/auth/logout{tail:.*}", web::get().to(login::logout))
            .route("/admin/integration{tail:.*}", web::route().to(dispatch))
            .route("/static/{file}", web::get().to(asset))
            .default_service(web::to(not_found)),
    );
}

async fn to_grid() -> HttpResponse {
    redirect(GRID)
}

/// One controller per action, as Magento's router picks them.
async fn dispatch(
    req: HttpRequest,
    body: web::Bytes,
    services: web::Data<Services>,
    sessions: web::Data<Sessions>,
) -> HttpResponse {
    let tail = req.match_info().get("tail").unwrap_or("").to_string();
    let Some(route) = params::AdminRoute::parse(&tail, req.query_string()) else {
        return not_found().await;
    };
    let Some(ctx) = login::signed_in(&req, &services, &sessions) else {
        return redirect(LOGIN);
    };
    let post = req.method() == actix_web::http::Method::POST;
    match (route.action.as_str(), post) {
        ("index" | "grid", false) => grid::index(&ctx, &services, &sessions),
        ("new", false) => edit::form(&ctx, &services, &sessions, None),
        ("edit", false) => edit::form(&ctx, &services, &sessions, route.id()),
        ("save", true) => edit::save(&ctx, &services, &sessions, &route, &body),
        ("delete", true) => grid::delete(&ctx, &services, &sessions, &route, &body),
        ("permissionsDialog", false) => activate::permissions(&services, &route),
        ("tokensExchange", false) => {
            activate::tokens_exchange(&ctx, services, &sessions, &route).await
        }
        ("tokensDialog", false) => activate::tokens_dialog(&ctx, services, &sessions, &route).await,
        ("loginSuccessCallback", false) => activate::login_success(&ctx, &services, &sessions),
        _ => not_found().await,
    }
}

async fn asset(path: web::Path<String>) -> HttpResponse {
    let (body, kind) = match path.as_str() {
        "admin.css" => (include_str!("assets/admin.css"), "text/css; charset=UTF-8"),
        "integration.js" => (
            include_str!("assets/integration.js"),
            "application/javascript; charset=UTF-8",
        ),
        _ => return not_found().await,
    };
    HttpResponse::Ok()
        .content_type(kind)
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .body(body)
}

async fn not_found() -> HttpResponse {
    html(
        404,
        pages::bare("404 Not Found", "The page you requested was not found."),
    )
}

pub(crate) fn redirect(to: &str) -> HttpResponse {
    HttpResponse::Found()
        .insert_header((header::LOCATION, to))
        .finish()
}

pub(crate) fn html(status: u16, markup: maud::Markup) -> HttpResponse {
    HttpResponse::build(
        actix_web::http::StatusCode::from_u16(status)
            .unwrap_or(actix_web::http::StatusCode::INTERNAL_SERVER_ERROR),
    )
    .content_type("text/html; charset=UTF-8")
    .insert_header((header::CACHE_CONTROL, "no-store"))
    .body(markup.into_string())
}

/// The session lifetime from `admin/security/session_lifetime`, 900 s when unreadable.
pub(crate) fn session_lifetime(services: &Services) -> i64 {
    services
        .store
        .read(|c| magemock_core::Settings::get_int(c, "admin/security/session_lifetime"))
        .ok()
        .flatten()
        .filter(|s| *s > 0)
        .unwrap_or(900)
}

/// What every signed-in page knows.
pub(crate) struct Ctx {
    pub session_id: String,
    pub session: session::Session,
    /// `scheme://host` as the browser reached magemock, so the success callback URL the
    /// page compares against is the one the browser will see.
    pub origin: String,
}

impl Ctx {
    pub fn success_callback(&self) -> String {
        format!(
            "{}/admin/admin/integration/loginSuccessCallback/",
            self.origin
        )
    }

    /// A signed-in page with the messages waiting in the session, as a 200.
    pub fn page(
        &self,
        sessions: &Sessions,
        title: &str,
        actions: maud::Markup,
        content: maud::Markup,
    ) -> HttpResponse {
        let flashes = sessions.take_flashes(&self.session_id);
        let callback = self.success_callback();
        let chrome = pages::Chrome {
            username: &self.session.username,
            form_key: &self.session.form_key,
            success_callback: &callback,
            flashes: &flashes,
        };
        html(200, pages::layout(&chrome, title, actions, content))
    }

    /// Whether a posted form carries this session's form key (Magento's CSRF guard).
    pub fn form_key_ok(&self, fields: &[(String, String)]) -> bool {
        fields
            .iter()
            .any(|(k, v)| k == "form_key" && *v == self.session.form_key)
    }
}
