//! app/code/Magento/Customer/etc/webapi.xml (the routes that need no token; the rest arrive
//! with the customer API).

use magemock_core::{MagentoError, ToMagentoError};
use serde_json::Value;

use crate::rest::call::Call;
use crate::rest::router::{Method, Route};

pub const ROUTES: &[Route] = &[Route {
    method: Method::Post,
    url: "/V1/customers/isEmailAvailable",
    service: "Magento\\Customer\\Api\\AccountManagementInterface::isEmailAvailable",
    resources: &["anonymous"],
    forced: &[],
    handler: is_email_available,
}];

/// `AccountManagement::isEmailAvailable($customerEmail, $websiteId = null)`: true when no
/// customer of that website (the current store's website when none is given) has the e-mail.
fn is_email_available(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    call.input.require(&["customerEmail"])?;
    let email = scalar_string(call.input.get("customerEmail"));
    let website_id = match call.input.get("websiteId") {
        Some(v) => scalar_string(Some(v)).trim().parse::<i64>().unwrap_or(0),
        None => call.store.website_id,
    };
    let taken = call
        .services
        .store
        .read(|c| magemock_catalog::customers::customer_by_email(c, &email, website_id))
        .map_err(|e| e.to_magento())?;
    Ok(Value::Bool(taken.is_none()))
}

fn scalar_string(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}
