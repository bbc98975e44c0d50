//! `<integration>`: a hand-made integration with its consumer and expanded grant.

use super::TestStore;

#[test]
fn integrations_load_with_expanded_resources() {
    let t = TestStore::new(super::SEED);
    let report = t
        .load(
            r#"<magemock>
  <integration name="AcmeErp" email="dev@acme.example" endpoint_url="https://erp.acme.example/endpoint">
    <resource id="Magento_Catalog::products"/>
  </integration>
  <integration name="Everything" email="ops@acme.example" all="true"/>
</magemock>"#,
        )
        .expect("loads");
    assert_eq!(report.integrations, 2);
    let grant = t
        .store
        .read(|c| {
            let i = magemock_registry::stored::by_name(c, "AcmeErp")?.expect("there");
            magemock_registry::stored::grant_of(c, i.id)
        })
        .expect("grant");
    let magemock_acl::Grant::Resources(set) = grant else {
        panic!("a resource set");
    };
    assert!(set.iter().any(|r| r.as_str() == "Magento_Catalog::catalog"));
}

#[test]
fn unknown_resources_and_mixed_all_are_located_errors() {
    let t = TestStore::new(super::SEED);
    let err = t
        .load("<magemock>\n  <integration name=\"A1\" email=\"a@b.example\">\n    <resource id=\"Acme_Erp::nothing\"/>\n  </integration>\n</magemock>")
        .expect_err("unknown");
    assert_eq!(
        err.to_string(),
        "test.xml:3:5: unknown ACL resource `Acme_Erp::nothing`"
    );
    let err = t
        .load("<magemock>\n  <integration name=\"A1\" email=\"a@b.example\" all=\"true\"><resource id=\"Magento_Catalog::products\"/></integration>\n</magemock>")
        .expect_err("mixed");
    assert!(err.to_string().starts_with("test.xml:2:3:"), "{err}");
    assert_eq!(t.count("integration"), 0);
}
