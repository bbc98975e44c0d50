//! Webapi route checks: [`Requirement`] (a route's `<resources>`), [`CallerKind`] and
//! [`check`].
//!
//! Sources (2.4.8-p1): `Magento\Framework\Webapi\Authorization::isAllowed` (every listed
//! resource must pass), `Magento\Webapi\Model\Plugin\GuestAuthorization` (`anonymous` passes
//! for everyone), `Magento\Customer\Model\Customer\Authorization` via the
//! `CustomerAuthorization` plugin (`self` passes for an authenticated customer whose account
//! is shared with the current store), `Magento\Webapi\Model\WebapiRoleLocator` (only admins
//! and integrations have an ACL role) and `Magento\Framework\Authorization\Policy\Acl`.

use crate::error::AclError;
use crate::grant::Grant;
use crate::id::AclResourceId;
use crate::tree::AclTree;

const ANONYMOUS: &str = "anonymous";
const SELF: &str = "self";

/// What a webapi route requires, from its `<resource ref="..."/>` list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Requirement {
    /// `anonymous`: anyone, with or without a token.
    Anonymous,
    /// `self`: an authenticated customer (the "me" routes).
    SelfCustomer,
    /// ACL resources, all of which the caller's role must be allowed.
    Resources(Vec<AclResourceId>),
}

impl Requirement {
    /// Reads a route's resource refs.
    ///
    /// Duplicates collapse, first occurrence kept (`Webapi\Model\Config\Converter` keys the
    /// refs). `anonymous` next to other refs is dropped, since it passes for everyone. An
    /// empty list requires nothing, as `Webapi\Authorization::isAllowed` of an empty list is
    /// true. `self` together with ACL ids is an error: this type cannot say it, and no stock
    /// route does it.
    pub fn from_refs<S: AsRef<str>>(refs: &[S]) -> Result<Requirement, AclError> {
        let mut wants_self = false;
        let mut ids: Vec<AclResourceId> = Vec::new();
        for reference in refs {
            match reference.as_ref() {
                ANONYMOUS => {}
                SELF => wants_self = true,
                other => {
                    let id = AclResourceId::try_from(other)?;
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
        }
        match (wants_self, ids.is_empty()) {
            (false, true) => Ok(Requirement::Anonymous),
            (true, true) => Ok(Requirement::SelfCustomer),
            (false, false) => Ok(Requirement::Resources(ids)),
            (true, false) => Err(AclError::UnsupportedRequirement {
                refs: refs.iter().map(|r| r.as_ref().to_string()).collect(),
            }),
        }
    }

    /// The `%resources` parameter of [`crate::messages::CONSUMER_NOT_AUTHORIZED`]: the
    /// route's refs joined with `", "`.
    pub fn resources_parameter(&self) -> String {
        match self {
            Requirement::Anonymous => ANONYMOUS.to_string(),
            Requirement::SelfCustomer => SELF.to_string(),
            Requirement::Resources(ids) => ids
                .iter()
                .map(AclResourceId::as_str)
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// Who is calling, as far as the ACL cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallerKind {
    /// No token. Also pass this for a customer whose account is not shared with the store in
    /// the URL: Magento then treats them exactly like a guest (no role, no `self`).
    Guest,
    /// A customer token whose account is shared with the store in the URL (with
    /// `customer/account_share/scope = 1`, the store belongs to the customer's website).
    Customer,
    /// An admin token; its grant is the admin's role.
    Admin,
    /// An integration's OAuth or bearer token; its grant is the integration's role.
    Integration,
}

/// The outcome of [`check`]. A denial is Magento's 401
/// [`crate::messages::CONSUMER_NOT_AUTHORIZED`] with
/// [`Requirement::resources_parameter`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allowed,
    Denied,
}

impl Decision {
    pub fn is_allowed(self) -> bool {
        self == Decision::Allowed
    }
}

/// Whether `caller`, whose ACL role holds `grant` (`None`: no role), may use a route that
/// requires `requirement`.
///
/// Guests and customers never have a role (`WebapiRoleLocator` finds none), so `grant` is
/// ignored for them. An admin or integration with an "all resources" grant also passes
/// `self`: the customer check declines, and `Policy\Acl` then treats `self` as a resource the
/// ACL does not know, which a role allowed on everything is allowed. This is Magento's
/// behaviour, reproduced on purpose.
pub fn check(
    tree: &AclTree,
    requirement: &Requirement,
    caller: CallerKind,
    grant: Option<&Grant>,
) -> Decision {
    let role = match caller {
        CallerKind::Guest | CallerKind::Customer => None,
        CallerKind::Admin | CallerKind::Integration => grant,
    };
    let allowed = match requirement {
        Requirement::Anonymous => true,
        Requirement::SelfCustomer => {
            caller == CallerKind::Customer || role.is_some_and(Grant::allows_unknown)
        }
        Requirement::Resources(ids) => {
            role.is_some_and(|grant| ids.iter().all(|id| grant.allows(tree, id)))
        }
    };
    if allowed {
        Decision::Allowed
    } else {
        Decision::Denied
    }
}

#[cfg(test)]
mod tests;
