//! What an admin or the customer does to an existing account besides saving it: deleting it
//! (`CustomerRepository::deleteById`), changing its password (`AccountManagement::
//! changePasswordById`), reading and deleting addresses (`AddressRepository::getById`,
//! `deleteById`) and finding the default billing and shipping addresses
//! (`AccountManagement::getDefaultBillingAddress`, `getDefaultShippingAddress`).
//! Sources: app/code/Magento/Customer/Model/ResourceModel/CustomerRepository.php,
//! Model/AccountManagement.php, Model/ResourceModel/AddressRepository.php,
//! Model/ResourceModel/Address/DeleteRelation.php, Model/AddressRegistry.php (2.4).

use magemock_core::{Entropy, ExceptionKind, MagentoError, Params, ToMagentoError};
use rusqlite::{Connection, params};

use crate::customer_account::{self, messages::PASSWORD_IS_EMAIL};
use crate::customers::{self, Address};
use crate::error::CatalogError;
use crate::password;

/// Magento's phrases, verbatim.
pub mod messages {
    /// app/code/Magento/Customer/Model/AccountManagement.php `changePasswordById`
    /// (InvalidEmailOrPasswordException, an AuthenticationException: 401).
    pub const INVALID_LOGIN: &str = "Invalid login or password.";
    /// `changePasswordForCustomer` (InvalidEmailOrPasswordException: 401).
    pub const PASSWORD_MISMATCH: &str =
        "The password doesn't match this account. Verify the password and try again.";
}

fn sql(e: rusqlite::Error) -> MagentoError {
    CatalogError::from(e).to_magento()
}

fn cat(e: CatalogError) -> MagentoError {
    e.to_magento()
}

/// `CustomerRegistry::retrieve`'s 404.
fn customer_missing(id: i64) -> MagentoError {
    MagentoError::no_such_entity("customerId", id)
}

/// `deleteById($customerId)`: the customer and its addresses (the tokens are the caller's to
/// revoke, as Integration's CustomerUser plugin does after the delete).
pub fn delete_customer(conn: &Connection, id: i64) -> Result<(), MagentoError> {
    customers::customer_by_id(conn, id)
        .map_err(cat)?
        .ok_or_else(|| customer_missing(id))?;
    conn.prepare_cached("DELETE FROM customer_address_entity WHERE parent_id = ?1")
        .and_then(|mut s| s.execute([id]))
        .map_err(sql)?;
    conn.prepare_cached("DELETE FROM customer_entity WHERE entity_id = ?1")
        .and_then(|mut s| s.execute([id]))
        .map_err(sql)?;
    Ok(())
}

/// `changePasswordById($customerId, $currentPassword, $newPassword)`: an unknown customer is
/// `Invalid login or password.`, a wrong current password the 401 mismatch; then the new
/// password must differ from the e-mail (`strcasecmp`) and pass `checkPasswordStrength`. The
/// reset token is cleared and the account saved (`updated_at`).
pub fn change_password(
    conn: &Connection,
    entropy: &Entropy,
    id: i64,
    current: &str,
    new: &str,
    now: &str,
) -> Result<(), MagentoError> {
    let unauthorized = |message: &'static str| {
        MagentoError::new(ExceptionKind::Authentication, message, Params::None)
    };
    let Some(customer) = customers::customer_by_id(conn, id).map_err(cat)? else {
        return Err(unauthorized(messages::INVALID_LOGIN));
    };
    let hash = customer.password_hash.clone().unwrap_or_default();
    if !password::verify(&hash, current) {
        return Err(unauthorized(messages::PASSWORD_MISMATCH));
    }
    let email = customer.email.clone().unwrap_or_default();
    if new.to_lowercase() == email.to_lowercase() {
        return Err(MagentoError::input(PASSWORD_IS_EMAIL, Params::None));
    }
    customer_account::check_password_strength(conn, new)?;
    conn.prepare_cached(
        "UPDATE customer_entity SET password_hash = ?1, rp_token = NULL, \
         rp_token_created_at = NULL, updated_at = ?2 WHERE entity_id = ?3",
    )
    .and_then(|mut s| s.execute(params![password::hash(entropy, new), now, id]))
    .map_err(sql)?;
    Ok(())
}

/// `AddressRegistry::retrieve`: `No such entity with addressId = <id>`.
pub fn address(conn: &Connection, id: i64) -> Result<Address, MagentoError> {
    customers::address_by_id(conn, id)
        .map_err(cat)?
        .ok_or_else(|| MagentoError::no_such_entity("addressId", id))
}

/// `AddressRepository::deleteById($addressId)`: the address goes, and
/// `Address\DeleteRelation` clears the owner's default billing / shipping pointing at it.
pub fn delete_address(conn: &Connection, id: i64) -> Result<(), MagentoError> {
    let address = address(conn, id)?;
    if let Some(owner) = address.customer_id {
        conn.prepare_cached(
            "UPDATE customer_entity SET \
             default_billing = CASE WHEN default_billing = ?1 THEN NULL ELSE default_billing END, \
             default_shipping = CASE WHEN default_shipping = ?1 THEN NULL ELSE default_shipping END \
             WHERE entity_id = ?2",
        )
        .and_then(|mut s| s.execute(params![id, owner]))
        .map_err(sql)?;
    }
    conn.prepare_cached("DELETE FROM customer_address_entity WHERE entity_id = ?1")
        .and_then(|mut s| s.execute([id]))
        .map_err(sql)?;
    Ok(())
}

/// Which default address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefaultAddress {
    Billing,
    Shipping,
}

/// `getDefaultBillingAddress` / `getDefaultShippingAddress`: the customer's address with the
/// default's id, or none (which the REST output processor renders as `[]`).
pub fn default_address(
    conn: &Connection,
    customer_id: i64,
    which: DefaultAddress,
) -> Result<Option<Address>, MagentoError> {
    let customer = customers::customer_by_id(conn, customer_id)
        .map_err(cat)?
        .ok_or_else(|| customer_missing(customer_id))?;
    let wanted = match which {
        DefaultAddress::Billing => customer.default_billing,
        DefaultAddress::Shipping => customer.default_shipping,
    };
    let Some(wanted) = wanted else {
        return Ok(None);
    };
    Ok(customers::customer_addresses(conn, customer_id)
        .map_err(cat)?
        .into_iter()
        .find(|a| a.id == wanted))
}
