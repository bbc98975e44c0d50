//! The Integrations grid and the Remove action
//! (Controller/Adminhtml/Integration/Index.php, Delete.php; the grid's column renderers).

use actix_web::HttpResponse;
use magemock_registry::{RegistryError, SetupType, Status, stored};
use maud::html;

use super::params::{AdminRoute, form_fields};
use super::session::{FlashKind, Sessions};
use super::{Ctx, GRID, html, messages, pages, redirect};
use crate::services::Services;

/// Renderer/Name.php: a plain-http endpoint or identity link marks the row.
fn insecure(url: Option<&str>) -> bool {
    url.is_some_and(|u| u.starts_with("http:"))
}

pub(crate) fn index(ctx: &Ctx, services: &Services, sessions: &Sessions) -> HttpResponse {
    let list = match services.store.read(stored::list) {
        Ok(list) => list,
        Err(e) => return html(500, pages::bare("Internal error", &e.to_string())),
    };
    let rows: Vec<pages::Row> = list
        .into_iter()
        .map(|i| pages::Row {
            id: i.id,
            insecure: insecure(i.endpoint.as_deref()) || insecure(i.identity_link_url.as_deref()),
            token_exchange: i.endpoint.is_some() && i.identity_link_url.is_some(),
            status: i.status.label(),
            inactive: i.status == Status::Inactive,
            config: i.setup_type == SetupType::Config,
            name: i.name,
            email: i.email,
        })
        .collect();
    let actions = html! {
        a #add .action-primary href=(format!("{GRID}new/")) { "Add New Integration" }
    };
    ctx.page(
        sessions,
        "Integrations",
        actions,
        pages::grid(&rows, &ctx.session.form_key),
    )
}

/// Delete.php: POST only, manual integrations only; the message names the integration.
pub(crate) fn delete(
    ctx: &Ctx,
    services: &Services,
    sessions: &Sessions,
    route: &AdminRoute,
    body: &[u8],
) -> HttpResponse {
    let fields = form_fields(body);
    let sid = &ctx.session_id;
    if !ctx.form_key_ok(&fields) {
        sessions.flash(sid, FlashKind::Error, messages::INVALID_FORM_KEY);
        return redirect(GRID);
    }
    let Some(id) = route.id() else {
        sessions.flash(sid, FlashKind::Error, messages::ID_MISSING);
        return redirect(GRID);
    };
    let current = match services.store.read(|c| stored::get(c, id)) {
        Ok(i) => i,
        Err(e) => {
            sessions.flash(sid, FlashKind::Error, e.to_string());
            return redirect(GRID);
        }
    };
    if current.setup_type == SetupType::Config {
        sessions.flash(
            sid,
            FlashKind::Error,
            messages::with(messages::UNINSTALL_TO_REMOVE, &current.name),
        );
        return redirect(GRID);
    }
    match crate::control::integrations::delete_manual(services, id) {
        Ok(()) => sessions.flash(
            sid,
            FlashKind::Success,
            messages::with(messages::DELETED, &current.name),
        ),
        Err(RegistryError::NoSuchId(_)) => {
            sessions.flash(sid, FlashKind::Error, messages::NO_LONGER_EXISTS)
        }
        Err(e) => sessions.flash(sid, FlashKind::Error, e.to_string()),
    }
    redirect(GRID)
}
