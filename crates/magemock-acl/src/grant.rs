//! [`Grant`]: what an integration's or admin's ACL role holds, and how Magento computes it.
//!
//! What Magento stores (`Magento\Authorization\Model\ResourceModel\Rules::saveRel`, 2.4.x):
//!
//! * posted list exactly `[Magento_Backend::all]` → one `allow` row for it; the rule loader
//!   turns that into "allow on every resource" (`$acl->allow($role, null)`).
//! * any other non-empty list → one row for **every** resource of the ACL at save time:
//!   `allow` if listed (plus `Magento_Backend::admin`, always added), `deny` otherwise.
//! * empty list → no rows: the role is allowed nothing.
//!
//! What is allowed (`Magento\Authorization\Model\Acl\Loader\Rule`, `Laminas\Permissions\Acl`,
//! `Magento\Framework\Authorization\Policy\Acl`): because every resource has its own row,
//! Laminas' parent-to-child inheritance never decides anything — declaring a parent does
//! **not** grant its children, and a child does not grant its parent. Resources added after
//! the role was saved have no row and are denied (the loader's "deny permissions for missing
//! rules"). A resource the ACL does not know at all is allowed only to a role allowed on
//! `Magento_Backend::all`: `Policy\Acl::isAllowed` catches Laminas' "resource not found" and
//! asks `isAllowed($role, null)` instead.

use std::collections::BTreeSet;

use crate::error::AclError;
use crate::id::AclResourceId;
use crate::tree::AclTree;

/// The resources an ACL role is allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grant {
    /// "All resources": the role holds `Magento_Backend::all`.
    All,
    /// Exactly these resources, each stored as its own `allow` row.
    Resources(BTreeSet<AclResourceId>),
}

impl Grant {
    /// A role with no rules (an empty posted list): allowed nothing.
    pub fn none() -> Grant {
        Grant::Resources(BTreeSet::new())
    }

    /// What `Rules::saveRel` stores for `posted` against `tree`: `[Magento_Backend::all]`
    /// alone is [`Grant::All`]; otherwise the listed resources the tree knows, plus
    /// `Magento_Backend::admin`; an empty list stays empty.
    pub fn saved(tree: &AclTree, posted: &[AclResourceId]) -> Grant {
        match posted {
            [] => Grant::none(),
            [only] if only.as_str() == crate::id::ALL_RESOURCES => Grant::All,
            _ => {
                // Only resources of the ACL get a row; unknown ids in the post are lost.
                let mut allowed: BTreeSet<AclResourceId> = posted
                    .iter()
                    .filter(|id| tree.contains(id))
                    .cloned()
                    .collect();
                let admin = AclResourceId::admin();
                if tree.contains(&admin) {
                    allowed.insert(admin);
                }
                Grant::Resources(allowed)
            }
        }
    }

    /// Whether a role holding this grant may use `resource`.
    pub fn allows(&self, tree: &AclTree, resource: &AclResourceId) -> bool {
        match self {
            Grant::All => true,
            Grant::Resources(allowed) if tree.contains(resource) => allowed.contains(resource),
            Grant::Resources(_) => self.allows_unknown(),
        }
    }

    /// Whether this grant passes resources the ACL does not know (including the webapi
    /// pseudo-resource `self` for callers that are not customers).
    pub(crate) fn allows_unknown(&self) -> bool {
        match self {
            Grant::All => true,
            Grant::Resources(allowed) => allowed.contains(&AclResourceId::all()),
        }
    }
}

impl AclTree {
    /// The grant of a config-file integration that declares `declared` in its
    /// `integration.xml`, as Magento computes and stores it.
    ///
    /// `Magento\Integration\Model\Config\Consolidated\Converter::convert` replaces each
    /// declared id by the path to it from the children of `Magento_Backend::admin` (its
    /// ancestors, outermost first, then itself), drops ids it cannot find there **silently**
    /// — unknown ids, disabled ones, and `Magento_Backend::admin` / `Magento_Backend::all`
    /// themselves — prepends `Magento_Backend::admin` if anything is left, and removes
    /// duplicates. `AuthorizationService::grantPermissions` then saves that list
    /// ([`Grant::saved`]). Children of a declared parent are not added.
    ///
    /// Magento takes the admin node as the second top-level node (`$allResources[1]`); this
    /// looks it up by id, which is the same node in any tree that has Magento_Backend's file.
    pub fn expand(&self, declared: &[AclResourceId]) -> Result<Grant, AclError> {
        let admin = self.admin_root()?;
        let mut paths = Vec::new();
        for id in declared {
            if let Some(path) = self.path_below(admin, id) {
                paths.extend(path);
            }
        }
        // "Add root resource if any child has been added"; duplicates vanish in the set.
        let posted = if paths.is_empty() {
            paths
        } else {
            std::iter::once(admin.clone()).chain(paths).collect()
        };
        Ok(Grant::saved(self, &posted))
    }

    /// The declared ids that [`AclTree::expand`] drops without a word, in declaration order:
    /// worth a warning, since Magento gives no sign of them.
    pub fn dropped_by_expand<'d>(&self, declared: &'d [AclResourceId]) -> Vec<&'d AclResourceId> {
        let Ok(admin) = self.admin_root() else {
            return declared.iter().collect();
        };
        declared
            .iter()
            .filter(|id| self.path_below(admin, id).is_none())
            .collect()
    }

    fn admin_root(&self) -> Result<&AclResourceId, AclError> {
        self.roots()
            .find(|id| id.as_str() == crate::id::ADMIN_ROOT)
            .ok_or(AclError::NoAdminRoot)
    }

    /// `id` and its ancestors below `admin`, outermost first; `None` unless `id` is a
    /// strict descendant of `admin`.
    fn path_below(&self, admin: &AclResourceId, id: &AclResourceId) -> Option<Vec<AclResourceId>> {
        if !self.contains(id) || id == admin {
            return None;
        }
        let mut path = vec![id.clone()];
        for ancestor in self.ancestors(id) {
            if ancestor == admin {
                path.reverse();
                return Some(path);
            }
            path.push(ancestor.clone());
        }
        None
    }
}

#[cfg(test)]
mod tests;
