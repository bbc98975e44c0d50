//! The ACL check of app/code/Magento/Webapi/Controller/Rest/RequestValidator.php
//! `checkPermissions` over lib/internal/Magento/Framework/Webapi/Authorization.php: every
//! resource the route lists must be allowed (the rules themselves live in `magemock-acl`).
//! `self` additionally needs the customer's account to be shared with the current store
//! (Customer/Model/Customer/Authorization.php). A denial names all the route's resources,
//! joined with `, `, as one string.

use magemock_acl::{CallerKind, Decision as AclDecision, Requirement};
use magemock_core::{ExceptionKind, MagentoError, Params};
use serde_json::Value;

use super::call::StoreScope;
use super::caller::Caller;
use crate::journal::AclRecord;
use crate::services::Services;

pub use magemock_acl::messages::CONSUMER_NOT_AUTHORIZED as NOT_AUTHORIZED;

pub struct Decision {
    pub result: Result<(), MagentoError>,
    pub record: AclRecord,
}

pub fn denied(resources: &[&str]) -> MagentoError {
    MagentoError::new(
        ExceptionKind::Authorization,
        NOT_AUTHORIZED,
        Params::named([("resources", resources.join(", "))]),
    )
}

fn kind(caller: &Caller) -> CallerKind {
    match caller {
        Caller::Guest => CallerKind::Guest,
        Caller::Customer { .. } => CallerKind::Customer,
        Caller::Admin { .. } => CallerKind::Admin,
        Caller::Integration { .. } => CallerKind::Integration,
    }
}

pub fn check(
    services: &Services,
    resources: &[&str],
    caller: &Caller,
    store: &StoreScope,
) -> Decision {
    // Resolved once: the grant decides, and its holder is what coverage counts.
    let access = services.caller_access(caller);
    let grant = access.grant.as_ref();
    let allowed = match Requirement::from_refs(resources) {
        Ok(requirement) => {
            let acl = magemock_acl::check(&services.acl, &requirement, kind(caller), grant);
            acl == AclDecision::Allowed
                && match (&requirement, caller) {
                    (Requirement::SelfCustomer, Caller::Customer { id }) => {
                        services.customer_shares_store(*id, store)
                    }
                    _ => true,
                }
        }
        // The route table is checked by a unit test; a bad entry denies rather than panics.
        Err(_) => false,
    };
    let held = match grant {
        None => Value::Null,
        Some(magemock_acl::Grant::All) => Value::String("all".into()),
        Some(magemock_acl::Grant::Resources(set)) => {
            Value::Array(set.iter().map(|id| Value::String(id.to_string())).collect())
        }
    };
    if allowed && let Some(holder) = access.holder {
        services.coverage.record(holder, resources);
    }
    let record = AclRecord {
        required: resources.iter().map(|r| (*r).to_string()).collect(),
        held,
        decision: if allowed { "allowed" } else { "denied" },
    };
    Decision {
        result: if allowed {
            Ok(())
        } else {
            Err(denied(resources))
        },
        record,
    }
}

#[cfg(test)]
mod tests {
    use magemock_acl::Requirement;

    /// Every route's resources are valid webapi refs that exist in the default tree.
    #[test]
    fn every_route_declares_valid_resources() {
        let tree = magemock_acl::default_tree().expect("default tree");
        for route in crate::handlers::routes() {
            match Requirement::from_refs(route.resources) {
                Ok(Requirement::Resources(ids)) => {
                    for id in ids {
                        assert!(tree.contains(&id), "{route:?}: {id} is not in the tree");
                    }
                }
                Ok(_) => {}
                Err(e) => panic!("{route:?}: {e}"),
            }
        }
    }
}
