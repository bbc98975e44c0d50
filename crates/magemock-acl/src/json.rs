//! The tree as JSON, in the two shapes Magento produces.

use serde_json::{Value, json};

use crate::grant::Grant;
use crate::id::ADMIN_ROOT;
use crate::merge::Entry;
use crate::tree::AclTree;

impl AclTree {
    /// The whole tree as `Magento\Framework\Acl\AclResource\Provider::getAclResources()`
    /// returns (and caches as JSON) it: `[{"id", "title", "sortOrder", "children": [...]}]`,
    /// top-level nodes first, siblings in sortOrder order. `Converter\Dom` would add a
    /// `module` key for a `module` attribute, but acl.xsd forbids that attribute.
    pub fn to_json(&self) -> Value {
        Value::Array(self.nodes_json(self.root_indices(), &|entry, children| {
            json!({
                "id": entry.id.as_str(),
                "title": entry.title,
                "sortOrder": entry.sort_order,
                "children": children,
            })
        }))
    }

    /// The resource tree of the admin's integration edit page ("API" tab), with the nodes
    /// of `grant` selected: `Magento\Integration\Helper\Data::mapResources` applied to the
    /// children of `Magento_Backend::admin`
    /// (`Integration\Block\Adminhtml\Integration\Edit\Tab\Webapi::getTree`). Each node is
    /// `{"id", "li_attr": {"data-id"}, "text", "children", "state": {"selected", "opened"}}`
    /// — jsTree 3's format. `opened` is always true because `Provider` always sets
    /// `children`. For [`Grant::All`] nothing is selected: Magento's selected list is then
    /// `[Magento_Backend::all]`, which is not in this subtree, and the page shows the
    /// "All" radio button instead.
    pub fn to_jstree_json(&self, grant: &Grant) -> Value {
        let admin_children = self
            .root_indices()
            .iter()
            .filter_map(|&i| self.entry_at(i))
            .find(|entry| entry.id.as_str() == ADMIN_ROOT)
            .map_or(&[][..], |admin| admin.children.as_slice());
        Value::Array(self.nodes_json(admin_children, &|entry, children| {
            let selected = match grant {
                Grant::All => false,
                Grant::Resources(allowed) => allowed.contains(&entry.id),
            };
            json!({
                "id": entry.id.as_str(),
                "li_attr": {"data-id": entry.id.as_str()},
                "text": entry.title,
                "children": children,
                "state": {"selected": selected, "opened": true},
            })
        }))
    }

    /// Builds one JSON node per entry, children first. Depth is bounded by the parser's
    /// nesting limit.
    fn nodes_json(
        &self,
        indices: &[usize],
        node: &dyn Fn(&Entry, Vec<Value>) -> Value,
    ) -> Vec<Value> {
        indices
            .iter()
            .filter_map(|&i| self.entry_at(i))
            .map(|entry| node(entry, self.nodes_json(&entry.children, node)))
            .collect()
    }
}

#[cfg(test)]
mod tests;
