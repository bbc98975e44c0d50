//! Magento's `searchCriteria`: how a GET list route reads it, echoes it and applies it.
//!
//! Three Magento layers are copied, each in its own file, because each has quirks clients see:
//!
//! * [`php_query`]: PHP's `$_GET` parser, which decides what the criteria even look like.
//! * `parse`: `Webapi\ServiceInputProcessor` turning that array into
//!   `Api\SearchCriteriaInterface` (key spelling, type conversion and its pre-rendered errors,
//!   `SortOrder`'s direction check, the 2.4.3+ input limits).
//! * `sql`: the collection processors (`FilterProcessor`, `SortingProcessor`,
//!   `PaginationProcessor`) and `DB\Adapter\Pdo\Mysql::prepareSqlCondition`, rendered for SQLite.
//!
//! Sources read (magento/magento2; the public copies hold several versions, commits named):
//! `lib/internal/Magento/Framework/Api/SortOrder.php` (5c136a8), `Api/Filter.php` (fd7087e),
//! `Api/SearchCriteria.php` (e246d3a), `Api/SearchCriteriaInterface.php` (8ad7985),
//! `Api/Search/FilterGroup.php` (4a88d55), `Reflection/DataObjectProcessor.php` (3ed8121),
//! `Reflection/TypeCaster.php` (586f2f7), `Webapi/ServiceInputProcessor.php` (6bc3fe9),
//! `Webapi/Validator/SearchCriteriaValidator.php` (8d05e42), `Validator/EntityArrayValidator.php`
//! (ad91bd9), `Validator/IOLimit/DefaultPageSizeSetter.php` (3acc814),
//! `DB/Adapter/Pdo/Mysql.php` (7192b80), `Api/SearchCriteria/CollectionProcessor/*Processor.php`
//! (22a1b8e, 93c3ded, ff3ad1e), `app/code/Magento/Eav/Model/Api/SearchCriteria/
//! CollectionProcessor/FilterProcessor.php` (5b1b749), `Data/Collection/AbstractDb.php` (4b71fef),
//! `Eav/Model/Entity/Collection/AbstractCollection.php` (c290d21), `Zend_Db_Select::limitPage`.

pub mod php_query;

mod parse;
mod sql;

#[cfg(test)]
mod tests;

use serde_json::{Map, Value};

use crate::error::MagentoError;

pub use parse::InputLimits;
pub use sql::{FieldSql, FilterStyle, SqlQuery};

/// Phrase templates of this area, verbatim from Magento 2.4.
pub mod messages {
    /// lib/internal/Magento/Framework/Api/SortOrder.php (`%1` = PHP `gettype`, e.g. `NULL`).
    pub const SORT_ORDER_NOT_STRING: &str =
        "The sort order has to be specified as a string, got %1.";
    /// lib/internal/Magento/Framework/Api/SortOrder.php (positional `["ASC","DESC"]`).
    pub const SORT_ORDER_DIRECTION: &str =
        "The sort order has to be specified as %1 for ascending order or %2 for descending order.";
    /// lib/internal/Magento/Framework/Webapi/Validator/SearchCriteriaValidator.php
    pub const MAX_PAGE_SIZE: &str = "Maximum SearchCriteria pageSize is %max";
    /// lib/internal/Magento/Framework/Webapi/Validator/EntityArrayValidator.php
    pub const MAX_ARRAY_ITEMS: &str = "Maximum items of type \"%type\" is %max";
    /// lib/internal/Magento/Framework/Webapi/ServiceInputProcessor.php; Magento sends it
    /// rendered, as the raw message of a `Webapi\Exception` without parameters.
    pub const FIELD_PROCESSING: &str = "Error occurred during \"%field_name\" processing. %details";
    /// lib/internal/Magento/Framework/Reflection/TypeProcessor.php (2.3+ wording), rendered too.
    pub const VALUE_TYPE_INVALID: &str = "The \"%value\" value's type is invalid. The \"%type\" type was expected. Verify and try again.";
}

/// `Magento\Framework\Api\SearchCriteriaInterface` as a GET list route receives it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchCriteria {
    /// AND-ed with each other.
    pub filter_groups: Vec<FilterGroup>,
    /// Applied in order; empty when none was sent.
    pub sort_orders: Vec<SortOrder>,
    /// As sent (converted to int); `Some(0)` means "no limit", a negative size means 1 row.
    pub page_size: Option<i64>,
    /// As sent: echoed unchanged, clamped to 1 only when the LIMIT is computed.
    pub current_page: Option<i64>,
}

/// `Magento\Framework\Api\Search\FilterGroup`: its filters are OR-ed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FilterGroup {
    pub filters: Vec<Filter>,
}

/// `Magento\Framework\Api\Filter`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filter {
    /// The Magento field (attribute code); `""` when none was sent.
    pub field: String,
    /// `None` when no value was sent; conditions that use a value then compare with `''`, as
    /// PDO quotes PHP's `null`.
    pub value: Option<String>,
    pub condition_type: Condition,
}

/// A filter's `condition_type`. Matching is case-sensitive, as PHP array keys are: `EQ` or
/// `Like` are [`Condition::Other`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Condition {
    /// Also what an absent, empty or `"0"` condition type means (`Filter::getConditionType`
    /// returns `?: 'eq'`).
    #[default]
    Eq,
    Finset,
    From,
    Gt,
    Gteq,
    In,
    Like,
    Lt,
    Lteq,
    /// Listed by Adobe's docs as "more or equal", but `Mysql::prepareSqlCondition` has no
    /// `moreq` key, so it behaves like [`Condition::Other`].
    Moreq,
    Neq,
    Nfinset,
    Nin,
    Nlike,
    Notnull,
    Null,
    To,
    /// Anything else, kept verbatim for the echo. See `sql` for what Magento does with it.
    Other(String),
}

impl Condition {
    /// The condition type as sent; absent, `""` and `"0"` are PHP-falsy and mean `eq`.
    pub fn parse(raw: Option<&str>) -> Condition {
        match raw.unwrap_or("") {
            "" | "0" | "eq" => Condition::Eq,
            "finset" => Condition::Finset,
            "from" => Condition::From,
            "gt" => Condition::Gt,
            "gteq" => Condition::Gteq,
            "in" => Condition::In,
            "like" => Condition::Like,
            "lt" => Condition::Lt,
            "lteq" => Condition::Lteq,
            "moreq" => Condition::Moreq,
            "neq" => Condition::Neq,
            "nfinset" => Condition::Nfinset,
            "nin" => Condition::Nin,
            "nlike" => Condition::Nlike,
            "notnull" => Condition::Notnull,
            "null" => Condition::Null,
            "to" => Condition::To,
            other => Condition::Other(other.to_string()),
        }
    }

    /// The name Magento echoes back in `condition_type`.
    pub fn as_str(&self) -> &str {
        match self {
            Condition::Eq => "eq",
            Condition::Finset => "finset",
            Condition::From => "from",
            Condition::Gt => "gt",
            Condition::Gteq => "gteq",
            Condition::In => "in",
            Condition::Like => "like",
            Condition::Lt => "lt",
            Condition::Lteq => "lteq",
            Condition::Moreq => "moreq",
            Condition::Neq => "neq",
            Condition::Nfinset => "nfinset",
            Condition::Nin => "nin",
            Condition::Nlike => "nlike",
            Condition::Notnull => "notnull",
            Condition::Null => "null",
            Condition::To => "to",
            Condition::Other(other) => other,
        }
    }
}

/// `Magento\Framework\Api\SortOrder`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortOrder {
    /// `""` when none was sent; such a sort order is echoed but not applied.
    pub field: String,
    pub direction: Direction,
}

/// A sort direction, upper-cased by `SortOrder::setDirection`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Asc,
    Desc,
    /// No direction sent. `SortingProcessor` compares `getDirection() == 'ASC'`, so this sorts
    /// DESC, and the echo prints `null` (`getDirection` is documented as non-nullable).
    Unspecified,
}

impl Direction {
    fn echo(self) -> Value {
        match self {
            Direction::Asc => Value::from("ASC"),
            Direction::Desc => Value::from("DESC"),
            Direction::Unspecified => Value::Null,
        }
    }
}

impl SearchCriteria {
    /// Reads the content of the `searchCriteria` parameter (the value under that key, e.g. from
    /// [`php_query::parse`] or a JSON body), as `ServiceInputProcessor` builds the data object,
    /// without 2.4.3+ input limits.
    pub fn from_value(v: &Value) -> Result<Self, MagentoError> {
        parse::search_criteria(v, &InputLimits::default())
    }

    /// [`SearchCriteria::from_value`] with the `webapi/validation/*` input limits in force.
    pub fn from_value_limited(v: &Value, limits: &InputLimits) -> Result<Self, MagentoError> {
        parse::search_criteria(v, limits)
    }

    /// Finds the parameter in a route's merged parameters the way `ServiceInputProcessor::process`
    /// does (`searchCriteria` first, then `search_criteria`; PHP `isset`, so JSON `null` counts as
    /// missing) and reads it. Missing is the `"%fieldName" is required` InputException.
    pub fn from_params(
        params: &Map<String, Value>,
        limits: &InputLimits,
    ) -> Result<Self, MagentoError> {
        let value = ["searchCriteria", "search_criteria"]
            .iter()
            .find_map(|k| params.get(*k).filter(|v| !v.is_null()));
        match value {
            Some(v) => parse::search_criteria(v, limits),
            None => Err(MagentoError::required_field("searchCriteria")),
        }
    }

    /// The `search_criteria` object of a list response.
    ///
    /// Shape from `DataObjectProcessor::buildOutputDataArray` over `SearchCriteriaInterface`:
    /// keys in getter order; a getter returning `null` is dropped only when its `@return` allows
    /// null. So `filter_groups` is always there (`getFilterGroups` returns `[]` when unset,
    /// `@return FilterGroup[]`), `sort_orders`, `page_size` and `current_page` only when set
    /// (`|null`); inside, `condition_type` is always there (`getConditionType` defaults to `eq`),
    /// while a missing `field`, `value` or `direction` prints `null` (`@return string`). Public
    /// examples agree: e.g. "search_criteria": {"filter_groups": [{"filters": [{"field": ...,
    /// "value": ..., "condition_type": "eq"}]}], ...} in Adobe's and Packt's REST walkthroughs.
    ///
    /// Deviations: an explicitly empty `field=` echoes `null` like a missing one, and a JSON
    /// `"sort_orders": []` is omitted instead of echoed as `[]`.
    pub fn echo(&self) -> Value {
        let mut out = Map::new();
        let groups = self
            .filter_groups
            .iter()
            .map(|g| {
                let filters = g.filters.iter().map(|f| {
                    let mut filter = Map::new();
                    filter.insert("field".into(), text_or_null(&f.field));
                    filter.insert(
                        "value".into(),
                        f.value.clone().map_or(Value::Null, Value::String),
                    );
                    filter.insert("condition_type".into(), f.condition_type.as_str().into());
                    Value::Object(filter)
                });
                let mut group = Map::new();
                group.insert("filters".into(), Value::Array(filters.collect()));
                Value::Object(group)
            })
            .collect();
        out.insert("filter_groups".into(), Value::Array(groups));
        if !self.sort_orders.is_empty() {
            let sorts = self
                .sort_orders
                .iter()
                .map(|s| {
                    let mut sort = Map::new();
                    sort.insert("field".into(), text_or_null(&s.field));
                    sort.insert("direction".into(), s.direction.echo());
                    Value::Object(sort)
                })
                .collect();
            out.insert("sort_orders".into(), Value::Array(sorts));
        }
        if let Some(size) = self.page_size {
            out.insert("page_size".into(), size.into());
        }
        if let Some(page) = self.current_page {
            out.insert("current_page".into(), page.into());
        }
        Value::Object(out)
    }
}

fn text_or_null(s: &str) -> Value {
    if s.is_empty() {
        Value::Null
    } else {
        Value::from(s)
    }
}
