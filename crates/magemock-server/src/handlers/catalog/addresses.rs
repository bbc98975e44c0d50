//! app/code/Magento/Customer/etc/webapi.xml, customer addresses: `AddressRepositoryInterface`
//! (`getById`, `deleteById`) and `AccountManagementInterface::getDefaultBillingAddress` /
//! `getDefaultShippingAddress`, for the caller (`self`, id forced) or any customer
//! (`Magento_Customer::manage`).

use magemock_catalog::customer_manage::{self, DefaultAddress};
use magemock_core::MagentoError;
use serde_json::{Value, json};

use super::customer_json;
use super::products::int_param;
use super::{Failed, customer_json::address};
use crate::rest::call::Call;
use crate::rest::router::{Forced, Method, Route};

const ACL_MANAGE: &[&str] = &["Magento_Customer::manage"];
const BILLING: &str =
    "Magento\\Customer\\Api\\AccountManagementInterface::getDefaultBillingAddress";
const SHIPPING: &str =
    "Magento\\Customer\\Api\\AccountManagementInterface::getDefaultShippingAddress";

pub const ROUTES: &[Route] = &[
    Route {
        method: Method::Get,
        url: "/V1/customers/addresses/:addressId",
        service: "Magento\\Customer\\Api\\AddressRepositoryInterface::getById",
        resources: ACL_MANAGE,
        forced: &[],
        handler: get_by_id,
    },
    Route {
        method: Method::Delete,
        url: "/V1/addresses/:addressId",
        service: "Magento\\Customer\\Api\\AddressRepositoryInterface::deleteById",
        resources: ACL_MANAGE,
        forced: &[],
        handler: delete_by_id,
    },
    Route {
        method: Method::Get,
        url: "/V1/customers/me/billingAddress",
        service: BILLING,
        resources: &["self"],
        forced: &[("customerId", Forced::CustomerId)],
        handler: default_billing,
    },
    Route {
        method: Method::Get,
        url: "/V1/customers/:customerId/billingAddress",
        service: BILLING,
        resources: ACL_MANAGE,
        forced: &[],
        handler: default_billing,
    },
    Route {
        method: Method::Get,
        url: "/V1/customers/me/shippingAddress",
        service: SHIPPING,
        resources: &["self"],
        forced: &[("customerId", Forced::CustomerId)],
        handler: default_shipping,
    },
    Route {
        method: Method::Get,
        url: "/V1/customers/:customerId/shippingAddress",
        service: SHIPPING,
        resources: ACL_MANAGE,
        forced: &[],
        handler: default_shipping,
    },
];

fn address_id(call: &Call<'_>) -> Result<i64, MagentoError> {
    call.input.require(&["addressId"])?;
    Ok(int_param(call, "addressId")?.unwrap_or(0))
}

/// `getById($addressId)`: the address with its default flags.
fn get_by_id(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let id = address_id(call)?;
    let found = call
        .services
        .store
        .read(|c| Ok::<_, Failed>(customer_manage::address(c, id)?))?;
    Ok(address(&found))
}

/// `deleteById($addressId)` → `true`.
fn delete_by_id(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let id = address_id(call)?;
    call.services
        .store
        .write(|tx| Ok::<_, Failed>(customer_manage::delete_address(tx, id)?))?;
    Ok(Value::Bool(true))
}

/// The default address, or `[]`: a service returning null is rendered as an empty array
/// (lib/internal/Magento/Framework/Webapi/ServiceOutputProcessor.php `convertValue`).
fn default_address(call: &Call<'_>, which: DefaultAddress) -> Result<Value, MagentoError> {
    call.input.require(&["customerId"])?;
    let id = int_param(call, "customerId")?.unwrap_or(0);
    let found = call
        .services
        .store
        .read(|c| Ok::<_, Failed>(customer_manage::default_address(c, id, which)?))?;
    Ok(found
        .as_ref()
        .map_or_else(|| json!([]), customer_json::address))
}

fn default_billing(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    default_address(call, DefaultAddress::Billing)
}

fn default_shipping(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    default_address(call, DefaultAddress::Shipping)
}
