//! app/code/Magento/Customer/etc/webapi.xml: the customer account routes
//! (`CustomerRepositoryInterface::getById`, `getList`, `save`, `deleteById`;
//! `AccountManagementInterface::createAccount`, `isEmailAvailable`, `changePasswordById`).

use magemock_catalog::customer_account::{self, CustomerInput};
use magemock_catalog::{customer_manage, customers};
use magemock_core::{MagentoError, Params, ToMagentoError};
use magemock_tokens::{TokenUser, UserKind};
use serde_json::Value;

use super::customer_input::customer_input;
use super::products::{int_param, string_param};
use super::{Failed, customer_json, list};
use crate::rest::call::Call;
use crate::rest::router::{Forced, Method, Route};

const ACL_CUSTOMER: &[&str] = &["Magento_Customer::customer"];
const ACL_MANAGE: &[&str] = &["Magento_Customer::manage"];

pub const ROUTES: &[Route] = &[
    Route {
        method: Method::Post,
        url: "/V1/customers/isEmailAvailable",
        service: "Magento\\Customer\\Api\\AccountManagementInterface::isEmailAvailable",
        resources: &["anonymous"],
        forced: &[],
        handler: is_email_available,
    },
    Route {
        method: Method::Get,
        url: "/V1/customers/:customerId",
        service: "Magento\\Customer\\Api\\CustomerRepositoryInterface::getById",
        resources: ACL_CUSTOMER,
        forced: &[],
        handler: get_by_id,
    },
    Route {
        method: Method::Get,
        url: "/V1/customers/me",
        service: "Magento\\Customer\\Api\\CustomerRepositoryInterface::getById",
        resources: &["self"],
        forced: &[("customerId", Forced::CustomerId)],
        handler: get_by_id,
    },
    Route {
        method: Method::Get,
        url: "/V1/customers/search",
        service: "Magento\\Customer\\Api\\CustomerRepositoryInterface::getList",
        resources: ACL_CUSTOMER,
        forced: &[],
        handler: get_list,
    },
    Route {
        method: Method::Post,
        url: "/V1/customers",
        service: "Magento\\Customer\\Api\\AccountManagementInterface::createAccount",
        resources: &["anonymous"],
        forced: &[],
        handler: create_account,
    },
    Route {
        method: Method::Put,
        url: "/V1/customers/me",
        service: "Magento\\Customer\\Api\\CustomerRepositoryInterface::save",
        resources: &["self"],
        forced: &[("customer.id", Forced::CustomerId)],
        handler: save_me,
    },
    Route {
        method: Method::Put,
        url: "/V1/customers/:id",
        service: "Magento\\Customer\\Api\\CustomerRepositoryInterface::save",
        resources: ACL_MANAGE,
        forced: &[],
        handler: save,
    },
    Route {
        method: Method::Delete,
        url: "/V1/customers/:customerId",
        service: "Magento\\Customer\\Api\\CustomerRepositoryInterface::deleteById",
        resources: ACL_MANAGE,
        forced: &[],
        handler: delete_by_id,
    },
    Route {
        method: Method::Put,
        url: "/V1/customers/me/password",
        service: "Magento\\Customer\\Api\\AccountManagementInterface::changePasswordById",
        resources: &["self"],
        forced: &[("customerId", Forced::CustomerId)],
        handler: change_password_by_id,
    },
];

/// `AccountManagement::isEmailAvailable($customerEmail, $websiteId = null)`: true when no
/// customer of that website (the current store's website when none is given) has the e-mail.
fn is_email_available(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    call.input.require(&["customerEmail"])?;
    let email = string_param(call, "customerEmail")?.unwrap_or_default();
    let website_id = int_param(call, "websiteId")?.unwrap_or(call.store.website_id);
    let taken = call
        .services
        .store
        .read(|c| customers::customer_by_email(c, &email, website_id))
        .map_err(|e| e.to_magento())?;
    Ok(Value::Bool(taken.is_none()))
}

/// The customer JSON of an id, or `No such entity with customerId = <id>`
/// (Model/CustomerRegistry.php `retrieve`).
fn customer_value(call: &Call<'_>, id: i64) -> Result<Value, MagentoError> {
    call.services
        .store
        .read(|c| {
            let customer = customers::customer_by_id(c, id)?
                .ok_or_else(|| MagentoError::no_such_entity("customerId", id))?;
            let addresses = customers::customer_addresses(c, id)?;
            Ok::<_, Failed>(customer_json::customer(&customer, &addresses))
        })
        .map_err(Into::into)
}

/// `getById($customerId)`; for `/me` the id is forced from the caller's token.
fn get_by_id(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    call.input.require(&["customerId"])?;
    let id = int_param(call, "customerId")?.unwrap_or(0);
    customer_value(call, id)
}

fn get_list(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    let criteria = list::criteria(call)?;
    let (items, total) = call.services.store.read(|c| {
        let (ids, total) = customer_account::search_customers(c, &criteria)?;
        let mut items = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(customer) = customers::customer_by_id(c, id)? {
                let addresses = customers::customer_addresses(c, id)?;
                items.push(customer_json::customer(&customer, &addresses));
            }
        }
        Ok::<_, Failed>((items, total))
    })?;
    Ok(list::envelope(items, &criteria, total))
}

/// `createAccount($customer, $password = null, $redirectUrl = '')`: a `group_id` from a caller
/// without `Magento_Customer::manage` is dropped; the password is checked (strength, then not
/// the e-mail, compared case-insensitively as `strcasecmp` does) before the account.
fn create_account(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    call.input.require(&["customer"])?;
    let customer = call.input.get("customer").cloned().unwrap_or(Value::Null);
    let mut input: CustomerInput = customer_input(&customer)?;
    let may_manage = crate::rest::acl::check(
        call.services,
        &["Magento_Customer::manage"],
        call.caller,
        call.store,
    )
    .result
    .is_ok();
    if !may_manage {
        input.group_id = None;
    }
    let password = string_param(call, "password")?;
    let hash = match &password {
        Some(password) => {
            call.services
                .store
                .read(|c| customer_account::check_password_strength(c, password).map_err(Failed))?;
            let email = input.email.clone().unwrap_or_default();
            if password.to_lowercase() == email.to_lowercase() {
                return Err(MagentoError::input(
                    customer_account::messages::PASSWORD_IS_EMAIL,
                    Params::None,
                ));
            }
            Some(magemock_catalog::password::hash(
                &call.services.entropy,
                password,
            ))
        }
        None => None,
    };
    let now = call.services.clock.now_db();
    let store_id = call.store.store_id;
    let id = call.services.store.write(|tx| {
        Ok::<_, Failed>(customer_account::create_account(
            tx, &input, hash, store_id, &now,
        )?)
    })?;
    customer_value(call, id)
}

/// `save($customer, $passwordHash = null)` for `/me`: `customer.id` is forced to the caller
/// (webapi.xml `<parameter name="customer.id" force="true">%customer_id%</parameter>`).
fn save_me(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    call.input.require(&["customer"])?;
    let id = call
        .input
        .raw()
        .get("customer.id")
        .and_then(Value::as_i64)
        .ok_or_else(|| MagentoError::required_field("customerId"))?;
    let mut body = call.input.get("customer").cloned().unwrap_or(Value::Null);
    if let Value::Object(o) = &mut body {
        o.insert("id".into(), id.into());
    }
    let input = customer_input(&body)?;
    let now = call.services.clock.now_db();
    call.services.store.write(|tx| {
        customer_account::update_customer(tx, id, &input, &now)?;
        Ok::<_, Failed>(())
    })?;
    customer_value(call, id)
}

/// `save($customer, $passwordHash = null)` by an admin (`PUT /V1/customers/:id`; webapi.xml
/// also maps `POST /V1/customers/` to it, which PathProcessor's trimming makes the same URL as
/// createAccount's `POST /V1/customers`, so it is not in the table). On PUT, `ParamsOverrider` writes the URL's id
/// into `customer.id` when the body is that one object. With an id the customer is replaced as
/// for `/me` (an unknown id is `No such entity with customerId = <id>`); without one the
/// repository creates a customer, with `passwordHash` as its hash and no password rules.
fn save(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    call.input.require(&["customer"])?;
    let mut body = call.input.get("customer").cloned().unwrap_or(Value::Null);
    let only_customer = call
        .input
        .raw()
        .keys()
        .filter(|k| k.as_str() != "id" && k.as_str() != "fields")
        .count()
        == 1;
    if let (Some(path_id), Value::Object(o), true) =
        (call.input.raw().get("id"), &mut body, only_customer)
    {
        o.insert("id".into(), path_id.clone());
    }
    let input = customer_input(&body)?;
    let password_hash = string_param(call, "passwordHash")?;
    let now = call.services.clock.now_db();
    let store_id = call.store.store_id;
    let id = call.services.store.write(|tx| match input.id {
        Some(id) => {
            customer_account::update_customer(tx, id, &input, &now)?;
            if let Some(hash) = &password_hash {
                customer_account::set_password_hash(tx, id, hash)?;
            }
            Ok::<_, Failed>(id)
        }
        None => Ok(customer_account::create_account(
            tx,
            &input,
            password_hash.clone(),
            store_id,
            &now,
        )?),
    })?;
    customer_value(call, id)
}

/// `deleteById($customerId)` → `true`. The customer's tokens are revoked in the same
/// transaction, as app/code/Magento/Integration/Plugin/Model/CustomerUser.php `afterDelete`
/// revokes them.
fn delete_by_id(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    call.input.require(&["customerId"])?;
    let id = int_param(call, "customerId")?.unwrap_or(0);
    let ctx = call.services.token_context();
    call.services.store.write(|tx| {
        customer_manage::delete_customer(tx, id)?;
        magemock_tokens::revoke(
            tx,
            &ctx,
            TokenUser {
                kind: UserKind::Customer,
                id,
            },
        )?;
        Ok::<_, Failed>(())
    })?;
    Ok(Value::Bool(true))
}

/// `changePasswordById($customerId, $currentPassword, $newPassword)` → `true`, the id forced
/// from the caller's token.
fn change_password_by_id(call: &mut Call<'_>) -> Result<Value, MagentoError> {
    call.input
        .require(&["customerId", "currentPassword", "newPassword"])?;
    let id = int_param(call, "customerId")?.unwrap_or(0);
    let current = string_param(call, "currentPassword")?.unwrap_or_default();
    let new = string_param(call, "newPassword")?.unwrap_or_default();
    let now = call.services.clock.now_db();
    let entropy = &call.services.entropy;
    call.services.store.write(|tx| {
        customer_manage::change_password(tx, entropy, id, &current, &new, &now)?;
        Ok::<_, Failed>(())
    })?;
    Ok(Value::Bool(true))
}
