//! Customers and their addresses (`Magento_Customer`'s `customer_entity` and
//! `customer_address_entity`). As in Magento, the default billing and shipping addresses are
//! address ids on the customer row; an address's `default_billing` / `default_shipping` flags
//! are read from there.

use rusqlite::{Connection, OptionalExtension, Row, params};

use magemock_core::Settings;

use crate::customer_groups;
use crate::error::{CatalogError, Existing};
use crate::stores;

/// `customer/account_share/scope`: 1 keeps e-mails unique per website, 0 across all websites.
const ACCOUNT_SHARE_SCOPE: &str = "customer/account_share/scope";

/// The options of the customer `gender` attribute (Male, Female, Not Specified).
pub const GENDER_MALE: i64 = 1;
pub const GENDER_FEMALE: i64 = 2;
pub const GENDER_NOT_SPECIFIED: i64 = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCustomer {
    pub website_id: i64,
    pub store_id: i64,
    pub group_id: i64,
    pub email: String,
    pub firstname: String,
    pub lastname: String,
    pub middlename: Option<String>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    /// `YYYY-MM-DD`.
    pub dob: Option<String>,
    pub gender: Option<i64>,
    pub taxvat: Option<String>,
    /// Already hashed ([`crate::password::hash`]); `None` for an account without a password.
    pub password_hash: Option<String>,
    pub is_active: bool,
    pub disable_auto_group_change: bool,
    pub addresses: Vec<NewAddress>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub region: Option<String>,
    pub region_code: Option<String>,
    pub region_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAddress {
    pub firstname: String,
    pub lastname: String,
    pub middlename: Option<String>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub company: Option<String>,
    pub street: Vec<String>,
    pub city: String,
    pub region: Region,
    pub country_id: String,
    pub postcode: Option<String>,
    pub telephone: String,
    pub fax: Option<String>,
    pub vat_id: Option<String>,
    pub default_billing: bool,
    pub default_shipping: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
    pub id: i64,
    pub group_id: i64,
    pub default_billing: Option<i64>,
    pub default_shipping: Option<i64>,
    pub confirmation: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub created_in: Option<String>,
    pub dob: Option<String>,
    pub email: Option<String>,
    pub firstname: Option<String>,
    pub lastname: Option<String>,
    pub middlename: Option<String>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub gender: Option<i64>,
    pub store_id: Option<i64>,
    pub taxvat: Option<String>,
    pub website_id: Option<i64>,
    pub disable_auto_group_change: bool,
    pub is_active: bool,
    pub password_hash: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub id: i64,
    pub customer_id: Option<i64>,
    pub region: Region,
    pub country_id: String,
    pub street: Vec<String>,
    pub company: Option<String>,
    pub telephone: String,
    pub fax: Option<String>,
    pub postcode: Option<String>,
    pub city: String,
    pub firstname: String,
    pub lastname: String,
    pub middlename: Option<String>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub vat_id: Option<String>,
    pub default_shipping: bool,
    pub default_billing: bool,
}

/// Inserts a customer with its addresses. `created_in` is the store view's name, as
/// `AccountManagement::createAccount` sets it; `now` is Magento's `YYYY-MM-DD HH:MM:SS`.
pub fn insert_customer(
    conn: &Connection,
    new: &NewCustomer,
    now: &str,
) -> Result<i64, CatalogError> {
    let store = stores::store_by_id(conn, new.store_id)?
        .filter(|s| s.id != stores::ADMIN_ID)
        .ok_or_else(|| CatalogError::no_such("store", "storeId", new.store_id))?;
    if store.website_id != new.website_id {
        return Err(CatalogError::invalid(
            "store_id",
            new.store_id.to_string(),
            format!(
                "store `{}` is not in website {}",
                store.code, new.website_id
            ),
        ));
    }
    customer_groups::customer_group_by_id(conn, new.group_id)?
        .ok_or_else(|| CatalogError::no_such("customer group", "id", new.group_id))?;
    check_person(new)?;
    check_email_free(conn, &new.email, new.website_id)?;
    let billing = single_default(&new.addresses, |a| a.default_billing, "default_billing")?;
    let shipping = single_default(&new.addresses, |a| a.default_shipping, "default_shipping")?;
    conn.prepare_cached(
        "INSERT INTO customer_entity (website_id, email, group_id, store_id, created_at, \
         updated_at, is_active, disable_auto_group_change, created_in, prefix, firstname, \
         middlename, lastname, suffix, dob, password_hash, taxvat, gender) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )
    .and_then(|mut s| {
        s.execute(params![
            new.website_id,
            new.email.trim(),
            new.group_id,
            store.id,
            now,
            new.is_active,
            new.disable_auto_group_change,
            store.name,
            new.prefix,
            new.firstname,
            new.middlename,
            new.lastname,
            new.suffix,
            new.dob,
            new.password_hash,
            new.taxvat,
            new.gender,
        ])
    })?;
    let id = conn.last_insert_rowid();
    let mut address_ids = Vec::with_capacity(new.addresses.len());
    for address in &new.addresses {
        address_ids.push(insert_address(conn, id, address, now)?);
    }
    let pick = |i: Option<usize>| i.and_then(|i| address_ids.get(i).copied());
    conn.prepare_cached(
        "UPDATE customer_entity SET default_billing = ?1, default_shipping = ?2 \
         WHERE entity_id = ?3",
    )
    .and_then(|mut s| s.execute(params![pick(billing), pick(shipping), id]))?;
    Ok(id)
}

fn check_person(new: &NewCustomer) -> Result<(), CatalogError> {
    if !looks_like_email(&new.email) {
        return Err(CatalogError::invalid(
            "email",
            new.email.as_str(),
            "not a valid e-mail address",
        ));
    }
    if new.firstname.trim().is_empty() {
        return Err(CatalogError::RequiredValueEmpty("firstname".to_string()));
    }
    if new.lastname.trim().is_empty() {
        return Err(CatalogError::RequiredValueEmpty("lastname".to_string()));
    }
    if let Some(g) = new
        .gender
        .filter(|g| !(GENDER_MALE..=GENDER_NOT_SPECIFIED).contains(g))
    {
        return Err(CatalogError::invalid(
            "gender",
            g.to_string(),
            "1 (male), 2 (female) or 3 (not specified)",
        ));
    }
    if let Some(dob) = new.dob.as_deref().filter(|d| !is_iso_date(d)) {
        return Err(CatalogError::invalid(
            "dob",
            dob,
            "a date YYYY-MM-DD is expected",
        ));
    }
    Ok(())
}

/// `local@domain.tld` with no spaces: enough to catch a slip in a fixture, not RFC 5322.
pub fn looks_like_email(email: &str) -> bool {
    let email = email.trim();
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    }
}

fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    let num = |p: &str, len: usize, max: u32| {
        p.len() == len
            && p.chars().all(|c| c.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| (1..=max).contains(&n))
    };
    num(y, 4, 9999) && num(m, 2, 12) && num(d, 2, 31)
}

fn check_email_free(conn: &Connection, email: &str, website_id: i64) -> Result<(), CatalogError> {
    let per_website =
        Settings::get(conn, ACCOUNT_SHARE_SCOPE)?.is_none_or(|scope| scope.trim() != "0");
    let taken: bool = if per_website {
        conn.prepare_cached(
            "SELECT EXISTS(SELECT 1 FROM customer_entity WHERE email = ?1 AND website_id = ?2)",
        )
        .and_then(|mut s| s.query_row(params![email.trim(), website_id], |r| r.get(0)))?
    } else {
        conn.prepare_cached("SELECT EXISTS(SELECT 1 FROM customer_entity WHERE email = ?1)")
            .and_then(|mut s| s.query_row([email.trim()], |r| r.get(0)))?
    };
    if taken {
        return Err(CatalogError::AlreadyExists(Existing::CustomerEmail(
            email.trim().to_string(),
        )));
    }
    Ok(())
}

/// The index of the one address flagged by `flag`, if any; two flagged is an error.
fn single_default(
    addresses: &[NewAddress],
    flag: impl Fn(&NewAddress) -> bool,
    field: &str,
) -> Result<Option<usize>, CatalogError> {
    let mut flagged = addresses.iter().enumerate().filter(|(_, a)| flag(a));
    let first = flagged.next().map(|(i, _)| i);
    if flagged.next().is_some() {
        return Err(CatalogError::invalid(
            field,
            "true",
            "only one address can be the default",
        ));
    }
    Ok(first)
}

fn insert_address(
    conn: &Connection,
    customer_id: i64,
    new: &NewAddress,
    now: &str,
) -> Result<i64, CatalogError> {
    let required = [
        ("firstname", new.firstname.as_str()),
        ("lastname", new.lastname.as_str()),
        ("city", new.city.as_str()),
        ("country_id", new.country_id.as_str()),
        ("telephone", new.telephone.as_str()),
    ];
    for (field, value) in required {
        if value.trim().is_empty() {
            return Err(CatalogError::RequiredValueEmpty(field.to_string()));
        }
    }
    if new.street.iter().all(|line| line.trim().is_empty()) {
        return Err(CatalogError::RequiredValueEmpty("street".to_string()));
    }
    let country = new.country_id.trim();
    if country.len() != 2 || !country.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(CatalogError::invalid(
            "country_id",
            country,
            "a two-letter ISO 3166 code in capitals (US, DE) is expected",
        ));
    }
    conn.prepare_cached(
        "INSERT INTO customer_address_entity (parent_id, created_at, updated_at, is_active, city, \
         company, country_id, fax, firstname, lastname, middlename, postcode, prefix, region, \
         region_id, region_code, street, suffix, telephone, vat_id) \
         VALUES (?1, ?2, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, \
         ?17, ?18)",
    )
    .and_then(|mut s| {
        s.execute(params![
            customer_id,
            now,
            new.city,
            new.company,
            country,
            new.fax,
            new.firstname,
            new.lastname,
            new.middlename,
            new.postcode,
            new.prefix,
            new.region.region,
            new.region.region_id,
            new.region.region_code,
            new.street.join("\n"),
            new.suffix,
            new.telephone,
            new.vat_id,
        ])
    })?;
    Ok(conn.last_insert_rowid())
}

const CUSTOMER_COLUMNS: &str = "entity_id, group_id, default_billing, default_shipping, \
    confirmation, created_at, updated_at, created_in, dob, email, firstname, lastname, \
    middlename, prefix, suffix, gender, store_id, taxvat, website_id, \
    disable_auto_group_change, is_active, password_hash";

fn customer_row(r: &Row<'_>) -> rusqlite::Result<Customer> {
    Ok(Customer {
        id: r.get(0)?,
        group_id: r.get(1)?,
        default_billing: r.get(2)?,
        default_shipping: r.get(3)?,
        confirmation: r.get(4)?,
        created_at: r.get(5)?,
        updated_at: r.get(6)?,
        created_in: r.get(7)?,
        dob: r.get(8)?,
        email: r.get(9)?,
        firstname: r.get(10)?,
        lastname: r.get(11)?,
        middlename: r.get(12)?,
        prefix: r.get(13)?,
        suffix: r.get(14)?,
        gender: r.get(15)?,
        store_id: r.get(16)?,
        taxvat: r.get(17)?,
        website_id: r.get(18)?,
        disable_auto_group_change: r.get(19)?,
        is_active: r.get(20)?,
        password_hash: r.get(21)?,
    })
}

pub fn customer_by_id(conn: &Connection, id: i64) -> Result<Option<Customer>, CatalogError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {CUSTOMER_COLUMNS} FROM customer_entity WHERE entity_id = ?1"
        ))
        .and_then(|mut s| s.query_row([id], customer_row))
        .optional()?)
}

/// The customer with this e-mail (case-insensitive) in a website.
pub fn customer_by_email(
    conn: &Connection,
    email: &str,
    website_id: i64,
) -> Result<Option<Customer>, CatalogError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {CUSTOMER_COLUMNS} FROM customer_entity \
                 WHERE email = ?1 AND website_id = ?2"
        ))
        .and_then(|mut s| s.query_row(params![email.trim(), website_id], customer_row))
        .optional()?)
}

/// The address columns of [`Address`], with the default flags read from the owner's row.
const ADDRESS_SELECT: &str = "SELECT a.entity_id, a.parent_id, a.region, a.region_code, \
    a.region_id, a.country_id, a.street, a.company, a.telephone, a.fax, a.postcode, a.city, \
    a.firstname, a.lastname, a.middlename, a.prefix, a.suffix, a.vat_id, \
    c.default_shipping IS a.entity_id, c.default_billing IS a.entity_id \
    FROM customer_address_entity a LEFT JOIN customer_entity c ON c.entity_id = a.parent_id";

fn address_row(r: &Row<'_>) -> rusqlite::Result<Address> {
    let street: String = r.get(6)?;
    Ok(Address {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        region: Region {
            region: r.get(2)?,
            region_code: r.get(3)?,
            region_id: r.get(4)?,
        },
        country_id: r.get(5)?,
        street: street.split('\n').map(str::to_string).collect(),
        company: r.get(7)?,
        telephone: r.get(8)?,
        fax: r.get(9)?,
        postcode: r.get(10)?,
        city: r.get(11)?,
        firstname: r.get(12)?,
        lastname: r.get(13)?,
        middlename: r.get(14)?,
        prefix: r.get(15)?,
        suffix: r.get(16)?,
        vat_id: r.get(17)?,
        default_shipping: r.get::<_, Option<bool>>(18)?.unwrap_or(false),
        default_billing: r.get::<_, Option<bool>>(19)?.unwrap_or(false),
    })
}

/// A customer's addresses by id, with the default flags read from the customer row.
pub fn customer_addresses(
    conn: &Connection,
    customer_id: i64,
) -> Result<Vec<Address>, CatalogError> {
    let mut stmt = conn.prepare_cached(&format!(
        "{ADDRESS_SELECT} WHERE a.parent_id = ?1 ORDER BY a.entity_id"
    ))?;
    let rows = stmt.query_map([customer_id], address_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One address by id.
pub fn address_by_id(conn: &Connection, id: i64) -> Result<Option<Address>, CatalogError> {
    Ok(conn
        .prepare_cached(&format!("{ADDRESS_SELECT} WHERE a.entity_id = ?1"))
        .and_then(|mut s| s.query_row([id], address_row))
        .optional()?)
}
