//! Callers that hold some ACL resources but not others, for the per-route refusal tests: an
//! admin role created over the control API with just the resources given.

use crate::helpers::TestApp;

/// A token for a new admin `username` whose role grants only `resources`.
pub fn limited_admin_token(app: &TestApp, username: &str, resources: &[&str]) -> String {
    let role = format!("{username} role");
    let r = app.post_json(
        "/__magemock/roles",
        &serde_json::json!({"name": role, "resources": resources}).to_string(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app.post_json(
        "/__magemock/admins",
        &serde_json::json!({
            "username": username,
            "password": "limited123!",
            "firstname": "Limited",
            "lastname": "Admin",
            "email": format!("{username}@example.com"),
            "role": role,
        })
        .to_string(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app.post_json(
        "/__magemock/tokens/admin",
        &serde_json::json!({"username": username}).to_string(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()["token"]
        .as_str()
        .expect("a token string")
        .to_string()
}
