//! Magento's own words for ACL outcomes, for the crate that renders them.

/// The 401 `AuthorizationException` of a denied webapi call; `%resources` is the route's
/// resource refs joined with `", "` ([`crate::Requirement::resources_parameter`]).
/// Source: `Magento\Webapi\Controller\Rest\RequestValidator::checkPermissions` (2.4.8-p1).
pub const CONSUMER_NOT_AUTHORIZED: &str = "The consumer isn't authorized to access %resources.";

/// The parameter name used in [`CONSUMER_NOT_AUTHORIZED`].
pub const RESOURCES_PARAMETER: &str = "resources";
