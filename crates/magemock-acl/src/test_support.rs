//! Helpers shared by the unit tests: small acl.xml fragments and tree outlines.

use crate::id::AclResourceId;
use crate::tree::AclTree;

/// A whole acl.xml around `resources` (the inside of `<resources>`). The first resource line
/// is line 4.
pub(crate) fn acl_xml(resources: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n<config xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:noNamespaceSchemaLocation=\"urn:magento:framework:Acl/etc/acl.xsd\">\n<acl><resources>\n{resources}\n</resources></acl>\n</config>\n"
    )
}

/// A Magento_Backend-like root file: `all` and `admin` on top, one stores branch.
pub(crate) fn backend_xml() -> String {
    acl_xml(
        r#"<resource id="Magento_Backend::all" title="Allow everything" sortOrder="10"/>
<resource id="Magento_Backend::admin" title="Magento Admin" sortOrder="20">
    <resource id="Magento_Backend::stores" title="Stores" sortOrder="80">
        <resource id="Magento_Backend::stores_settings" title="Settings" sortOrder="10"/>
    </resource>
</resource>"#,
    )
}

/// One line per resource: indentation for depth, then `id "title" sortOrder`.
pub(crate) fn outline(tree: &AclTree) -> String {
    tree.iter()
        .map(|r| {
            format!(
                "{}{} {:?} {}\n",
                "  ".repeat(r.depth),
                r.id,
                r.title,
                r.sort_order
            )
        })
        .collect()
}

#[track_caller]
pub(crate) fn id(value: &str) -> AclResourceId {
    AclResourceId::try_from(value).unwrap_or_else(|err| panic!("{err}"))
}

#[track_caller]
pub(crate) fn ids(values: &[&str]) -> Vec<AclResourceId> {
    values.iter().map(|v| id(v)).collect()
}

/// Compares multi-line text, ignoring leading and trailing blank lines.
#[track_caller]
pub(crate) fn assert_text(actual: &str, expect: &str) {
    assert_eq!(actual.trim(), expect.trim(), "\nactual:\n{actual}");
}
