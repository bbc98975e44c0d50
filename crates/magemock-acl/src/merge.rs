//! Merging acl.xml files into one document, then shaping it into the sorted tree.
//!
//! Merging follows `Magento\Framework\Config\Dom` with the id attribute
//! `/config/acl/resources(/resource)+` → `id`
//! (`Magento\Framework\Acl\AclResource\Config\Reader\Filesystem`): a `<resource>` whose id
//! already sits under the same parent is the same node, so its attributes are overwritten by
//! the later file and its children merged; otherwise it is appended, with its subtree, after
//! the parent's existing children. An id that ends up under two parents breaks the merged
//! schema's `uniqueResourceId`, and a node that no file gave a title breaks `acl_merged.xsd`
//! (title required).
//!
//! Shaping follows `Magento\Framework\Acl\AclResource\TreeBuilder::build`: nodes with
//! `disabled="true"` go, with their whole subtree; siblings are `usort`ed by `sortOrder`
//! (missing = 0, from `Converter\Dom`). PHP 8's sort is stable and Magento 2.4.4+ runs only
//! on PHP 8, so ties keep document order, i.e. the order in which files were merged.

use std::collections::HashMap;

use crate::error::{AclError, ParentConflict};
use crate::id::AclResourceId;
use crate::location::Location;
use crate::parse::ParsedNode;

/// The merged document: every node ever declared, in document order, with its attributes as
/// the last file to mention them left them. Kept so a tree can be extended.
#[derive(Debug, Clone, Default)]
pub(crate) struct Merged {
    nodes: Vec<MergedNode>,
    roots: Vec<usize>,
    index: HashMap<AclResourceId, usize>,
}

#[derive(Debug, Clone)]
struct MergedNode {
    id: AclResourceId,
    title: Option<String>,
    sort_order: Option<i32>,
    disabled: Option<bool>,
    parent: Option<usize>,
    children: Vec<usize>,
    /// Where the node was first declared: the place to point at when it lacks a title.
    first_at: Location,
}

/// One visible node of the shaped tree, in tree order.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub id: AclResourceId,
    pub title: String,
    pub sort_order: i32,
    pub depth: usize,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
}

/// The shaped tree: entries in tree order (depth first, siblings by sortOrder).
#[derive(Debug, Clone, Default)]
pub(crate) struct Shaped {
    pub entries: Vec<Entry>,
    pub roots: Vec<usize>,
}

impl Merged {
    /// Merges one file's resources. On error `self` may hold part of the file, so callers
    /// merge into a copy they can drop.
    pub(crate) fn merge_file(&mut self, roots: Vec<ParsedNode>) -> Result<(), AclError> {
        for node in roots {
            self.merge_node(node, None)?;
        }
        Ok(())
    }

    fn merge_node(&mut self, node: ParsedNode, parent: Option<usize>) -> Result<(), AclError> {
        let ParsedNode {
            id,
            title,
            sort_order,
            disabled,
            at,
            children,
        } = node;
        let index = match self.index.get(&id).copied() {
            Some(existing) => {
                let Some(found) = self.nodes.get_mut(existing) else {
                    return Ok(());
                };
                if found.parent != parent {
                    let first = found.first_at.clone();
                    let first_parent = found.parent;
                    return Err(AclError::ConflictingParent(Box::new(ParentConflict {
                        at,
                        id,
                        parent: self.id_of(parent),
                        first,
                        first_parent: self.id_of(first_parent),
                    })));
                }
                // `Dom::_mergeAttributes`: every attribute the later file gives wins.
                if title.is_some() {
                    found.title = title;
                }
                if sort_order.is_some() {
                    found.sort_order = sort_order;
                }
                if disabled.is_some() {
                    found.disabled = disabled;
                }
                existing
            }
            None => {
                let index = self.nodes.len();
                self.nodes.push(MergedNode {
                    id: id.clone(),
                    title,
                    sort_order,
                    disabled,
                    parent,
                    children: Vec::new(),
                    first_at: at,
                });
                self.index.insert(id, index);
                match parent.and_then(|p| self.nodes.get_mut(p)) {
                    Some(parent) => parent.children.push(index),
                    None => self.roots.push(index),
                }
                index
            }
        };
        for child in children {
            self.merge_node(child, Some(index))?;
        }
        Ok(())
    }

    fn id_of(&self, index: Option<usize>) -> Option<AclResourceId> {
        index
            .and_then(|i| self.nodes.get(i))
            .map(|node| node.id.clone())
    }

    /// Checks the merged schema, then drops disabled subtrees and sorts siblings.
    pub(crate) fn shape(&self) -> Result<Shaped, AclError> {
        if let Some(untitled) = self.nodes.iter().find(|node| node.title.is_none()) {
            return Err(AclError::MissingTitle {
                at: untitled.first_at.clone(),
                id: untitled.id.clone(),
            });
        }
        let mut shaped = Shaped::default();
        shaped.roots = self.place(&self.roots, None, 0, &mut shaped.entries);
        Ok(shaped)
    }

    /// Appends the enabled nodes among `siblings` (and their subtrees) to `entries` in tree
    /// order; returns their entry indices. Recursion depth is bounded by the parser's nesting
    /// limit, since merging never deepens a node.
    fn place(
        &self,
        siblings: &[usize],
        parent: Option<usize>,
        depth: usize,
        entries: &mut Vec<Entry>,
    ) -> Vec<usize> {
        let mut enabled: Vec<&MergedNode> = siblings
            .iter()
            .filter_map(|&i| self.nodes.get(i))
            .filter(|node| node.disabled != Some(true))
            .collect();
        // `sort_by_key` is stable, as PHP 8's usort is.
        enabled.sort_by_key(|node| node.sort_order.unwrap_or(0));
        let mut placed = Vec::with_capacity(enabled.len());
        for node in enabled {
            let index = entries.len();
            entries.push(Entry {
                id: node.id.clone(),
                title: node.title.clone().unwrap_or_default(),
                sort_order: node.sort_order.unwrap_or(0),
                depth,
                parent,
                children: Vec::new(),
            });
            let children = self.place(&node.children, Some(index), depth + 1, entries);
            if let Some(entry) = entries.get_mut(index) {
                entry.children = children;
            }
            placed.push(index);
        }
        placed
    }
}

#[cfg(test)]
mod tests;
