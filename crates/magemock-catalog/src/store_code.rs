//! The code of a store view (`default`, `fr`), of a website (`base`) or of a store group
//! (`main_website_store`). Magento checks store codes with
//! `Magento\Store\Model\Validation\StoreCodeValidator` (`/^[a-z]+[a-z0-9_]*$/i`); website and
//! group codes follow the same rule.

use crate::error::CatalogError;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StoreCode(String);

impl StoreCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `/^[a-z]+[a-z0-9_]*$/i`.
pub fn is_valid_code(code: &str) -> bool {
    let mut chars = code.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl TryFrom<&str> for StoreCode {
    type Error = CatalogError;

    fn try_from(value: &str) -> Result<Self, Self::Error> {
        if is_valid_code(value) {
            Ok(StoreCode(value.to_string()))
        } else {
            Err(CatalogError::InvalidCode(value.to_string()))
        }
    }
}

impl AsRef<str> for StoreCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for StoreCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
