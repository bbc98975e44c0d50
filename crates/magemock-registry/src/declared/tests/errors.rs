//! Every rule a declaration can break, with the exact `file:line:column: message` text.
//! Sources: app/code/Magento/Integration/etc/integration/integration_base.xsd,
//! integration_file.xsd, integration.xsd, config.xsd, api.xsd; libxml2's well-formedness
//! rules (Config\Dom::_initDom); Config\Dom::_getMatchedNode for merge errors.

use super::*;

#[track_caller]
fn check(inner: &str, expect: &str) {
    match parse_consolidated("integration.xml", &integration_xml(inner)) {
        Ok(found) => panic!("expected an error, read {found:?}"),
        Err(err) => assert_eq!(err.to_string(), expect),
    }
}

#[track_caller]
fn check_document(xml: &str, expect: &str) {
    match parse_consolidated("integration.xml", xml) {
        Ok(found) => panic!("expected an error, read {found:?}"),
        Err(err) => assert_eq!(err.to_string(), expect),
    }
}

#[track_caller]
fn check_legacy(config: &[(&str, &str)], api: &[(&str, &str)], expect: &str) {
    match load_docs(&[], config, api) {
        Ok(found) => panic!("expected an error, read\n{found}"),
        Err(err) => assert_eq!(err, expect),
    }
}

// Well-formedness: Config\Dom::_initDom throws on any libxml2 parse error.

#[test]
fn malformed_xml() {
    check(
        r#"<integration name="Acme"><email>a@b.cd</integration>"#,
        "integration.xml:3:39: malformed XML: ill-formed document: expected `</email>`, but `</integration>` was found",
    );
}

#[test]
fn undefined_entity() {
    check(
        r#"<integration name="Acme&nbsp;Erp"><email>a@b.cd</email></integration>"#,
        "integration.xml:3:24: malformed XML: entity &nbsp; is not defined (XML predefines only &lt; &gt; &amp; &apos; &quot;)",
    );
}

#[test]
fn empty_document() {
    check_document(
        "<?xml version=\"1.0\"?>\n",
        "integration.xml:2:1: malformed XML: the document is empty",
    );
}

// integration.xsd / integration_file.xsd structure.

#[test]
fn wrong_root() {
    check_document(
        "<?xml version=\"1.0\"?>\n<integrations><integration name=\"Acme\"/></integrations>",
        "integration.xml:2:1: the root element must be <config> (integration.xsd), found <integrations>",
    );
}

#[test]
fn root_in_a_namespace() {
    check_document(
        "<config xmlns=\"urn:magento:integration\"><integration name=\"Acme\"><email>a@b.cd</email></integration></config>",
        "integration.xml:1:1: <config> is in namespace \"urn:magento:integration\", but Magento's schema declares its elements in no namespace; remove the xmlns=\"...\" declaration",
    );
}

#[test]
fn no_integration() {
    check_document(
        "<config>\n  <!-- nothing yet -->\n</config>",
        "integration.xml:1:1: <config> must contain a <integration> element (integration_file.xsd)",
    );
}

#[test]
fn unknown_element() {
    check(
        r#"<integration name="Acme">
    <email>a@b.cd</email>
    <status>1</status>
</integration>"#,
        "integration.xml:5:5: unknown element <status> in <integration>; integration_file.xsd allows <email>, <endpoint_url>, <identity_link_url> and <resources> there",
    );
}

#[test]
fn element_inside_a_text_element() {
    check(
        r#"<integration name="Acme"><email><b>a@b.cd</b></email></integration>"#,
        "integration.xml:3:33: unknown element <b> in <email>; integration_file.xsd allows no elements (only text) there",
    );
}

#[test]
fn duplicate_child() {
    check(
        r#"<integration name="Acme">
    <email>a@b.cd</email>
    <endpoint_url>https://a.example</endpoint_url>
    <email>b@b.cd</email>
</integration>"#,
        "integration.xml:6:5: second <email> in <integration> (the first is at integration.xml:4:5); the schema allows at most one",
    );
}

#[test]
fn empty_resources() {
    check(
        r#"<integration name="Acme"><email>a@b.cd</email>
    <resources>
    </resources>
</integration>"#,
        "integration.xml:4:5: <resources> must contain a <resource> element (integration_file.xsd)",
    );
}

#[test]
fn text_in_element_only_content() {
    check(
        r#"<integration name="Acme">
    Acme ERP
    <email>a@b.cd</email>
</integration>"#,
        "integration.xml:4:5: text \"Acme ERP\" is not allowed in <integration>, which holds only elements",
    );
}

#[test]
fn unexpected_attribute() {
    check(
        r#"<integration name="Acme" status="1"><email>a@b.cd</email></integration>"#,
        "integration.xml:3:26: attribute \"status\" is not allowed on <integration>; the schema allows only name",
    );
}

#[test]
fn missing_name() {
    check(
        r#"<integration><email>a@b.cd</email></integration>"#,
        "integration.xml:3:1: <integration> has no name attribute, which is required",
    );
}

#[test]
fn missing_resource_name() {
    check(
        r#"<integration name="Acme"><email>a@b.cd</email><resources><resource id="A_B::c"/></resources></integration>"#,
        "integration.xml:3:68: attribute \"id\" is not allowed on <resource>; the schema allows only name",
    );
    check(
        r#"<integration name="Acme"><email>a@b.cd</email><resources><resource/></resources></integration>"#,
        "integration.xml:3:58: <resource> has no name attribute, which is required",
    );
}

// integration_base.xsd simple types.

#[test]
fn name_shorter_than_2() {
    check(
        r#"<integration name="A"><email>a@b.cd</email></integration>"#,
        "integration.xml:3:14: integration name \"A\" is 1 character(s) long; the schema requires at least 2",
    );
}

#[test]
fn email_without_a_dot_after_the_at() {
    check(
        r#"<integration name="Acme"><email>dev@localhost</email></integration>"#,
        "integration.xml:3:33: email \"dev@localhost\" does not match the schema pattern `[^@]+@[^\\.]+\\..+` (name@domain.tld, with no line break after the dot)",
    );
}

/// XSD's `.` does not match a line break, so a trailing one breaks the pattern.
#[test]
fn email_with_a_trailing_line_break() {
    check(
        "<integration name=\"Acme\"><email>dev@acme.example\n</email></integration>",
        "integration.xml:3:33: email \"dev@acme.example\\n\" does not match the schema pattern `[^@]+@[^\\.]+\\..+` (name@domain.tld, with no line break after the dot)",
    );
}

#[test]
fn empty_email() {
    check(
        r#"<integration name="Acme"><email/></integration>"#,
        "integration.xml:3:26: email \"\" does not match the schema pattern `[^@]+@[^\\.]+\\..+` (name@domain.tld, with no line break after the dot)",
    );
}

#[test]
fn url_shorter_than_4() {
    check(
        r#"<integration name="Acme"><email>a@b.cd</email><endpoint_url> a:b </endpoint_url></integration>"#,
        "integration.xml:3:61: <endpoint_url> \" a:b \" is shorter than 4 characters (xs:anyURI, minLength 4)",
    );
}

#[test]
fn url_that_is_not_a_uri() {
    check(
        r#"<integration name="Acme"><email>a@b.cd</email><identity_link_url>https://a.example/%zz</identity_link_url></integration>"#,
        "integration.xml:3:66: <identity_link_url> \"https://a.example/%zz\" is not an xs:anyURI: `%` must be followed by two hex digits",
    );
}

#[test]
fn resource_name_not_vendor_module() {
    check(
        r#"<integration name="Acme"><email>a@b.cd</email><resources>
    <resource name="Magento_Catalog:products"/>
</resources></integration>"#,
        "integration.xml:4:15: resource name \"Magento_Catalog:products\" does not match the schema pattern `.+_.+::.+` (Vendor_Module::resource)",
    );
}

/// A single file is also the merged result, so integration.xsd's required email applies.
#[test]
fn missing_email_in_the_merged_result() {
    check(
        r#"<integration name="Acme"><endpoint_url>https://a.example</endpoint_url></integration>"#,
        "integration.xml:3:1: integration \"Acme\" has no <email> once every module's etc/integration.xml is merged; integration.xsd requires one, so declare it in one of those files",
    );
}

// config.xsd and api.xsd, checked on the merged legacy documents.

#[test]
fn legacy_config_out_of_order() {
    let config = integrations_xml(
        r#"<integration name="Pim">
    <endpoint_url>https://pim.example</endpoint_url>
    <email>pim@acme.example</email>
</integration>"#,
    );
    check_legacy(
        &[("config.xml", &config)],
        &[],
        "config.xml:5:5: <email> must come before <endpoint_url>; config.xsd wants <email>, <endpoint_url>, <identity_link_url> in that order",
    );
}

#[test]
fn legacy_config_without_email() {
    let config = integrations_xml(r#"<integration name="Pim"/>"#);
    check_legacy(
        &[("config.xml", &config)],
        &[],
        "config.xml:3:1: integration \"Pim\" has no <email> once every module's etc/integration/config.xml is merged; config.xsd requires one, so declare it in one of those files",
    );
}

#[test]
fn legacy_config_does_not_take_resources() {
    let config = integrations_xml(
        r#"<integration name="Pim"><email>p@a.bc</email><resources><resource name="A_B::c"/></resources></integration>"#,
    );
    check_legacy(
        &[("config.xml", &config)],
        &[],
        "config.xml:3:46: unknown element <resources> in <integration>; config.xsd allows <email>, <endpoint_url> and <identity_link_url> there",
    );
}

#[test]
fn legacy_api_without_resources() {
    let config = integrations_xml(r#"<integration name="Pim"><email>p@a.bc</email></integration>"#);
    let api = integrations_xml(r#"<integration name="Pim"></integration>"#);
    check_legacy(
        &[("config.xml", &config)],
        &[("api.xml", &api)],
        "api.xml:3:1: <integration> must contain a <resources> element (api.xsd)",
    );
}

#[test]
fn legacy_api_without_config() {
    let config = integrations_xml(r#"<integration name="Pim"><email>p@a.bc</email></integration>"#);
    let api = integrations_xml(
        r#"<integration name="Pim"><resources><resource name="A_B::c"/></resources></integration>
<integration name="Orphan"><resources><resource name="A_B::c"/></resources></integration>"#,
    );
    check_legacy(
        &[("config.xml", &config)],
        &[("api.xml", &api)],
        "api.xml:4:1: integration \"Orphan\" has resources in etc/integration/api.xml but no entry in any etc/integration/config.xml, so it has no email; declare it there too (or move it to etc/integration.xml)",
    );
}

#[test]
fn legacy_wrong_root() {
    check_legacy(
        &[(
            "config.xml",
            &integration_xml(r#"<integration name="Pim"><email>p@a.bc</email></integration>"#),
        )],
        &[],
        "config.xml:2:1: the root element must be <integrations> (config.xsd), found <config>",
    );
}

// Merging: Config\Dom::_getMatchedNode and _getNodePathByParent.

/// A name the first file declares twice cannot be merged into by a later file.
#[test]
fn ambiguous_merge() {
    let first = integration_xml(
        r#"<integration name="Acme"><email>a@b.cd</email></integration>
<integration name="Acme"><email>a@b.cd</email></integration>"#,
    );
    let second = integration_xml(r#"<integration name="Acme"><email>c@d.ef</email></integration>"#);
    match load_docs(&[("first.xml", &first), ("second.xml", &second)], &[], &[]) {
        Ok(found) => panic!("expected an error, read\n{found}"),
        Err(err) => assert_eq!(
            err,
            "second.xml:3:1: Magento's config merger finds more than one node for /config/integration[@name='Acme'] (an earlier file declares it twice) and stops with \"More than one node matching the query\"; keep one declaration per file"
        ),
    }
}

/// XPath has no escape for `'` inside `'...'`, so a later file's name with one breaks the
/// query; the first file is never queried, so its names may hold one.
#[test]
fn apostrophe_in_a_merge_key() {
    let first =
        integration_xml(r#"<integration name="Acme's"><email>a@b.cd</email></integration>"#);
    let second =
        integration_xml(r#"<integration name="Bob's"><email>c@d.ef</email></integration>"#);
    match load_docs(&[("first.xml", &first), ("second.xml", &second)], &[], &[]) {
        Ok(found) => panic!("expected an error, read\n{found}"),
        Err(err) => assert_eq!(
            err,
            "second.xml:3:14: \"Bob's\" contains an apostrophe, which breaks the XPath query Magento's config merger builds from it"
        ),
    }
    assert!(load_docs(&[("first.xml", &first)], &[], &[]).is_ok());
}
