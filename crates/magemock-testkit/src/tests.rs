use crate::{Method, NewIntegration, StoreOptions, TestStore};

/// Twenty stores in one process, started together, share nothing: each gets its own port,
/// database, clock and entropy.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_concurrent_stores_are_isolated() {
    let mut set = tokio::task::JoinSet::new();
    for i in 0..20i64 {
        set.spawn(async move {
            let store = TestStore::start().await.expect("starts");
            let c = store.client();
            c.set_config("oauth/consumer/expiration_period", &(100 + i).to_string())
                .await
                .expect("config");
            c.advance_clock(i).await.expect("clock");
            let made = c
                .create_integration(&NewIntegration::all_resources("Same", "a@b.example"))
                .await
                .expect("created");
            assert_eq!(made.id, 1, "ids start afresh in every store");
            let journal = store.journal().await.expect("journal");
            assert!(
                journal.entries().is_empty(),
                "control calls are not journaled"
            );
            (store.base_url().to_string(), made.consumer_key)
        });
    }
    let mut urls = std::collections::BTreeSet::new();
    let mut keys = std::collections::BTreeSet::new();
    while let Some(done) = set.join_next().await {
        let (url, key) = done.expect("task");
        urls.insert(url);
        keys.insert(key);
    }
    assert_eq!(urls.len(), 20);
    // same seed, same history: every store drew the same consumer key
    assert_eq!(keys.len(), 1);
}

#[test]
fn blocking_stores_work_without_a_runtime() {
    let store =
        crate::blocking::TestStore::start_with(StoreOptions::default().seed(7)).expect("starts");
    let token = store.admin_token("admin").expect("token");
    assert!(token.starts_with("eyJ"));
    store.reset().expect("reset");
    assert!(store.journal().expect("journal").entries().is_empty());
    let err = crate::blocking::TestStore::start_with(
        StoreOptions::default().fixtures(&[("bad.xml", "<magemock><nope/></magemock>")]),
    )
    .expect_err("bad fixture");
    assert!(err.to_string().contains("bad.xml:1:11"), "{err}");
}

#[tokio::test]
async fn journal_expectations_read_like_a_test() {
    let store = TestStore::start().await.expect("starts");
    let http = reqwest::Client::new();
    let r = http
        .get(format!(
            "{}/rest/default/V1/directory/currency",
            store.base_url()
        ))
        .send()
        .await
        .expect("sent");
    assert_eq!(r.status(), 200);
    let journal = store.journal().await.expect("journal");
    journal
        .expect(Method::Get, "/V1/directory/currency")
        .times(1);
    journal.expect(Method::Post, "/V1/products").times(0);
}
