//! ACL enforcement over the whole route table, per caller kind
//! (app/code/Magento/Webapi/Controller/Rest/RequestValidator.php `checkPermissions`,
//! lib/internal/Magento/Framework/Webapi/Authorization.php, Framework/Authorization/Policy/Acl.php,
//! Webapi/Model/Authorization/OauthUserContext.php), and the coverage report.

use magemock_server::handlers::routes;
use magemock_server::rest::router::Method;

use crate::helpers::{TestApp, spawn_app};

/// A concrete URL for a route template (any value passes: the ACL is checked before the
/// handler reads its parameters).
fn url_of(template: &str) -> String {
    let path: Vec<String> = template
        .trim_matches('/')
        .split('/')
        .map(|seg| {
            if seg.starts_with(':') {
                "1".to_string()
            } else {
                seg.to_string()
            }
        })
        .collect();
    format!("/rest/{}", path.join("/"))
}

fn call(app: &TestApp, method: Method, url: &str, token: Option<&str>) -> crate::helpers::Resp {
    let (name, body) = match method {
        Method::Get => ("GET", None),
        Method::Delete => ("DELETE", None),
        Method::Post => ("POST", Some("{}")),
        Method::Put => ("PUT", Some("{}")),
    };
    let auth = token.map(|t| format!("Bearer {t}"));
    let mut headers: Vec<(&str, &str)> = vec![("Content-Type", "application/json")];
    if let Some(a) = &auth {
        headers.push(("Authorization", a));
    }
    app.request(name, url, &headers, body)
}

fn token_for_admin(app: &TestApp, username: &str) -> String {
    let r = app.post_json(
        "/__magemock/tokens/admin",
        &format!(r#"{{"username":"{username}"}}"#),
    );
    r.json()["token"].as_str().expect("token").to_string()
}

fn denial(resources: &[&str]) -> String {
    format!(
        r#"{{"message":"The consumer isn't authorized to access %resources.","parameters":{{"resources":"{}"}}}}"#,
        resources.join(", ")
    )
}

/// No route is reachable without its resources: a guest, an admin whose role grants something
/// else, and an integration granted something else all get the 401 naming the route's resources;
/// an all-resources admin passes the ACL on every route.
#[test]
fn no_route_is_reachable_without_its_resources() {
    let app = spawn_app();
    app.post_json(
        "/__magemock/roles",
        r#"{"name":"Sales only","resources":["Magento_Sales::sales_order"]}"#,
    );
    let created = app.post_json(
        "/__magemock/admins",
        r#"{"username":"clerk","password":"clerk123!","firstname":"Sam","lastname":"Clerk","email":"clerk@example.com","role":"Sales only"}"#,
    );
    assert_eq!(created.status, 200, "{}", created.body);
    let clerk = token_for_admin(&app, "clerk");
    let admin = token_for_admin(&app, "admin");
    let mut protected = 0;
    for route in routes() {
        if route
            .resources
            .iter()
            .any(|r| matches!(*r, "anonymous" | "self"))
        {
            continue;
        }
        if route.resources.contains(&"Magento_Sales::sales_order") {
            continue;
        }
        protected += 1;
        let url = url_of(route.url);
        for (who, token) in [("guest", None), ("clerk", Some(clerk.as_str()))] {
            let r = call(&app, route.method, &url, token);
            assert_eq!(
                (r.status, r.body.clone()),
                (401, denial(route.resources)),
                "{who}: {route:?}"
            );
        }
        let r = call(&app, route.method, &url, Some(&admin));
        assert!(
            !r.body.contains("isn't authorized"),
            "admin: {route:?} → {}",
            r.body
        );
    }
    assert!(protected > 10, "only {protected} protected routes");
}

/// `self` routes: guests are refused; a customer passes.
#[test]
fn self_routes_need_a_customer() {
    let app = spawn_app();
    for route in routes().into_iter().filter(|r| r.resources == ["self"]) {
        let r = call(&app, route.method, &url_of(route.url), None);
        assert_eq!(
            (r.status, r.body.clone()),
            (401, denial(&["self"])),
            "{route:?}"
        );
    }
}

/// Integrations: only an active integration's grant counts, and the coverage report shows what
/// it used of what it was granted.
#[test]
fn integration_grants_are_enforced_and_covered() {
    let app = spawn_app();
    app.put_json(
        "/__magemock/config",
        r#"{"oauth/consumer/enable_integration_as_bearer":"1"}"#,
    );
    let r = app.post_json(
        "/__magemock/integrations",
        r#"{"name":"StoreReader","email":"dev@acme.example","resources":["Magento_Backend::store","Magento_Catalog::products"]}"#,
    );
    let id = r.json()["id"].as_i64().expect("id");
    let activated = app
        .request(
            "POST",
            &format!("/__magemock/integrations/{id}/activate"),
            &[],
            None,
        )
        .json();
    let token = activated["oauth_token"]
        .as_str()
        .expect("token")
        .to_string();
    assert_eq!(
        call(&app, Method::Get, "/rest/V1/store/storeViews", Some(&token)).status,
        200
    );
    let denied = call(&app, Method::Get, "/rest/V1/customers/1", Some(&token));
    assert_eq!(denied.status, 401, "{}", denied.body);
    let coverage = app.get("/__magemock/acl/coverage").json();
    let mine = coverage["integrations"]
        .as_array()
        .and_then(|l| l.iter().find(|i| i["id"] == id))
        .cloned()
        .expect("listed");
    assert_eq!(mine["used"], serde_json::json!(["Magento_Backend::store"]));
    assert_eq!(
        mine["unused"],
        serde_json::json!(["Magento_Catalog::products"])
    );
    // an inactive integration's token is a guest's
    app.request(
        "POST",
        &format!("/__magemock/integrations/{id}/reauthorize"),
        &[],
        None,
    );
    assert_eq!(
        call(&app, Method::Get, "/rest/V1/store/storeViews", Some(&token)).status,
        401
    );
}

#[test]
fn roles_and_admins_are_managed_over_the_control_api() {
    let app = spawn_app();
    let bad = app.post_json(
        "/__magemock/roles",
        r#"{"name":"Nope","resources":["Acme_X::y"]}"#,
    );
    assert_eq!(bad.status, 400);
    let role = app.post_json(
        "/__magemock/roles",
        r#"{"name":"Catalog","resources":["Magento_Catalog::products"]}"#,
    );
    assert_eq!(role.status, 200, "{}", role.body);
    assert_eq!(
        role.json()["resources"],
        serde_json::json!(["Magento_Backend::admin", "Magento_Catalog::products"])
    );
    let no_role = app.post_json(
        "/__magemock/admins",
        r#"{"username":"x","password":"x123456!","firstname":"X","lastname":"Y","email":"x@example.com","role":"Ghosts"}"#,
    );
    assert_eq!(no_role.status, 400);
    assert_eq!(
        app.get("/__magemock/roles").json().as_array().map(Vec::len),
        Some(2)
    );
    assert_eq!(
        app.get("/__magemock/admins").json()[0]["role"],
        "Administrators"
    );
    assert!(
        app.get("/__magemock/acl")
            .json()
            .as_array()
            .is_some_and(|a| !a.is_empty())
    );
}

const ACME_ACL: &str = r#"<?xml version="1.0"?>
<config xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="urn:magento:framework:Acl/etc/acl.xsd">
    <acl>
        <resources>
            <resource id="Magento_Backend::admin">
                <resource id="Acme_Erp::sync" title="Acme ERP sync" sortOrder="100"/>
            </resource>
        </resources>
    </acl>
</config>
"#;

/// `--acl`: a module's own acl.xml joins the tree, so its resources can be granted.
#[test]
fn extra_acl_files_join_the_tree() {
    let app = crate::helpers::spawn_with(magemock_server::Options {
        acl: vec![("app/code/Acme/Erp/etc/acl.xml".into(), ACME_ACL.into())],
        ..magemock_server::Options::default()
    });
    let r = app.post_json(
        "/__magemock/integrations",
        r#"{"name":"AcmeErp","email":"dev@acme.example","resources":["Acme_Erp::sync"]}"#,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let broken = ACME_ACL.replace("Acme_Erp::sync", "acme-erp");
    let Err(e) = crate::helpers::try_spawn_with(magemock_server::Options {
        acl: vec![("app/code/Acme/Erp/etc/acl.xml".into(), broken)],
        ..magemock_server::Options::default()
    }) else {
        panic!("must not start");
    };
    assert!(e.contains("app/code/Acme/Erp/etc/acl.xml:6:"), "{e}");
}
