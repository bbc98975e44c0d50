//! What the catalog, stock, store and customer tests share: tokens minted through the control
//! API (no password round trip) and authorised requests.

use crate::helpers::{Resp, TestApp};

/// An admin token for `admin` (role Administrators, every resource).
pub fn admin_token(app: &TestApp) -> String {
    minted(app, "/__magemock/tokens/admin", r#"{"username":"admin"}"#)
}

/// A customer token for the fixture customer Veronica Costello (id 1).
pub fn customer_token(app: &TestApp) -> String {
    minted(
        app,
        "/__magemock/tokens/customer",
        r#"{"email":"roni_cost@example.com"}"#,
    )
}

fn minted(app: &TestApp, path: &str, body: &str) -> String {
    let r = app.post_json(path, body);
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()["token"]
        .as_str()
        .expect("a token string")
        .to_string()
}

/// A request with `Authorization: Bearer <token>` and, when there is a body, a JSON
/// Content-Type.
pub fn call(app: &TestApp, method: &str, path: &str, token: &str, body: Option<&str>) -> Resp {
    let auth = format!("Bearer {token}");
    let mut headers = vec![("Authorization", auth.as_str())];
    if body.is_some() {
        headers.push(("Content-Type", "application/json"));
    }
    app.request(method, path, &headers, body)
}

pub fn get(app: &TestApp, path: &str, token: &str) -> Resp {
    call(app, "GET", path, token, None)
}

/// The test server's port varies from run to run; responses that print the base URL get it
/// replaced by `PORT` before they are snapshotted.
pub fn without_port(app: &TestApp, mut r: Resp) -> Resp {
    if let Some(authority) = app.url.strip_prefix("http://") {
        let host = authority.split(':').next().unwrap_or(authority);
        r.body = r.body.replace(authority, &format!("{host}:PORT"));
    }
    r
}
