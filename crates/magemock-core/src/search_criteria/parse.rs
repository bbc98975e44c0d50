//! `Webapi\ServiceInputProcessor::_createFromArray` for `SearchCriteriaInterface` and the data
//! objects under it (2.4 copy 6bc3fe9), because clients see its quirks:
//!
//! * a key names a property through `SimpleDataObjectConverter::snakeCaseToUpperCamelCase`
//!   (`str_replace('_', '', ucwords($key, '_'))`) and `NameFinder`'s case-sensitive `get<Name>`
//!   lookup: `page_size`, `pageSize`, `PageSize` and `page__size` all work, `pagesize` does not;
//! * a key with no getter is a PHP `LogicException` (`Property "X" does not have accessor method
//!   "getX" in class "..."`), which is not localized and so masked as a 500;
//! * keys are processed in the order sent, later spellings overwriting earlier ones, and the first
//!   failing key decides the error;
//! * a conversion failure is a `SerializationException` wrapped once per enclosing property
//!   (`Error occurred during "filter_groups" processing. Error occurred during "filters"
//!   processing. ...`), re-thrown by `process()` as a `Webapi\Exception` whose raw message is that
//!   rendered text, without parameters;
//! * a non-array where an object or list is expected gives an empty object or no list at all
//!   (`$data = is_array($data) ? $data : []`), not an error;
//! * a list may be wrapped SOAP-style in an `item` key (`convertValue` runs
//!   `_removeSoapItemNode` for REST too).

use serde_json::{Map, Value};

use super::{Condition, Direction, Filter, FilterGroup, SearchCriteria, SortOrder, messages};
use crate::error::{ExceptionKind, MagentoError, Params};

/// The 2.4.3+ `webapi/validation/*` input limits, each `Some` only when
/// `webapi/validation/input_limit_enabled` is on (the caller reads the configuration).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct InputLimits {
    /// `maximum_page_size`. `SearchCriteriaValidator::validateEntityValue` checks it only for the
    /// property spelled `pageSize`: `page_size=1000` slips through, as in Magento.
    pub maximum_page_size: Option<i64>,
    /// `complex_array_limit`, checked on `filter_groups`, `filters` and `sort_orders`
    /// (`EntityArrayValidator::validateComplexArrayType`).
    pub complex_array_limit: Option<usize>,
    /// `default_page_size` (or the fallback of 20), set when no page size came
    /// (`DefaultPageSizeSetter::processSearchCriteria`), so it is echoed too.
    pub default_page_size: Option<i64>,
}

const SEARCH_CRITERIA_CLASS: &str = "Magento\\Framework\\Api\\SearchCriteriaInterface";
const FILTER_GROUP_CLASS: &str = "Magento\\Framework\\Api\\Search\\FilterGroup";
const FILTER_CLASS: &str = "Magento\\Framework\\Api\\Filter";
const SORT_ORDER_CLASS: &str = "Magento\\Framework\\Api\\SortOrder";
/// Item types as the getters' `@return` docblocks spell them (`EntityArrayValidator`'s `%type`).
const FILTER_GROUP_TYPE: &str = "\\Magento\\Framework\\Api\\Search\\FilterGroup";
const FILTER_TYPE: &str = "\\Magento\\Framework\\Api\\Filter";
const SORT_ORDER_TYPE: &str = "\\Magento\\Framework\\Api\\SortOrder";

enum Fail {
    /// A `SerializationException`'s rendered message; each enclosing property wraps it.
    Serialization(String),
    /// Any other exception passes the wrapping untouched.
    Other(MagentoError),
}

pub(super) fn search_criteria(
    v: &Value,
    limits: &InputLimits,
) -> Result<SearchCriteria, MagentoError> {
    criteria(v, limits).map_err(|fail| match fail {
        Fail::Serialization(message) => {
            MagentoError::new(ExceptionKind::Webapi(400), message, Params::None)
        }
        Fail::Other(e) => e,
    })
}

fn criteria(v: &Value, limits: &InputLimits) -> Result<SearchCriteria, Fail> {
    let mut sc = SearchCriteria::default();
    for (key, value) in properties(v) {
        match upper_camel(&key).as_str() {
            "FilterGroups" => {
                sc.filter_groups = within(
                    &key,
                    list(value, FILTER_GROUP_TYPE, limits, |g| {
                        filter_group(g, limits)
                    }),
                )?;
            }
            "SortOrders" => {
                sc.sort_orders = within(&key, list(value, SORT_ORDER_TYPE, limits, sort_order))?;
            }
            "PageSize" => {
                let size = within(&key, to_int(value))?;
                let exceeded = match (limits.maximum_page_size, size) {
                    (Some(max), Some(size)) if key == "pageSize" && size > max => Some(max),
                    _ => None,
                };
                if let Some(max) = exceeded {
                    return Err(Fail::Other(MagentoError::input(
                        messages::MAX_PAGE_SIZE,
                        Params::named([("max", max)]),
                    )));
                }
                sc.page_size = size;
            }
            "CurrentPage" => sc.current_page = within(&key, to_int(value))?,
            other => return Err(no_accessor(other, SEARCH_CRITERIA_CLASS)),
        }
    }
    if sc.page_size.is_none() {
        sc.page_size = limits.default_page_size;
    }
    Ok(sc)
}

fn filter_group(v: &Value, limits: &InputLimits) -> Result<FilterGroup, Fail> {
    let mut group = FilterGroup::default();
    for (key, value) in properties(v) {
        match upper_camel(&key).as_str() {
            "Filters" => group.filters = within(&key, list(value, FILTER_TYPE, limits, filter))?,
            // AbstractExtensibleObject's public accessor pair; nothing reads it for filtering.
            "CustomAttributes" => {}
            other => return Err(no_accessor(other, FILTER_GROUP_CLASS)),
        }
    }
    Ok(group)
}

fn filter(v: &Value) -> Result<Filter, Fail> {
    let (mut field, mut value, mut condition) = (None, None, None);
    for (key, v) in properties(v) {
        match upper_camel(&key).as_str() {
            "Field" => field = within(&key, to_string(v))?,
            "Value" => value = within(&key, to_string(v))?,
            "ConditionType" => condition = within(&key, to_string(v))?,
            other => return Err(no_accessor(other, FILTER_CLASS)),
        }
    }
    Ok(Filter {
        field: field.unwrap_or_default(),
        value,
        condition_type: Condition::parse(condition.as_deref()),
    })
}

fn sort_order(v: &Value) -> Result<SortOrder, Fail> {
    let mut field = None;
    let mut direction = Direction::Unspecified;
    for (key, v) in properties(v) {
        match upper_camel(&key).as_str() {
            "Field" => field = within(&key, to_string(v))?,
            "Direction" => direction = validate_direction(within(&key, to_string(v))?)?,
            other => return Err(no_accessor(other, SORT_ORDER_CLASS)),
        }
    }
    Ok(SortOrder {
        field: field.unwrap_or_default(),
        direction,
    })
}

/// `SortOrder::setDirection` → `validateDirection`: an `InputException`, not wrapped.
fn validate_direction(direction: Option<String>) -> Result<Direction, Fail> {
    let Some(direction) = direction else {
        // Only a JSON null gets here; PHP's gettype(null) is "NULL".
        return Err(Fail::Other(MagentoError::input(
            messages::SORT_ORDER_NOT_STRING,
            Params::positional(["NULL"]),
        )));
    };
    match direction.to_ascii_uppercase().as_str() {
        "ASC" => Ok(Direction::Asc),
        "DESC" => Ok(Direction::Desc),
        _ => Err(Fail::Other(MagentoError::input(
            messages::SORT_ORDER_DIRECTION,
            Params::positional(["ASC", "DESC"]),
        ))),
    }
}

/// `convertValue` for `Type[]` (`processComplexTypes`): `None` from a non-array gives no list.
fn list<T>(
    v: &Value,
    item_type: &str,
    limits: &InputLimits,
    item: impl Fn(&Value) -> Result<T, Fail>,
) -> Result<Vec<T>, Fail> {
    let Some(items) = list_items(v) else {
        return Ok(Vec::new());
    };
    if let Some(max) = limits.complex_array_limit.filter(|&max| items.len() > max) {
        return Err(Fail::Other(MagentoError::input(
            messages::MAX_ARRAY_ITEMS,
            Params::named([("type", Value::from(item_type)), ("max", Value::from(max))]),
        )));
    }
    items.into_iter().map(item).collect()
}

/// The items of a PHP array, after `_removeSoapItemNode` when an `item` key is set.
fn list_items(v: &Value) -> Option<Vec<&Value>> {
    match v {
        Value::Object(map) => match map.get("item").filter(|i| !i.is_null()) {
            Some(item @ Value::Object(inner)) if !is_list(inner) => Some(vec![item]),
            Some(Value::Object(inner)) => Some(inner.values().collect()),
            // `array_keys([]) !== range(0, -1)`: an empty list counts as associative.
            Some(item @ Value::Array(inner)) if inner.is_empty() => Some(vec![item]),
            Some(Value::Array(inner)) => Some(inner.iter().collect()),
            Some(scalar) => Some(vec![scalar]),
            None => Some(map.values().collect()),
        },
        Value::Array(items) => Some(items.iter().collect()),
        _ => None,
    }
}

fn is_list(map: &Map<String, Value>) -> bool {
    !map.is_empty() && map.keys().enumerate().all(|(i, k)| *k == i.to_string())
}

/// The key/value pairs `_createFromArray` iterates; a non-array is an empty object.
fn properties(v: &Value) -> Vec<(String, &Value)> {
    match v {
        Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v)).collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
        _ => Vec::new(),
    }
}

/// `SimpleDataObjectConverter::snakeCaseToUpperCamelCase`.
fn upper_camel(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut word_start = true;
    for c in key.chars() {
        if c == '_' {
            word_start = true;
            continue;
        }
        out.push(if word_start {
            c.to_ascii_uppercase()
        } else {
            c
        });
        word_start = false;
    }
    out
}

/// `NameFinder::findAccessorMethodName`'s `LogicException`: not localized, so a 500.
fn no_accessor(camel: &str, class: &str) -> Fail {
    Fail::Other(MagentoError::internal(format!(
        "Property \"{camel}\" does not have accessor method \"get{camel}\" in class \"{class}\"."
    )))
}

/// The `catch (SerializationException $e)` around each setter in `_createFromArray`.
fn within<T>(key: &str, r: Result<T, Fail>) -> Result<T, Fail> {
    r.map_err(|fail| match fail {
        Fail::Serialization(details) => Fail::Serialization(format!(
            "Error occurred during \"{key}\" processing. {details}"
        )),
        other => other,
    })
}

/// Rendered in one pass, as `Phrase`'s `strtr` does, so a value cannot inject a placeholder.
fn type_invalid(value: &str, ty: &str) -> Fail {
    Fail::Serialization(format!(
        "The \"{value}\" value's type is invalid. The \"{ty}\" type was expected. Verify and try again."
    ))
}

/// `TypeProcessor::processSimpleAndAnyType($value, 'string')`.
fn to_string(v: &Value) -> Result<Option<String>, Fail> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        Value::Bool(b) => Ok(Some(if *b { "1" } else { "" }.to_string())),
        Value::Number(n) => Ok(Some(match n.as_i64() {
            Some(i) => i.to_string(),
            None => php_float_string(n.as_f64().unwrap_or(0.0)),
        })),
        Value::Array(_) | Value::Object(_) => Err(type_invalid("array", "string")),
    }
}

/// `TypeProcessor::processSimpleAndAnyType($value, 'int')`: `is_numeric`, then `settype`.
fn to_int(v: &Value) -> Result<Option<i64>, Fail> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) => numeric_string_to_int(s)
            .map(Some)
            .ok_or_else(|| type_invalid(s, "int")),
        Value::Number(n) => Ok(Some(match n.as_i64() {
            Some(i) => i,
            None => float_to_int(n.as_f64().unwrap_or(0.0)),
        })),
        Value::Bool(b) => Err(type_invalid(if *b { "1" } else { "" }, "int")),
        Value::Array(_) | Value::Object(_) => Err(type_invalid("array", "int")),
    }
}

/// PHP 8's `is_numeric` grammar (surrounding whitespace allowed, `1.`, `.5`, `1e5`, no hex), then
/// `(int)` of a numeric string: integers as such, anything else through a double, saturated
/// (`zend_dval_to_lval_cap`; infinity is 0).
pub(super) fn numeric_string_to_int(s: &str) -> Option<i64> {
    const WS: &[char] = &[' ', '\t', '\n', '\r', '\x0b', '\x0c'];
    let t = s.trim_matches(WS);
    let b = t.as_bytes();
    let digits = |mut i: usize| {
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    };
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let int_end = digits(i);
    let mut mantissa_digits = int_end - i;
    i = int_end;
    let mut float = false;
    if b.get(i) == Some(&b'.') {
        float = true;
        let frac_end = digits(i + 1);
        mantissa_digits += frac_end - (i + 1);
        i = frac_end;
    }
    if mantissa_digits == 0 {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(b.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let exp_end = digits(j);
        if exp_end == j {
            return None;
        }
        float = true;
        i = exp_end;
    }
    if i != b.len() {
        return None;
    }
    if let (false, Ok(n)) = (float, t.parse::<i64>()) {
        return Some(n);
    }
    let d: f64 = t.parse().ok()?;
    Some(if !d.is_finite() {
        0
    } else if d >= TWO_63 {
        i64::MAX
    } else if d < -TWO_63 {
        i64::MIN
    } else {
        d.trunc() as i64
    })
}

/// 2^63, the first double beyond `i64::MAX` (`ZEND_DOUBLE_FITS_LONG`).
const TWO_63: f64 = 9_223_372_036_854_775_808.0;

/// `(int)` of a PHP float (a JSON number beyond `i64`): `zend_dval_to_lval`, modular beyond range.
fn float_to_int(d: f64) -> i64 {
    const TWO_64: f64 = 18_446_744_073_709_551_616.0;
    if !d.is_finite() {
        return 0;
    }
    if d.abs() < TWO_63 {
        return d.trunc() as i64;
    }
    let mut m = d.trunc() % TWO_64;
    if m < 0.0 {
        m += TWO_64;
    }
    if m >= TWO_63 {
        m -= TWO_64;
    }
    m as i64
}

/// `(string)` of a PHP float under the default `precision=14` (`php_gcvt` mode 0): 14
/// significant digits, exponent form `1.0E+25` below 1e-4 or from 1e15 on.
pub(super) fn php_float_string(d: f64) -> String {
    if d.is_nan() {
        return "NAN".into();
    }
    if d.is_infinite() {
        return if d > 0.0 { "INF" } else { "-INF" }.into();
    }
    if d == 0.0 {
        return if d.is_sign_negative() { "-0" } else { "0" }.into();
    }
    let sci = format!("{:.13e}", d.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    let sign = if d < 0.0 { "-" } else { "" };
    let decpt = exp + 1;
    if !(-3..=14).contains(&decpt) {
        let (first, rest) = digits.split_at(1);
        let rest = if rest.is_empty() { "0" } else { rest };
        let esign = if exp < 0 { '-' } else { '+' };
        return format!("{sign}{first}.{rest}E{esign}{}", exp.abs());
    }
    if decpt <= 0 {
        let zeros = "0".repeat(decpt.unsigned_abs() as usize);
        return format!("{sign}0.{zeros}{digits}");
    }
    let decpt = decpt as usize;
    if digits.len() <= decpt {
        format!("{sign}{digits}{}", "0".repeat(decpt - digits.len()))
    } else {
        format!("{sign}{}.{}", &digits[..decpt], &digits[decpt..])
    }
}
