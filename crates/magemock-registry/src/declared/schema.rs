//! Magento's integration schemas, as checks over a parsed (or merged) tree.
//!
//! * `integration_file.xsd` (each integration.xml) and `integration.xsd` (the merged result)
//!   differ only in `<email>`: optional per file, required once merged. Children of
//!   `<integration>` are an `xs:all`: any order, each at most once.
//! * `config.xsd` (deprecated integration/config.xml) is an `xs:sequence`: `<email>`, then
//!   optionally `<endpoint_url>`, then optionally `<identity_link_url>`.
//! * `api.xsd` (deprecated integration/api.xml): exactly one `<resources>` per integration.
//!
//! The legacy readers have no per-file schema (`SchemaLocator::$_perFileSchema` is null), so
//! Magento checks config.xsd and api.xsd only against the merged document; `load` does the
//! same. All of them allow comments, processing instructions, `xmlns` declarations and `xsi:`
//! schema-location hints anywhere.

use super::error::{DeclaredError, Location};
use super::facets;
use super::xml::{Element, Node, is_xml_space};

/// Which integration schema a tree is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Schema {
    /// integration_file.xsd: one etc/integration.xml.
    ConsolidatedFile,
    /// integration.xsd: all etc/integration.xml files merged.
    ConsolidatedMerged,
    /// config.xsd: all etc/integration/config.xml files merged.
    LegacyConfig,
    /// api.xsd: all etc/integration/api.xml files merged.
    LegacyApi,
}

impl Schema {
    pub(crate) fn file_name(self) -> &'static str {
        match self {
            Schema::ConsolidatedFile => "integration_file.xsd",
            Schema::ConsolidatedMerged => "integration.xsd",
            Schema::LegacyConfig => "config.xsd",
            Schema::LegacyApi => "api.xsd",
        }
    }

    pub(crate) fn root(self) -> &'static str {
        match self {
            Schema::ConsolidatedFile | Schema::ConsolidatedMerged => "config",
            Schema::LegacyConfig | Schema::LegacyApi => "integrations",
        }
    }

    /// The module file this schema belongs to, for messages.
    pub(crate) fn declared_in(self) -> &'static str {
        match self {
            Schema::ConsolidatedFile | Schema::ConsolidatedMerged => "etc/integration.xml",
            Schema::LegacyConfig => "etc/integration/config.xml",
            Schema::LegacyApi => "etc/integration/api.xml",
        }
    }

    fn integration_children(self) -> &'static str {
        match self {
            Schema::ConsolidatedFile | Schema::ConsolidatedMerged => {
                "<email>, <endpoint_url>, <identity_link_url> and <resources>"
            }
            Schema::LegacyConfig => "<email>, <endpoint_url> and <identity_link_url>",
            Schema::LegacyApi => "<resources>",
        }
    }
}

/// Checks only the root element's name, which every file must get right before merging.
pub(crate) fn check_root(root: &Element, schema: Schema) -> Result<(), DeclaredError> {
    check_namespace(root)?;
    if root.name != schema.root() {
        return Err(DeclaredError::WrongRoot {
            at: root.at.clone(),
            found: root.name.clone(),
            expected: schema.root(),
            schema: schema.file_name(),
        });
    }
    Ok(())
}

/// Checks a whole tree against `schema`.
pub(crate) fn check(root: &Element, schema: Schema) -> Result<(), DeclaredError> {
    check_root(root, schema)?;
    let root_name = schema.root();
    check_attributes(root, root_name, &[], "no attributes")?;
    check_element_only(root, root_name)?;
    let mut integrations = 0;
    for child in root.elements() {
        check_namespace(child)?;
        if child.name != "integration" {
            return Err(unknown(child, root_name, "<integration>", schema));
        }
        integration(child, schema)?;
        integrations += 1;
    }
    if integrations == 0 {
        return Err(missing(root, "integration", root_name, schema));
    }
    Ok(())
}

fn integration(element: &Element, schema: Schema) -> Result<(), DeclaredError> {
    check_attributes(element, "integration", &["name"], "only name")?;
    let Some(name) = element.attribute("name") else {
        return Err(DeclaredError::MissingAttribute {
            at: element.at.clone(),
            element: "integration",
            name: "name",
        });
    };
    if !facets::name_is_long_enough(&name.value) {
        return Err(DeclaredError::NameTooShort {
            at: name.at.clone(),
            name: name.value.clone(),
        });
    }
    check_element_only(element, "integration")?;

    // Slots in config.xsd's sequence order; xs:all ignores the order.
    const SLOTS: [&str; 4] = ["email", "endpoint_url", "identity_link_url", "resources"];
    let allowed: &[&str] = match schema {
        Schema::ConsolidatedFile | Schema::ConsolidatedMerged => &SLOTS,
        Schema::LegacyConfig => &SLOTS[..3],
        Schema::LegacyApi => &SLOTS[3..],
    };
    let mut first: [Option<&Element>; 4] = [None; 4];
    let mut furthest: Option<usize> = None;
    for child in element.elements() {
        check_namespace(child)?;
        let Some(slot) = SLOTS
            .iter()
            .position(|s| *s == child.name)
            .filter(|&i| allowed.contains(&SLOTS[i]))
        else {
            return Err(unknown(
                child,
                "integration",
                schema.integration_children(),
                schema,
            ));
        };
        if let Some(earlier) = first[slot] {
            return Err(DeclaredError::DuplicateElement {
                at: child.at.clone(),
                name: SLOTS[slot],
                parent: "integration",
                first: earlier.at.clone(),
            });
        }
        if schema == Schema::LegacyConfig
            && let Some(after) = furthest.filter(|&f| f > slot)
        {
            return Err(DeclaredError::OutOfOrder {
                at: child.at.clone(),
                name: SLOTS[slot],
                before: SLOTS[after],
            });
        }
        furthest = furthest.max(Some(slot));
        first[slot] = Some(child);
        match slot {
            0 => email(child, schema)?,
            1 | 2 => url(child, SLOTS[slot], schema)?,
            _ => resources(child, schema)?,
        }
    }

    let email_required = matches!(schema, Schema::ConsolidatedMerged | Schema::LegacyConfig);
    if email_required && first[0].is_none() {
        return Err(DeclaredError::MissingEmail {
            at: element.at.clone(),
            name: name.value.clone(),
            file: schema.declared_in(),
            schema: schema.file_name(),
        });
    }
    if schema == Schema::LegacyApi && first[3].is_none() {
        return Err(missing(element, "resources", "integration", schema));
    }
    Ok(())
}

fn email(element: &Element, schema: Schema) -> Result<(), DeclaredError> {
    let (value, at) = simple_value(element, "email", schema)?;
    if !facets::email_matches(&value) {
        return Err(DeclaredError::InvalidEmail { at, value });
    }
    Ok(())
}

fn url(element: &Element, name: &'static str, schema: Schema) -> Result<(), DeclaredError> {
    let (value, at) = simple_value(element, name, schema)?;
    if let Some(problem) = facets::url_problem(&value) {
        return Err(DeclaredError::InvalidUrl {
            at,
            element: name,
            value,
            problem,
        });
    }
    Ok(())
}

fn resources(element: &Element, schema: Schema) -> Result<(), DeclaredError> {
    check_attributes(element, "resources", &[], "no attributes")?;
    check_element_only(element, "resources")?;
    let mut count = 0;
    for child in element.elements() {
        check_namespace(child)?;
        if child.name != "resource" {
            return Err(unknown(child, "resources", "<resource>", schema));
        }
        resource(child, schema)?;
        count += 1;
    }
    if count == 0 {
        return Err(missing(element, "resource", "resources", schema));
    }
    Ok(())
}

/// `resourceType`: text content of any kind is allowed, but no child elements.
fn resource(element: &Element, schema: Schema) -> Result<(), DeclaredError> {
    check_attributes(element, "resource", &["name"], "only name")?;
    if let Some(child) = element.elements().next() {
        return Err(unknown(
            child,
            "resource",
            "no elements (only text)",
            schema,
        ));
    }
    let Some(name) = element.attribute("name") else {
        return Err(DeclaredError::MissingAttribute {
            at: element.at.clone(),
            element: "resource",
            name: "name",
        });
    };
    if !facets::resource_name_matches(&name.value) {
        return Err(DeclaredError::InvalidResourceName {
            at: name.at.clone(),
            value: name.value.clone(),
        });
    }
    Ok(())
}

/// The value of a simple-typed element, and where to point at it: its first text node
/// (which may come from a later file than the element), or else the element.
fn simple_value(
    element: &Element,
    name: &'static str,
    schema: Schema,
) -> Result<(String, Location), DeclaredError> {
    check_attributes(element, name, &[], "no attributes")?;
    if let Some(child) = element.elements().next() {
        return Err(unknown(child, name, "no elements (only text)", schema));
    }
    let at = element
        .children
        .iter()
        .find_map(|node| match node {
            Node::Text(text) => Some(text.at.clone()),
            _ => None,
        })
        .unwrap_or_else(|| element.at.clone());
    Ok((element.text_content(), at))
}

/// Text other than whitespace is not allowed in element-only content.
fn check_element_only(element: &Element, name: &'static str) -> Result<(), DeclaredError> {
    for node in &element.children {
        if let Node::Text(text) = node
            && let Some(at) = &text.content_at
        {
            return Err(DeclaredError::UnexpectedText {
                at: at.clone(),
                parent: name,
                text: text.value.trim_matches(is_xml_space).to_string(),
            });
        }
    }
    Ok(())
}

/// Namespace declarations and the `xsi:` schema-location hints are always allowed; so are
/// `allowed`. (`xsi:type` and `xsi:nil` mean something to a validator, and nothing here
/// accepts what they ask for.)
fn check_attributes(
    element: &Element,
    name: &'static str,
    allowed: &[&str],
    allowed_text: &'static str,
) -> Result<(), DeclaredError> {
    for attribute in &element.attributes {
        let neutral = attribute.name == "xmlns"
            || attribute.name.starts_with("xmlns:")
            || matches!(
                attribute.name.as_str(),
                "xsi:noNamespaceSchemaLocation" | "xsi:schemaLocation"
            );
        if !neutral && !allowed.contains(&attribute.name.as_str()) {
            return Err(DeclaredError::UnexpectedAttribute {
                at: attribute.at.clone(),
                name: attribute.name.clone(),
                element: name,
                allowed: allowed_text,
            });
        }
    }
    Ok(())
}

fn check_namespace(element: &Element) -> Result<(), DeclaredError> {
    match &element.namespace {
        Some(namespace) => Err(DeclaredError::ElementNamespace {
            at: element.at.clone(),
            name: element.name.clone(),
            namespace: namespace.clone(),
        }),
        None => Ok(()),
    }
}

fn unknown(
    child: &Element,
    parent: &'static str,
    allowed: &'static str,
    schema: Schema,
) -> DeclaredError {
    DeclaredError::UnknownElement {
        at: child.at.clone(),
        name: child.name.clone(),
        parent,
        allowed,
        schema: schema.file_name(),
    }
}

fn missing(
    element: &Element,
    name: &'static str,
    parent: &'static str,
    schema: Schema,
) -> DeclaredError {
    DeclaredError::MissingElement {
        at: element.at.clone(),
        name,
        parent,
        schema: schema.file_name(),
    }
}
