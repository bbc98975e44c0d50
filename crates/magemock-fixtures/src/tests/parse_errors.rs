//! Every parse error names `file:line:column` and what is wrong; the texts are exact.

use crate::parse;

#[track_caller]
fn check(xml: &str, expected: &str) {
    match parse("shop.xml", xml) {
        Ok(fixture) => panic!("expected `{expected}`, parsed {fixture:?}"),
        Err(e) => assert_eq!(e.to_string(), expected),
    }
}

#[test]
fn unknown_elements_name_their_parent_and_what_is_expected() {
    check(
        "<magemock>\n  <prodct sku=\"24-MB01\"/>\n</magemock>",
        "shop.xml:2:3: unknown element <prodct> in <magemock>; expected <config>, <website>, \
         <customerGroup>, <category>, <attribute>, <attributeSet>, <product>, <customer>, \
         <adminRole>, <admin>, <integration>",
    );
    check(
        "<magemock>\n  <product sku=\"A\" name=\"B\" price=\"1\">\n    <categroy ref=\"3\"/>\n  </product>\n</magemock>",
        "shop.xml:3:5: unknown element <categroy> in <product>; expected <category>, <attribute>",
    );
    check(
        "<magemock>\n  <store code=\"default\" name=\"Default\"/>\n</magemock>",
        "shop.xml:2:3: unknown element <store> in <magemock>; expected <config>, <website>, \
         <customerGroup>, <category>, <attribute>, <attributeSet>, <product>, <customer>, \
         <adminRole>, <admin>, <integration>",
    );
}

#[test]
fn integration_resources_must_be_resource_elements() {
    check(
        "<magemock>\n\n    <integration name=\"ERP\" email=\"erp@example.com\"><scope/></integration>\n</magemock>",
        "shop.xml:3:53: unknown element <scope> in <integration>; expected <resource>",
    );
}

#[test]
fn missing_and_unknown_attributes() {
    check(
        "<magemock>\n  <product name=\"Joust Duffle Bag\" price=\"34\"/>\n</magemock>",
        "shop.xml:2:3: <product> needs the attribute `sku`",
    );
    check(
        "<magemock>\n  <customerGroup code=\"VIP\" tax=\"3\"/>\n</magemock>",
        "shop.xml:2:29: unknown attribute `tax` on <customerGroup>; allowed: code, tax_class_id",
    );
    check(
        "<magemock>\n  <admin username=\"a\" password=\"p\" firstname=\"A\" lastname=\"B\" email=\"a@b.c\"/>\n</magemock>",
        "shop.xml:2:3: <admin> needs the attribute `role`",
    );
    check(
        "<magemock>\n  <product sku=\"  \" name=\"B\" price=\"1\"/>\n</magemock>",
        "shop.xml:2:17: `sku` must be a non-empty value, not `  `",
    );
}

#[test]
fn bad_numbers_and_flags_point_at_the_value() {
    check(
        "<magemock>\n  <product sku=\"A\" name=\"B\" price=\"12,50\"/>\n</magemock>",
        "shop.xml:2:36: `price` must be a number, not `12,50`",
    );
    check(
        "<magemock>\n<website code=\"b\" name=\"B\">\n<group name=\"G\" root_category=\"2\">\n<store code=\"x\" name=\"X\" is_active=\"yes\"/>\n</group>\n</website>\n</magemock>",
        "shop.xml:4:37: `is_active` must be `true` or `false`, not `yes`",
    );
    check(
        "<magemock>\n  <product sku=\"A\" name=\"B\" price=\"1\" visibility=\"9\"/>\n</magemock>",
        "shop.xml:2:51: `visibility` must be one of 1 (not_visible), 2 (catalog), 3 (search), \
         4 (catalog_search), not `9`",
    );
    check(
        "<magemock>\n  <category name=\"Gear\" parent=\"2\" id=\"-3\"/>\n</magemock>",
        "shop.xml:2:40: `id` must be a positive integer, not `-3`",
    );
}

#[test]
fn columns_count_characters_not_bytes() {
    check(
        "<magemock>\n  <product sku=\"é\" name=\"B\" price=\"x\"/>\n</magemock>",
        "shop.xml:2:36: `price` must be a number, not `x`",
    );
}

#[test]
fn duplicates_name_the_first_declaration() {
    check(
        "<magemock>\n  <product sku=\"24-MB01\" name=\"A\" price=\"1\"/>\n  <product sku=\"24-mb01\" name=\"B\" price=\"2\"/>\n</magemock>",
        "shop.xml:3:3: duplicate SKU `24-mb01` (first declared at 2:3)",
    );
    check(
        "<magemock>\n  <category id=\"3\" name=\"Gear\" parent=\"2\">\n    <category id=\"3\" name=\"Bags\"/>\n  </category>\n</magemock>",
        "shop.xml:3:5: duplicate category id `3` (first declared at 2:3)",
    );
    check(
        "<magemock>\n  <product sku=\"A\" sku=\"B\" name=\"C\" price=\"1\"/>\n</magemock>",
        "shop.xml:2:20: duplicate attribute `sku` (first declared at 2:12)",
    );
}

#[test]
fn structure_errors() {
    check(
        "",
        "shop.xml:1:1: no root element: a fixture is one <magemock> element",
    );
    check(
        "<?xml version=\"1.0\"?>\n<shop/>",
        "shop.xml:2:1: the root element must be <magemock>, not <shop>",
    );
    check(
        "<magemock>\n  <website code=\"b\" name=\"B\">hello</website>\n</magemock>",
        "shop.xml:2:30: unexpected text in <website>",
    );
    check(
        "<magemock>\n  <category name=\"Gear\" parent=\"2\">\n    <category name=\"Bags\" parent=\"3\"/>\n  </category>\n</magemock>",
        "shop.xml:3:27: a nested <category> takes its parent from the nesting; remove `parent`",
    );
    check(
        "<magemock>\n  <category name=\"Gear\"/>\n</magemock>",
        "shop.xml:2:3: <category> needs the attribute `parent`",
    );
    check(
        "<magemock>\n  <website ref=\"base\" name=\"Main\"/>\n</magemock>",
        "shop.xml:2:23: `ref` adds to an existing <website>; `name` belongs to a new one",
    );
    check(
        "<magemock>\n  <adminRole name=\"Nobody\"/>\n</magemock>",
        "shop.xml:2:3: role `Nobody` grants nothing: add `all=\"true\"` or <resource id=\"...\"/> children",
    );
    check(
        "<magemock>\n  <adminRole name=\"Sales\">\n    <resource id=\"sales\"/>\n  </adminRole>\n</magemock>",
        "shop.xml:3:19: `id` must be an ACL resource id such as `Magento_Catalog::products`, not `sales`",
    );
    check(
        "<magemock>\n  <product sku=\"A\" name=\"B\" price=\"1\">\n    <attribute code=\"description\" value=\"x\">y</attribute>\n  </product>\n</magemock>",
        "shop.xml:3:45: attribute `description` has both a `value` and text; give one",
    );
    check(
        "<magemock/>\n<magemock/>",
        "shop.xml:2:1: <magemock> is a second root element; a fixture has one <magemock> root",
    );
    check(
        "<magemock foo=\"1\"/>",
        "shop.xml:1:11: unknown attribute `foo` on <magemock>; allowed: xmlns:xsi, xsi:noNamespaceSchemaLocation",
    );
}

#[test]
fn malformed_xml_is_located_and_explained() {
    let cases = [
        (
            "<magemock>\n  <product sku=\"A\">\n</magemock>",
            "shop.xml:3:1: malformed XML: ill-formed document: expected `</product>`, but \
             `</magemock>` was found",
        ),
        (
            "<magemock>\n  <product sku=A/>\n</magemock>",
            "shop.xml:2:16: malformed XML: the value of attribute `sku` must be quoted",
        ),
        (
            "<magemock>\n  <config path=\"a\" value=\"x &nbsp;\"/>\n</magemock>",
            "shop.xml:2:29: malformed XML: unknown entity `&nbsp;` in attribute `value`",
        ),
        (
            "<magemock>\n  <category name=\"Hoodies & Sweatshirts\" parent=\"2\"/>\n</magemock>",
            "shop.xml:2:27: malformed XML: `&` without `;` in attribute `name`; write `&amp;` for a literal `&`",
        ),
        (
            "<magemock>&nbsp;</magemock>",
            "shop.xml:1:11: malformed XML: unknown entity `&nbsp;`",
        ),
        (
            "<magemock>\n  <product",
            "shop.xml:2:3: malformed XML: syntax error: tag not closed: `>` not found before end of input",
        ),
        (
            "<!DOCTYPE magemock>\n<magemock/>",
            "shop.xml:1:1: a fixture may not have a DOCTYPE",
        ),
    ];
    for (xml, expected) in cases {
        check(xml, expected);
    }
}

#[test]
fn every_prefix_of_a_fixture_parses_or_fails_without_panicking() {
    let xml = crate::default_fixture();
    let sample = &xml[..xml.len().min(6000)];
    for end in (0..=sample.len()).filter(|i| sample.is_char_boundary(*i)) {
        if let Err(e) = parse("prefix.xml", &sample[..end]) {
            assert!(e.to_string().starts_with("prefix.xml:"), "{e}");
        }
    }
}

#[test]
fn odd_input_fails_cleanly() {
    for xml in [
        "\u{feff}<magemock/>",
        "<magemock>\u{0}</magemock>",
        "<magemock><product sku=\"\u{1F600}\" name=\"\u{1F600}\" price=\"1e400\"/></magemock>",
        "<magemock><category name=\"x\" parent=\"99999999999999999999\"/></magemock>",
        "<magemock><![CDATA[x]]></magemock>",
        "<magemock><?pi?><!-- c --></magemock>",
        "<a:magemock xmlns:a=\"urn:x\"/>",
        "<magemock>\r\n  <prodct/>\r\n</magemock>",
    ] {
        let _ = parse("odd.xml", xml);
    }
}

/// The root's children are turned into the model while the file is still being read; which
/// failure is reported must not depend on that: malformed XML anywhere first, then the root's
/// own problems (its name, its attributes, text in it), then the first refused child.
#[test]
fn the_reported_failure_does_not_depend_on_reading_order() {
    let refused = "  <product name=\"B\" price=\"1\"/>\n";
    check(
        &format!("<magemock>\n{refused}  <config path=\"a\" value=\"b\">\n</magemock>"),
        "shop.xml:4:1: malformed XML: ill-formed document: expected `</config>`, but `</magemock>` was found",
    );
    check(
        &format!("<magemock>\n{refused}</magemock>\n<magemock/>"),
        "shop.xml:4:1: <magemock> is a second root element; a fixture has one <magemock> root",
    );
    check(
        &format!("<magemock>\n{refused}</magemock>\noops"),
        "shop.xml:4:1: text outside the root element",
    );
    check(
        &format!("<magemock>\n{refused}  stray\n</magemock>"),
        "shop.xml:3:3: unexpected text in <magemock>",
    );
    check(
        &format!("<shop>\n{refused}</shop>"),
        "shop.xml:1:1: the root element must be <magemock>, not <shop>",
    );
    check(
        &format!("<magemock>\n{refused}  <product sku=\"\" name=\"B\" price=\"1\"/>\n</magemock>"),
        "shop.xml:2:3: <product> needs the attribute `sku`",
    );
}
