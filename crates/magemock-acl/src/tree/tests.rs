//! Tree queries over the shape Magento\Framework\Acl\AclResource\TreeBuilder builds
//! (2.4.8-p1): depth first, siblings by sortOrder, disabled nodes absent.

use crate::test_support::{acl_xml, id};
use crate::tree::AclTree;

fn tree() -> AclTree {
    let xml = acl_xml(
        r#"<resource id="Magento_Backend::all" title="Allow everything" sortOrder="10"/>
<resource id="Magento_Backend::admin" title="Magento Admin" sortOrder="20">
    <resource id="Magento_Sales::sales" title="Sales" sortOrder="20">
        <resource id="Magento_Sales::sales_order" title="Orders" sortOrder="10">
            <resource id="Magento_Sales::ship" title="Ship" sortOrder="130"/>
            <resource id="Magento_Sales::create" title="Create" sortOrder="10"/>
            <resource id="Magento_Sales::hidden" title="Hidden" disabled="true"/>
        </resource>
    </resource>
    <resource id="Magento_Backend::dashboard" title="Dashboard" sortOrder="0"/>
</resource>"#,
    );
    AclTree::load(&[("Magento_Backend.xml", xml)]).unwrap_or_else(|err| panic!("{err}"))
}

#[track_caller]
fn check_list<'a>(actual: impl Iterator<Item = &'a crate::AclResourceId>, expect: &[&str]) {
    let actual: Vec<&str> = actual.map(|id| id.as_str()).collect();
    assert_eq!(actual, expect);
}

#[test]
fn ancestors_are_nearest_first() {
    let tree = tree();
    check_list(
        tree.ancestors(&id("Magento_Sales::ship")),
        &[
            "Magento_Sales::sales_order",
            "Magento_Sales::sales",
            "Magento_Backend::admin",
        ],
    );
    check_list(tree.ancestors(&id("Magento_Backend::admin")), &[]);
    check_list(tree.ancestors(&id("Vendor_Unknown::x")), &[]);
}

#[test]
fn children_are_in_sort_order_without_disabled_ones() {
    let tree = tree();
    check_list(
        tree.children(&id("Magento_Sales::sales_order")),
        &["Magento_Sales::create", "Magento_Sales::ship"],
    );
    check_list(
        tree.children(&id("Magento_Backend::admin")),
        &["Magento_Backend::dashboard", "Magento_Sales::sales"],
    );
    check_list(tree.children(&id("Magento_Sales::ship")), &[]);
    check_list(tree.children(&id("Vendor_Unknown::x")), &[]);
    check_list(
        tree.roots(),
        &["Magento_Backend::all", "Magento_Backend::admin"],
    );
}

#[test]
fn iter_walks_depth_first() {
    let tree = tree();
    let walked: Vec<String> = tree
        .iter()
        .map(|r| {
            format!(
                "{} {} parent={}",
                r.depth,
                r.id,
                r.parent.map_or("-", |p| p.as_str())
            )
        })
        .collect();
    assert_eq!(
        walked,
        [
            "0 Magento_Backend::all parent=-",
            "0 Magento_Backend::admin parent=-",
            "1 Magento_Backend::dashboard parent=Magento_Backend::admin",
            "1 Magento_Sales::sales parent=Magento_Backend::admin",
            "2 Magento_Sales::sales_order parent=Magento_Sales::sales",
            "3 Magento_Sales::create parent=Magento_Sales::sales_order",
            "3 Magento_Sales::ship parent=Magento_Sales::sales_order",
        ]
    );
    assert_eq!(tree.len(), 7);
}

#[test]
fn lookups_know_only_enabled_resources() {
    let tree = tree();
    assert!(tree.contains(&id("Magento_Sales::ship")));
    assert!(!tree.contains(&id("Magento_Sales::hidden")));
    assert_eq!(tree.title(&id("Magento_Sales::ship")), Some("Ship"));
    assert_eq!(tree.title(&id("Magento_Sales::hidden")), None);
    assert_eq!(tree.sort_order(&id("Magento_Sales::ship")), Some(130));
    assert_eq!(tree.sort_order(&id("Magento_Backend::dashboard")), Some(0));
    assert_eq!(
        tree.parent(&id("Magento_Sales::ship")).map(|p| p.as_str()),
        Some("Magento_Sales::sales_order")
    );
    assert_eq!(tree.parent(&id("Magento_Backend::all")), None);
}
