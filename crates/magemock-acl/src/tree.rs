//! [`AclTree`]: the merged, sorted resource tree that `Magento\Framework\Acl\AclResource\Provider::getAclResources`
//! returns and `Magento\Framework\Acl\Loader\ResourceLoader` loads into the ACL.

use std::collections::HashMap;

use crate::error::AclError;
use crate::id::AclResourceId;
use crate::merge::{Entry, Merged, Shaped};
use crate::parse;

/// Magento's ACL resource tree, built from acl.xml files.
///
/// Disabled resources are not in it: Magento drops them before the ACL sees them, so for
/// every check they are unknown ids. Build one with [`AclTree::load`] or
/// [`crate::default_tree`]; add files with [`AclTree::extend`].
#[derive(Debug, Clone)]
pub struct AclTree {
    merged: Merged,
    shaped: Shaped,
    by_id: HashMap<AclResourceId, usize>,
}

/// One resource of an [`AclTree`], as [`AclTree::iter`] yields it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AclResource<'t> {
    pub id: &'t AclResourceId,
    pub title: &'t str,
    pub sort_order: i32,
    /// 0 for the top-level nodes (`Magento_Backend::all`, `Magento_Backend::admin`).
    pub depth: usize,
    pub parent: Option<&'t AclResourceId>,
}

impl AclTree {
    /// Loads `files` — `(file name, acl.xml text)` pairs — in the order given, which is
    /// Magento's module load order: it decides the order of siblings with equal sortOrder.
    ///
    /// All or nothing: on any error no tree is returned.
    pub fn load<N: AsRef<str>, X: AsRef<str>>(files: &[(N, X)]) -> Result<AclTree, AclError> {
        Self::build(Merged::default(), files)
    }

    /// A new tree with `files` merged after the files this one was built from, as if they
    /// belonged to modules loaded last (`--acl FILE`). `self` is never changed; on any error
    /// nothing of `files` is kept anywhere.
    pub fn extend<N: AsRef<str>, X: AsRef<str>>(
        &self,
        files: &[(N, X)],
    ) -> Result<AclTree, AclError> {
        Self::build(self.merged.clone(), files)
    }

    fn build<N: AsRef<str>, X: AsRef<str>>(
        mut merged: Merged,
        files: &[(N, X)],
    ) -> Result<AclTree, AclError> {
        for (name, xml) in files {
            merged.merge_file(parse::parse(name.as_ref(), xml.as_ref())?)?;
        }
        let shaped = merged.shape()?;
        let by_id = shaped
            .entries
            .iter()
            .enumerate()
            .map(|(index, entry)| (entry.id.clone(), index))
            .collect();
        Ok(AclTree {
            merged,
            shaped,
            by_id,
        })
    }

    /// Number of (enabled) resources.
    pub fn len(&self) -> usize {
        self.shaped.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shaped.entries.is_empty()
    }

    /// Whether the ACL knows `id`. Disabled resources are unknown.
    pub fn contains(&self, id: &AclResourceId) -> bool {
        self.by_id.contains_key(id)
    }

    pub fn title(&self, id: &AclResourceId) -> Option<&str> {
        self.entry(id).map(|entry| entry.title.as_str())
    }

    pub fn sort_order(&self, id: &AclResourceId) -> Option<i32> {
        self.entry(id).map(|entry| entry.sort_order)
    }

    pub fn parent(&self, id: &AclResourceId) -> Option<&AclResourceId> {
        let parent = self.entry(id)?.parent?;
        self.shaped.entries.get(parent).map(|entry| &entry.id)
    }

    /// The ancestors of `id`, nearest first; empty for a top-level or unknown id.
    pub fn ancestors<'t>(
        &'t self,
        id: &AclResourceId,
    ) -> impl Iterator<Item = &'t AclResourceId> + 't {
        let mut next = self.entry(id).and_then(|entry| entry.parent);
        std::iter::from_fn(move || {
            let entry = self.shaped.entries.get(next?)?;
            next = entry.parent;
            Some(&entry.id)
        })
    }

    /// The children of `id` in sortOrder order; empty for a leaf or unknown id.
    pub fn children<'t>(
        &'t self,
        id: &AclResourceId,
    ) -> impl Iterator<Item = &'t AclResourceId> + 't {
        let children = self
            .entry(id)
            .map_or(&[][..], |entry| entry.children.as_slice());
        self.ids(children)
    }

    /// The top-level resources in sortOrder order (`Magento_Backend::all`, then
    /// `Magento_Backend::admin` in a stock tree).
    pub fn roots(&self) -> impl Iterator<Item = &AclResourceId> + '_ {
        self.ids(&self.shaped.roots)
    }

    /// Every resource in tree order: depth first, siblings by sortOrder. This is the order of
    /// `Laminas\Permissions\Acl\Acl::getResources()`, in which `Rules::saveRel` writes a
    /// role's rows.
    pub fn iter(&self) -> impl Iterator<Item = AclResource<'_>> + '_ {
        self.shaped.entries.iter().map(|entry| AclResource {
            id: &entry.id,
            title: &entry.title,
            sort_order: entry.sort_order,
            depth: entry.depth,
            parent: entry
                .parent
                .and_then(|p| self.shaped.entries.get(p))
                .map(|parent| &parent.id),
        })
    }

    fn ids<'t>(&'t self, indices: &'t [usize]) -> impl Iterator<Item = &'t AclResourceId> + 't {
        indices
            .iter()
            .filter_map(|&i| self.shaped.entries.get(i))
            .map(|entry| &entry.id)
    }

    pub(crate) fn entry(&self, id: &AclResourceId) -> Option<&Entry> {
        self.by_id.get(id).and_then(|&i| self.shaped.entries.get(i))
    }

    pub(crate) fn entry_at(&self, index: usize) -> Option<&Entry> {
        self.shaped.entries.get(index)
    }

    pub(crate) fn root_indices(&self) -> &[usize] {
        &self.shaped.roots
    }
}

#[cfg(test)]
mod tests;
