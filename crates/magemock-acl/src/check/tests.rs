//! Sources (2.4.8-p1): Magento\Framework\Webapi\Authorization (all listed resources),
//! Magento\Webapi\Model\Plugin\GuestAuthorization (anonymous),
//! Magento\Customer\Model\Customer\Authorization (self), Magento\Webapi\Model\WebapiRoleLocator
//! (roles only for admins and integrations), Magento\Framework\Authorization\Policy\Acl
//! (unknown resources), Magento\Webapi\Model\Config\Converter (refs keyed, so de-duplicated).

use crate::check::{CallerKind, Requirement, check};
use crate::error::AclError;
use crate::grant::Grant;
use crate::test_support::{acl_xml, backend_xml, ids};
use crate::tree::AclTree;

fn tree() -> AclTree {
    let catalog = acl_xml(
        r#"<resource id="Magento_Backend::admin">
    <resource id="Magento_Catalog::catalog" title="Catalog" sortOrder="30">
        <resource id="Magento_Catalog::products" title="Products" sortOrder="10"/>
        <resource id="Magento_Catalog::categories" title="Categories" sortOrder="20"/>
    </resource>
</resource>"#,
    );
    AclTree::load(&[
        ("Magento_Backend.xml", backend_xml()),
        ("Magento_Catalog.xml", catalog),
    ])
    .unwrap_or_else(|err| panic!("{err}"))
}

/// A route's refs → the decision for each kind of caller:
/// `guest`, `customer`, `admin-none` (an admin token whose user has no role),
/// `all` (an integration with all resources), `products` (an integration whose
/// integration.xml lists `Magento_Catalog::products`), `guest+all` (a guest handed a grant,
/// which must be ignored). `+` allowed, `-` denied.
#[track_caller]
fn check_route(refs: &[&str], expect: &str) {
    let tree = tree();
    let requirement = Requirement::from_refs(refs).unwrap_or_else(|err| panic!("{err}"));
    let products = tree
        .expand(&ids(&["Magento_Catalog::products"]))
        .unwrap_or_else(|err| panic!("{err}"));
    let callers: [(&str, CallerKind, Option<&Grant>); 6] = [
        ("guest", CallerKind::Guest, None),
        ("customer", CallerKind::Customer, None),
        ("admin-none", CallerKind::Admin, None),
        ("all", CallerKind::Integration, Some(&Grant::All)),
        ("products", CallerKind::Integration, Some(&products)),
        ("guest+all", CallerKind::Guest, Some(&Grant::All)),
    ];
    let actual: Vec<String> = callers
        .iter()
        .map(|(name, caller, grant)| {
            let sign = if check(&tree, &requirement, *caller, *grant).is_allowed() {
                '+'
            } else {
                '-'
            };
            format!("{sign}{name}")
        })
        .collect();
    assert_eq!(actual.join(" "), expect, "for {refs:?}");
}

#[test]
fn anonymous_passes_everyone() {
    check_route(
        &["anonymous"],
        "+guest +customer +admin-none +all +products +guest+all",
    );
}

#[test]
fn self_needs_a_customer_or_a_role_allowed_on_everything() {
    // The all-resources integration passes because `self` is not an ACL resource and
    // Policy\Acl then asks whether the role is allowed on everything.
    check_route(
        &["self"],
        "-guest +customer -admin-none +all -products -guest+all",
    );
}

#[test]
fn acl_resources_need_a_role_that_holds_them() {
    check_route(
        &["Magento_Catalog::products"],
        "-guest -customer -admin-none +all +products -guest+all",
    );
    // The parent came with the expansion, so a route guarded by it passes too.
    check_route(
        &["Magento_Catalog::catalog"],
        "-guest -customer -admin-none +all +products -guest+all",
    );
    // A sibling did not.
    check_route(
        &["Magento_Catalog::categories"],
        "-guest -customer -admin-none +all -products -guest+all",
    );
}

#[test]
fn every_listed_resource_must_pass() {
    check_route(
        &["Magento_Catalog::products", "Magento_Catalog::categories"],
        "-guest -customer -admin-none +all -products -guest+all",
    );
}

#[test]
fn resources_the_acl_lacks_pass_only_all() {
    check_route(
        &["Vendor_Unknown::thing"],
        "-guest -customer -admin-none +all -products -guest+all",
    );
}

#[test]
fn refs_parse_into_requirements() {
    assert_eq!(
        Requirement::from_refs::<&str>(&[]),
        Ok(Requirement::Anonymous)
    );
    assert_eq!(
        Requirement::from_refs(&["anonymous"]),
        Ok(Requirement::Anonymous)
    );
    assert_eq!(
        Requirement::from_refs(&["self", "anonymous"]),
        Ok(Requirement::SelfCustomer)
    );
    assert_eq!(
        Requirement::from_refs(&[
            "anonymous",
            "Magento_Catalog::products",
            "Magento_Catalog::products"
        ]),
        Ok(Requirement::Resources(ids(&["Magento_Catalog::products"])))
    );
    assert_eq!(
        Requirement::from_refs(&["self", "Magento_Customer::manage"])
            .expect_err("self with ids is unsupported")
            .to_string(),
        r#"route resources ["self", "Magento_Customer::manage"] combine `self` with ACL ids; magemock cannot express that (no stock Magento 2.4 route does it)"#
    );
    assert!(matches!(
        Requirement::from_refs(&["Self"]),
        Err(AclError::InvalidId { .. })
    ));
}

#[test]
fn the_denial_parameter_joins_the_refs() {
    // Two refs, as Magento's own api-functional TestModule1 routes have.
    let requirement = Requirement::from_refs(&[
        "Magento_TestModule1::resource1",
        "Magento_TestModule1::resource2",
    ])
    .unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(
        requirement.resources_parameter(),
        "Magento_TestModule1::resource1, Magento_TestModule1::resource2"
    );
    assert_eq!(Requirement::SelfCustomer.resources_parameter(), "self");
}
