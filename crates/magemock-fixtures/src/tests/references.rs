//! References are resolved against the store when loading; a wrong one is located like a parse
//! error.

use super::{STOREFRONT, TestStore};

#[track_caller]
fn check(body: &str, expected: &str) {
    // The storefront is on lines 1-7; `body` starts on line 8.
    let xml = format!("<magemock>{STOREFRONT}\n{body}\n</magemock>\n");
    let err = TestStore::new(super::SEED)
        .load_named("shop.xml", &xml)
        .expect_err("the load must fail");
    assert_eq!(err.to_string(), expected);
}

#[test]
fn unknown_references_point_at_the_reference() {
    check(
        r#"<product sku="A" name="B" price="1"><category ref="Gear/Bagz"/></product>"#,
        "shop.xml:8:52: unknown category `Gear/Bagz`",
    );
    check(
        r#"<product sku="A" name="B" price="1" attribute_set="Bag"/>"#,
        "shop.xml:8:52: unknown attribute set `Bag`",
    );
    check(
        r#"<customer email="a@example.com" firstname="A" lastname="B" group="VIP"/>"#,
        "shop.xml:8:67: unknown customer group `VIP`",
    );
    check(
        r#"<admin username="a" password="p" firstname="A" lastname="B" email="a@example.com" role="Sales"/>"#,
        "shop.xml:8:89: unknown admin role `Sales`",
    );
    check(
        r#"<website ref="b2b"/>"#,
        "shop.xml:8:15: unknown website `b2b`",
    );
    check(
        r#"<attributeSet name="Bag"><attribute code="colour"/></attributeSet>"#,
        "shop.xml:8:43: unknown attribute `colour`",
    );
}

#[test]
fn ambiguous_category_paths_ask_for_the_id() {
    check(
        r#"<category name="Men" parent="2"><category name="Tops"/></category>
<category name="Sale" parent="2"><category name="Men"><category name="Tops"/></category></category>
<product sku="A" name="B" price="1"><category ref="Tops"/></product>"#,
        "shop.xml:10:52: unknown category `Tops`",
    );
    check(
        r#"<category name="Men" parent="2"><category name="Tops"/></category>
<category name="Men" parent="2"><category name="Tops"/></category>
<product sku="A" name="B" price="1"><category ref="Men/Tops"/></product>"#,
        "shop.xml:10:52: ambiguous category reference `Men/Tops`: several categories match; use the id",
    );
}

#[test]
fn refusals_of_the_store_name_the_element() {
    check(
        r#"<website code="base" name="Again"/>"#,
        "shop.xml:8:1: duplicate website code `base` (first declared at 3:5)",
    );
    check(
        r#"<product sku="A" name="Joust" price="1"/>
<product sku="B" name="Joust" price="1"/>"#,
        "shop.xml:9:1: a product with URL key `joust` already exists",
    );
    check(
        r#"<product sku="A" name="B" price="1">
    <attribute code="description" value="ok"/>
    <attribute code="colour" value="Red"/>
</product>"#,
        "shop.xml:10:5: no attribute with attributeCode = `colour`",
    );
    check(
        r#"<customer email="a@example.com" firstname="A" lastname="B"/>
<customer email="A@EXAMPLE.COM" firstname="A" lastname="B"/>"#,
        "shop.xml:9:1: a customer with e-mail `A@EXAMPLE.COM` in this website already exists",
    );
    check(
        r#"<customer email="a@example.com" firstname="A" lastname="B" store="admin"/>"#,
        "shop.xml:8:1: no store with storeId = `0`",
    );
    check(
        r#"<product sku="A" name="B"/>"#,
        "shop.xml:8:1: the \"price\" attribute value is empty",
    );
    check(
        r#"<store-view/>"#,
        "shop.xml:8:1: unknown element <store-view> in <magemock>; expected <config>, <website>, \
         <customerGroup>, <category>, <attribute>, <attributeSet>, <product>, <customer>, \
         <adminRole>, <admin>, <integration>",
    );
}

#[test]
fn what_an_earlier_fixture_made_is_refused_by_the_store() {
    let store = TestStore::new(super::SEED);
    store
        .load_named("first.xml", &super::doc(STOREFRONT))
        .expect("first load");
    let err = store
        .load_named(
            "second.xml",
            "<magemock>\n  <website code=\"BASE\" name=\"Again\"/>\n</magemock>",
        )
        .expect_err("base exists");
    assert_eq!(
        err.to_string(),
        "second.xml:2:3: website `BASE` already exists"
    );
    let report = store
        .load_named(
            "third.xml",
            "<magemock>\n  <website ref=\"base\"><group ref=\"main_website_store\">\
             <store code=\"fr\" name=\"French\"/></group></website>\n</magemock>",
        )
        .expect("extending the first file's website");
    assert_eq!((report.websites, report.groups, report.stores), (0, 0, 1));
}
