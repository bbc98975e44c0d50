//! Each element kind, parsed and loaded, checked in the store.

use magemock_catalog::admins::{self, Resources};
use magemock_catalog::{
    Sku, StoreCode, attributes, categories, customers, password, products, stores,
};
use magemock_core::Settings;

use super::{STOREFRONT, TestStore, doc};
use crate::LoadReport;

fn loaded(xml: &str) -> (TestStore, LoadReport) {
    let store = TestStore::new(super::SEED);
    let report = store.load(&doc(xml)).unwrap_or_else(|e| panic!("{e}"));
    (store, report)
}

#[test]
fn config_values_go_through_settings() {
    let (store, report) = loaded(
        r#"<config path="oauth/access_token_lifetime/admin" value="2"/>
           <config path="customer/create_account/confirm" value="1"/>"#,
    );
    assert_eq!(report.config, 2);
    let value = store
        .store
        .read(|c| Settings::get(c, "oauth/access_token_lifetime/admin"))
        .expect("read");
    assert_eq!(value.as_deref(), Some("2"));
    let bad = TestStore::new(1)
        .load(&doc(
            r#"<config path="customer/create_account/confirm" value="maybe"/>"#,
        ))
        .expect_err("a flag is 0 or 1");
    assert_eq!(
        bad.to_string(),
        "test.xml:1:11: invalid value \"maybe\" for config path customer/create_account/confirm: \
         0 or 1 is expected"
    );
}

#[test]
fn websites_groups_and_stores_nest_and_extend() {
    let (store, report) = loaded(&format!(
        r#"{STOREFRONT}
        <website ref="base">
            <group name="Second Store" code="second" root_category="Default Category">
                <store code="fr" name="French" sort_order="2" is_active="false"/>
            </group>
        </website>
        <website code="b2b" name="B2B">
            <group name="B2B Store" root_category="2"><store code="b2b_en" name="B2B English"/></group>
        </website>"#
    ));
    assert_eq!((report.websites, report.groups, report.stores), (2, 3, 3));
    let (base, fr, group, b2b) = store
        .store
        .read(|c| {
            Ok::<_, magemock_catalog::CatalogError>((
                stores::website_by_code(c, "base")?,
                stores::store_by_code(c, &StoreCode::try_from("fr")?)?,
                stores::group_by_code(c, "main_website_store")?,
                stores::website_by_code(c, "b2b")?,
            ))
        })
        .expect("read");
    let base = base.expect("base");
    assert_eq!(
        (base.id, base.default_group_id, base.is_default),
        (1, 1, true)
    );
    assert_eq!(group.map(|g| (g.id, g.default_store_id)), Some((1, 1)));
    let fr = fr.expect("fr");
    assert_eq!(
        (fr.website_id, fr.group_id, fr.sort_order, fr.is_active),
        (1, 2, 2, false)
    );
    assert_eq!(b2b.map(|w| (w.id, w.is_default)), Some((2, false)));
}

#[test]
fn customer_groups_get_the_next_id() {
    let (store, report) =
        loaded(r#"<customerGroup code="VIP"/><customerGroup code="Staff" tax_class_id="5"/>"#);
    assert_eq!(report.customer_groups, 2);
    assert_eq!(
        store.query::<String>(
            "SELECT customer_group_code FROM customer_group WHERE customer_group_id = 4"
        ),
        "VIP"
    );
    assert_eq!(
        store.query::<i64>("SELECT tax_class_id FROM customer_group WHERE customer_group_id = 4"),
        3
    );
    assert_eq!(
        store.query::<i64>("SELECT tax_class_id FROM customer_group WHERE customer_group_id = 5"),
        5
    );
}

#[test]
fn categories_nest_and_extend_existing_ones() {
    let (store, report) = loaded(&format!(
        r#"{STOREFRONT}
        <category name="Gear" parent="2" position="4">
            <category name="Bags"/>
            <category name="Watches" is_active="false" include_in_menu="false" url_key="All Watches"/>
        </category>
        <category ref="Gear"><category id="50" name="Fitness Equipment"/></category>"#
    ));
    assert_eq!(report.categories, 5);
    let watches = store
        .store
        .read(|c| categories::category_by_id(c, 5))
        .expect("read")
        .expect("watches");
    assert_eq!(
        (
            watches.path.as_str(),
            watches.position,
            watches.is_active,
            watches.include_in_menu
        ),
        ("1/2/3/5", 2, false, false)
    );
    assert_eq!(watches.url_key.as_deref(), Some("all-watches"));
    let gear = store
        .store
        .read(|c| categories::category_by_id(c, 3))
        .expect("read")
        .expect("gear");
    assert_eq!((gear.position, gear.children_count), (4, 3));
    assert_eq!(
        store.query::<String>("SELECT path FROM catalog_category_entity WHERE entity_id = 50"),
        "1/2/3/50"
    );
}

#[test]
fn attributes_with_options_and_sets_based_on_default() {
    let (store, report) = loaded(
        r#"<attribute code="activity" label="Activity" input="multiselect">
               <option>Gym</option><option>Yoga</option>
           </attribute>
           <attribute code="eco_collection" label="Eco Collection" input="boolean" required="false"/>
           <attributeSet name="Gear"><attribute code="activity"/></attributeSet>
           <attributeSet ref="Default"><attribute code="eco_collection"/></attributeSet>"#,
    );
    assert_eq!((report.attributes, report.attribute_sets), (2, 1));
    let (activity, gear, default_has_eco) = store
        .store
        .read(|c| {
            let activity = attributes::attribute_by_code(c, "activity")?.expect("activity");
            let eco = attributes::attribute_by_code(c, "eco_collection")?.expect("eco");
            Ok::<_, magemock_catalog::CatalogError>((
                attributes::attribute_options(c, activity.id)?,
                attributes::attribute_set_by_name(c, "Gear")?,
                attributes::set_has_attribute(c, 4, eco.id)?,
            ))
        })
        .expect("read");
    let labels: Vec<_> = activity.iter().map(|o| o.label.as_str()).collect();
    assert_eq!(labels, ["Gym", "Yoga"]);
    assert_eq!(gear.map(|s| s.id), Some(9));
    assert!(default_has_eco);
}

#[test]
fn products_with_categories_attributes_websites_and_stock() {
    let (store, report) = loaded(&format!(
        r#"{STOREFRONT}
        <category id="3" name="Gear" parent="2"><category id="4" name="Bags"/></category>
        <attribute code="activity" label="Activity" input="multiselect">
            <option>Gym</option><option>Travel</option>
        </attribute>
        <attributeSet name="Bag"><attribute code="activity"/></attributeSet>
        <product sku="24-MB01" name="Joust Duffle Bag" price="34.00" attribute_set="Bag" qty="100">
            <category ref="Gear"/>
            <category ref="Gear/Bags" position="3"/>
            <attribute code="description"><![CDATA[<p>The sporty Joust Duffle Bag.</p>]]></attribute>
            <attribute code="activity" value="Gym,Travel"/>
        </product>
        <product sku="24-MB02" name="Fusion Backpack" price="59" status="disabled" visibility="catalog"
                 weight="2.5" qty="0" websites="base" type="virtual"/>"#
    ));
    assert_eq!(report.products, 2);
    let (joust, values, links, websites, stock) = store
        .store
        .read(|c| {
            let p = products::product_by_sku(c, &Sku::try_from("24-MB01")?)?.expect("joust");
            Ok::<_, magemock_catalog::CatalogError>((
                p.clone(),
                products::product_custom_attributes(c, p.id)?,
                products::product_category_links(c, p.id)?,
                products::product_website_ids(c, p.id)?,
                magemock_catalog::stock::stock_item_by_product(c, p.id)?,
            ))
        })
        .expect("read");
    assert_eq!(
        (
            joust.id,
            joust.attribute_set_id,
            joust.price,
            joust.status,
            joust.visibility
        ),
        (1, 9, Some(34.0), 1, 4)
    );
    assert_eq!(joust.created_at, "2024-04-08 12:00:00");
    let codes: Vec<_> = values.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(codes, ["description", "url_key", "activity"]);
    assert!(values.contains(&("url_key".to_string(), "joust-duffle-bag".to_string())));
    let linked: Vec<_> = links.iter().map(|l| (l.category_id, l.position)).collect();
    assert_eq!(linked, [(3, 0), (4, 3)]);
    assert_eq!(websites, [1]);
    let stock = stock.expect("stock");
    assert_eq!((stock.qty, stock.is_in_stock), (Some(100.0), true));
    let fusion: (i64, i64, f64, String, i64) = store
        .store
        .read(|c| {
            c.query_row(
                "SELECT p.status, p.visibility, p.weight, p.type_id, s.is_in_stock \
                 FROM catalog_product_entity p JOIN cataloginventory_stock_item s ON s.product_id = p.entity_id \
                 WHERE p.sku = '24-MB02'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .map_err(magemock_core::CoreError::from)
        })
        .expect("read");
    assert_eq!(fusion, (2, 2, 2.5, "virtual".to_string(), 0));
}

#[test]
fn customers_with_addresses_scopes_and_hashed_passwords() {
    let (store, report) = loaded(&format!(
        r#"{STOREFRONT}
        <customerGroup code="VIP"/>
        <customer email="roni_cost@example.com" password="roni_cost3@example.com"
                  firstname="Veronica" lastname="Costello" gender="female" dob="1973-12-15" group="VIP">
            <address city="Calder" region="Michigan" region_code="MI" region_id="33" postcode="49628-7978"
                     country_id="US" telephone="(555) 229-3326" default_billing="true" default_shipping="true">
                <street>6146 Honey Bluff Parkway</street>
                <street>Suite 2</street>
            </address>
            <address street="1 Second Street" city="Austin" country_id="US" telephone="1" firstname="Roni"/>
        </customer>
        <customer email="guestless@example.com" firstname="No" lastname="Password" gender="3"/>"#
    ));
    assert_eq!((report.customers, report.addresses), (2, 2));
    let (roni, addresses, other) = store
        .store
        .read(|c| {
            Ok::<_, magemock_catalog::CatalogError>((
                customers::customer_by_id(c, 1)?.expect("roni"),
                customers::customer_addresses(c, 1)?,
                customers::customer_by_id(c, 2)?.expect("other"),
            ))
        })
        .expect("read");
    assert_eq!(
        (
            roni.group_id,
            roni.website_id,
            roni.store_id,
            roni.gender,
            roni.dob.as_deref()
        ),
        (4, Some(1), Some(1), Some(2), Some("1973-12-15"))
    );
    assert_eq!(roni.created_in.as_deref(), Some("Default Store View"));
    let hash = roni.password_hash.expect("hash");
    assert!(password::verify(&hash, "roni_cost3@example.com"));
    assert_eq!(
        (roni.default_billing, roni.default_shipping),
        (Some(1), Some(1))
    );
    assert_eq!(addresses[0].street, ["6146 Honey Bluff Parkway", "Suite 2"]);
    assert_eq!(addresses[0].region.region_id, Some(33));
    assert_eq!(
        (
            addresses[1].firstname.as_str(),
            addresses[1].lastname.as_str()
        ),
        ("Roni", "Costello")
    );
    assert!(!addresses[1].default_billing && !addresses[1].default_shipping);
    assert_eq!(
        (other.group_id, other.password_hash, other.gender),
        (1, None, Some(3))
    );
}

#[test]
fn admin_roles_and_admins() {
    let (store, report) = loaded(
        r#"<adminRole name="Catalog">
               <resource id="Magento_Catalog::catalog"/>
               <resource id="Magento_Catalog::products"/>
           </adminRole>
           <adminRole name="Everything" all="true"/>
           <admin username="catalog" password="catalog123" firstname="Cat" lastname="Alog"
                  email="catalog@example.com" role="Catalog"/>
           <admin username="admin" password="admin123" firstname="Admin" lastname="User"
                  email="admin@example.com" role="Administrators" is_active="false"/>"#,
    );
    assert_eq!((report.roles, report.admins), (2, 2));
    let (catalog_role, admin, admin_role) = store
        .store
        .read(|c| {
            let admin = admins::admin_by_username(c, "admin")?.expect("admin");
            Ok::<_, magemock_catalog::CatalogError>((
                admins::role_by_name(c, "Catalog")?.expect("role"),
                admin.clone(),
                admins::admin_role(c, admin.id)?,
            ))
        })
        .expect("read");
    assert_eq!(
        catalog_role.resources,
        Resources::Some(vec![
            "Magento_Catalog::catalog".into(),
            "Magento_Catalog::products".into()
        ])
    );
    assert_eq!((admin.id, admin.is_active), (2, false));
    assert!(password::verify(&admin.password_hash, "admin123"));
    assert_eq!(
        admin_role.map(|r| (r.id, r.resources)),
        Some((1, Resources::All))
    );
}
