//! Per-file schema checks. Source of the rules: lib/internal/Magento/Framework/Acl/etc/acl.xsd
//! (2.4.8-p1); of the attribute reading: Magento\Framework\Acl\AclResource\Config\Converter\Dom.

use super::*;

const FILE: &str = "Vendor_Mod.xml";

/// Wraps `resources` (the inside of `<resources>`) in a valid document. The first resource
/// line is line 4.
fn doc(resources: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n<config xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\"urn:magento:framework:Acl/etc/acl.xsd\">\n<acl><resources>\n{resources}\n</resources></acl>\n</config>\n"
    )
}

#[track_caller]
fn check_error(xml: &str, expect: &str) {
    match parse(FILE, xml) {
        Ok(nodes) => panic!("expected an error, parsed {nodes:?}"),
        Err(err) => assert_eq!(err.to_string(), expect),
    }
}

/// Renders parsed nodes as `id title=.. sortOrder=.. disabled=.. @line:col`, indented.
#[track_caller]
fn check_parsed(xml: &str, expect: &str) {
    fn render(nodes: &[ParsedNode], depth: usize, out: &mut String) {
        for node in nodes {
            out.push_str(&"  ".repeat(depth));
            out.push_str(node.id.as_str());
            if let Some(title) = &node.title {
                out.push_str(&format!(" title={title:?}"));
            }
            if let Some(sort_order) = node.sort_order {
                out.push_str(&format!(" sortOrder={sort_order}"));
            }
            if let Some(disabled) = node.disabled {
                out.push_str(&format!(" disabled={disabled}"));
            }
            out.push_str(&format!(" @{}:{}\n", node.at.line, node.at.column));
            render(&node.children, depth + 1, out);
        }
    }
    let nodes = parse(FILE, xml).unwrap_or_else(|err| panic!("{err}"));
    let mut actual = String::new();
    render(&nodes, 0, &mut actual);
    assert_eq!(actual.trim(), expect.trim());
}

#[test]
fn reads_nested_resources_with_their_attributes() {
    check_parsed(
        &doc(r#"<resource id="Magento_Backend::admin">
    <!-- a comment -->
    <resource id="Vendor_Mod::top" title="SEO &amp; Search" translate="title" sortOrder=" +15 ">
        <resource id="Vendor_Mod::leaf" title="Leaf&#x21;" disabled="true"/>
        <resource id="Vendor_Mod::other" title="Other" disabled="1"/>
    </resource>
</resource>"#),
        r#"
Magento_Backend::admin @4:1
  Vendor_Mod::top title="SEO & Search" sortOrder=15 @6:5
    Vendor_Mod::leaf title="Leaf!" disabled=true @7:9
    Vendor_Mod::other title="Other" disabled=false @8:9
"#,
    );
}

#[test]
fn empty_resources_is_valid() {
    check_parsed("<config><acl><resources/></acl></config>", "");
}

#[test]
fn attribute_whitespace_is_normalised_like_the_dom() {
    check_parsed(
        &doc("<resource id=\"Vendor_Mod::a\" title=\"Two\nlines\"/>"),
        r#"Vendor_Mod::a title="Two lines" @4:1"#,
    );
}

#[test]
fn rejects_ids_outside_the_pattern() {
    check_error(
        &doc(r#"<resource id="test_Value::show_toolbar" title="test"/>"#),
        r#"Vendor_Mod.xml:4:15: resource id "test_Value::show_toolbar" has vendor "test", which must be an upper-case letter followed by letters or digits; Magento's acl.xsd pattern is `([A-Z]+[a-zA-Z0-9]{1,}){1,}_[A-Z]+[A-Z0-9a-z]{1,}::[A-Za-z_0-9]{1,}`"#,
    );
}

#[test]
fn rejects_titles_outside_3_to_50_characters() {
    // The 51-character title is the one in Magento's own schema test.
    check_error(
        &doc(
            r#"<resource id="Test_Value::show_toolbar" title="Lorem ipsum dolor sit amet, consectetur adipisicing"/>"#,
        ),
        r#"Vendor_Mod.xml:4:48: title "Lorem ipsum dolor sit amet, consectetur adipisicing" of Test_Value::show_toolbar is 51 characters long; acl.xsd allows 3 to 50"#,
    );
    check_error(
        &doc(r#"<resource id="Test_Value::a" title="ab"/>"#),
        r#"Vendor_Mod.xml:4:37: title "ab" of Test_Value::a is 2 characters long; acl.xsd allows 3 to 50"#,
    );
    // Lengths count characters: three non-ASCII characters are three, not six.
    check_parsed(
        &doc(r#"<resource id="Test_Value::a" title="äöü"/>"#),
        r#"Test_Value::a title="äöü" @4:1"#,
    );
}

#[test]
fn columns_count_characters_and_lines_survive_crlf() {
    check_error(
        "<config>\r\n<acl><resources><!-- ü ü --><resource id=\"Bad::x\"/></resources></acl></config>",
        r#"Vendor_Mod.xml:2:43: resource id "Bad::x" has "Bad" before `::`, which is not Vendor_Module (one underscore); Magento's acl.xsd pattern is `([A-Z]+[a-zA-Z0-9]{1,}){1,}_[A-Z]+[A-Z0-9a-z]{1,}::[A-Za-z_0-9]{1,}`"#,
    );
}

#[test]
fn rejects_bad_sort_order_and_disabled() {
    check_error(
        &doc(r#"<resource id="Test_Value::a" title="Abc" sortOrder="ten"/>"#),
        r#"Vendor_Mod.xml:4:53: sortOrder "ten" of Test_Value::a is not an xs:int (a whole number from -2147483648 to 2147483647)"#,
    );
    check_error(
        &doc(r#"<resource id="Test_Value::a" title="Abc" sortOrder="2147483648"/>"#),
        r#"Vendor_Mod.xml:4:53: sortOrder "2147483648" of Test_Value::a is not an xs:int (a whole number from -2147483648 to 2147483647)"#,
    );
    check_error(
        &doc(r#"<resource id="Test_Value::a" title="Abc" disabled="yes"/>"#),
        r#"Vendor_Mod.xml:4:52: disabled "yes" of Test_Value::a is not an xs:boolean (true, false, 1 or 0)"#,
    );
}

#[test]
fn rejects_elements_attributes_and_text_the_schema_does_not_allow() {
    check_error(
        &doc(r#"<group id="Test_Value::a"/>"#),
        "Vendor_Mod.xml:4:1: unexpected element <group> in <resources>; acl.xsd allows only <resource> there",
    );
    check_error(
        &doc(r#"<resource id="Test_Value::a" title="Abc" module="Test_Value"/>"#),
        r#"Vendor_Mod.xml:4:42: attribute "module" is not allowed on <resource>; acl.xsd allows id, title, translate, sortOrder and disabled"#,
    );
    check_error(
        &doc(r#"<resource title="Abc"/>"#),
        "Vendor_Mod.xml:4:1: <resource> has no id attribute, which acl.xsd requires",
    );
    check_error(
        &doc(r#"<resource id="Test_Value::a" title="Abc">  hello </resource>"#),
        r#"Vendor_Mod.xml:4:44: text "hello" is not allowed in <resource>; it may hold only elements"#,
    );
    check_error(
        "<config><acl><resources/><resources/></acl></config>",
        "Vendor_Mod.xml:1:26: unexpected element <resources> in <acl>; acl.xsd allows only one <resources> there",
    );
    check_error(
        "<config foo=\"bar\"><acl><resources/></acl></config>",
        r#"Vendor_Mod.xml:1:9: attribute "foo" is not allowed on <config>; acl.xsd allows no attributes"#,
    );
    check_error(
        "<menu><acl/></menu>",
        "Vendor_Mod.xml:1:1: the root element must be <config>, found <menu>",
    );
    check_error(
        "<config>\n  <acl/>\n</config>",
        "Vendor_Mod.xml:2:3: <acl> must contain a <resources> element",
    );
    check_error(
        "<config/>",
        "Vendor_Mod.xml:1:1: <config> must contain a <acl> element",
    );
}

#[test]
fn rejects_an_id_twice_in_one_file() {
    // acl.xsd's uniqueResourceId selects `.//*`: the parents do not matter within a file.
    check_error(
        &doc(r#"<resource id="Test_Value::a" title="Abc">
    <resource id="Test_Value::b" title="Bcd"/>
</resource>
<resource id="Test_Value::b" title="Bcd"/>"#),
        "Vendor_Mod.xml:7:1: resource Test_Value::b appears twice in this file (first at Vendor_Mod.xml:5:5); acl.xsd requires unique ids",
    );
}

#[test]
fn reports_malformed_xml_where_it_is() {
    check_error(
        "<config>\n<acl><resources>\n</acl>\n</config>",
        "Vendor_Mod.xml:3:1: malformed XML: ill-formed document: expected `</resources>`, but `</acl>` was found",
    );
    check_error(
        "<config><acl><resources>\n<resource id=\"A_B::c\" title=\"x\" title=\"y\"/>",
        "Vendor_Mod.xml:2:33: malformed XML: the same attribute appears twice",
    );
    check_error(
        "<config><acl><resources>\n<resource id=\"A_B::c\" title=\"&nbsp;Abc\"/>",
        "Vendor_Mod.xml:2:30: malformed XML: unknown entity `&nbsp;`; XML itself defines only &amp; &lt; &gt; &quot; and &apos;",
    );
    check_error(
        "<config><acl><resources>",
        "Vendor_Mod.xml:1:25: malformed XML: the file ends before <resources> is closed",
    );
    check_error(
        "",
        "Vendor_Mod.xml:1:1: malformed XML: the file has no root element",
    );
    check_error(
        "<config><acl><resources/></acl></config><config/>",
        "Vendor_Mod.xml:1:41: malformed XML: element <config> after the root element",
    );
    check_error(
        "<!DOCTYPE config [<!ENTITY x \"y\">]><config/>",
        "Vendor_Mod.xml:1:1: malformed XML: DOCTYPE declarations are not accepted in acl.xml",
    );
}

#[test]
fn nesting_stops_where_libxml2_stops() {
    let nested = |levels: usize| {
        // config, acl and resources are three levels; the rest are resources.
        let resources = levels - 3;
        let mut xml = String::from("<config><acl><resources>");
        for i in 0..resources {
            xml.push_str(&format!("<resource id=\"Test_Value::r{i}\" title=\"Abc\">"));
        }
        xml.push_str(&"</resource>".repeat(resources));
        xml.push_str("</resources></acl></config>");
        xml
    };
    assert!(parse(FILE, &nested(MAX_DEPTH)).is_ok());
    let err = parse(FILE, &nested(MAX_DEPTH + 1))
        .expect_err("too deep")
        .to_string();
    assert!(err.contains("nested deeper than 256 levels"), "{err}");
}

#[test]
fn no_input_panics() {
    // Every truncation of a real file, and every single-byte corruption of a small one,
    // must come back as Ok or Err.
    let real = include_str!("../../../../fixtures/acl/Magento_Sales.xml");
    for end in (0..=real.len()).filter(|&i| real.is_char_boundary(i)) {
        let _ = parse(FILE, &real[..end]);
    }
    let small = doc(
        r#"<resource id="A_B::c" title="Abc" sortOrder="1"><resource id="A_B::d" title="Def"/></resource>"#,
    );
    for at in 0..small.len() {
        for replacement in [b'<', b'>', b'"', b'&', b'/', b'=', b' ', b'x', 0xC3] {
            let mut bytes = small.clone().into_bytes();
            bytes[at] = replacement;
            let text = String::from_utf8_lossy(&bytes);
            let _ = parse(FILE, &text);
        }
    }
}
