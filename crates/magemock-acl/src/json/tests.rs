//! Sources: Magento\Framework\Acl\AclResource\Provider::getAclResources (raw tree) and
//! Magento\Integration\Helper\Data::mapResources with
//! Magento\Integration\Block\Adminhtml\Integration\Edit\Tab\Webapi::getTree (admin page),
//! 2.4.8-p1.

use std::collections::BTreeSet;

use crate::grant::Grant;
use crate::test_support::{acl_xml, id};
use crate::tree::AclTree;

fn tree() -> AclTree {
    let xml = acl_xml(
        r#"<resource id="Magento_Backend::all" title="Allow everything" sortOrder="10"/>
<resource id="Magento_Backend::admin" title="Magento Admin" sortOrder="20">
    <resource id="Magento_Catalog::catalog" title="Catalog" sortOrder="30">
        <resource id="Magento_Catalog::products" title="Products" sortOrder="10"/>
    </resource>
</resource>"#,
    );
    AclTree::load(&[("Magento_Backend.xml", xml)]).unwrap_or_else(|err| panic!("{err}"))
}

#[test]
fn to_json_is_the_provider_tree() {
    assert_eq!(
        tree().to_json().to_string(),
        r#"[{"id":"Magento_Backend::all","title":"Allow everything","sortOrder":10,"children":[]},{"id":"Magento_Backend::admin","title":"Magento Admin","sortOrder":20,"children":[{"id":"Magento_Catalog::catalog","title":"Catalog","sortOrder":30,"children":[{"id":"Magento_Catalog::products","title":"Products","sortOrder":10,"children":[]}]}]}]"#
    );
}

#[test]
fn to_jstree_json_is_the_integration_api_tab() {
    let grant = Grant::Resources(BTreeSet::from([
        id("Magento_Backend::admin"),
        id("Magento_Catalog::catalog"),
    ]));
    assert_eq!(
        tree().to_jstree_json(&grant).to_string(),
        r#"[{"id":"Magento_Catalog::catalog","li_attr":{"data-id":"Magento_Catalog::catalog"},"text":"Catalog","children":[{"id":"Magento_Catalog::products","li_attr":{"data-id":"Magento_Catalog::products"},"text":"Products","children":[],"state":{"selected":false,"opened":true}}],"state":{"selected":true,"opened":true}}]"#
    );
    // "All resources" shows the radio button; no tree node is selected.
    let all = tree().to_jstree_json(&Grant::All).to_string();
    assert!(!all.contains(r#""selected":true"#), "{all}");
}

#[test]
fn to_jstree_json_without_admin_is_empty() {
    let xml = acl_xml(r#"<resource id="Vendor_Mod::top" title="Top"/>"#);
    let tree = AclTree::load(&[("Vendor_Mod.xml", xml)]).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(tree.to_jstree_json(&Grant::All).to_string(), "[]");
}
