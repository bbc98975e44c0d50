//! A `customer` body parameter read into [`CustomerInput`] as `_createFromArray` reads a
//! CustomerInterface (typed properties, wrapped conversion errors, a property without a getter
//! masked as a 500), with its `addresses` as AddressInterface objects.

use magemock_catalog::customer_account::CustomerInput;
use magemock_catalog::customers::{NewAddress, Region};
use magemock_core::MagentoError;
use serde_json::{Map, Value};

use super::params::{TypeFail, boolean, int, prop, string, typed};

const CUSTOMER_PROPERTIES: &[&str] = &[
    "id",
    "group_id",
    "default_billing",
    "default_shipping",
    "confirmation",
    "created_at",
    "updated_at",
    "created_in",
    "dob",
    "email",
    "firstname",
    "lastname",
    "middlename",
    "prefix",
    "suffix",
    "gender",
    "store_id",
    "taxvat",
    "website_id",
    "addresses",
    "disable_auto_group_change",
    "extension_attributes",
    "custom_attributes",
];

fn unknown_key(object: &Map<String, Value>) -> Option<MagentoError> {
    object.keys().find_map(|key| {
        let snake = crate::rest::request::snake_case(key);
        (!CUSTOMER_PROPERTIES.contains(&snake.as_str())).then(|| {
            MagentoError::internal(format!(
                "Property \"{key}\" does not have accessor method in class \
                 \"Magento\\Customer\\Api\\Data\\CustomerInterface\"."
            ))
        })
    })
}

/// Reads the `customer` parameter.
pub fn customer_input(value: &Value) -> Result<CustomerInput, MagentoError> {
    let empty = Map::new();
    let o = value.as_object().unwrap_or(&empty);
    if let Some(e) = unknown_key(o) {
        return Err(e);
    }
    read(o).map_err(TypeFail::into_error)
}

fn read(o: &Map<String, Value>) -> Result<CustomerInput, TypeFail> {
    let objects: Vec<&Map<String, Value>> = match prop(o, "addresses") {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_object).collect(),
        _ => Vec::new(),
    };
    let addresses = match prop(o, "addresses") {
        Some(Value::Array(_)) => Some(
            objects
                .iter()
                .map(|a| address(a))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| e.within("addresses"))?,
        ),
        _ => None,
    };
    let address_ids = objects
        .iter()
        .map(|a| typed(a, "id", int))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.within("addresses"))?;
    Ok(CustomerInput {
        id: typed(o, "id", int)?,
        group_id: typed(o, "group_id", int)?,
        email: typed(o, "email", string)?,
        firstname: typed(o, "firstname", string)?,
        lastname: typed(o, "lastname", string)?,
        middlename: typed(o, "middlename", string)?,
        prefix: typed(o, "prefix", string)?,
        suffix: typed(o, "suffix", string)?,
        dob: typed(o, "dob", string)?,
        gender: typed(o, "gender", int)?,
        taxvat: typed(o, "taxvat", string)?,
        store_id: typed(o, "store_id", int)?,
        website_id: typed(o, "website_id", int)?,
        disable_auto_group_change: typed(o, "disable_auto_group_change", int)?.map(|v| v != 0),
        addresses,
        address_ids,
    })
}

fn address(a: &Map<String, Value>) -> Result<NewAddress, TypeFail> {
    let street = match prop(a, "street") {
        Some(Value::Array(lines)) => lines
            .iter()
            .map(|l| string(l).map(Option::unwrap_or_default))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| e.within("street"))?,
        Some(other) => vec![
            string(other)
                .map_err(|e| e.within("street"))?
                .unwrap_or_default(),
        ],
        None => Vec::new(),
    };
    let region_obj = prop(a, "region").and_then(Value::as_object);
    let region = Region {
        region: match region_obj {
            Some(r) => typed(r, "region", string).map_err(|e| e.within("region"))?,
            None => None,
        },
        region_code: match region_obj {
            Some(r) => typed(r, "region_code", string).map_err(|e| e.within("region"))?,
            None => None,
        },
        region_id: match typed(a, "region_id", int)? {
            Some(id) => Some(id),
            None => match region_obj {
                Some(r) => typed(r, "region_id", int).map_err(|e| e.within("region"))?,
                None => None,
            },
        }
        .filter(|id| *id != 0),
    };
    let text = |name: &str| typed(a, name, string);
    Ok(NewAddress {
        firstname: text("firstname")?.unwrap_or_default(),
        lastname: text("lastname")?.unwrap_or_default(),
        middlename: text("middlename")?,
        prefix: text("prefix")?,
        suffix: text("suffix")?,
        company: text("company")?,
        street,
        city: text("city")?.unwrap_or_default(),
        region,
        country_id: text("country_id")?.unwrap_or_default(),
        postcode: text("postcode")?,
        telephone: text("telephone")?.unwrap_or_default(),
        fax: text("fax")?,
        vat_id: text("vat_id")?,
        default_billing: prop(a, "default_billing")
            .and_then(boolean)
            .unwrap_or(false),
        default_shipping: prop(a, "default_shipping")
            .and_then(boolean)
            .unwrap_or(false),
    })
}
