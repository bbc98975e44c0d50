//! A product's SKU, checked as `Magento\Catalog\Model\Product\Attribute\Backend\Sku` checks it:
//! trimmed, not empty, at most 64 characters. Comparison is the store's business (SKUs are
//! matched case-insensitively, as MySQL's collation matches them in Magento).

use crate::error::{CatalogError, SkuProblem};

/// `Sku::SKU_MAX_LENGTH`, counted in characters.
pub const MAX_LENGTH: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Sku(String);

impl Sku {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<&str> for Sku {
    type Error = CatalogError;

    fn try_from(value: &str) -> Result<Self, Self::Error> {
        let trimmed = value.trim();
        let problem = if trimmed.is_empty() {
            Some(SkuProblem::Empty)
        } else if trimmed.chars().count() > MAX_LENGTH {
            Some(SkuProblem::TooLong)
        } else {
            None
        };
        match problem {
            Some(problem) => Err(CatalogError::InvalidSku {
                value: value.to_string(),
                problem,
            }),
            None => Ok(Sku(trimmed.to_string())),
        }
    }
}

impl AsRef<str> for Sku {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Sku {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
