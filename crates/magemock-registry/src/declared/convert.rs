//! A merged, schema-checked tree → one record per integration, as Magento's converters read
//! it (app/code/Magento/Integration/Model/Config/Consolidated/Converter.php,
//! Model/Config/Converter.php, Model/Config/Integration/Converter.php):
//!
//! * values are `nodeValue`s, kept exactly as written: no trimming;
//! * results are keyed by name, so an integration written twice in one file keeps the first
//!   one's place and takes the second one's values (PHP's `$result[$name] = ...`);
//! * resources are listed in document order, duplicates dropped (the consolidated converter's
//!   `array_unique`; the api.xml converter keeps duplicates, which grant nothing extra).
//!
//! The consolidated converter also adds each resource's ACL ancestors and
//! `Magento_Backend::admin`, and drops names the ACL tree does not know; that needs the ACL
//! tree and is left to the caller.

use std::path::PathBuf;

use super::error::Location;
use super::xml::Element;

/// One integration as one format declares it, before the formats are combined.
#[derive(Debug, Clone)]
pub(crate) struct Converted {
    pub name: String,
    /// The `<integration>` element that declared it first.
    pub at: Location,
    pub email: Option<String>,
    pub endpoint_url: Option<String>,
    pub identity_link_url: Option<String>,
    pub resources: Vec<String>,
    pub files: Vec<PathBuf>,
}

pub(crate) fn convert(root: &Element) -> Vec<Converted> {
    let mut out: Vec<Converted> = Vec::new();
    for integration in root.elements().filter(|e| e.name == "integration") {
        let name = integration
            .attribute("name")
            .map(|a| a.value.clone())
            .unwrap_or_default();
        let child_text = |tag: &str| {
            integration
                .elements()
                .find(|e| e.name == tag)
                .map(Element::text_content)
        };
        let mut resources: Vec<String> = Vec::new();
        for list in integration.elements().filter(|e| e.name == "resources") {
            for resource in list.elements().filter(|e| e.name == "resource") {
                if let Some(id) = resource.attribute("name")
                    && !resources.contains(&id.value)
                {
                    resources.push(id.value.clone());
                }
            }
        }
        let mut files: Vec<PathBuf> = Vec::new();
        for at in std::iter::once(&integration.at).chain(&integration.merged_from) {
            let file = at.file.to_path_buf();
            if !files.contains(&file) {
                files.push(file);
            }
        }
        let converted = Converted {
            name,
            at: integration.at.clone(),
            email: child_text("email"),
            endpoint_url: child_text("endpoint_url"),
            identity_link_url: child_text("identity_link_url"),
            resources,
            files,
        };
        match out.iter_mut().find(|c| c.name == converted.name) {
            Some(earlier) => {
                // PHP keeps the key's first position; the place to point at stays the first too.
                let at = earlier.at.clone();
                *earlier = Converted { at, ..converted };
            }
            None => out.push(converted),
        }
    }
    out
}
