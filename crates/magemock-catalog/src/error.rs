//! What can go wrong in the catalog, and which Magento exception each failure stands for.
//! The `Display` text is for people reading a fixture error or a log; [`ToMagentoError`] gives
//! the phrase Magento itself would answer with.

use magemock_core::error::messages::INVALID_FIELD_VALUE;
use magemock_core::{CoreError, MagentoError, Params, ToMagentoError};

/// Magento's phrases, each with the file it comes from.
pub mod messages {
    /// app/code/Magento/Catalog/Model/Product/Attribute/Backend/Sku.php (`validate`);
    /// also the ProductRepository message for an empty SKU.
    pub const ATTRIBUTE_VALUE_EMPTY: &str =
        "The \"%1\" attribute value is empty. Set the attribute and try again.";
    /// app/code/Magento/Catalog/Model/Product/Attribute/Backend/Sku.php (`SKU_MAX_LENGTH` = 64).
    pub const SKU_TOO_LONG: &str = "SKU length should be %1 characters maximum.";
    /// app/code/Magento/Store/Model/Validation/StoreCodeValidator.php
    pub const INVALID_STORE_CODE: &str = "The store code may contain only letters (a-z), \
        numbers (0-9) or underscore (_), and the first character must be a letter.";
    /// lib/internal/Magento/Framework/Model/ResourceModel/Db/AbstractDb.php (`_checkUnique`),
    /// with the unique-field titles of the Store resource models ("Website with the same code").
    pub const ALREADY_EXISTS: &str = "%1 already exists.";
    /// app/code/Magento/Customer/Model/AccountManagement.php (reference §6.6)
    pub const DUPLICATE_CUSTOMER_EMAIL: &str =
        "A customer with the same email address already exists in an associated website.";
    /// app/code/Magento/User/Model/ResourceModel/User.php (`getValidationRulesBeforeSave`)
    pub const DUPLICATE_ADMIN_USER: &str =
        "A user with the same user name or email already exists.";
    /// app/code/Magento/Customer/Model/ResourceModel/GroupRepository.php (`save`) (from memory, not re-read)
    pub const DUPLICATE_CUSTOMER_GROUP: &str = "Customer Group already exists.";
    /// app/code/Magento/Eav/Model/Entity/Attribute/Set.php (`validate`) (from memory, not re-read)
    pub const DUPLICATE_ATTRIBUTE_SET: &str = "An attribute set named \"%1\" already exists.";
    /// app/code/Magento/Eav/Model/Entity/Attribute.php (`beforeSave`) (from memory, not re-read)
    pub const DUPLICATE_ATTRIBUTE: &str = "An attribute with this code already exists.";
    /// app/code/Magento/CatalogUrlRewrite (reference §6.4)
    pub const DUPLICATE_URL_KEY: &str = "URL key for specified store already exists.";
    /// magemock's own: Magento does not require role names to be unique, but fixtures refer to
    /// roles by name, so magemock does.
    pub const DUPLICATE_ROLE: &str = "A role named \"%1\" already exists.";
}

/// An entity whose key is already taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Existing {
    Website(String),
    StoreGroup(String),
    Store(String),
    CustomerGroup(String),
    Category(i64),
    Attribute(String),
    AttributeSet(String),
    Sku(String),
    UrlKey(String),
    CategoryLink { category_id: i64 },
    CustomerEmail(String),
    AdminUser(String),
    Role(String),
}

impl std::fmt::Display for Existing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Existing::Website(code) => write!(f, "website `{code}`"),
            Existing::StoreGroup(code) => write!(f, "store group `{code}`"),
            Existing::Store(code) => write!(f, "store `{code}`"),
            Existing::CustomerGroup(code) => write!(f, "customer group `{code}`"),
            Existing::Category(id) => write!(f, "category {id}"),
            Existing::Attribute(code) => write!(f, "attribute `{code}`"),
            Existing::AttributeSet(name) => write!(f, "attribute set `{name}`"),
            Existing::Sku(sku) => write!(f, "a product with SKU `{sku}`"),
            Existing::UrlKey(key) => write!(f, "a product with URL key `{key}`"),
            Existing::CategoryLink { category_id } => {
                write!(f, "a link to category {category_id}")
            }
            Existing::CustomerEmail(email) => {
                write!(f, "a customer with e-mail `{email}` in this website")
            }
            Existing::AdminUser(name) => {
                write!(f, "an admin user with user name or e-mail `{name}`")
            }
            Existing::Role(name) => write!(f, "role `{name}`"),
        }
    }
}

/// Why a SKU was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkuProblem {
    Empty,
    TooLong,
}

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A configuration read failed.
    #[error(transparent)]
    Core(#[from] CoreError),
    #[error("{}", match problem {
        SkuProblem::Empty => "the SKU is empty".to_string(),
        SkuProblem::TooLong => format!("the SKU `{value}` is longer than {} characters", crate::sku::MAX_LENGTH),
    })]
    InvalidSku { value: String, problem: SkuProblem },
    #[error("`{0}` is not a valid code: use letters, digits and `_`, starting with a letter")]
    InvalidCode(String),
    #[error("{0} already exists")]
    AlreadyExists(Existing),
    #[error("no {what} with {field} = `{value}`")]
    NoSuchEntity {
        /// What was looked for, in words ("category", "attribute set").
        what: &'static str,
        /// Magento's field name for it ("id", "attributeSetId").
        field: &'static str,
        value: String,
    },
    #[error("invalid {field} `{value}`: {reason}")]
    InvalidValue {
        field: String,
        value: String,
        reason: String,
    },
    #[error("the \"{0}\" attribute value is empty")]
    RequiredValueEmpty(String),
}

impl CatalogError {
    pub fn no_such(what: &'static str, field: &'static str, value: impl ToString) -> Self {
        CatalogError::NoSuchEntity {
            what,
            field,
            value: value.to_string(),
        }
    }

    pub(crate) fn invalid(
        field: impl Into<String>,
        value: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        CatalogError::InvalidValue {
            field: field.into(),
            value: value.into(),
            reason: reason.into(),
        }
    }
}

impl ToMagentoError for CatalogError {
    fn to_magento(&self) -> MagentoError {
        match self {
            CatalogError::Sqlite(_) => MagentoError::internal(self),
            CatalogError::Core(core) => core.to_magento(),
            CatalogError::InvalidSku { problem, .. } => match problem {
                SkuProblem::Empty => MagentoError::input(
                    messages::ATTRIBUTE_VALUE_EMPTY,
                    Params::positional(["sku"]),
                ),
                SkuProblem::TooLong => MagentoError::input(
                    messages::SKU_TOO_LONG,
                    Params::positional([crate::sku::MAX_LENGTH]),
                ),
            },
            CatalogError::InvalidCode(_) => {
                MagentoError::input(messages::INVALID_STORE_CODE, Params::None)
            }
            CatalogError::AlreadyExists(existing) => already_exists(existing),
            CatalogError::NoSuchEntity { field, value, .. } => {
                MagentoError::no_such_entity(field, value.as_str())
            }
            CatalogError::InvalidValue { field, value, .. } => MagentoError::input(
                INVALID_FIELD_VALUE,
                Params::named([("value", value.as_str()), ("fieldName", field.as_str())]),
            ),
            CatalogError::RequiredValueEmpty(code) => MagentoError::input(
                messages::ATTRIBUTE_VALUE_EMPTY,
                Params::positional([code.as_str()]),
            ),
        }
    }
}

fn already_exists(existing: &Existing) -> MagentoError {
    let titled =
        |title: &str| MagentoError::input(messages::ALREADY_EXISTS, Params::positional([title]));
    match existing {
        Existing::Website(_) => titled("Website with the same code"),
        Existing::StoreGroup(_) => titled("Group with the same code"),
        Existing::Store(_) => titled("Store with the same code"),
        Existing::CustomerGroup(_) => {
            MagentoError::input(messages::DUPLICATE_CUSTOMER_GROUP, Params::None)
        }
        Existing::Category(id) => MagentoError::input(
            INVALID_FIELD_VALUE,
            Params::named([("value", id.to_string()), ("fieldName", "id".to_string())]),
        ),
        Existing::Attribute(_) => MagentoError::input(messages::DUPLICATE_ATTRIBUTE, Params::None),
        Existing::AttributeSet(name) => MagentoError::input(
            messages::DUPLICATE_ATTRIBUTE_SET,
            Params::positional([name.as_str()]),
        ),
        Existing::Sku(sku) => MagentoError::input(
            INVALID_FIELD_VALUE,
            Params::named([("value", sku.as_str()), ("fieldName", "sku")]),
        ),
        Existing::UrlKey(_) => MagentoError::input(messages::DUPLICATE_URL_KEY, Params::None),
        Existing::CategoryLink { category_id } => MagentoError::input(
            INVALID_FIELD_VALUE,
            Params::named([
                ("value", category_id.to_string()),
                ("fieldName", "category_id".to_string()),
            ]),
        ),
        Existing::CustomerEmail(_) => {
            MagentoError::input(messages::DUPLICATE_CUSTOMER_EMAIL, Params::None)
        }
        Existing::AdminUser(_) => MagentoError::input(messages::DUPLICATE_ADMIN_USER, Params::None),
        Existing::Role(name) => MagentoError::input(
            messages::DUPLICATE_ROLE,
            Params::positional([name.as_str()]),
        ),
    }
}
