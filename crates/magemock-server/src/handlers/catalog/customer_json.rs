//! CustomerInterface and AddressInterface as DataObjectProcessor prints them
//! (app/code/Magento/Customer/Api/Data/CustomerInterface.php, AddressInterface.php,
//! RegionInterface.php; reference §6.6): nullable getters dropped when null,
//! `default_billing` / `default_shipping` strings, `disable_auto_group_change` an int, the
//! address `region` object always complete, and the Newsletter module's `is_subscribed`
//! extension attribute (app/code/Magento/Newsletter/Model/Plugin/CustomerPlugin.php).

use magemock_catalog::customers::{Address, Customer};
use serde_json::{Map, Value, json};

use super::json::put_opt;

fn text(v: &Option<String>) -> Option<Value> {
    v.clone().map(Value::String)
}

pub fn customer(c: &Customer, addresses: &[Address]) -> Value {
    let mut o = Map::new();
    o.insert("id".into(), c.id.into());
    o.insert("group_id".into(), c.group_id.into());
    put_opt(
        &mut o,
        "default_billing",
        c.default_billing.map(|id| id.to_string().into()),
    );
    put_opt(
        &mut o,
        "default_shipping",
        c.default_shipping.map(|id| id.to_string().into()),
    );
    put_opt(&mut o, "confirmation", text(&c.confirmation));
    o.insert("created_at".into(), c.created_at.clone().into());
    o.insert("updated_at".into(), c.updated_at.clone().into());
    put_opt(&mut o, "created_in", text(&c.created_in));
    put_opt(&mut o, "dob", text(&c.dob));
    put_opt(&mut o, "email", text(&c.email));
    put_opt(&mut o, "firstname", text(&c.firstname));
    put_opt(&mut o, "lastname", text(&c.lastname));
    put_opt(&mut o, "middlename", text(&c.middlename));
    put_opt(&mut o, "prefix", text(&c.prefix));
    put_opt(&mut o, "suffix", text(&c.suffix));
    put_opt(&mut o, "gender", c.gender.map(Value::from));
    put_opt(&mut o, "store_id", c.store_id.map(Value::from));
    put_opt(&mut o, "taxvat", text(&c.taxvat));
    put_opt(&mut o, "website_id", c.website_id.map(Value::from));
    o.insert(
        "addresses".into(),
        Value::Array(addresses.iter().map(address).collect()),
    );
    o.insert(
        "disable_auto_group_change".into(),
        i64::from(c.disable_auto_group_change).into(),
    );
    o.insert(
        "extension_attributes".into(),
        json!({"is_subscribed": false}),
    );
    Value::Object(o)
}

/// An address. Without a region Magento reports region id 0 in both places; the default flags
/// are only set (true) on the default addresses.
pub fn address(a: &Address) -> Value {
    let region_id = a.region.region_id.unwrap_or(0);
    let mut o = Map::new();
    o.insert("id".into(), a.id.into());
    put_opt(&mut o, "customer_id", a.customer_id.map(Value::from));
    o.insert(
        "region".into(),
        json!({
            "region_code": a.region.region_code,
            "region": a.region.region,
            "region_id": region_id,
        }),
    );
    o.insert("region_id".into(), region_id.into());
    o.insert("country_id".into(), a.country_id.clone().into());
    o.insert("street".into(), json!(a.street));
    put_opt(&mut o, "company", text(&a.company));
    o.insert("telephone".into(), a.telephone.clone().into());
    put_opt(&mut o, "fax", text(&a.fax));
    put_opt(&mut o, "postcode", text(&a.postcode));
    o.insert("city".into(), a.city.clone().into());
    o.insert("firstname".into(), a.firstname.clone().into());
    o.insert("lastname".into(), a.lastname.clone().into());
    put_opt(&mut o, "middlename", text(&a.middlename));
    put_opt(&mut o, "prefix", text(&a.prefix));
    put_opt(&mut o, "suffix", text(&a.suffix));
    put_opt(&mut o, "vat_id", text(&a.vat_id));
    if a.default_shipping {
        o.insert("default_shipping".into(), true.into());
    }
    if a.default_billing {
        o.insert("default_billing".into(), true.into());
    }
    Value::Object(o)
}
