//! Merging many files. Sources: Magento\Framework\Config\Dom (`_mergeNode`,
//! `_mergeAttributes`), Magento\Framework\Acl\AclResource\Config\Reader\Filesystem (id
//! attribute), acl_merged.xsd (title required, ids unique) and
//! Magento\Framework\Acl\AclResource\TreeBuilder (disabled, sortOrder), all 2.4.8-p1.

use crate::test_support::{acl_xml, assert_text, backend_xml, outline};
use crate::tree::AclTree;

#[track_caller]
fn check(files: &[(&str, String)], expect: &str) {
    let tree = AclTree::load(files).unwrap_or_else(|err| panic!("{err}"));
    assert_text(&outline(&tree), expect);
}

#[track_caller]
fn check_error(files: &[(&str, String)], expect: &str) {
    match AclTree::load(files) {
        Ok(tree) => panic!("expected an error, got\n{}", outline(&tree)),
        Err(err) => assert_eq!(err.to_string(), expect),
    }
}

#[test]
fn modules_attach_children_by_repeating_the_parent_chain() {
    let catalog = acl_xml(
        r#"<resource id="Magento_Backend::admin">
    <resource id="Magento_Catalog::catalog" title="Catalog" sortOrder="30">
        <resource id="Magento_Catalog::products" title="Products" sortOrder="10"/>
    </resource>
    <resource id="Magento_Backend::stores">
        <resource id="Magento_Backend::stores_settings">
            <resource id="Magento_Catalog::config_catalog" title="Catalog Section"/>
        </resource>
    </resource>
</resource>"#,
    );
    check(
        &[
            ("Magento_Backend.xml", backend_xml()),
            ("Magento_Catalog.xml", catalog),
        ],
        r#"
Magento_Backend::all "Allow everything" 10
Magento_Backend::admin "Magento Admin" 20
  Magento_Catalog::catalog "Catalog" 30
    Magento_Catalog::products "Products" 10
  Magento_Backend::stores "Stores" 80
    Magento_Backend::stores_settings "Settings" 10
      Magento_Catalog::config_catalog "Catalog Section" 0
"#,
    );
}

#[test]
fn a_module_loaded_before_backend_still_merges() {
    // Magento_Config loads before Magento_Backend and repeats admin without a title; the
    // title arrives with the later file, and `all` is appended after `admin` but sorts first.
    let config = acl_xml(
        r#"<resource id="Magento_Backend::admin">
    <resource id="Magento_Backend::stores">
        <resource id="Magento_Backend::stores_settings">
            <resource id="Magento_Config::config" title="Configuration" sortOrder="20"/>
        </resource>
    </resource>
</resource>"#,
    );
    check(
        &[
            ("Magento_Config.xml", config),
            ("Magento_Backend.xml", backend_xml()),
        ],
        r#"
Magento_Backend::all "Allow everything" 10
Magento_Backend::admin "Magento Admin" 20
  Magento_Backend::stores "Stores" 80
    Magento_Backend::stores_settings "Settings" 10
      Magento_Config::config "Configuration" 20
"#,
    );
}

#[test]
fn later_files_override_attributes() {
    let retitle = acl_xml(
        r#"<resource id="Magento_Backend::admin">
    <resource id="Magento_Backend::stores" title="Shops" sortOrder="5"/>
</resource>"#,
    );
    check(
        &[
            ("Magento_Backend.xml", backend_xml()),
            ("Vendor_Retitle.xml", retitle),
        ],
        r#"
Magento_Backend::all "Allow everything" 10
Magento_Backend::admin "Magento Admin" 20
  Magento_Backend::stores "Shops" 5
    Magento_Backend::stores_settings "Settings" 10
"#,
    );
}

#[test]
fn siblings_sort_by_sort_order_with_ties_in_merge_order() {
    // Missing sortOrder is 0 (Converter\Dom); PHP 8's usort is stable.
    let first = acl_xml(
        r#"<resource id="Magento_Backend::admin">
    <resource id="Vendor_First::b" title="First b" sortOrder="20"/>
    <resource id="Vendor_First::a" title="First a" sortOrder="10"/>
    <resource id="Vendor_First::none" title="First none"/>
</resource>"#,
    );
    let second = acl_xml(
        r#"<resource id="Magento_Backend::admin">
    <resource id="Vendor_Second::a" title="Second a" sortOrder="10"/>
    <resource id="Vendor_Second::negative" title="Second negative" sortOrder="-1"/>
</resource>"#,
    );
    check(
        &[
            ("Magento_Backend.xml", backend_xml()),
            ("Vendor_First.xml", first),
            ("Vendor_Second.xml", second),
        ],
        r#"
Magento_Backend::all "Allow everything" 10
Magento_Backend::admin "Magento Admin" 20
  Vendor_Second::negative "Second negative" -1
  Vendor_First::none "First none" 0
  Vendor_First::a "First a" 10
  Vendor_Second::a "Second a" 10
  Vendor_First::b "First b" 20
  Magento_Backend::stores "Stores" 80
    Magento_Backend::stores_settings "Settings" 10
"#,
    );
}

#[test]
fn disabled_true_drops_the_subtree_but_disabled_1_does_not() {
    // Converter\Dom compares the raw attribute with 'true'; xs:boolean also allows "1".
    let module = acl_xml(
        r#"<resource id="Magento_Backend::admin">
    <resource id="Vendor_Mod::off" title="Off" disabled="true">
        <resource id="Vendor_Mod::under_off" title="Under off"/>
    </resource>
    <resource id="Vendor_Mod::one" title="One" disabled="1"/>
    <resource id="Vendor_Mod::later_on" title="Later on" disabled="true"/>
</resource>"#,
    );
    let enable = acl_xml(
        r#"<resource id="Magento_Backend::admin">
    <resource id="Vendor_Mod::later_on" disabled="false"/>
</resource>"#,
    );
    let tree = AclTree::load(&[
        ("Magento_Backend.xml", backend_xml()),
        ("Vendor_Mod.xml", module),
        ("Vendor_Enable.xml", enable),
    ])
    .unwrap_or_else(|err| panic!("{err}"));
    assert_text(
        &outline(&tree),
        r#"
Magento_Backend::all "Allow everything" 10
Magento_Backend::admin "Magento Admin" 20
  Vendor_Mod::one "One" 0
  Vendor_Mod::later_on "Later on" 0
  Magento_Backend::stores "Stores" 80
    Magento_Backend::stores_settings "Settings" 10
"#,
    );
    assert!(!tree.contains(&crate::test_support::id("Vendor_Mod::off")));
    assert!(!tree.contains(&crate::test_support::id("Vendor_Mod::under_off")));
}

#[test]
fn an_id_under_two_parents_is_an_error_naming_both_places() {
    let module = acl_xml(
        r#"<resource id="Magento_Backend::admin">
    <resource id="Magento_Backend::stores_settings" title="Settings"/>
</resource>"#,
    );
    check_error(
        &[
            ("Magento_Backend.xml", backend_xml()),
            ("Vendor_Mod.xml", module),
        ],
        "Vendor_Mod.xml:5:5: resource Magento_Backend::stores_settings is placed under Magento_Backend::admin, \
         but Magento_Backend.xml:7:9 already placed it under Magento_Backend::stores; \
         a resource has one parent, so repeat its parent chain to add to it",
    );
    let top = acl_xml(r#"<resource id="Magento_Backend::stores" title="Stores"/>"#);
    check_error(
        &[
            ("Magento_Backend.xml", backend_xml()),
            ("Vendor_Top.xml", top),
        ],
        "Vendor_Top.xml:4:1: resource Magento_Backend::stores is placed under the top level, \
         but Magento_Backend.xml:6:5 already placed it under Magento_Backend::admin; \
         a resource has one parent, so repeat its parent chain to add to it",
    );
}

#[test]
fn every_merged_resource_needs_a_title() {
    // Magento_TwoFactorAuth without Magento_User: Magento_User::acl is never given a title.
    let tfa = acl_xml(
        r#"<resource id="Magento_Backend::admin">
    <resource id="Magento_User::acl">
        <resource id="Magento_TwoFactorAuth::tfa" title="Two Factor Auth" sortOrder="40"/>
    </resource>
</resource>"#,
    );
    check_error(
        &[
            ("Magento_Backend.xml", backend_xml()),
            ("Magento_TwoFactorAuth.xml", tfa),
        ],
        "Magento_TwoFactorAuth.xml:5:5: resource Magento_User::acl has no title in any loaded file; \
         Magento's merged schema (acl_merged.xsd) requires one, so also load the module file that defines Magento_User::acl",
    );
}

#[test]
fn loading_is_all_or_nothing() {
    let good = acl_xml(
        r#"<resource id="Magento_Backend::admin">
    <resource id="Vendor_Good::thing" title="Good thing"/>
</resource>"#,
    );
    let bad = acl_xml(r#"<resource id="Vendor_Bad::thing" title="no"/>"#);
    check_error(
        &[
            ("Magento_Backend.xml", backend_xml()),
            ("Vendor_Good.xml", good.clone()),
            ("Vendor_Bad.xml", bad.clone()),
        ],
        r#"Vendor_Bad.xml:4:41: title "no" of Vendor_Bad::thing is 2 characters long; acl.xsd allows 3 to 50"#,
    );

    // `extend` leaves the tree it was called on as it was, and keeps nothing of the load.
    let base = AclTree::load(&[("Magento_Backend.xml", backend_xml())])
        .unwrap_or_else(|err| panic!("{err}"));
    let before = outline(&base);
    let err = base
        .extend(&[("Vendor_Good.xml", good.clone()), ("Vendor_Bad.xml", bad)])
        .expect_err("the bad file must fail the whole extension");
    assert!(err.to_string().starts_with("Vendor_Bad.xml:4:41:"), "{err}");
    assert_eq!(outline(&base), before);
    let extended = base
        .extend(&[("Vendor_Good.xml", good)])
        .unwrap_or_else(|err| panic!("{err}"));
    assert_text(
        &outline(&extended),
        r#"
Magento_Backend::all "Allow everything" 10
Magento_Backend::admin "Magento Admin" 20
  Vendor_Good::thing "Good thing" 0
  Magento_Backend::stores "Stores" 80
    Magento_Backend::stores_settings "Settings" 10
"#,
    );
    assert_eq!(outline(&base), before);
}

#[test]
fn an_empty_load_is_an_empty_tree() {
    // Provider::getAclResources returns [] when no file declares anything.
    let files: [(&str, &str); 0] = [];
    let tree = AclTree::load(&files).unwrap_or_else(|err| panic!("{err}"));
    assert!(tree.is_empty());
}
