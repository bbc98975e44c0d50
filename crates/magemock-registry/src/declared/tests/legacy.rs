//! The deprecated pair: etc/integration/config.xml (Model/Config/Reader.php, merged by
//! integration `name`, checked against config.xsd) and etc/integration/api.xml
//! (Model/Config/Integration/Reader.php, merged by integration and resource `name`, checked
//! against api.xsd), joined by name; and how they meet etc/integration.xml.

use super::*;

#[track_caller]
fn check(
    consolidated: &[(&str, &str)],
    config: &[(&str, &str)],
    api: &[(&str, &str)],
    expect: &str,
) {
    match load_docs(consolidated, config, api) {
        Ok(found) => assert_outline(&found, expect),
        Err(err) => panic!("{err}"),
    }
}

/// config.xml gives the fields, api.xml the resources. Sources: Model/Config/Converter.php,
/// Model/Config/Integration/Converter.php.
#[test]
fn config_and_api_are_joined_by_name() {
    let config = integrations_xml(
        r#"<integration name="Pim">
    <email>pim@acme.example</email>
    <endpoint_url>https://pim.acme.example/endpoint</endpoint_url>
    <identity_link_url>https://pim.acme.example/login</identity_link_url>
</integration>
<integration name="NoApi"><email>noapi@acme.example</email></integration>"#,
    );
    let api = integrations_xml(
        r#"<integration name="Pim"><resources>
    <resource name="Magento_Catalog::products"/>
    <resource name="Magento_Catalog::categories"/>
</resources></integration>"#,
    );
    check(
        &[],
        &[("config.xml", &config)],
        &[("api.xml", &api)],
        "
        Pim (Legacy) <pim@acme.example>
          endpoint_url: https://pim.acme.example/endpoint
          identity_link_url: https://pim.acme.example/login
          resources: Magento_Catalog::products, Magento_Catalog::categories
          files: config.xml, api.xml
        NoApi (Legacy) <noapi@acme.example>
          resources: (none)
          files: config.xml
        ",
    );
}

/// Without a per-file schema, a config.xml entry may leave out the email if another module's
/// supplies it, and a later api.xml adds resources by name.
/// Sources: Model/Config/SchemaLocator.php and Integration/SchemaLocator.php
/// (`$_perFileSchema = null`); Integration/Reader.php (`resources/resource` by `name`).
#[test]
fn legacy_files_merge_across_modules() {
    let config_a = integrations_xml(r#"<integration name="Pim"/>"#);
    let config_b = integrations_xml(
        r#"<integration name="Pim"><email>pim@acme.example</email></integration>"#,
    );
    let api_a = integrations_xml(
        r#"<integration name="Pim"><resources><resource name="A_B::one"/></resources></integration>"#,
    );
    let api_b = integrations_xml(
        r#"<integration name="Pim"><resources><resource name="A_B::two"/><resource name="A_B::one"/></resources></integration>"#,
    );
    check(
        &[],
        &[("a/config.xml", &config_a), ("b/config.xml", &config_b)],
        &[("a/api.xml", &api_a), ("b/api.xml", &api_b)],
        "
        Pim (Legacy) <pim@acme.example>
          resources: A_B::one, A_B::two
          files: a/config.xml, b/config.xml, a/api.xml, b/api.xml
        ",
    );
}

/// config.xsd is an xs:sequence, and the merged document is what Magento checks: a later
/// module's <endpoint_url> is appended after an earlier <identity_link_url>, which breaks
/// the order. Source: Dom::_mergeNode (append) + Reader\Filesystem::_readFiles (merged check).
#[test]
fn legacy_merge_can_break_the_sequence() {
    let first = integrations_xml(
        r#"<integration name="Pim"><email>p@a.bc</email><identity_link_url>https://p.example/id</identity_link_url></integration>"#,
    );
    let second = integrations_xml(
        r#"<integration name="Pim"><endpoint_url>https://p.example/e</endpoint_url></integration>"#,
    );
    match load_docs(&[], &[("one.xml", &first), ("two.xml", &second)], &[]) {
        Ok(found) => panic!("expected an error, read\n{found}"),
        Err(err) => assert_eq!(
            err,
            "two.xml:3:25: <endpoint_url> must come before <identity_link_url>; config.xsd wants <email>, <endpoint_url>, <identity_link_url> in that order"
        ),
    }
}

/// A name in both formats: integration.xml wins whole, the legacy entry is dropped.
/// Sources: Setup/Recurring.php (processConfigBasedIntegrations on every setup:upgrade);
/// Model/Plugin/Integration.php::_addAllowedResources (`array_merge(api, consolidated)`).
#[test]
fn consolidated_shadows_legacy_of_the_same_name() {
    let consolidated = integration_xml(
        r#"<integration name="Pim"><email>new@acme.example</email><resources><resource name="A_B::new"/></resources></integration>"#,
    );
    let config = integrations_xml(
        r#"<integration name="Pim"><email>old@acme.example</email><endpoint_url>https://old.example</endpoint_url></integration>
<integration name="Other"><email>other@acme.example</email></integration>"#,
    );
    let api = integrations_xml(
        r#"<integration name="Pim"><resources><resource name="A_B::old"/></resources></integration>"#,
    );
    check(
        &[("integration.xml", &consolidated)],
        &[("config.xml", &config)],
        &[("api.xml", &api)],
        "
        Pim (Consolidated) <new@acme.example>
          resources: A_B::new
          files: integration.xml
        Other (Legacy) <other@acme.example>
          resources: (none)
          files: config.xml
        ",
    );
}

/// A shadowed legacy name needs no config.xml entry; the api.xml entry is dropped with it.
#[test]
fn shadowed_api_entry_needs_no_config() {
    let consolidated =
        integration_xml(r#"<integration name="Pim"><email>new@acme.example</email></integration>"#);
    let api = integrations_xml(
        r#"<integration name="Pim"><resources><resource name="A_B::old"/></resources></integration>"#,
    );
    check(
        &[("integration.xml", &consolidated)],
        &[],
        &[("api.xml", &api)],
        "
        Pim (Consolidated) <new@acme.example>
          resources: (none)
          files: integration.xml
        ",
    );
}

/// The one-document entry points. Sources: Model/Config/Converter.php,
/// Model/Config/Integration/Converter.php.
#[test]
fn single_legacy_documents() {
    let config = integrations_xml(r#"<integration name="Pim"><email>p@a.bc</email></integration>"#);
    match parse_legacy_config("config.xml", &config) {
        Ok(found) => assert_outline(
            &render(&found, Path::new("")),
            "
            Pim (Legacy) <p@a.bc>
              resources: (none)
              files: config.xml
            ",
        ),
        Err(err) => panic!("{err}"),
    }
    let api = integrations_xml(
        r#"<integration name="Pim"><resources><resource name="A_B::c"/><resource name="A_B::c"/><resource name="A_B::d"/></resources></integration>"#,
    );
    match parse_legacy_api("api.xml", &api) {
        Ok(found) => assert_eq!(
            found,
            [DeclaredResources {
                name: "Pim".to_string(),
                resources: vec!["A_B::c".to_string(), "A_B::d".to_string()],
            }]
        ),
        Err(err) => panic!("{err}"),
    }
}
