//! The customer account service: `AccountManagement::createAccount` (password rules, store and
//! website defaults, duplicate e-mail), `CustomerRepository::save` for an existing customer, and
//! `CustomerRepository::getList` over searchCriteria
//! (app/code/Magento/Customer/Model/AccountManagement.php, ResourceModel/CustomerRepository.php).

use magemock_core::search_criteria::{FieldSql, Filter, FilterStyle, SearchCriteria};
use magemock_core::{MagentoError, Params, Settings, ToMagentoError};
use rusqlite::{Connection, ToSql, params, params_from_iter};

use crate::customers::{self, NewAddress, NewCustomer};
use crate::error::{CatalogError, Existing};
use crate::{customer_groups, stores};

/// Magento's phrases for account creation, verbatim.
pub mod messages {
    /// app/code/Magento/Customer/Model/AccountManagement.php `checkPasswordStrength`
    pub const PASSWORD_TOO_LONG: &str = "Please enter a password with at most %1 characters.";
    pub const PASSWORD_TOO_SHORT: &str =
        "The password needs at least %1 characters. Create a new password and try again.";
    pub const PASSWORD_SPACES: &str =
        "The password can't begin or end with a space. Verify the password and try again.";
    /// `makeRequiredCharactersCheck`
    pub const PASSWORD_CLASSES: &str = "Minimum of different classes of characters in password is %1. Classes of characters: Lower Case, Upper Case, Digits, Special Characters.";
    /// `createAccount`, after `CredentialsValidator::checkPasswordDifferentFromEmail`
    pub const PASSWORD_IS_EMAIL: &str =
        "The password can't be the same as the email address. Create a new password and try again.";
    /// app/code/Magento/Customer/Model/ResourceModel/CustomerRepository.php `validateGroupId`
    /// (LocalizedException, 400)
    pub const GROUP_DOES_NOT_EXIST: &str = "The specified customer group id does not exist.";
    /// `createAccountWithPasswordHash`
    pub const ALREADY_IN_STORE: &str = "This customer already exists in this store.";
    pub const STORE_NOT_IN_WEBSITE: &str = "The store view is not in the associated website.";
    /// app/code/Magento/Customer/Model/ResourceModel/Customer.php `_beforeSave`
    pub const EMAIL_MISSING: &str = "The customer email is missing. Enter and try again.";
    /// app/code/Magento/Eav/Model/Attribute/Data/Text.php `validateValue` (the customer
    /// attribute validator), with the attribute's store label.
    pub const REQUIRED_VALUE: &str = "\"%1\" is a required value.";
    pub const INVALID_EMAIL: &str = "\"%1\" is not a valid email address.";
}

/// `AccountManagementInterface::MAX_PASSWORD_LENGTH`.
pub const MAX_PASSWORD_LENGTH: usize = 256;

/// `checkPasswordStrength`: length, surrounding spaces, character classes, in that order.
/// Lengths count characters; `%1` is the configured number, a string as config values are.
pub fn check_password_strength(conn: &Connection, password: &str) -> Result<(), MagentoError> {
    let core = |e: magemock_core::CoreError| e.to_magento();
    let min_length = Settings::get(conn, "customer/password/minimum_password_length")
        .map_err(core)?
        .unwrap_or_else(|| "8".into());
    let classes = Settings::get(conn, "customer/password/required_character_classes_number")
        .map_err(core)?
        .unwrap_or_else(|| "3".into());
    let length = password.chars().count();
    if length > MAX_PASSWORD_LENGTH {
        return Err(MagentoError::input(
            messages::PASSWORD_TOO_LONG,
            Params::positional([MAX_PASSWORD_LENGTH]),
        ));
    }
    if (length as i64) < min_length.trim().parse::<i64>().unwrap_or(8) {
        return Err(MagentoError::input(
            messages::PASSWORD_TOO_SHORT,
            Params::positional([min_length]),
        ));
    }
    if password.trim() != password {
        return Err(MagentoError::input(messages::PASSWORD_SPACES, Params::None));
    }
    let found = [
        password.chars().any(|c| c.is_ascii_digit()),
        password.chars().any(|c| c.is_ascii_uppercase()),
        password.chars().any(|c| c.is_ascii_lowercase()),
        password.chars().any(|c| !c.is_ascii_alphanumeric()),
    ]
    .iter()
    .filter(|&&b| b)
    .count();
    if (found as i64) < classes.trim().parse::<i64>().unwrap_or(3) {
        return Err(MagentoError::input(
            messages::PASSWORD_CLASSES,
            Params::positional([classes]),
        ));
    }
    Ok(())
}

/// A CustomerInterface body; `None` is "not sent".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomerInput {
    pub id: Option<i64>,
    pub group_id: Option<i64>,
    pub email: Option<String>,
    pub firstname: Option<String>,
    pub lastname: Option<String>,
    pub middlename: Option<String>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub dob: Option<String>,
    pub gender: Option<i64>,
    pub taxvat: Option<String>,
    pub store_id: Option<i64>,
    pub website_id: Option<i64>,
    pub disable_auto_group_change: Option<bool>,
    pub addresses: Option<Vec<NewAddress>>,
    /// The `id` each sent address carries (`None`: a new address), in `addresses` order.
    pub address_ids: Vec<Option<i64>>,
}

/// The attribute validation of the customer resource model: e-mail present and well-formed,
/// first and last name present. Several failures are one aggregate InputException.
fn validate(email: &str, firstname: &str, lastname: &str) -> Result<(), MagentoError> {
    if email.trim().is_empty() {
        return Err(MagentoError::input(messages::EMAIL_MISSING, Params::None));
    }
    let mut errors = Vec::new();
    if firstname.trim().is_empty() {
        errors.push(required("First Name"));
    }
    if lastname.trim().is_empty() {
        errors.push(required("Last Name"));
    }
    if !customers::looks_like_email(email) {
        errors.push(MagentoError::input(
            messages::INVALID_EMAIL,
            Params::positional(["Email"]),
        ));
    }
    match MagentoError::aggregate(errors) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

fn required(label: &str) -> MagentoError {
    MagentoError::input(messages::REQUIRED_VALUE, Params::positional([label]))
}

/// `createAccountWithPasswordHash` for a new customer in the current store: store and website
/// default from the store the call runs in, `created_in` is the store's name, an e-mail taken
/// in the website is `A customer with the same email address already exists...`.
pub fn create_account(
    conn: &Connection,
    input: &CustomerInput,
    password_hash: Option<String>,
    current_store_id: i64,
    now: &str,
) -> Result<i64, MagentoError> {
    let cat = |e: CatalogError| e.to_magento();
    if let Some(id) = input.id
        && customers::customer_by_id(conn, id).map_err(cat)?.is_some()
    {
        return Err(MagentoError::input(
            messages::ALREADY_IN_STORE,
            Params::None,
        ));
    }
    let store_id = match (input.store_id.filter(|s| *s != 0), input.website_id) {
        (Some(s), _) => s,
        (None, Some(w)) if w != 0 => stores::website_default_store(conn, w)
            .map_err(cat)?
            .map_or(current_store_id, |s| s.id),
        _ => current_store_id,
    };
    let store = stores::store_by_id(conn, store_id)
        .map_err(cat)?
        .ok_or_else(|| MagentoError::no_such_entity("storeId", store_id))?;
    let website_id = input
        .website_id
        .filter(|w| *w != 0)
        .unwrap_or(store.website_id);
    if store.website_id != website_id || store.id == stores::ADMIN_ID {
        return Err(MagentoError::input(
            messages::STORE_NOT_IN_WEBSITE,
            Params::None,
        ));
    }
    let email = input.email.clone().unwrap_or_default();
    let firstname = input.firstname.clone().unwrap_or_default();
    let lastname = input.lastname.clone().unwrap_or_default();
    validate(&email, &firstname, &lastname)?;
    let group_id = input.group_id.unwrap_or(customer_groups::DEFAULT_GROUP_ID);
    let new = NewCustomer {
        website_id,
        store_id: store.id,
        group_id,
        email,
        firstname,
        lastname,
        middlename: input.middlename.clone(),
        prefix: input.prefix.clone(),
        suffix: input.suffix.clone(),
        dob: input.dob.clone(),
        gender: input.gender,
        taxvat: input.taxvat.clone(),
        password_hash,
        is_active: true,
        disable_auto_group_change: input.disable_auto_group_change.unwrap_or(false),
        addresses: input.addresses.clone().unwrap_or_default(),
    };
    customers::insert_customer(conn, &new, now).map_err(cat)
}

/// `CustomerRepository::save` of an existing customer. As in Magento the sent object replaces
/// the stored one (the model is built from the request data alone): an optional field not sent
/// is cleared, and e-mail, first and last name must be sent again. The customer's website,
/// store, group and `created_at` stay; addresses are replaced only when sent.
pub fn update_customer(
    conn: &Connection,
    id: i64,
    input: &CustomerInput,
    now: &str,
) -> Result<(), MagentoError> {
    let cat = |e: CatalogError| e.to_magento();
    let current = customers::customer_by_id(conn, id)
        .map_err(cat)?
        .ok_or_else(|| MagentoError::no_such_entity("customerId", id))?;
    let email = input.email.clone().unwrap_or_default();
    let firstname = input.firstname.clone().unwrap_or_default();
    let lastname = input.lastname.clone().unwrap_or_default();
    validate(&email, &firstname, &lastname)?;
    let website_id = current.website_id.unwrap_or(0);
    let taken = customers::customer_by_email(conn, &email, website_id)
        .map_err(cat)?
        .is_some_and(|c| c.id != id);
    if taken {
        return Err(CatalogError::AlreadyExists(Existing::CustomerEmail(email)).to_magento());
    }
    // `validateGroupId((int)$customer->getGroupId())`: 0 (NOT LOGGED IN) is not checked.
    if let Some(group) = input.group_id.filter(|g| *g != 0)
        && customer_groups::customer_group_by_id(conn, group)
            .map_err(cat)?
            .is_none()
    {
        return Err(MagentoError::input(
            messages::GROUP_DOES_NOT_EXIST,
            Params::None,
        ));
    }
    conn.prepare_cached(
        "UPDATE customer_entity SET email = ?1, firstname = ?2, lastname = ?3, \
         middlename = ?4, prefix = ?5, suffix = ?6, dob = ?7, gender = ?8, taxvat = ?9, \
         group_id = COALESCE(?10, group_id), \
         disable_auto_group_change = COALESCE(?11, disable_auto_group_change), updated_at = ?12 \
         WHERE entity_id = ?13",
    )
    .and_then(|mut s| {
        s.execute(params![
            email.trim(),
            firstname,
            lastname,
            input.middlename,
            input.prefix,
            input.suffix,
            input.dob,
            input.gender,
            input.taxvat,
            input.group_id,
            input.disable_auto_group_change,
            now,
            id
        ])
    })
    .map_err(|e| CatalogError::from(e).to_magento())?;
    if let Some(addresses) = &input.addresses {
        replace_addresses(conn, id, addresses, &input.address_ids, now)?;
    }
    Ok(())
}

/// `populateCustomerWithSecureData` with a `passwordHash`: the hash replaces the stored one and
/// the reset token is cleared.
pub fn set_password_hash(conn: &Connection, id: i64, hash: &str) -> Result<(), MagentoError> {
    conn.prepare_cached(
        "UPDATE customer_entity SET password_hash = ?1, rp_token = NULL, \
         rp_token_created_at = NULL WHERE entity_id = ?2",
    )
    .and_then(|mut s| s.execute(params![hash, id]))
    .map_err(|e| CatalogError::from(e).to_magento())?;
    Ok(())
}

/// The repository's address handling: every sent address is saved (an `id` updates that address,
/// which must exist: `No such entity with addressId = <id>`; none creates one), the customer's
/// other addresses are deleted, and the defaults follow the sent flags.
fn replace_addresses(
    conn: &Connection,
    id: i64,
    addresses: &[NewAddress],
    address_ids: &[Option<i64>],
    now: &str,
) -> Result<(), MagentoError> {
    let cat = |e: CatalogError| e.to_magento();
    let sql = |e: rusqlite::Error| CatalogError::from(e).to_magento();
    conn.prepare_cached(
        "UPDATE customer_entity SET default_billing = NULL, default_shipping = NULL \
         WHERE entity_id = ?1",
    )
    .and_then(|mut s| s.execute([id]))
    .map_err(sql)?;
    let mut kept: Vec<i64> = Vec::new();
    for (i, a) in addresses.iter().enumerate() {
        let address_id = match address_ids.get(i).copied().flatten() {
            Some(address_id) => {
                customers::address_by_id(conn, address_id)
                    .map_err(cat)?
                    .ok_or_else(|| MagentoError::no_such_entity("addressId", address_id))?;
                conn.prepare_cached(
                    "UPDATE customer_address_entity SET parent_id = ?1, updated_at = ?2, \
                     city = ?3, company = ?4, country_id = ?5, fax = ?6, firstname = ?7, \
                     lastname = ?8, middlename = ?9, postcode = ?10, prefix = ?11, region = ?12, \
                     region_id = ?13, region_code = ?14, street = ?15, suffix = ?16, \
                     telephone = ?17, vat_id = ?18 WHERE entity_id = ?19",
                )
                .and_then(|mut s| {
                    let street = a.street.join("\n");
                    let head: [&dyn ToSql; 2] = [&id, &now];
                    s.execute(params_from_iter(
                        head.into_iter()
                            .chain(address_values(a, &street))
                            .chain([&address_id as &dyn ToSql]),
                    ))
                })
                .map_err(sql)?;
                address_id
            }
            None => insert_address_row(conn, id, a, now).map_err(cat)?,
        };
        kept.push(address_id);
        if a.default_billing {
            conn.prepare_cached(
                "UPDATE customer_entity SET default_billing = ?1 WHERE entity_id = ?2",
            )
            .and_then(|mut s| s.execute(params![address_id, id]))
            .map_err(sql)?;
        }
        if a.default_shipping {
            conn.prepare_cached(
                "UPDATE customer_entity SET default_shipping = ?1 WHERE entity_id = ?2",
            )
            .and_then(|mut s| s.execute(params![address_id, id]))
            .map_err(sql)?;
        }
    }
    let existing: Vec<i64> = customers::customer_addresses(conn, id)
        .map_err(cat)?
        .into_iter()
        .map(|a| a.id)
        .collect();
    for gone in existing.into_iter().filter(|a| !kept.contains(a)) {
        conn.prepare_cached("DELETE FROM customer_address_entity WHERE entity_id = ?1")
            .and_then(|mut s| s.execute([gone]))
            .map_err(sql)?;
    }
    Ok(())
}

fn insert_address_row(
    conn: &Connection,
    id: i64,
    a: &NewAddress,
    now: &str,
) -> Result<i64, CatalogError> {
    conn.prepare_cached(
        "INSERT INTO customer_address_entity (parent_id, created_at, updated_at, is_active, \
             city, company, country_id, fax, firstname, lastname, middlename, postcode, prefix, \
             region, region_id, region_code, street, suffix, telephone, vat_id) \
             VALUES (?1, ?2, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, \
             ?16, ?17, ?18)",
    )
    .and_then(|mut s| {
        let street = a.street.join("\n");
        let head: [&dyn ToSql; 2] = [&id, &now];
        s.execute(params_from_iter(
            head.into_iter().chain(address_values(a, &street)),
        ))
    })?;
    Ok(conn.last_insert_rowid())
}

/// The address columns the insert and the update both write, in their SQL order (`?3`–`?18`).
fn address_values<'a>(a: &'a NewAddress, street: &'a dyn ToSql) -> [&'a dyn ToSql; 16] {
    [
        &a.city,
        &a.company,
        &a.country_id,
        &a.fax,
        &a.firstname,
        &a.lastname,
        &a.middlename,
        &a.postcode,
        &a.prefix,
        &a.region.region,
        &a.region.region_id,
        &a.region.region_code,
        street,
        &a.suffix,
        &a.telephone,
        &a.vat_id,
    ]
}

/// Customer fields a searchCriteria may name: the static columns of `customer_entity`.
const FIELDS: &[&str] = &[
    "entity_id",
    "website_id",
    "email",
    "group_id",
    "increment_id",
    "store_id",
    "created_at",
    "updated_at",
    "is_active",
    "disable_auto_group_change",
    "created_in",
    "prefix",
    "firstname",
    "middlename",
    "lastname",
    "suffix",
    "dob",
    "default_billing",
    "default_shipping",
    "taxvat",
    "confirmation",
    "gender",
];

fn column(field: &str, template: &'static str) -> Result<String, MagentoError> {
    if FIELDS.contains(&field) {
        Ok(format!("c.{field}"))
    } else {
        Err(MagentoError::input(template, Params::positional([field])))
    }
}

/// `CustomerRepository::getList`: matching customer ids for the page asked for, and the total.
pub fn search_customers(
    conn: &Connection,
    criteria: &SearchCriteria,
) -> Result<(Vec<i64>, i64), MagentoError> {
    use crate::product_search::messages::{INVALID_ATTRIBUTE_NAME, INVALID_ATTRIBUTE_REQUESTED};
    let filter = |f: &Filter| -> Result<FieldSql, MagentoError> {
        Ok(FieldSql::Column(column(&f.field, INVALID_ATTRIBUTE_NAME)?))
    };
    let sort = |field: &str| column(field, INVALID_ATTRIBUTE_REQUESTED);
    let query = criteria.to_sql_with(FilterStyle::Eav, &filter, &sort)?;
    crate::list_query::page_of_ids(conn, "customer_entity c", "c.entity_id", &query)
}

#[cfg(test)]
mod tests;
