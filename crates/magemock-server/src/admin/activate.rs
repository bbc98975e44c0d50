//! Activate / Reauthorize from the grid (Controller/Adminhtml/Integration/PermissionsDialog.php,
//! TokensExchange.php, TokensDialog.php, LoginSuccessCallback.php): the dialog listing the
//! requested resources, then either the credentials POST and the identity-link popup, or, for
//! an integration without both an endpoint and an identity link, the tokens shown at once.

use std::sync::Arc;

use actix_web::{HttpResponse, web};
use magemock_acl::Grant;
use magemock_registry::stored;
use serde_json::json;

use super::params::AdminRoute;
use super::session::{FlashKind, Sessions};
use super::{Ctx, GRID, messages, pages};
use crate::activation::ActivationError;
use crate::services::Services;

fn fragment(status: u16, markup: maud::Markup) -> HttpResponse {
    super::html(status, markup)
}

/// What the page script does with a refused AJAX call: go to the grid, which shows why.
fn to_grid_json(sessions: &Sessions, ctx: &Ctx, message: String) -> HttpResponse {
    sessions.flash(&ctx.session_id, FlashKind::Error, message);
    HttpResponse::Ok().json(json!({ "_redirect": GRID }))
}

/// The integration and the reauthorize flag of an Allow, once its form key checks out.
fn allowed(
    ctx: &Ctx,
    sessions: &Sessions,
    route: &AdminRoute,
) -> Result<(i64, bool), Box<HttpResponse>> {
    if route.get("form_key") != Some(ctx.session.form_key.as_str()) {
        return Err(Box::new(to_grid_json(
            sessions,
            ctx,
            messages::INVALID_FORM_KEY.into(),
        )));
    }
    match route.id() {
        Some(id) => Ok((id, route.reauthorize())),
        None => Err(Box::new(to_grid_json(
            sessions,
            ctx,
            messages::ID_MISSING.into(),
        ))),
    }
}

/// `permissionsDialog/id/N/reauthorize/0/`: the requested resources.
pub(crate) fn permissions(services: &Services, route: &AdminRoute) -> HttpResponse {
    let Some(id) = route.id() else {
        return fragment(404, pages::bare("Not found", messages::ID_MISSING));
    };
    match services.store.read(|c| stored::grant_of(c, id)) {
        Ok(grant) => {
            let all = grant == Grant::All;
            fragment(
                200,
                pages::permissions(all, &services.acl.to_jstree_json(&grant)),
            )
        }
        Err(e) => fragment(404, pages::bare("Not found", &e.to_string())),
    }
}

/// Runs an activation step on the blocking pool: the credentials POST blocks for up to
/// `oauth/consumer/post_timeout`, and the workers must stay free to answer the connector's
/// token requests meanwhile.
async fn off_the_workers<T: Send + 'static>(
    services: &Arc<Services>,
    step: impl FnOnce(&Services) -> Result<T, ActivationError> + Send + 'static,
) -> Result<T, String> {
    let worker = Arc::clone(services);
    match web::block(move || step(&worker)).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(e.to_string()),
        Err(e) => Err(e.to_string()),
    }
}

/// `tokensExchange/id/N/reauthorize/R/`: the credentials POST to the endpoint, then what
/// integration.js needs to open the identity link.
pub(crate) async fn tokens_exchange(
    ctx: &Ctx,
    services: web::Data<Services>,
    sessions: &Sessions,
    route: &AdminRoute,
) -> HttpResponse {
    let (id, reauthorize) = match allowed(ctx, sessions, route) {
        Ok(v) => v,
        Err(refused) => return *refused,
    };
    let s = services.into_inner();
    let answer = match off_the_workers(&s, move |w| w.activate(id, reauthorize)).await {
        Ok(v) => v,
        Err(e) => return to_grid_json(sessions, ctx, e),
    };
    let integration = match s.store.read(|c| stored::get(c, id)) {
        Ok(i) => i,
        Err(e) => return to_grid_json(sessions, ctx, e.to_string()),
    };
    sessions.set_pending_activation(&ctx.session_id, Some(id));
    let notice = messages::with(
        if reauthorize {
            messages::SENT_FOR_REAUTHORIZATION
        } else {
            messages::SENT_FOR_ACTIVATION
        },
        &integration.name,
    );
    let popup = maud::html! {
        div .messages { div .message .message-notice { (notice) } }
        (pages::tokens_exchange())
    };
    HttpResponse::Ok().json(json!({
        "identity_link_url": integration.identity_link_url,
        "oauth_consumer_key": answer["oauth_consumer_key"],
        "popup_content": popup.into_string(),
    }))
}

/// `tokensDialog/id/N/reauthorize/R/`: activated here, the four credentials shown.
pub(crate) async fn tokens_dialog(
    ctx: &Ctx,
    services: web::Data<Services>,
    sessions: &Sessions,
    route: &AdminRoute,
) -> HttpResponse {
    let (id, reauthorize) = match allowed(ctx, sessions, route) {
        Ok(v) => v,
        Err(refused) => return *refused,
    };
    let s = services.into_inner();
    if let Err(e) = off_the_workers(&s, move |w| w.activate_without_exchange(id, reauthorize)).await
    {
        return to_grid_json(sessions, ctx, e);
    }
    let loaded = s.store.read(|c| {
        let i = stored::get(c, id)?;
        let consumer = stored::consumer(c, i.consumer_id)?;
        let token = stored::access_token(c, i.consumer_id)?;
        Ok::<_, magemock_registry::RegistryError>((i, consumer, token))
    });
    match loaded {
        Ok((i, Some(c), Some((token, secret)))) => {
            let message = messages::with(
                if reauthorize {
                    messages::REAUTHORIZED
                } else {
                    messages::ACTIVATED
                },
                &i.name,
            );
            let details = [
                ("Consumer Key", c.key),
                ("Consumer Secret", c.secret),
                ("Access Token", token),
                ("Access Token Secret", secret),
            ];
            fragment(200, pages::tokens(&details, &message))
        }
        Ok((i, _, _)) => to_grid_json(
            sessions,
            ctx,
            messages::with(
                magemock_oauth::messages::INTEGRATION_TOKEN_NOT_FOUND,
                i.consumer_id,
            ),
        ),
        Err(e) => to_grid_json(sessions, ctx, e.to_string()),
    }
}

/// `loginSuccessCallback/`: the connector's identity page sent the popup here; it closes
/// itself after a second, and the handshake report notes the step.
pub(crate) fn login_success(ctx: &Ctx, services: &Services, sessions: &Sessions) -> HttpResponse {
    if let Some(id) = ctx.session.pending_activation {
        services
            .handshake
            .identity_link_done(id, services.clock.now_db());
        sessions.set_pending_activation(&ctx.session_id, None);
    }
    fragment(200, pages::login_success())
}
