//! integration.xml files from several modules, merged in load order.
//! Source: Model/Config/Consolidated/Reader.php (`$_idAttributes`: integrations and resources
//! by `name`) and lib/internal/Magento/Framework/Config/Dom.php (`_mergeNode`).

use super::*;

#[track_caller]
fn check(files: &[(&str, &str)], expect: &str) {
    let docs: Vec<(String, String)> = files
        .iter()
        .map(|(f, inner)| (f.to_string(), integration_xml(inner)))
        .collect();
    let docs: Vec<(&str, &str)> = docs.iter().map(|(f, x)| (f.as_str(), x.as_str())).collect();
    match load_docs(&docs, &[], &[]) {
        Ok(found) => assert_outline(&found, expect),
        Err(err) => panic!("{err}"),
    }
}

/// A later module's values replace earlier ones; its new resources are appended after the
/// earlier ones, known ones stay where they were. Source: Dom::_mergeNode (text override,
/// append when `_getMatchedNode` finds nothing).
#[test]
fn later_module_overrides_values_and_extends_resources() {
    check(
        &[
            (
                "erp.xml",
                r#"<integration name="AcmeErp">
    <email>dev@acme.example</email>
    <endpoint_url>https://erp.acme.example/old</endpoint_url>
    <resources>
        <resource name="Magento_Catalog::products"/>
        <resource name="Magento_Customer::manage"/>
    </resources>
</integration>"#,
            ),
            (
                "analytics.xml",
                r#"<integration name="AcmeErp">
    <endpoint_url>https://erp.acme.example/new</endpoint_url>
    <identity_link_url>https://erp.acme.example/login</identity_link_url>
    <resources>
        <resource name="Magento_Sales::sales_invoice"/>
        <resource name="Magento_Catalog::products"/>
    </resources>
</integration>"#,
            ),
        ],
        "
        AcmeErp (Consolidated) <dev@acme.example>
          endpoint_url: https://erp.acme.example/new
          identity_link_url: https://erp.acme.example/login
          resources: Magento_Catalog::products, Magento_Customer::manage, Magento_Sales::sales_invoice
          files: erp.xml, analytics.xml
        ",
    );
}

/// integration_file.xsd lets a file leave out the email; integration.xsd wants it once
/// merged, from whichever module gives it. Source: integration_file.xsd vs integration.xsd.
#[test]
fn email_may_come_from_a_later_module() {
    check(
        &[
            (
                "base.xml",
                r#"<integration name="Late"><resources><resource name="A_B::c"/></resources></integration>"#,
            ),
            (
                "more.xml",
                r#"<integration name="Late"><email>late@acme.example</email></integration>"#,
            ),
        ],
        "
        Late (Consolidated) <late@acme.example>
          resources: A_B::c
          files: base.xml, more.xml
        ",
    );
}

/// Integrations new in a later file come after those of earlier files.
/// Source: Dom::_mergeNode appends unmatched nodes; the converter walks document order.
#[test]
fn new_integrations_are_appended() {
    check(
        &[
            (
                "one.xml",
                r#"<integration name="Beta"><email>b@x.yz</email></integration>"#,
            ),
            (
                "two.xml",
                r#"<integration name="Alpha"><email>a@x.yz</email></integration>
<integration name="Beta"><email>b2@x.yz</email></integration>"#,
            ),
        ],
        "
        Beta (Consolidated) <b2@x.yz>
          resources: (none)
          files: one.xml, two.xml
        Alpha (Consolidated) <a@x.yz>
          resources: (none)
          files: two.xml
        ",
    );
}

/// An element with no children changes nothing (`if (!$node->hasChildNodes()) return;`), and
/// a value is replaced only by a single text node. Source: Dom::_mergeNode, _isTextNode.
#[test]
fn empty_or_mixed_elements_do_not_override() {
    let first =
        integration_xml(r#"<integration name="Keep"><email>keep@x.yz</email></integration>"#);
    // Valid per file only because a comment is allowed; the email element has two children.
    let second = integration_xml(
        r#"<integration name="Keep"><email><!-- c -->new@x.yz</email></integration>"#,
    );
    let third = integration_xml(r#"<integration name="Keep"/>"#);
    match load_docs(
        &[
            ("one.xml", &first),
            ("two.xml", &second),
            ("three.xml", &third),
        ],
        &[],
        &[],
    ) {
        Ok(found) => assert_outline(
            &found,
            "
            Keep (Consolidated) <keep@x.yz>
              resources: (none)
              files: one.xml, two.xml, three.xml
            ",
        ),
        Err(err) => panic!("{err}"),
    }
}

/// A CDATA section is a `DOMText`, so on its own it replaces a value; text next to it is a
/// second node, and then nothing is replaced. Source: Dom::_isTextNode (`instanceof \DOMText`).
#[test]
fn cdata_is_a_text_node() {
    let first =
        integration_xml(r#"<integration name="Keep"><email>keep@x.yz</email></integration>"#);
    let second = integration_xml(
        r#"<integration name="Keep"><email><![CDATA[new@x.yz]]></email></integration>"#,
    );
    let third = integration_xml(
        r#"<integration name="Keep"><email>z<![CDATA[@x.yz]]></email></integration>"#,
    );
    match load_docs(
        &[
            ("one.xml", &first),
            ("two.xml", &second),
            ("three.xml", &third),
        ],
        &[],
        &[],
    ) {
        Ok(found) => assert_outline(
            &found,
            "
            Keep (Consolidated) <new@x.yz>
              resources: (none)
              files: one.xml, two.xml, three.xml
            ",
        ),
        Err(err) => panic!("{err}"),
    }
}

/// The merged result is checked again, so a value that was valid alone still has to be
/// valid merged, and per-file checks run before merging. Source: Reader\Filesystem::_readFiles.
#[test]
fn each_file_is_checked_before_merging() {
    let first = integration_xml(r#"<integration name="Acme"><email>a@b.cd</email></integration>"#);
    let second = integration_xml(r#"<integration name="Acme"><email>broken</email></integration>"#);
    match load_docs(&[("one.xml", &first), ("two.xml", &second)], &[], &[]) {
        Ok(found) => panic!("expected an error, read\n{found}"),
        Err(err) => assert_eq!(
            err,
            "two.xml:3:33: email \"broken\" does not match the schema pattern `[^@]+@[^\\.]+\\..+` (name@domain.tld, with no line break after the dot)"
        ),
    }
}

/// The sample tree: Acme_Analytics (vendor/) loads after Acme_ErpConnector and extends its
/// AcmeErp. Source: ModuleList/Loader.php order + Consolidated/Reader.php merge.
#[test]
fn fixture_tree_merges_across_modules() {
    let root = fixtures().join("modules");
    let found = scan(std::slice::from_ref(&root)).and_then(|modules| load(&modules));
    match found {
        Ok(found) => assert_outline(
            &render(&found, &root),
            "
            AcmeErp (Consolidated) <dev@acme.example>
              endpoint_url: https://erp.acme.example/magento/endpoint
              identity_link_url: https://erp.acme.example/magento/login
              resources: Magento_Catalog::products, Magento_Customer::manage, Magento_Sales::sales_order, Magento_Sales::sales_invoice
              files: app/code/Acme/ErpConnector/etc/integration.xml, vendor/acme/module-analytics/etc/integration.xml
            AcmeAnalytics (Consolidated) <analytics@acme.example>
              resources: Magento_Sales::actions_view
              files: vendor/acme/module-analytics/etc/integration.xml
            AcmeLegacyPim (Legacy) <pim@acme.example>
              endpoint_url: https://pim.acme.example/magento/endpoint
              resources: Magento_Catalog::products, Magento_Catalog::categories
              files: app/code/Acme/Legacy/etc/integration/config.xml, app/code/Acme/Legacy/etc/integration/api.xml
            ",
        ),
        Err(err) => panic!("{err}"),
    }
}

/// All or nothing: Acme_Good loads first and is valid, Acme_Broken's file fails, and `load`
/// returns only the error. Source: Reader\Filesystem::_readFiles throws on the first bad file.
#[test]
fn all_or_nothing() {
    let root = fixtures().join("modules-broken");
    let modules = match scan(std::slice::from_ref(&root)) {
        Ok(modules) => modules,
        Err(err) => panic!("{err}"),
    };
    let names: Vec<&str> = modules.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Acme_Good", "Acme_Broken"]);
    let broken = root.join("app/code/Acme/Broken/etc/integration.xml");
    match load(&modules) {
        Ok(found) => panic!("expected an error, read {found:?}"),
        Err(err) => assert_eq!(
            err.to_string(),
            format!(
                "{}:5:16: email \"not-an-email\" does not match the schema pattern `[^@]+@[^\\.]+\\..+` (name@domain.tld, with no line break after the dot)",
                broken.display()
            )
        ),
    }
}
