//! Source of every case: the `typeId` pattern of
//! lib/internal/Magento/Framework/Acl/etc/acl.xsd (2.4.8-p1). The lower-case cases are the
//! ones Magento's own schema test uses
//! (lib/internal/Magento/Framework/Acl/Test/Unit/AclResource/Config/_files/invalidAclXmlArray.php).

use super::*;

/// `ok` for a valid id, else the [`IdProblem`] wording.
#[track_caller]
fn check(input: &str, expect: &str) {
    let actual = match AclResourceId::try_from(input) {
        Ok(id) => {
            assert_eq!(id.as_str(), input);
            "ok".to_string()
        }
        Err(AclError::InvalidId { value, problem }) => {
            assert_eq!(value, input);
            problem.to_string()
        }
        Err(other) => panic!("unexpected error {other:?}"),
    };
    assert_eq!(actual, expect, "for {input:?}");
}

#[test]
fn accepts_ids_of_the_pattern() {
    check("Magento_Backend::all", "ok");
    check("Magento_Sales::sales_order", "ok");
    check(
        "Magento_Logging::system_magento_logging_bulk_operations",
        "ok",
    );
    check("Vendor2_Mod3::a_B_9", "ok");
    check("AB_CD::_", "ok");
    check("PayPal_Braintree::settlement_report", "ok");
}

#[test]
fn names_the_part_that_breaks_the_pattern() {
    check("", "is empty");
    check(
        "Magento_Backend:all",
        "has no `::` between the module name and the resource name",
    );
    check(
        "MagentoBackend::all",
        r#"has "MagentoBackend" before `::`, which is not Vendor_Module (one underscore)"#,
    );
    check(
        "test_Value::show_toolbar",
        r#"has vendor "test", which must be an upper-case letter followed by letters or digits"#,
    );
    check(
        "M_Backend::all",
        r#"has vendor "M", which must be an upper-case letter followed by letters or digits"#,
    );
    check(
        "Magentö_Backend::all",
        r#"has vendor "Magentö", which must be an upper-case letter followed by letters or digits"#,
    );
    check(
        "Test_value::show_toolbar",
        r#"has module "value", which must be an upper-case letter followed by letters or digits"#,
    );
    check(
        "Magento_Back_end::all",
        r#"has module "Back_end", which must be an upper-case letter followed by letters or digits"#,
    );
    check(
        "Magento_Backend::",
        r#"has resource name "", which must be one or more letters, digits or underscores"#,
    );
    check(
        "Magento_Backend::a::b",
        r#"has resource name "a::b", which must be one or more letters, digits or underscores"#,
    );
    check(
        "Magento_Backend::all ",
        r#"has resource name "all ", which must be one or more letters, digits or underscores"#,
    );
}

#[test]
fn error_message_quotes_magentos_pattern() {
    let err = AclResourceId::try_from("magento_Backend::all").expect_err("lower-case vendor");
    assert_eq!(
        err.to_string(),
        r#""magento_Backend::all" is not an ACL resource id: it has vendor "magento", which must be an upper-case letter followed by letters or digits; Magento's acl.xsd pattern is `([A-Z]+[a-zA-Z0-9]{1,}){1,}_[A-Z]+[A-Z0-9a-z]{1,}::[A-Za-z_0-9]{1,}`"#
    );
}

#[test]
fn serde_parses_at_the_boundary() {
    let id: AclResourceId =
        serde_json::from_str(r#""Magento_Catalog::products""#).expect("valid id");
    assert_eq!(id.as_str(), "Magento_Catalog::products");
    assert_eq!(
        serde_json::to_string(&id).expect("serialisable"),
        r#""Magento_Catalog::products""#
    );
    let err = serde_json::from_str::<AclResourceId>(r#""catalog""#).expect_err("invalid id");
    assert!(
        err.to_string().contains("is not an ACL resource id"),
        "{err}"
    );
}

#[test]
fn root_constants_are_valid_ids() {
    assert_eq!(AclResourceId::all().as_str(), ALL_RESOURCES);
    assert_eq!(AclResourceId::admin().as_str(), ADMIN_ROOT);
    check(ALL_RESOURCES, "ok");
    check(ADMIN_ROOT, "ok");
}
