//! New / Edit / Save of an integration (Controller/Adminhtml/Integration/NewAction.php,
//! Edit.php, Save.php). Saving goes through the same functions as the control API, so the
//! page refuses the same input with the same words; before that, as Save.php does, it wants
//! the signed-in admin's password.

use actix_web::HttpResponse;
use magemock_acl::Grant;
use magemock_registry::{SetupType, stored};
use maud::html;

use super::params::{AdminRoute, field, form_fields};
use super::session::{FlashKind, Sessions};
use super::{Ctx, GRID, messages, pages, redirect};
use crate::control::integrations::{
    CreateBody, ResourcesBody, UpdateBody, create_manual, update_manual,
};
use crate::services::Services;

/// What the form shows: the stored integration, or what the refused post carried.
struct Values {
    name: String,
    email: String,
    endpoint: String,
    identity_link_url: String,
    grant: Grant,
}

fn posted_grant(services: &Services, fields: &[(String, String)]) -> Grant {
    if field(fields, "all_resources") == Some("1") {
        return Grant::All;
    }
    let ids: Vec<String> = fields
        .iter()
        .filter(|(k, _)| k == "resource[]")
        .map(|(_, v)| v.clone())
        .collect();
    crate::control::integrations::grant(services, &ResourcesBody::Some(ids))
        .unwrap_or_else(|_| Grant::none())
}

fn posted_values(services: &Services, fields: &[(String, String)]) -> Values {
    let get = |k: &str| field(fields, k).unwrap_or("").to_string();
    Values {
        name: get("name"),
        email: get("email"),
        endpoint: get("endpoint"),
        identity_link_url: get("identity_link_url"),
        grant: posted_grant(services, fields),
    }
}

pub(crate) fn form(
    ctx: &Ctx,
    services: &Services,
    sessions: &Sessions,
    id: Option<i64>,
) -> HttpResponse {
    let sid = &ctx.session_id;
    let kept = sessions.take_form_data(sid);
    let mut read_only = false;
    let mut details = None;
    let mut title = "New Integration".to_string();
    let mut values = Values {
        name: String::new(),
        email: String::new(),
        endpoint: String::new(),
        identity_link_url: String::new(),
        grant: Grant::none(),
    };
    if let Some(id) = id {
        let loaded = services.store.read(|c| {
            let i = stored::get(c, id)?;
            let grant = stored::grant_of(c, id)?;
            let consumer = stored::consumer(c, i.consumer_id)?;
            let token = stored::access_token(c, i.consumer_id)?;
            Ok::<_, magemock_registry::RegistryError>((i, grant, consumer, token))
        });
        let (i, grant, consumer, token) = match loaded {
            Ok(v) => v,
            Err(e) => {
                sessions.flash(sid, FlashKind::Error, e.to_string());
                return redirect(GRID);
            }
        };
        title = messages::with(messages::EDIT_TITLE, &i.name);
        read_only = i.setup_type == SetupType::Config;
        if let (Some(c), Some((token, secret))) = (consumer, token) {
            details = Some([
                ("Consumer Key", c.key),
                ("Consumer Secret", c.secret),
                ("Access Token", token),
                ("Access Token Secret", secret),
            ]);
        }
        values = Values {
            name: i.name,
            email: i.email,
            endpoint: i.endpoint.unwrap_or_default(),
            identity_link_url: i.identity_link_url.unwrap_or_default(),
            grant,
        };
    }
    if let Some(fields) = kept.filter(|_| !read_only) {
        values = posted_values(services, &fields);
    }
    let tree = services.acl.to_jstree_json(&values.grant);
    let view = pages::FormView {
        id,
        name: &values.name,
        email: &values.email,
        endpoint: &values.endpoint,
        identity_link_url: &values.identity_link_url,
        all_resources: values.grant == Grant::All,
        tree: &tree,
        read_only,
        details,
        form_key: &ctx.session.form_key,
    };
    ctx.page(sessions, &title, html! {}, pages::form(&view))
}

/// Where a refused save sends the browser back to.
fn back(id: Option<i64>) -> String {
    match id {
        Some(id) => format!("{GRID}edit/id/{id}/"),
        None => format!("{GRID}new/"),
    }
}

fn optional(fields: &[(String, String)], key: &str) -> Option<String> {
    field(fields, key)
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

pub(crate) fn save(
    ctx: &Ctx,
    services: &Services,
    sessions: &Sessions,
    route: &AdminRoute,
    body: &[u8],
) -> HttpResponse {
    let sid = &ctx.session_id;
    let fields = form_fields(body);
    let id = route.id();
    if !ctx.form_key_ok(&fields) {
        sessions.flash(sid, FlashKind::Error, messages::INVALID_FORM_KEY);
        return redirect(&back(id));
    }
    if let Some(id) = id {
        match services.store.read(|c| stored::get(c, id)) {
            Ok(i) if i.setup_type == SetupType::Config => {
                sessions.flash(sid, FlashKind::Error, messages::CONFIG_NOT_EDITABLE);
                return redirect(&back(Some(id)));
            }
            Ok(_) => {}
            Err(e) => {
                sessions.flash(sid, FlashKind::Error, e.to_string());
                return redirect(GRID);
            }
        }
    }
    let refuse = |message: String| {
        sessions.flash(sid, FlashKind::Error, message);
        sessions.set_form_data(sid, Some(fields.clone()));
        redirect(&back(id))
    };
    let password_ok = super::login::verified_admin(
        services,
        &ctx.session.username,
        field(&fields, "current_password").unwrap_or(""),
    )
    .is_some();
    if !password_ok {
        return refuse(messages::INVALID_PASSWORD.to_string());
    }
    let resources = if field(&fields, "all_resources") == Some("1") {
        ResourcesBody::All("all".into())
    } else {
        ResourcesBody::Some(
            fields
                .iter()
                .filter(|(k, _)| k == "resource[]")
                .map(|(_, v)| v.clone())
                .collect(),
        )
    };
    let name = field(&fields, "name").unwrap_or("").trim().to_string();
    let email = field(&fields, "email").unwrap_or("").trim().to_string();
    let saved = match id {
        None => create_manual(
            services,
            &CreateBody {
                name,
                email,
                endpoint: optional(&fields, "endpoint"),
                identity_link_url: optional(&fields, "identity_link_url"),
                resources: Some(resources),
            },
        ),
        Some(id) => update_manual(
            services,
            id,
            &UpdateBody {
                name: Some(name),
                email: Some(email),
                endpoint: Some(optional(&fields, "endpoint")),
                identity_link_url: Some(optional(&fields, "identity_link_url")),
                resources: Some(resources),
            },
        ),
    };
    match saved.and_then(|id| services.store.read(|c| stored::get(c, id))) {
        Ok(i) => {
            sessions.flash(
                sid,
                FlashKind::Success,
                messages::with(messages::SAVED, &i.name),
            );
            redirect(GRID)
        }
        Err(e) => refuse(e.to_string()),
    }
}
