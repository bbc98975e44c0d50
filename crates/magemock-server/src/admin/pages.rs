//! The admin page's HTML. Ids, names and captions follow Magento's admin where a connector's
//! browser test might look for them (`#username`, `#login`, `login[username]`,
//! `#integrationGrid_table`, `.col-status`, `#integration-popup-container`, Activate /
//! Reauthorize / Allow / Done); the look is magemock's own.

use maud::{DOCTYPE, Markup, PreEscaped, html};
use serde_json::Value;

use super::session::Flash;

/// What the layout needs from the signed-in session.
pub struct Chrome<'a> {
    pub username: &'a str,
    pub form_key: &'a str,
    pub success_callback: &'a str,
    pub flashes: &'a [Flash],
}

fn head(title: &str) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            title { (title) " / System / Magento Admin" }
            link rel="stylesheet" href="/admin/static/admin.css";
        }
    }
}

fn messages(flashes: &[Flash]) -> Markup {
    html! {
        @if !flashes.is_empty() {
            div #messages .messages role="status" {
                @for f in flashes {
                    div class=(format!("message {}", f.kind.class())) { (f.text) }
                }
            }
        }
    }
}

/// A signed-in page: header with the admin and Sign Out, title, messages, content, the one
/// dialog the activation steps fill, and the script.
pub fn layout(chrome: &Chrome<'_>, title: &str, actions: Markup, content: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            (head(title))
            body data-form-key=(chrome.form_key)
                data-success-callback=(chrome.success_callback)
                data-grid-url=(super::GRID) {
                header .page-header {
                    a .logo href=(super::GRID) { "magemock" span .logo-sub { " Magento Admin" } }
                    nav .breadcrumbs aria-label="Breadcrumb" { "System › " a href=(super::GRID) { "Integrations" } }
                    div .admin-user {
                        span .admin-user-name { (chrome.username) }
                        " "
                        a .account-signout href="/admin/admin/auth/logout/" { "Sign Out" }
                    }
                }
                main #anchor-content .page-content {
                    div .page-title-row {
                        h1 .page-title { (title) }
                        div .page-actions { (actions) }
                    }
                    (messages(chrome.flashes))
                    (content)
                }
                dialog #integration-popup-container aria-labelledby="integration-popup-title" {
                    div .dialog-head {
                        h2 #integration-popup-title {}
                        button type="button" .action-close data-dialog-cancel aria-label="Close" { "×" }
                    }
                    div #integration-popup-content .dialog-content {}
                    div .dialog-foot {}
                }
                script src="/admin/static/integration.js" {}
            }
        }
    }
}

/// Sign-in form (Magento_Backend::admin/login.phtml's field ids and names).
pub fn login(error: Option<&str>, username: &str) -> Markup {
    login_page(error.map(|e| ("message-error", e)), username)
}

pub fn login_notice(text: &str) -> Markup {
    login_page(Some(("message-success", text)), "")
}

fn login_page(message: Option<(&str, &str)>, username: &str) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            (head("Magento Admin"))
            body .page-login {
                main .login-container {
                    form #login-form method="post" action=(super::LOGIN) {
                        h1 .admin__legend { "Welcome, please sign in" }
                        @if let Some((class, text)) = message {
                            div class=(format!("message {class}")) role="alert" { (text) }
                        }
                        label for="username" { "Username" }
                        input #username name="login[username]" type="text" autocomplete="username"
                            required autofocus value=(username);
                        label for="login" { "Password" }
                        input #login name="login[password]" type="password"
                            autocomplete="current-password" required;
                        button .action-login .action-primary type="submit" { "Sign in" }
                    }
                }
            }
        }
    }
}

/// Bare page for errors outside a session.
pub fn bare(title: &str, text: &str) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            (head(title))
            body { main .page-content { h1 { (title) } p { (text) } } }
        }
    }
}

/// One row of the grid.
pub struct Row {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub status: &'static str,
    pub inactive: bool,
    pub config: bool,
    pub token_exchange: bool,
    pub insecure: bool,
}

/// The Integrations grid (Block/Adminhtml/Integration/Grid and its column renderers).
pub fn grid(rows: &[Row], form_key: &str) -> Markup {
    html! {
        div .table-wrap {
            table #integrationGrid_table .data-grid {
                caption .visually-hidden { "Integrations" }
                thead { tr {
                    th scope="col" { "Name" }
                    th scope="col" { "Email" }
                    th scope="col" { "Status" }
                    th scope="col" { "Setup Type" }
                    th scope="col" { span .visually-hidden { "Activate" } }
                    th scope="col" { span .visually-hidden { "Edit" } }
                    th scope="col" { span .visually-hidden { "Delete" } }
                } }
                tbody {
                    @if rows.is_empty() {
                        tr .data-grid-tr-no-data { td colspan="7" { "We couldn't find any records." } }
                    }
                    @for r in rows {
                        tr data-row-id=(r.id) {
                            td .col-name {
                                (r.name)
                                @if r.insecure { " " span .icon-error { span { "Integration not secure" } } }
                            }
                            td .col-email { (r.email) }
                            td .col-status { (r.status) }
                            td .col-setup-type { @if r.config { "Config" } @else { "Manual" } }
                            td .col-activate {
                                button type="button" .action-activate
                                    data-row-id=(r.id) data-row-dialog="permissions"
                                    data-row-name=(r.name)
                                    data-row-is-reauthorize=(if r.inactive { "0" } else { "1" })
                                    data-row-is-token-exchange=(if r.token_exchange { "1" } else { "0" }) {
                                    @if r.inactive { "Activate" } @else { "Reauthorize" }
                                }
                            }
                            td .col-edit {
                                a href=(format!("{}edit/id/{}/", super::GRID, r.id)) {
                                    @if r.config { "View" } @else { "Edit" }
                                }
                            }
                            td .col-delete {
                                @if !r.config {
                                    form method="post" action=(format!("{}delete/id/{}/", super::GRID, r.id))
                                        data-confirm="Are you sure you want to delete this integration? You can't undo this action." {
                                        input type="hidden" name="form_key" value=(form_key);
                                        button type="submit" .action-delete { "Remove" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// What the New / Edit form shows.
pub struct FormView<'a> {
    pub id: Option<i64>,
    pub name: &'a str,
    pub email: &'a str,
    pub endpoint: &'a str,
    pub identity_link_url: &'a str,
    pub all_resources: bool,
    /// `to_jstree_json` of the ACL tree with the granted nodes selected.
    pub tree: &'a Value,
    pub read_only: bool,
    /// Consumer key/secret and access token/secret, once there are some.
    pub details: Option<[(&'static str, String); 4]>,
    pub form_key: &'a str,
}

/// Integration Info and API tabs (Block/Adminhtml/Integration/Edit/Tab/Info and Webapi).
pub fn form(f: &FormView<'_>) -> Markup {
    let action = match f.id {
        Some(id) => format!("{}save/id/{id}/", super::GRID),
        None => format!("{}save/", super::GRID),
    };
    html! {
        form #edit_form .integration-form method="post" action=(action) {
            input type="hidden" name="form_key" value=(f.form_key);
            fieldset #integration_properties_base_fieldset .admin__fieldset disabled[f.read_only] {
                legend { "Integration Info" }
                (text_field("name", "Name", f.name, "text", true))
                (text_field("email", "Email", f.email, "email", false))
                (text_field("endpoint", "Callback URL", f.endpoint, "url", false))
                (text_field("identity_link_url", "Identity link URL", f.identity_link_url, "url", false))
                @if !f.read_only {
                    div .admin__field .required {
                        label for="integration_properties_current_password" { "Your Password" }
                        input #integration_properties_current_password name="current_password"
                            type="password" autocomplete="current-password" required;
                    }
                }
            }
            @if let Some(details) = &f.details {
                fieldset #integration_token_fieldset .admin__fieldset {
                    legend { "Integration Details" }
                    @for (label, value) in details {
                        div .admin__field {
                            label { (label) }
                            input type="text" readonly value=(value) aria-label=(label);
                        }
                    }
                }
            }
            fieldset #integration_api_fieldset .admin__fieldset disabled[f.read_only] {
                legend { "API" }
                div .admin__field {
                    label for="all_resources" { "Resource Access" }
                    select #all_resources name="all_resources" {
                        option value="0" selected[!f.all_resources] { "Custom" }
                        option value="1" selected[f.all_resources] { "All" }
                    }
                }
                div #resource-tree .resource-tree hidden[f.all_resources] {
                    p .tree-label { "Resources" }
                    (tree(f.tree, true))
                }
            }
            div .form-actions {
                a .action-back href=(super::GRID) { "Back" }
                @if !f.read_only { button .action-primary .save type="submit" { "Save" } }
            }
        }
    }
}

fn text_field(name: &str, label: &str, value: &str, kind: &str, required: bool) -> Markup {
    let id = format!("integration_properties_{name}");
    html! {
        div .admin__field .required[required] {
            label for=(id) { (label) }
            input id=(id) name=(name) type=(kind) value=(value) required[required];
        }
    }
}

/// The resource tree: checkboxes to edit, or a plain nested list of what is selected.
pub fn tree(nodes: &Value, editable: bool) -> Markup {
    let empty = Vec::new();
    let nodes = nodes.as_array().unwrap_or(&empty);
    html! {
        ul .tree role=(if editable { "group" } else { "list" }) {
            @for n in nodes {
                @let id = n["id"].as_str().unwrap_or("");
                @let text = n["text"].as_str().unwrap_or(id);
                @let selected = n["state"]["selected"].as_bool().unwrap_or(false);
                @if editable {
                    li {
                        label {
                            input type="checkbox" name="resource[]" value=(id) checked[selected];
                            " " (text)
                        }
                        @if n["children"].as_array().is_some_and(|c| !c.is_empty()) {
                            (tree(&n["children"], true))
                        }
                    }
                } @else if selected {
                    li data-id=(id) {
                        (text)
                        @if n["children"].as_array().is_some_and(|c| !c.is_empty()) {
                            (tree(&n["children"], false))
                        }
                    }
                }
            }
        }
    }
}

/// The permissions dialog (templates/integration/activate/permissions.phtml and its API tab).
pub fn permissions(all: bool, tree_json: &Value) -> Markup {
    html! {
        div { p { "The integration you selected asks you to approve access to the following:" } }
        div #integration-activate-permissions-tabs {
            h3 { "API" }
            @if all {
                p #integration-activate-all-resources { "All resources" }
            } @else {
                div .resource-tree-readonly { (tree(tree_json, false)) }
            }
        }
    }
}

/// The tokens-exchange popup content (templates/integration/tokens_exchange.phtml).
pub fn tokens_exchange() -> Markup {
    html! {
        div { p { "Please setup or sign in into your 3rd party account to complete setup of this integration." } }
    }
}

/// The tokens dialog for an integration activated without exchange
/// (layout adminhtml_integration_tokensdialog.xml: Integration Tokens for Extensions).
pub fn tokens(details: &[(&'static str, String); 4], message: &str) -> Markup {
    html! {
        div .messages { div .message .message-success { (message) } }
        fieldset #integration_token_fieldset .admin__fieldset {
            legend { "Integration Tokens for Extensions" }
            @for (label, value) in details {
                div .admin__field {
                    label { (label) }
                    input type="text" readonly value=(value) aria-label=(label)
                        data-token=(label);
                }
            }
        }
    }
}

/// LoginSuccessCallback.php's body, in a page.
pub fn login_success() -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head { meta charset="utf-8"; title { "Integration" } }
            body {
                p { "Signed in. This window closes itself." }
                // Script text is not HTML: maud's escaping would break the quotes.
                script { (PreEscaped("setTimeout(\"self.close()\",1000);")) }
            }
        }
    }
}
