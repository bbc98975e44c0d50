//! [`AclResourceId`]: a string that passed Magento's ACL id pattern.
//!
//! The pattern is `typeId` in `lib/internal/Magento/Framework/Acl/etc/acl.xsd` (unchanged
//! through 2.4.8-p1): `([A-Z]+[a-zA-Z0-9]{1,}){1,}_[A-Z]+[A-Z0-9a-z]{1,}::[A-Za-z_0-9]{1,}`,
//! matched against the whole value as XSD patterns are. Both name groups reduce to "an
//! upper-case ASCII letter followed by one or more ASCII letters or digits", which is what
//! [`check`] tests, one part at a time so the error can say which part is wrong.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{AclError, IdProblem};

/// `Magento\Framework\Acl\RootResource`'s id (Backend `etc/di.xml`): holding it means
/// "all resources".
pub const ALL_RESOURCES: &str = "Magento_Backend::all";

/// The node every module tree hangs under, and the one `Rules::saveRel` grants to every
/// role that is not "all resources" (`Magento\Backend\App\AbstractAction::ADMIN_RESOURCE`).
pub const ADMIN_ROOT: &str = "Magento_Backend::admin";

/// The XSD pattern, quoted in error messages.
pub(crate) const PATTERN: &str =
    "([A-Z]+[a-zA-Z0-9]{1,}){1,}_[A-Z]+[A-Z0-9a-z]{1,}::[A-Za-z_0-9]{1,}";

/// An ACL resource id such as `Magento_Catalog::products`, valid by Magento's pattern.
///
/// It says nothing about whether a tree contains the id; ask [`crate::AclTree::contains`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AclResourceId(String);

impl AclResourceId {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `Magento_Backend::all`.
    pub fn all() -> Self {
        Self(ALL_RESOURCES.to_string())
    }

    /// `Magento_Backend::admin`.
    pub fn admin() -> Self {
        Self(ADMIN_ROOT.to_string())
    }
}

impl TryFrom<&str> for AclResourceId {
    type Error = AclError;

    fn try_from(value: &str) -> Result<Self, AclError> {
        match check(value) {
            Ok(()) => Ok(Self(value.to_string())),
            Err(problem) => Err(AclError::InvalidId {
                value: value.to_string(),
                problem,
            }),
        }
    }
}

impl TryFrom<String> for AclResourceId {
    type Error = AclError;

    fn try_from(value: String) -> Result<Self, AclError> {
        match check(&value) {
            Ok(()) => Ok(Self(value)),
            Err(problem) => Err(AclError::InvalidId { value, problem }),
        }
    }
}

impl From<AclResourceId> for String {
    fn from(id: AclResourceId) -> String {
        id.0
    }
}

impl AsRef<str> for AclResourceId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AclResourceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether `value` matches the whole XSD pattern, and if not, the first part that does not.
pub(crate) fn check(value: &str) -> Result<(), IdProblem> {
    if value.is_empty() {
        return Err(IdProblem::Empty);
    }
    let Some((module, resource)) = value.split_once("::") else {
        return Err(IdProblem::NoSeparator);
    };
    let Some((vendor, name)) = module.split_once('_') else {
        return Err(IdProblem::NoUnderscore(module.to_string()));
    };
    if !is_name(vendor) {
        return Err(IdProblem::BadVendor(vendor.to_string()));
    }
    if !is_name(name) {
        return Err(IdProblem::BadModule(name.to_string()));
    }
    let resource_ok = !resource.is_empty()
        && resource
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if !resource_ok {
        return Err(IdProblem::BadResource(resource.to_string()));
    }
    Ok(())
}

/// `[A-Z]+[a-zA-Z0-9]{1,}` (repeated or not): an upper-case ASCII letter, then at least one
/// more ASCII letter or digit.
fn is_name(part: &str) -> bool {
    let bytes = part.as_bytes();
    bytes.len() >= 2
        && bytes.first().is_some_and(u8::is_ascii_uppercase)
        && bytes.iter().all(u8::is_ascii_alphanumeric)
}

#[cfg(test)]
mod tests;
