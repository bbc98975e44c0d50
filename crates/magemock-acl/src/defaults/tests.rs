//! The shipped tree against Magento 2.4.8-p1's acl.xml files of the same modules
//! (app/code/Magento/*/etc/acl.xml and security-package TwoFactorAuth/etc/acl.xml).

use super::*;
use crate::test_support::{assert_text, id, outline};

/// Every id of reference §7.2 (magento-contract.md), plus Force Sign-In's resource. The
/// reference names the bulk resource `Magento_AsynchronousOperations::...`; Magento's file
/// declares it as `Magento_Logging::system_magento_logging_bulk_operations`.
const REFERENCE_IDS: &[&str] = &[
    "Magento_Backend::admin",
    "Magento_Sales::sales",
    "Magento_Sales::sales_operation",
    "Magento_Sales::sales_order",
    "Magento_Sales::actions",
    "Magento_Sales::create",
    "Magento_Sales::api_actions",
    "Magento_Sales::actions_view",
    "Magento_Sales::email",
    "Magento_Sales::reorder",
    "Magento_Sales::actions_edit",
    "Magento_Sales::cancel",
    "Magento_Sales::review_payment",
    "Magento_Sales::capture",
    "Magento_Sales::invoice",
    "Magento_Sales::creditmemo",
    "Magento_Sales::hold",
    "Magento_Sales::unhold",
    "Magento_Sales::ship",
    "Magento_Sales::comment",
    "Magento_Sales::emails",
    "Magento_Sales::sales_invoice",
    "Magento_Sales::shipment",
    "Magento_Sales::sales_creditmemo",
    "Magento_Sales::transactions",
    "Magento_Sales::transactions_fetch",
    "Magento_Catalog::catalog",
    "Magento_Catalog::catalog_inventory",
    "Magento_Catalog::products",
    "Magento_Catalog::categories",
    "Magento_Customer::customer",
    "Magento_Customer::manage",
    "Magento_Customer::online",
    "Magento_Customer::group",
    "Magento_Customer::invalidate_tokens",
    "Magento_Backend::stores",
    "Magento_Backend::stores_settings",
    "Magento_Backend::store",
    "Magento_Sales::order_statuses",
    "Magento_Config::config",
    "Magento_Catalog::config_catalog",
    "Magento_Customer::config_customer",
    "Magento_CatalogInventory::cataloginventory",
    "Magento_Sales::config_sales",
    "Magento_Sales::sales_email",
    "Magento_Sales::sales_pdf",
    "Magento_Integration::config_oauth",
    "Magento_Backend::stores_attributes",
    "Magento_Catalog::attributes_attributes",
    "Magento_Catalog::update_attributes",
    "Magento_Catalog::sets",
    "Magento_Backend::stores_other_settings",
    "Magento_Backend::system",
    "Magento_Integration::extensions",
    "Magento_Integration::integrations",
    "Magento_Backend::tools",
    "Magento_Backend::cache",
    "Magento_Logging::system_magento_logging_bulk_operations",
    "Magento_TwoFactorAuth::tfa",
];

/// Every `<resource ref>` other than anonymous/self in the 2.4.8-p1 webapi.xml of Catalog,
/// CatalogInventory, Customer, Store, Integration, Sales, AsynchronousOperations and
/// TwoFactorAuth: the routes magemock emulates must find their resource in the tree.
const ROUTE_IDS: &[&str] = &[
    "Magento_Backend::store",
    "Magento_Catalog::attributes_attributes",
    "Magento_Catalog::catalog",
    "Magento_Catalog::catalog_inventory",
    "Magento_Catalog::categories",
    "Magento_Catalog::products",
    "Magento_Catalog::sets",
    "Magento_Customer::customer",
    "Magento_Customer::delete",
    "Magento_Customer::group",
    "Magento_Customer::manage",
    "Magento_Logging::system_magento_logging_bulk_operations",
    "Magento_Sales::actions_view",
    "Magento_Sales::api_actions",
    "Magento_Sales::cancel",
    "Magento_Sales::comment",
    "Magento_Sales::create",
    "Magento_Sales::creditmemo",
    "Magento_Sales::emails",
    "Magento_Sales::hold",
    "Magento_Sales::invoice",
    "Magento_Sales::sales_creditmemo",
    "Magento_Sales::sales_invoice",
    "Magento_Sales::ship",
    "Magento_Sales::shipment",
    "Magento_Sales::transactions_fetch",
    "Magento_Sales::unhold",
    "Magento_TwoFactorAuth::tfa",
];

fn tree() -> AclTree {
    default_tree().unwrap_or_else(|err| panic!("{err}"))
}

#[test]
fn contains_every_reference_id_under_the_admin_root() {
    let tree = tree();
    for &value in REFERENCE_IDS.iter().chain(ROUTE_IDS) {
        let resource = id(value);
        assert!(tree.contains(&resource), "{value} missing");
        if value != crate::id::ADMIN_ROOT {
            let top = tree.ancestors(&resource).last().map(|a| a.as_str());
            assert_eq!(
                top,
                Some(crate::id::ADMIN_ROOT),
                "{value} is not under admin"
            );
        }
    }
}

#[test]
fn all_and_admin_are_the_two_top_nodes() {
    let tree = tree();
    let roots: Vec<&str> = tree.roots().map(|r| r.as_str()).collect();
    assert_eq!(roots, ["Magento_Backend::all", "Magento_Backend::admin"]);
    assert_eq!(
        tree.title(&id("Magento_Backend::all")),
        Some("Allow everything")
    );
    assert_eq!(
        tree.title(&id("Magento_Backend::admin")),
        Some("Magento Admin")
    );
}

#[test]
fn titles_are_the_2_4_ones() {
    // 2.4 swapped the Catalog titles of 2.2-era copies.
    let tree = tree();
    assert_eq!(tree.title(&id("Magento_Catalog::catalog")), Some("Catalog"));
    assert_eq!(
        tree.title(&id("Magento_Catalog::products")),
        Some("Products")
    );
    assert_eq!(
        tree.title(&id("Magento_Customer::invalidate_tokens")),
        Some("Invalidate tokens")
    );
    assert_eq!(
        tree.title(&id("Magento_Backend::marketing_seo")),
        Some("SEO & Search")
    );
    // Disabled in Magento_Config's file.
    assert!(!tree.contains(&id("Magento_Config::advanced")));
}

#[test]
fn equal_sort_orders_keep_module_load_order() {
    let tree = tree();
    let actions: Vec<&str> = tree
        .children(&id("Magento_Sales::actions"))
        .take(3)
        .map(|r| r.as_str())
        .collect();
    assert_eq!(
        actions,
        [
            "Magento_Sales::create",
            "Magento_Sales::api_actions",
            "Magento_Sales::actions_view"
        ]
    );
    let config: Vec<&str> = tree
        .children(&id("Magento_Config::config"))
        .take(5)
        .map(|r| r.as_str())
        .collect();
    assert_eq!(
        config,
        [
            "Magento_Catalog::config_catalog",
            "Magento_CatalogInventory::cataloginventory",
            "Magento_TwoFactorAuth::config",
            "Magento_Config::config_general",
            "Magento_Integration::config_oauth",
        ]
    );
}

#[test]
fn the_system_branch_matches_magento() {
    let tree = tree();
    let branch: String = outline(&tree)
        .lines()
        .skip_while(|line| !line.starts_with("  Magento_Backend::system "))
        .take_while(|line| !line.starts_with("  Magento_Backend::global_search"))
        .map(|line| format!("{line}\n"))
        .collect();
    assert_text(
        &branch,
        r#"
  Magento_Backend::system "System" 90
    Magento_Backend::convert "Data Transfer" 10
    Magento_Backend::extensions "Magento Connect" 20
      Magento_Backend::local "Connect Manager" 10
      Magento_Backend::custom "Package Extensions" 20
    Magento_Integration::extensions "System Extensions" 30
      Magento_Integration::integrations "System Integrations" 40
    Magento_Backend::tools "Tools" 50
      Magento_Backend::cache "Cache Management" 10
        Magento_Backend::main_actions "Clean Cache Actions" 10
          Magento_Backend::flush_cache_storage "Flush Cache Storage" 10
          Magento_Backend::flush_magento_cache "Flush Magento Cache" 20
        Magento_Backend::mass_actions "Cache Types Management" 20
          Magento_Backend::toggling_cache_type "Toggle Cache Type" 10
          Magento_Backend::refresh_cache_type "Refresh Cache Type" 20
        Magento_Backend::additional_cache_management "Additional Cache Management" 30
          Magento_Backend::flush_catalog_images "Catalog Images Cache" 10
          Magento_Backend::flush_js_css "Flush Js/Css" 20
          Magento_Backend::flush_static_files "Flush Static Files" 30
    Magento_User::acl "Permissions" 60
      Magento_User::acl_users "All Users" 10
      Magento_User::locks "Locked Users" 20
      Magento_User::acl_roles "User Roles" 30
      Magento_TwoFactorAuth::tfa "Two Factor Auth" 40
    Magento_Logging::magento_logging "Action Log" 70
      Magento_Logging::magento_logging_events "Report" 10
      Magento_Logging::system_magento_logging_bulk_operations "Bulk Actions" 15
    Magento_Backend::system_other_settings "Other Settings" 80
"#,
    );
}

#[test]
fn the_readme_names_every_fixture_file() {
    let readme = include_str!("../../../../fixtures/acl/README.md");
    for (name, _) in default_files() {
        assert!(
            readme.contains(&format!("`{name}`")),
            "README.md does not name {name}"
        );
    }
}
