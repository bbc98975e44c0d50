//! Fixture XML round trip (issue 6): what a fixture declares (crates/magemock-fixtures/FORMAT.md)
//! comes back through the REST API unchanged — customer group, attribute with options and its
//! set, categories, product with values, stock and links, customer with address.

use crate::catalog_support::{admin_token, get};
use crate::helpers::spawn_app;

const FIXTURE: &str = r#"<magemock>
  <customerGroup code="Trade" tax_class_id="3"/>
  <attribute code="mm_finish" label="Finish" input="select">
    <option>Matte</option>
    <option>Gloss</option>
  </attribute>
  <attributeSet name="Roundtrip" based_on="Default">
    <attribute code="mm_finish"/>
  </attributeSet>
  <category name="Roundtrip" parent="2" url_key="round-trip" is_active="false" include_in_menu="false">
    <category name="Child Cups"/>
  </category>
  <product sku="MM-RT-1" name="Round Trip Mug" price="12.5" attribute_set="Roundtrip"
           visibility="catalog" status="disabled" weight="0.4" qty="7">
    <category ref="Default Category/Roundtrip/Child Cups" position="3"/>
    <attribute code="mm_finish" value="Gloss"/>
    <attribute code="description"><![CDATA[<p>Holds tea.</p>]]></attribute>
  </product>
  <customer email="rt@example.com" firstname="Round" lastname="Trip" group="Trade"
            dob="1990-02-03" gender="female">
    <address street="1 Loop Rd" city="Austin" country_id="US" telephone="555-0100"
             postcode="73301" region="Texas" region_code="TX" region_id="57"
             default_billing="true" default_shipping="true"/>
  </customer>
</magemock>"#;

fn custom(v: &serde_json::Value, code: &str) -> serde_json::Value {
    v["custom_attributes"]
        .as_array()
        .and_then(|a| a.iter().find(|e| e["attribute_code"] == code))
        .map(|e| e["value"].clone())
        .unwrap_or(serde_json::Value::Null)
}

#[test]
fn a_loaded_fixture_reads_back_through_rest() {
    let app = spawn_app();
    let loaded = app.request("POST", "/__magemock/fixtures", &[], Some(FIXTURE));
    assert_eq!(loaded.status, 200, "{}", loaded.body);
    let token = admin_token(&app);
    let read = |path: &str| {
        let r = get(&app, path, &token);
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        r.json()
    };

    let groups = read(
        "/rest/V1/customerGroups/search?searchCriteria[filter_groups][0][filters][0][field]=code\
         &searchCriteria[filter_groups][0][filters][0][value]=Trade",
    );
    let group = &groups["items"][0];
    assert_eq!(group["code"], "Trade");
    assert_eq!(group["tax_class_id"], 3);
    assert_eq!(group["tax_class_name"], "Retail Customer");

    let finish = read("/rest/V1/products/attributes/mm_finish");
    assert_eq!(finish["default_frontend_label"], "Finish");
    assert_eq!(finish["frontend_input"], "select");
    let labels: Vec<&str> = finish["options"]
        .as_array()
        .map(|o| o.iter().filter_map(|x| x["label"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(labels, [" ", "Matte", "Gloss"]);
    let gloss = finish["options"][2]["value"].clone();

    let sets = read(
        "/rest/V1/products/attribute-sets/sets/list?searchCriteria[filter_groups][0][filters][0][field]=attribute_set_name\
         &searchCriteria[filter_groups][0][filters][0][value]=Roundtrip",
    );
    let set_id = sets["items"][0]["attribute_set_id"].as_i64().unwrap_or(0);
    let set_attributes = read(&format!(
        "/rest/V1/products/attribute-sets/{set_id}/attributes"
    ));
    assert!(
        set_attributes
            .as_array()
            .is_some_and(|a| a.iter().any(|x| x["attribute_code"] == "mm_finish")),
        "{set_attributes}"
    );

    let tree = read(
        "/rest/V1/categories/list?searchCriteria[filter_groups][0][filters][0][field]=name\
                     &searchCriteria[filter_groups][0][filters][0][value]=Roundtrip",
    );
    let parent = &tree["items"][0];
    assert_eq!(parent["parent_id"], 2);
    assert_eq!(parent["is_active"], false);
    assert_eq!(parent["include_in_menu"], false);
    assert_eq!(custom(parent, "url_key"), "round-trip");
    let child_id: i64 = parent["children"]
        .as_str()
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let child = read(&format!("/rest/V1/categories/{child_id}"));
    assert_eq!(child["name"], "Child Cups");
    assert_eq!(custom(&child, "url_path"), "round-trip/child-cups");

    let product = read("/rest/V1/products/MM-RT-1");
    assert_eq!(product["name"], "Round Trip Mug");
    assert_eq!(product["price"], 12.5);
    assert_eq!(product["attribute_set_id"], set_id);
    assert_eq!(product["visibility"], 2);
    assert_eq!(product["status"], 2);
    assert_eq!(product["weight"], 0.4);
    assert_eq!(
        product["extension_attributes"]["website_ids"],
        serde_json::json!([1])
    );
    assert_eq!(
        product["extension_attributes"]["category_links"],
        serde_json::json!([{"position": 3, "category_id": child_id.to_string()}])
    );
    assert_eq!(product["extension_attributes"]["stock_item"]["qty"], 7);
    assert_eq!(
        product["extension_attributes"]["stock_item"]["is_in_stock"],
        true
    );
    assert_eq!(custom(&product, "mm_finish"), gloss);
    assert_eq!(custom(&product, "description"), "<p>Holds tea.</p>");
    let assigned = read(&format!("/rest/V1/categories/{child_id}/products"));
    assert_eq!(
        assigned,
        serde_json::json!([{"sku": "MM-RT-1", "position": 3, "category_id": child_id.to_string()}])
    );

    let customers = read(
        "/rest/V1/customers/search?searchCriteria[filter_groups][0][filters][0][field]=email\
         &searchCriteria[filter_groups][0][filters][0][value]=rt@example.com",
    );
    let customer = &customers["items"][0];
    assert_eq!(customer["firstname"], "Round");
    assert_eq!(customer["lastname"], "Trip");
    assert_eq!(customer["group_id"], group["id"]);
    assert_eq!(customer["dob"], "1990-02-03");
    assert_eq!(customer["gender"], 2);
    let address = &customer["addresses"][0];
    assert_eq!(address["street"], serde_json::json!(["1 Loop Rd"]));
    assert_eq!(address["city"], "Austin");
    assert_eq!(address["postcode"], "73301");
    assert_eq!(
        address["region"],
        serde_json::json!({"region_code": "TX", "region": "Texas", "region_id": 57})
    );
    assert_eq!(customer["default_billing"], address["id"].to_string());
    let billing = read(&format!(
        "/rest/V1/customers/{}/billingAddress",
        customer["id"]
    ));
    assert_eq!(&billing, address);
}
