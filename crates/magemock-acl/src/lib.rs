//! Magento 2.4's ACL resource tree, as the integration subsystem uses it.
//!
//! This crate stands in for `Magento\Framework\Acl` (the acl.xml reader, merger and
//! `TreeBuilder`, `AclResource\Provider`, `Authorization\Policy\Acl`), the role rules of
//! `Magento\Authorization` (`Rules::saveRel`, `Acl\Loader\Rule`), the resource expansion of
//! `Magento\Integration`'s `integration.xml` converter, and the webapi ACL check
//! (`Magento\Framework\Webapi\Authorization` with its guest and customer plugins).
//!
//! * [`AclTree`] parses and merges acl.xml files ([`AclTree::load`], [`AclTree::extend`],
//!   [`default_tree`]) and answers questions about the tree.
//! * [`Grant`] is what a role holds; [`AclTree::expand`] computes it for an
//!   `integration.xml` resource list, [`Grant::saved`] for a list posted from the admin.
//! * [`Requirement`], [`CallerKind`] and [`check`] decide a webapi route call.
//!
//! Nothing here knows HTTP, the store or the clock. Every error is an [`AclError`]; no input
//! makes this crate panic.

mod check;
mod defaults;
mod error;
mod grant;
mod id;
mod json;
mod location;
mod merge;
pub mod messages;
mod parse;
mod tree;

#[cfg(test)]
mod test_support;

pub use check::{CallerKind, Decision, Requirement, check};
pub use defaults::{default_files, default_tree};
pub use error::{AclError, IdProblem, ParentConflict};
pub use grant::Grant;
pub use id::{ADMIN_ROOT, ALL_RESOURCES, AclResourceId};
pub use location::Location;
pub use tree::{AclResource, AclTree};
