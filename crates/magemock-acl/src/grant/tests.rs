//! Sources (2.4.8-p1): Magento\Integration\Model\Config\Consolidated\Converter (expansion of
//! integration.xml resources), Magento\Authorization\Model\ResourceModel\Rules::saveRel
//! (what is stored), Magento\Authorization\Model\Acl\Loader\Rule and
//! Magento\Framework\Authorization\Policy\Acl (what is allowed).

use std::collections::BTreeSet;

use crate::error::AclError;
use crate::grant::Grant;
use crate::test_support::{acl_xml, backend_xml, id, ids};
use crate::tree::AclTree;

/// Backend's roots plus a small catalog and sales branch.
fn tree() -> AclTree {
    let module = acl_xml(
        r#"<resource id="Magento_Backend::admin">
    <resource id="Magento_Catalog::catalog" title="Catalog" sortOrder="30">
        <resource id="Magento_Catalog::catalog_inventory" title="Inventory" sortOrder="10">
            <resource id="Magento_Catalog::products" title="Products" sortOrder="10"/>
            <resource id="Magento_Catalog::categories" title="Categories" sortOrder="20"/>
        </resource>
    </resource>
    <resource id="Magento_Sales::sales" title="Sales" sortOrder="20">
        <resource id="Magento_Sales::actions_view" title="View" sortOrder="20"/>
        <resource id="Magento_Sales::off" title="Switched off" disabled="true"/>
    </resource>
</resource>"#,
    );
    AclTree::load(&[
        ("Magento_Backend.xml", backend_xml()),
        ("Vendor_Mod.xml", module),
    ])
    .unwrap_or_else(|err| panic!("{err}"))
}

/// The resources of `tree` that `grant` allows, in tree order, space-separated.
fn allowed(tree: &AclTree, grant: &Grant) -> String {
    tree.iter()
        .filter(|r| grant.allows(tree, r.id))
        .map(|r| r.id.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// integration.xml resources → the resources the integration may use.
#[track_caller]
fn check(declared: &[&str], expect: &str) {
    let tree = tree();
    let grant = tree
        .expand(&ids(declared))
        .unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(allowed(&tree, &grant), expect);
}

#[test]
fn a_declared_leaf_brings_its_ancestors_and_the_admin_root() {
    check(
        &["Magento_Catalog::products"],
        "Magento_Backend::admin Magento_Catalog::catalog Magento_Catalog::catalog_inventory Magento_Catalog::products",
    );
}

#[test]
fn a_declared_parent_does_not_bring_its_children() {
    // Every resource gets its own allow/deny row, so Laminas inheritance never applies.
    check(
        &["Magento_Catalog::catalog"],
        "Magento_Backend::admin Magento_Catalog::catalog",
    );
}

#[test]
fn shared_ancestors_appear_once() {
    check(
        &[
            "Magento_Catalog::categories",
            "Magento_Catalog::products",
            "Magento_Catalog::products",
        ],
        "Magento_Backend::admin Magento_Catalog::catalog Magento_Catalog::catalog_inventory Magento_Catalog::products Magento_Catalog::categories",
    );
}

#[test]
fn ids_outside_the_admin_subtree_are_dropped_silently() {
    // Unknown, disabled, and the two roots themselves: the converter only searches the
    // children of `$allResources[1]`.
    check(&["Vendor_Unknown::thing"], "");
    check(&["Magento_Sales::off"], "");
    check(&["Magento_Backend::admin"], "");
    check(&["Magento_Backend::all"], "");
    check(
        &["Vendor_Unknown::thing", "Magento_Sales::actions_view"],
        "Magento_Backend::admin Magento_Sales::sales Magento_Sales::actions_view",
    );
    let tree = tree();
    let declared = ids(&[
        "Magento_Backend::all",
        "Magento_Sales::actions_view",
        "Vendor_Unknown::thing",
    ]);
    let dropped: Vec<&str> = tree
        .dropped_by_expand(&declared)
        .iter()
        .map(|id| id.as_str())
        .collect();
    assert_eq!(dropped, ["Magento_Backend::all", "Vendor_Unknown::thing"]);
}

#[test]
fn expanding_needs_the_admin_root() {
    let xml = acl_xml(r#"<resource id="Vendor_Mod::top" title="Top"/>"#);
    let tree = AclTree::load(&[("Vendor_Mod.xml", xml)]).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(
        tree.expand(&ids(&["Vendor_Mod::top"])),
        Err(AclError::NoAdminRoot)
    );
}

#[test]
fn saved_posts_follow_rules_save_rel() {
    let tree = tree();
    assert_eq!(
        Grant::saved(&tree, &ids(&["Magento_Backend::all"])),
        Grant::All
    );
    assert_eq!(Grant::saved(&tree, &[]), Grant::none());
    // The admin root is always added; ids the ACL does not know get no row.
    assert_eq!(
        Grant::saved(
            &tree,
            &ids(&["Magento_Sales::actions_view", "Vendor_Unknown::thing"])
        ),
        Grant::Resources(BTreeSet::from([
            id("Magento_Backend::admin"),
            id("Magento_Sales::actions_view")
        ]))
    );
}

#[test]
fn all_allows_everything_even_unknown_ids() {
    let tree = tree();
    assert_eq!(allowed(&tree, &Grant::All).split(' ').count(), tree.len());
    assert!(Grant::All.allows(&tree, &id("Vendor_Unknown::thing")));
    assert!(Grant::All.allows(&tree, &id("Magento_Sales::off")));
}

#[test]
fn unknown_ids_pass_only_a_role_allowed_on_the_root() {
    // Policy\Acl falls back to isAllowed($role, null) for resources the ACL lacks; that is
    // true only when the role has the Magento_Backend::all row.
    let tree = tree();
    let mixed = Grant::saved(
        &tree,
        &ids(&["Magento_Backend::all", "Magento_Sales::actions_view"]),
    );
    assert!(mixed.allows(&tree, &id("Vendor_Unknown::thing")));
    assert!(mixed.allows(&tree, &id("Magento_Sales::actions_view")));
    // Known resources keep their own deny rows.
    assert!(!mixed.allows(&tree, &id("Magento_Catalog::products")));
    let plain = Grant::saved(&tree, &ids(&["Magento_Sales::actions_view"]));
    assert!(!plain.allows(&tree, &id("Vendor_Unknown::thing")));
    assert!(!Grant::none().allows(&tree, &id("Magento_Backend::admin")));
}

#[test]
fn resources_added_after_the_grant_are_denied() {
    // The rule loader denies resources that have no row for a role.
    let tree = tree();
    let grant = tree
        .expand(&ids(&["Magento_Sales::sales"]))
        .unwrap_or_else(|err| panic!("{err}"));
    let more = acl_xml(
        r#"<resource id="Magento_Backend::admin">
    <resource id="Magento_Sales::sales">
        <resource id="Vendor_New::thing" title="New thing"/>
    </resource>
</resource>"#,
    );
    let extended = tree
        .extend(&[("Vendor_New.xml", more)])
        .unwrap_or_else(|err| panic!("{err}"));
    assert!(grant.allows(&extended, &id("Magento_Sales::sales")));
    assert!(!grant.allows(&extended, &id("Vendor_New::thing")));
}
