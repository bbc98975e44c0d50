//! Merging one file's tree into the trees read before it, step for step as
//! `Magento\Framework\Config\Dom::merge` does (lib/internal/Magento/Framework/Config/Dom.php,
//! `_mergeNode`, `_getNodePathByParent`, `_getMatchedNode`, `_isTextNode`):
//!
//! 1. Each incoming element gets an XPath from its parent's path plus its tag name, with an
//!    `[@id='value']` predicate when the reader declares an id attribute for that path and the
//!    element's value for it is truthy in PHP (not empty, not `"0"`).
//! 2. That path is queried in the merged document. More than one match is an error; one
//!    match is merged into; none appends the incoming element, whole, to its parent.
//! 3. Merging copies the incoming attributes over the matched ones. An incoming element whose
//!    only child is a text node replaces the matched element's value (unless the matched one
//!    has element children); otherwise its element children are merged one by one.
//!
//! So a later module overrides `<email>`, `<endpoint_url>` and `<identity_link_url>` and adds
//! resources, but never removes one.

use super::error::DeclaredError;
use super::xml::{Element, Node};

/// The id attribute of each merge path (`Reader::$_idAttributes`), predicates stripped.
pub(crate) type IdAttributes = &'static [(&'static str, &'static str)];

/// `Integration\Model\Config\Consolidated\Reader` (integration.xml). Its third entry,
/// `'/config/integration/'` under the numeric key 0, matches no path and is left out.
pub(crate) const CONSOLIDATED_IDS: IdAttributes = &[
    ("/config/integration", "name"),
    ("/config/integration/resources/resource", "name"),
];

/// `Integration\Model\Config\Reader` (integration/config.xml).
pub(crate) const LEGACY_CONFIG_IDS: IdAttributes = &[("/integrations/integration", "name")];

/// `Integration\Model\Config\Integration\Reader` (integration/api.xml).
pub(crate) const LEGACY_API_IDS: IdAttributes = &[
    ("/integrations/integration", "name"),
    ("/integrations/integration/resources/resource", "name"),
];

/// One step of a merge path: a tag name and perhaps an `[@attribute='value']` predicate.
#[derive(Debug, Clone)]
struct Step {
    name: String,
    predicate: Option<(&'static str, String)>,
}

/// Merges `incoming` (the root of a later file) into `base` (the merged document so far).
/// Both roots have already been checked to carry the same name.
pub(crate) fn merge(
    base: &mut Element,
    incoming: Element,
    ids: IdAttributes,
) -> Result<(), DeclaredError> {
    merge_node(base, incoming, &[], ids)
}

fn merge_node(
    base: &mut Element,
    node: Element,
    parent: &[Step],
    ids: IdAttributes,
) -> Result<(), DeclaredError> {
    let path = path_of(&node, parent, ids)?;
    match matched(base, &path, &node)? {
        Some(address) => {
            let Some(target) = element_at(base, &address) else {
                return Ok(());
            };
            target.merged_from.push(node.at.clone());
            for attribute in &node.attributes {
                match target
                    .attributes
                    .iter_mut()
                    .find(|a| a.name == attribute.name)
                {
                    Some(existing) => *existing = attribute.clone(),
                    None => target.attributes.push(attribute.clone()),
                }
            }
            if node.children.is_empty() {
                return Ok(());
            }
            if is_text_node(&node) {
                // Magento keeps a matched element that has children of its own.
                if target.children.is_empty() || is_text_node(target) {
                    target.children = node.children;
                }
                return Ok(());
            }
            for child in node.children {
                if let Node::Element(child) = child {
                    merge_node(base, child, &path, ids)?;
                }
            }
            Ok(())
        }
        None => {
            let Some(address) = matched(base, parent, &node)? else {
                // Unreachable for documents whose roots match: the parent was merged first.
                return Ok(());
            };
            if let Some(target) = element_at(base, &address) {
                target.children.push(Node::Element(node));
            }
            Ok(())
        }
    }
}

/// `_isTextNode`: exactly one child, and that child a text (or CDATA) node.
fn is_text_node(element: &Element) -> bool {
    matches!(element.children.as_slice(), [Node::Text(_)])
}

fn path_of(node: &Element, parent: &[Step], ids: IdAttributes) -> Result<Vec<Step>, DeclaredError> {
    let mut path = parent.to_vec();
    let plain: String = parent
        .iter()
        .map(|s| format!("/{}", s.name))
        .collect::<String>()
        + "/"
        + &node.name;
    let predicate = match ids.iter().find(|(pattern, _)| *pattern == plain) {
        // PHP's `($value = $node->getAttribute($id))` is false for "" and "0".
        Some((_, id)) => match node.attribute(id) {
            Some(a) if !a.value.is_empty() && a.value != "0" => {
                if a.value.contains('\'') {
                    return Err(DeclaredError::UnmergeableValue {
                        at: a.at.clone(),
                        value: a.value.clone(),
                    });
                }
                Some((*id, a.value.clone()))
            }
            _ => None,
        },
        None => None,
    };
    path.push(Step {
        name: node.name.clone(),
        predicate,
    });
    Ok(path)
}

/// `_getMatchedNode`: the one element `path` selects, as child indices from the root.
fn matched(
    base: &Element,
    path: &[Step],
    node: &Element,
) -> Result<Option<Vec<usize>>, DeclaredError> {
    let Some((first, rest)) = path.split_first() else {
        return Ok(None);
    };
    if !step_matches(base, first) {
        return Ok(None);
    }
    let mut found = Vec::new();
    collect(base, rest, &mut Vec::new(), &mut found);
    match found.len() {
        0 => Ok(None),
        1 => Ok(found.pop()),
        _ => Err(DeclaredError::AmbiguousMerge {
            at: node.at.clone(),
            query: render(path),
        }),
    }
}

fn collect(
    element: &Element,
    rest: &[Step],
    address: &mut Vec<usize>,
    found: &mut Vec<Vec<usize>>,
) {
    let Some((step, rest)) = rest.split_first() else {
        found.push(address.clone());
        return;
    };
    for (index, child) in element.children.iter().enumerate() {
        if let Node::Element(child) = child
            && step_matches(child, step)
        {
            address.push(index);
            collect(child, rest, address, found);
            address.pop();
        }
    }
}

fn step_matches(element: &Element, step: &Step) -> bool {
    element.name == step.name
        && match &step.predicate {
            None => true,
            Some((id, value)) => element.attribute(id).is_some_and(|a| &a.value == value),
        }
}

fn element_at<'e>(root: &'e mut Element, address: &[usize]) -> Option<&'e mut Element> {
    let mut current = root;
    for &index in address {
        current = match current.children.get_mut(index) {
            Some(Node::Element(child)) => child,
            _ => return None,
        };
    }
    Some(current)
}

/// The path as Magento prints it in its error.
fn render(path: &[Step]) -> String {
    path.iter()
        .map(|step| match &step.predicate {
            Some((id, value)) => format!("/{}[@{id}='{value}']", step.name),
            None => format!("/{}", step.name),
        })
        .collect()
}
