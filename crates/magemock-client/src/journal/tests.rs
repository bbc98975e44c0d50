use super::*;

fn entry(seq: u64, method: &str, path: &str, status: u16) -> JournalEntry {
    JournalEntry {
        seq,
        at: "2026-01-15 10:00:00".into(),
        direction: Direction::Inbound,
        method: method.into(),
        path: path.into(),
        status,
        caller: "guest".into(),
        caller_id: None,
        route: None,
        acl: None,
        diagnostics: None,
        request_body: String::new(),
        response_body: String::new(),
    }
}

#[track_caller]
fn check_route(path: &str, expected: &str) {
    assert_eq!(route_path(path), expected, "{path}");
}

#[test]
fn route_paths_drop_the_rest_prefix_the_store_code_and_the_query() {
    check_route("/rest/V1/products", "/V1/products");
    check_route("/rest/default/V1/products?searchCriteria=", "/V1/products");
    check_route("/rest/all/V1/products/24-MB01", "/V1/products/24-MB01");
    check_route(
        "/index.php/rest/default/V1/store/websites",
        "/V1/store/websites",
    );
    check_route("/V1/products?x=1", "/V1/products");
    check_route("/oauth/token/request", "/oauth/token/request");
    check_route(
        "http://127.0.0.1:9000/magento/endpoint",
        "http://127.0.0.1:9000/magento/endpoint",
    );
    // two segments before V1 is no store code: Magento would not route it either
    check_route("/rest/a/b/V1/products", "/rest/a/b/V1/products");
    check_route("/rest", "/rest");
}

#[test]
fn expectations_match_method_and_route_path_in_any_spelling() {
    let journal = Journal::new(vec![
        entry(1, "GET", "/rest/default/V1/products?searchCriteria=", 200),
        entry(2, "POST", "/rest/V1/products", 200),
        entry(3, "POST", "/rest/all/V1/products", 400),
    ]);
    assert_eq!(
        journal.expect(Method::Get, "/V1/products").times(1)[0].seq,
        1
    );
    assert_eq!(
        journal
            .expect(Method::Post, "/rest/V1/products")
            .times(2)
            .len(),
        2
    );
    assert_eq!(
        journal
            .expect(Method::Post, "/rest/default/V1/products")
            .at_least_once()
            .len(),
        2
    );
    journal.expect(Method::Delete, "/V1/products").times(0);
    assert!(
        journal
            .expect(Method::Put, "/V1/products")
            .matching()
            .is_empty()
    );
}

fn panic_text(f: impl FnOnce() + std::panic::UnwindSafe) -> String {
    let payload = std::panic::catch_unwind(f).expect_err("the expectation must fail");
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

#[test]
fn an_unmet_expectation_lists_every_journaled_request() {
    let mut admin = entry(1, "GET", "/rest/default/V1/products?searchCriteria=", 200);
    admin.caller = "admin".into();
    admin.caller_id = Some(1);
    let mut outbound = entry(2, "POST", "http://127.0.0.1:9000/endpoint", 200);
    outbound.direction = Direction::Outbound;
    outbound.caller = "magemock".into();
    let journal = Journal::new(vec![
        admin,
        outbound,
        entry(3, "POST", "/rest/V1/products", 401),
    ]);
    let text = panic_text(|| {
        journal.expect(Method::Post, "/V1/products").times(2);
    });
    assert_eq!(
        text,
        "expected 2 POST /V1/products request(s), magemock received 1 of them among 3 journaled:
  #1 GET /rest/default/V1/products?searchCriteria= → 200 (admin 1)
  #2 outbound POST http://127.0.0.1:9000/endpoint → 200 (magemock)
  #3 POST /rest/V1/products → 401 (guest)"
    );
    let text = panic_text(|| {
        Journal::default()
            .expect(Method::Get, "/V1/directory/currency")
            .at_least_once();
    });
    assert_eq!(
        text,
        "expected at least 1 GET /V1/directory/currency request(s), magemock received 0 of them among 0 journaled:
  (no requests)"
    );
}

#[test]
fn entries_read_what_the_server_writes() {
    // one entry as magemock-server's journal serialises it, every field present
    let journal: Journal = serde_json::from_str(
        r#"[{"seq":7,"at":"2026-01-15 10:00:00","direction":"inbound","method":"GET",
             "path":"/rest/V1/customers/1","status":401,"caller":"integration","caller_id":2,
             "route":"Magento\\Customer\\Api\\CustomerRepositoryInterface::getById",
             "acl":{"required":["Magento_Customer::customer"],"held":["Magento_Catalog::products"],"decision":"denied"},
             "diagnostics":{"base_string":"GET&..."},
             "request_body":"","response_body":"{\"message\":\"...\"}"},
            {"seq":8,"at":"2026-01-15 10:00:00","direction":"outbound","method":"POST",
             "path":"http://127.0.0.1:9/endpoint","status":0,"caller":"magemock",
             "request_body":"oauth_consumer_key=k","response_body":"transport error: refused"}]"#,
    )
    .expect("decodes");
    assert_eq!(journal.len(), 2);
    let denied = &journal[0];
    assert_eq!(
        (
            denied.caller_id,
            denied.route_path(),
            denied.acl.as_ref().map(|a| a.decision.as_str())
        ),
        (Some(2), "/V1/customers/1", Some("denied"))
    );
    assert_eq!(journal[1].direction, Direction::Outbound);
    // and it serialises back as the same list, for snapshots
    let again: Journal =
        serde_json::from_value(serde_json::to_value(&journal).expect("encodes")).expect("decodes");
    assert_eq!(again, journal);
}

#[test]
fn filters_become_an_encoded_query() {
    assert_eq!(JournalFilter::new().query(), "");
    assert_eq!(
        JournalFilter::new()
            .method(Method::Post)
            .path_prefix("/rest/V1/products/24 MB&01")
            .status(200)
            .caller("integration")
            .direction(Direction::Outbound)
            .limit(1)
            .query(),
        "method=POST&path_prefix=/rest/V1/products/24%20MB%2601&status=200&caller=integration&direction=outbound&limit=1"
    );
    // the last value of a key wins
    assert_eq!(JournalFilter::new().limit(1).limit(5).query(), "limit=5");
}
