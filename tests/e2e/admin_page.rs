//! The admin page "System > Integrations" over plain HTTP: sign-in, the grid, the form, the
//! activation steps (Magento_Backend Auth controllers; Magento_Integration's
//! Controller/Adminhtml/Integration/{Index,Save,Delete,PermissionsDialog,TokensExchange,
//! TokensDialog,LoginSuccessCallback}.php and the grid's column renderers). The same page in
//! a real browser is `admin_browser.rs`.

use std::path::PathBuf;

use magemock_server::Options;

use crate::helpers::{TestApp, spawn_app, spawn_with};

/// One answer, with what a browser would act on.
pub struct Page {
    pub status: u16,
    pub location: Option<String>,
    pub set_cookie: Option<String>,
    pub content_type: String,
    pub body: String,
}

/// A browser's session with the admin page: the cookie it holds and the page's form key.
pub struct Admin<'a> {
    app: &'a TestApp,
    cookie: Option<String>,
}

impl<'a> Admin<'a> {
    pub fn new(app: &'a TestApp) -> Self {
        Self { app, cookie: None }
    }

    fn send(&mut self, method: &str, path: &str, form: Option<&[(&str, &str)]>) -> Page {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut req = self
            .app
            .client
            .request(method, format!("{}{}", self.app.url, path));
        if let Some(c) = &self.cookie {
            req = req.header("Cookie", format!("admin={c}"));
        }
        if let Some(fields) = form {
            req = req
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(serde_urlencoded_pairs(fields));
        }
        let resp = req.send().expect("request sent");
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let set_cookie = header("set-cookie");
        if let Some(c) = &set_cookie {
            let value = c
                .split(';')
                .next()
                .and_then(|p| p.strip_prefix("admin="))
                .unwrap_or("");
            self.cookie = (!value.is_empty() && value != "deleted").then(|| value.to_string());
        }
        Page {
            status: resp.status().as_u16(),
            location: header("location"),
            set_cookie,
            content_type: header("content-type").unwrap_or_default(),
            body: resp.text().expect("body"),
        }
    }

    pub fn get(&mut self, path: &str) -> Page {
        self.send("GET", path, None)
    }

    pub fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Page {
        self.send("POST", path, Some(form))
    }

    /// Signs in with the default fixture admin.
    pub fn sign_in(app: &'a TestApp) -> Self {
        let mut admin = Self::new(app);
        let r = admin.post(
            "/admin/",
            &[
                ("login[username]", "admin"),
                ("login[password]", "admin123"),
            ],
        );
        assert_eq!(r.status, 302, "{}", r.body);
        assert_eq!(r.location.as_deref(), Some("/admin/admin/integration/"));
        admin
    }

    /// The form key of the signed-in page.
    pub fn form_key(&mut self) -> String {
        let grid = self.get(GRID);
        attr(&grid.body, "data-form-key").expect("form key on the page")
    }

    /// The grid and the message it shows.
    pub fn grid(&mut self) -> String {
        let r = self.get(GRID);
        assert_eq!(r.status, 200, "{}", r.body);
        r.body
    }
}

const GRID: &str = "/admin/admin/integration/";

fn serde_urlencoded_pairs(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The value of the first `name="..."` attribute in `html`.
pub fn attr(html: &str, name: &str) -> Option<String> {
    let start = html.find(&format!("{name}=\""))? + name.len() + 2;
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_string())
}

fn integration(app: &TestApp, body: &str) -> i64 {
    let r = app.post_json("/__magemock/integrations", body);
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()["id"].as_i64().expect("id")
}

#[test]
fn signed_out_requests_get_the_sign_in_form() {
    let app = spawn_app();
    let mut browser = Admin::new(&app);
    let r = browser.get(GRID);
    assert_eq!(r.status, 302);
    assert_eq!(r.location.as_deref(), Some("/admin/"));
    let r = browser.get("/admin/");
    assert_eq!(r.status, 200);
    assert!(
        r.content_type.starts_with("text/html"),
        "{}",
        r.content_type
    );
    for needle in [
        r#"id="username""#,
        r#"name="login[username]""#,
        r#"id="login""#,
        "Sign in",
    ] {
        assert!(r.body.contains(needle), "{needle} in {}", r.body);
    }
    let r = browser.get("/admin/integrations");
    assert_eq!(r.location.as_deref(), Some(GRID));
}

#[test]
fn a_wrong_password_is_refused_with_magentos_words() {
    let app = spawn_app();
    let mut browser = Admin::new(&app);
    let r = browser.post(
        "/admin/",
        &[("login[username]", "admin"), ("login[password]", "nope")],
    );
    assert_eq!(r.status, 200);
    assert!(r.set_cookie.is_none());
    assert!(
        r.body.contains("The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later."),
        "{}",
        r.body
    );
    assert!(r.body.contains(r#"value="admin""#), "the username stays");
    assert_eq!(browser.get(GRID).status, 302);
}

#[test]
fn the_session_ends_on_sign_out_and_after_the_lifetime_idle() {
    // Magento_Security's admin/security/session_lifetime: 900 s, prolonged by each request.
    let app = spawn_app();
    let mut admin = Admin::sign_in(&app);
    app.advance_clock(899);
    assert_eq!(admin.get(GRID).status, 200);
    app.advance_clock(899);
    assert_eq!(admin.get(GRID).status, 200, "the last request prolonged it");
    app.advance_clock(900);
    assert_eq!(admin.get(GRID).status, 302, "900 s idle: signed out");

    let mut admin = Admin::sign_in(&app);
    let r = admin.get("/admin/admin/auth/logout/");
    assert_eq!(r.status, 200);
    assert!(r.body.contains("You have logged out."), "{}", r.body);
    assert!(
        r.set_cookie
            .as_deref()
            .is_some_and(|c| c.contains("Max-Age=0"))
    );
    assert_eq!(admin.get(GRID).status, 302);
}

#[test]
fn the_grid_lists_status_setup_type_and_the_actions_each_row_allows() {
    let app = spawn_with(Options {
        modules: vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/modules")],
        ..Options::default()
    });
    let manual = integration(
        &app,
        r#"{"name":"Acme Manual","email":"dev@acme.example","endpoint":"http://erp.acme.example/endpoint","identity_link_url":"https://erp.acme.example/login","resources":"all"}"#,
    );
    let mut admin = Admin::sign_in(&app);
    let grid = admin.grid();
    let row = |id: i64| {
        let start = grid
            .find(&format!(r#"<tr data-row-id="{id}">"#))
            .expect("row");
        let end = grid[start..].find("</tr>").expect("row end") + start;
        grid[start..end].to_string()
    };
    let acme = row(manual);
    // Renderer/Name.php marks a plain-http endpoint; Link/Activate.php: token exchange needs
    // both an endpoint and an identity link.
    for needle in [
        "Acme Manual",
        "Integration not secure",
        r#"<td class="col-status">Inactive</td>"#,
        "Manual",
        r#"data-row-is-token-exchange="1""#,
        r#"data-row-is-reauthorize="0""#,
        ">Activate<",
        ">Edit<",
        ">Remove<",
    ] {
        assert!(acme.contains(needle), "{needle} in {acme}");
    }
    let config_rows: Vec<String> = grid
        .match_indices("<tr data-row-id=")
        .map(|(i, _)| grid[i..i + grid[i..].find("</tr>").unwrap_or(0)].to_string())
        .filter(|r| r.contains("col-setup-type\">Config"))
        .collect();
    assert!(!config_rows.is_empty(), "modules declare integrations");
    for r in &config_rows {
        assert!(r.contains(">View<"), "{r}");
        assert!(!r.contains(">Remove<"), "{r}");
    }
}

#[test]
fn saving_wants_the_password_and_refuses_what_the_control_api_refuses() {
    let app = spawn_app();
    integration(&app, r#"{"name":"Taken","email":"dev@acme.example"}"#);
    let mut admin = Admin::sign_in(&app);
    let key = admin.form_key();
    let save = "/admin/admin/integration/save/";

    // No form key: Magento's CSRF answer.
    let r = admin.post(save, &[("name", "Acme")]);
    assert_eq!(r.location.as_deref(), Some("/admin/admin/integration/new/"));
    assert!(
        admin
            .get("/admin/admin/integration/new/")
            .body
            .contains("Invalid Form Key. Please refresh the page.")
    );

    // Save.php performSecurityCheck: the admin's own password first; the form keeps the input.
    let r = admin.post(
        save,
        &[
            ("form_key", &key),
            ("name", "AcmeErp"),
            ("email", "dev@acme.example"),
            ("current_password", "wrong"),
        ],
    );
    assert_eq!(r.status, 302);
    let page = admin.get("/admin/admin/integration/new/").body;
    assert!(
        page.contains("You have entered an invalid password for current user."),
        "{page}"
    );
    assert!(page.contains(r#"value="AcmeErp""#), "{page}");

    // The control API's own refusals, word for word.
    for (name, email, needle) in [
        (
            "Taken",
            "dev@acme.example",
            r#"The integration with name "Taken" exists."#,
        ),
        ("A", "dev@acme.example", "too short"),
        ("Acme", "not-an-email", "not an e-mail"),
    ] {
        let r = admin.post(
            save,
            &[
                ("form_key", &key),
                ("name", name),
                ("email", email),
                ("current_password", "admin123"),
            ],
        );
        assert_eq!(r.status, 302);
        let page = admin.get("/admin/admin/integration/new/").body;
        // maud escapes `"` in text as `&quot;`; the words are the control API's.
        let escaped = needle.replace('"', "&quot;");
        assert!(page.contains(&escaped), "{needle} in {page}");
    }

    // Custom resources: the checked ids, expanded as the control API expands them.
    let r = admin.post(
        save,
        &[
            ("form_key", &key),
            ("name", "AcmeErp"),
            ("email", "dev@acme.example"),
            ("endpoint", "https://erp.acme.example/endpoint"),
            ("identity_link_url", ""),
            ("current_password", "admin123"),
            ("all_resources", "0"),
            ("resource[]", "Magento_Catalog::products"),
        ],
    );
    assert_eq!(r.location.as_deref(), Some(GRID));
    let grid = admin.grid();
    assert!(
        grid.contains("The integration 'AcmeErp' has been saved."),
        "{grid}"
    );
    let list = app.get("/__magemock/integrations").json();
    let acme = list
        .as_array()
        .and_then(|l| l.iter().find(|i| i["name"] == "AcmeErp"))
        .cloned()
        .expect("saved");
    assert_eq!(acme["endpoint"], "https://erp.acme.example/endpoint");
    assert_eq!(acme["identity_link_url"], serde_json::Value::Null);
    let twin = integration(
        &app,
        r#"{"name":"Twin","email":"dev@acme.example","resources":["Magento_Catalog::products"]}"#,
    );
    let twin = app.get(&format!("/__magemock/integrations/{twin}")).json();
    assert_eq!(
        acme["resources"], twin["resources"],
        "as the control API grants"
    );
    assert!(
        acme["resources"]
            .as_array()
            .is_some_and(|r| r.contains(&"Magento_Catalog::products".into()))
    );

    // Edit: the form shows it, checked; "All" saves everything.
    let id = acme["id"].as_i64().expect("id");
    let form = admin
        .get(&format!("/admin/admin/integration/edit/id/{id}/"))
        .body;
    assert!(
        form.contains("Edit &quot;AcmeErp&quot; Integration"),
        "{form}"
    );
    assert!(
        form.contains(r#"value="Magento_Catalog::products" checked"#),
        "{form}"
    );
    let r = admin.post(
        &format!("/admin/admin/integration/save/id/{id}/"),
        &[
            ("form_key", &key),
            ("name", "AcmeErp"),
            ("email", "ops@acme.example"),
            ("current_password", "admin123"),
            ("all_resources", "1"),
        ],
    );
    assert_eq!(r.location.as_deref(), Some(GRID));
    let v = app.get(&format!("/__magemock/integrations/{id}")).json();
    assert_eq!(v["resources"], "all");
    assert_eq!(v["email"], "ops@acme.example");
}

#[test]
fn config_made_integrations_cannot_be_saved_or_removed() {
    let app = spawn_with(Options {
        modules: vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/modules")],
        ..Options::default()
    });
    let list = app.get("/__magemock/integrations").json();
    let config = list
        .as_array()
        .and_then(|l| l.iter().find(|i| i["setup_type"] == 1))
        .cloned()
        .expect("a config-made integration");
    let id = config["id"].as_i64().expect("id");
    let name = config["name"].as_str().expect("name").to_string();
    let mut admin = Admin::sign_in(&app);
    let key = admin.form_key();
    let view = admin
        .get(&format!("/admin/admin/integration/edit/id/{id}/"))
        .body;
    assert!(view.contains("disabled"), "read-only form");
    assert!(!view.contains("current_password"), "nothing to save");

    let r = admin.post(
        &format!("/admin/admin/integration/save/id/{id}/"),
        &[
            ("form_key", &key),
            ("name", "Renamed"),
            ("email", "x@acme.example"),
            ("current_password", "admin123"),
        ],
    );
    assert_eq!(r.status, 302);
    let page = admin
        .get(&format!("/admin/admin/integration/edit/id/{id}/"))
        .body;
    assert!(
        page.contains("Cannot edit integrations created via config file."),
        "{page}"
    );

    let r = admin.post(
        &format!("/admin/admin/integration/delete/id/{id}/"),
        &[("form_key", &key)],
    );
    assert_eq!(r.location.as_deref(), Some(GRID));
    let grid = admin.grid();
    assert!(
        grid.contains(&format!(
            "Uninstall the extension to remove integration '{name}'."
        )),
        "{grid}"
    );
    assert_eq!(
        app.get(&format!("/__magemock/integrations/{id}")).status,
        200
    );
}

#[test]
fn removing_a_manual_integration_takes_its_consumer_along() {
    let app = spawn_app();
    let id = integration(&app, r#"{"name":"AcmeErp","email":"dev@acme.example"}"#);
    let mut admin = Admin::sign_in(&app);
    let key = admin.form_key();
    let r = admin.post(&format!("/admin/admin/integration/delete/id/{id}/"), &[]);
    assert_eq!(r.location.as_deref(), Some(GRID));
    assert_eq!(
        app.get(&format!("/__magemock/integrations/{id}")).status,
        200,
        "no form key, nothing deleted"
    );
    admin.post(
        &format!("/admin/admin/integration/delete/id/{id}/"),
        &[("form_key", &key)],
    );
    let grid = admin.grid();
    assert!(grid.contains("has been deleted."), "{grid}");
    assert_eq!(
        app.get(&format!("/__magemock/integrations/{id}")).status,
        404
    );
}

#[test]
fn allow_without_an_identity_link_shows_the_four_tokens() {
    // Link/Activate.php: no endpoint and identity link → TokensDialog.php creates the access
    // token at once (OauthService::createAccessToken) and the integration is Active.
    let app = spawn_app();
    let id = integration(
        &app,
        r#"{"name":"Reports","email":"bi@acme.example","resources":["Magento_Sales::sales"]}"#,
    );
    let mut admin = Admin::sign_in(&app);
    let key = admin.form_key();
    let permissions = admin.get(&format!(
        "/admin/admin/integration/permissionsDialog/id/{id}/reauthorize/0/"
    ));
    assert_eq!(permissions.status, 200);
    assert!(
        permissions
            .body
            .contains("The integration you selected asks you to approve access to the following:")
    );
    assert!(
        permissions
            .body
            .contains(r#"data-id="Magento_Sales::sales""#),
        "{}",
        permissions.body
    );

    let without_key = admin.get(&format!(
        "/admin/admin/integration/tokensDialog/id/{id}/reauthorize/0/"
    ));
    assert!(without_key.content_type.starts_with("application/json"));
    assert_eq!(
        app.get(&format!("/__magemock/integrations/{id}")).json()["status_label"],
        "Inactive"
    );

    let dialog = admin.get(&format!(
        "/admin/admin/integration/tokensDialog/id/{id}/reauthorize/0/?form_key={key}"
    ));
    assert_eq!(dialog.status, 200, "{}", dialog.body);
    assert!(
        dialog
            .body
            .contains("The integration 'Reports' has been activated."),
        "{}",
        dialog.body
    );
    let v = app.get(&format!("/__magemock/integrations/{id}")).json();
    assert_eq!(v["status_label"], "Active");
    for field in ["consumer_key", "consumer_secret", "token", "token_secret"] {
        let value = v[field].as_str().expect(field);
        assert!(
            dialog.body.contains(&format!(r#"value="{value}""#)),
            "{field} shown"
        );
    }
    assert!(admin.grid().contains(">Reauthorize<"));
}

#[test]
fn allow_with_an_identity_link_posts_the_credentials_and_answers_the_popup() {
    let app = spawn_app();
    let (endpoint, posts) = crate::oauth::connector();
    let id = integration(
        &app,
        &format!(
            r#"{{"name":"AcmeErp","email":"dev@acme.example","endpoint":"{endpoint}","identity_link_url":"https://erp.acme.example/login?lang=en","resources":"all"}}"#
        ),
    );
    let mut admin = Admin::sign_in(&app);
    let key = admin.form_key();
    let r = admin.get(&format!(
        "/admin/admin/integration/tokensExchange/id/{id}/reauthorize/0/?form_key={key}"
    ));
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.content_type.starts_with("application/json"));
    let v: serde_json::Value = serde_json::from_str(&r.body).expect("json");
    let posted = posts.recv().expect("credentials posted to the endpoint");
    // TokensExchange.php: the raw identity link (the page adds the query), the consumer key,
    // and the popup content with the notice.
    assert_eq!(
        v["identity_link_url"],
        "https://erp.acme.example/login?lang=en"
    );
    assert_eq!(v["oauth_consumer_key"], posted.key.as_str());
    let popup = v["popup_content"].as_str().unwrap_or("");
    assert!(
        popup.contains("Integration 'AcmeErp' has been sent for activation."),
        "{popup}"
    );
    assert!(popup.contains("Please setup or sign in into your 3rd party account"));

    // The popup reaching the success callback is recorded for the handshake report.
    let done = admin.get("/admin/admin/integration/loginSuccessCallback/");
    assert_eq!(done.status, 200);
    assert!(done.body.contains("self.close()"));
    let report = app
        .get(&format!("/__magemock/integrations/{id}/handshake"))
        .json();
    assert_eq!(report["identity_link_done"], "2026-01-15 10:00:00");
    assert_eq!(report["credentials_posted"]["outcome"], "HTTP 200");
}

#[test]
fn the_page_and_its_assets_are_served_without_a_build_step() {
    let app = spawn_app();
    let mut admin = Admin::sign_in(&app);
    let grid = admin.grid();
    assert!(grid.contains(r#"<script src="/admin/static/integration.js">"#));
    assert!(grid.contains(r#"<meta name="viewport""#));
    let js = admin.get("/admin/static/integration.js");
    assert_eq!(js.status, 200);
    assert!(js.content_type.starts_with("application/javascript"));
    assert!(js.body.contains("success_call_back"));
    let css = admin.get("/admin/static/admin.css");
    assert!(css.content_type.starts_with("text/css"));
    assert_eq!(admin.get("/admin/static/nothing.js").status, 404);
}
