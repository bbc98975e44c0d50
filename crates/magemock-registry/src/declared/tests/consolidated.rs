//! The current format, one document at a time: etc/integration.xml read by
//! Model/Config/Consolidated/Reader.php, checked against integration_file.xsd and
//! integration.xsd, converted by Model/Config/Consolidated/Converter.php.

use super::*;

#[track_caller]
fn check(inner: &str, expect: &str) {
    match parse_consolidated("integration.xml", &integration_xml(inner)) {
        Ok(found) => assert_outline(&render(&found, Path::new("")), expect),
        Err(err) => panic!("{err}"),
    }
}

/// The example of the reference's §3.1, plus an identity link. Source: integration.xsd.
#[test]
fn reads_every_field() {
    check(
        r#"<integration name="AcmeErp">
    <email>dev@acme.example</email>
    <endpoint_url>https://erp.acme.example/magento/endpoint</endpoint_url>
    <identity_link_url>https://erp.acme.example/magento/login</identity_link_url>
    <resources>
        <resource name="Magento_Catalog::products"/>
        <resource name="Magento_Customer::manage"/>
    </resources>
</integration>"#,
        "
        AcmeErp (Consolidated) <dev@acme.example>
          endpoint_url: https://erp.acme.example/magento/endpoint
          identity_link_url: https://erp.acme.example/magento/login
          resources: Magento_Catalog::products, Magento_Customer::manage
          files: integration.xml
        ",
    );
}

/// `xs:all`: children in any order; endpoint, identity link and resources optional.
/// Source: integration.xsd (integrationType).
#[test]
fn children_in_any_order_and_optional() {
    check(
        r#"<integration name="Minimal"><email>a@b.cd</email></integration>
<integration name="Reordered">
    <resources><resource name="Magento_Sales::sales_order"/></resources>
    <identity_link_url>http://x.example/id</identity_link_url>
    <email>ops@shop.example</email>
</integration>"#,
        "
        Minimal (Consolidated) <a@b.cd>
          resources: (none)
          files: integration.xml
        Reordered (Consolidated) <ops@shop.example>
          identity_link_url: http://x.example/id
          resources: Magento_Sales::sales_order
          files: integration.xml
        ",
    );
}

/// `array_unique` after collecting every `<resource>`; document order kept.
/// Source: Consolidated/Converter.php::convert.
#[test]
fn duplicate_resources_are_dropped() {
    check(
        r#"<integration name="Dupes"><email>a@b.cd</email><resources>
    <resource name="Magento_Catalog::products"/>
    <resource name="Magento_Customer::manage"/>
    <resource name="Magento_Catalog::products"/>
</resources></integration>"#,
        "
        Dupes (Consolidated) <a@b.cd>
          resources: Magento_Catalog::products, Magento_Customer::manage
          files: integration.xml
        ",
    );
}

/// `$result[$name] = ...`: an integration written twice in one file keeps the first place
/// and the second's values. Source: Consolidated/Converter.php::convert.
#[test]
fn same_name_twice_in_one_file_takes_the_second() {
    check(
        r#"<integration name="First"><email>one@b.cd</email></integration>
<integration name="Second"><email>two@b.cd</email></integration>
<integration name="First"><email>three@b.cd</email></integration>"#,
        "
        First (Consolidated) <three@b.cd>
          resources: (none)
          files: integration.xml
        Second (Consolidated) <two@b.cd>
          resources: (none)
          files: integration.xml
        ",
    );
}

/// Values are `nodeValue`s: references resolved, CDATA included, comments left out,
/// whitespace kept. Source: Consolidated/Converter.php (`->item(0)->nodeValue`); the email
/// pattern allows leading whitespace (`[^@]+`), integration_base.xsd.
#[test]
fn values_are_node_values_kept_as_written() {
    match parse_consolidated(
        "integration.xml",
        &integration_xml(
            "<integration name=\"Esc&amp;aped\">\n<email>\n  r&amp;d@acme.example</email>\n<endpoint_url><![CDATA[https://x.example/?a=1&b=2]]><!-- note --></endpoint_url>\n</integration>",
        ),
    ) {
        Ok(found) => {
            let [one] = found.as_slice() else {
                panic!("{found:?}")
            };
            assert_eq!(one.name, "Esc&aped");
            assert_eq!(one.email, "\n  r&d@acme.example");
            assert_eq!(
                one.endpoint_url.as_deref(),
                Some("https://x.example/?a=1&b=2")
            );
        }
        Err(err) => panic!("{err}"),
    }
}

/// Comments, processing instructions, namespace declarations and `xsi:` schema-location
/// hints are allowed anywhere, and a UTF-8 byte order mark is skipped. Source: XSD validation rules as
/// libxml2 applies them to integration_file.xsd.
#[test]
fn tolerates_what_xsd_tolerates() {
    let xml = "\u{feff}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- top -->\n<config xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:acme=\"urn:acme\">\n<?acme hint?>\n<integration name=\"Ok\" xsi:noNamespaceSchemaLocation=\"x\"><!-- c --><email>a@b.cd</email><resources><resource name=\"A_B::c\">free text</resource></resources></integration>\n</config>";
    match parse_consolidated("integration.xml", xml) {
        Ok(found) => assert_outline(
            &render(&found, Path::new("")),
            "
            Ok (Consolidated) <a@b.cd>
              resources: A_B::c
              files: integration.xml
            ",
        ),
        Err(err) => panic!("{err}"),
    }
}
