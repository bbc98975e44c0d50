//! Reading typed service parameters and data-object properties the way
//! lib/internal/Magento/Framework/Webapi/ServiceInputProcessor.php and
//! Reflection/TypeProcessor.php (`processSimpleAndAnyType`, `setType`) read them: `int` and
//! `float` need a PHP-numeric value, `bool` takes anything (`filter_var` with
//! FILTER_VALIDATE_BOOLEAN), `string` takes any scalar. A failure is a `SerializationException`
//! whose rendered text becomes the message (no `parameters`), wrapped once per enclosing
//! property: `Error occurred during "price" processing. The "abc" value's type is invalid...`.

use magemock_core::search_criteria::messages::{FIELD_PROCESSING, VALUE_TYPE_INVALID};
use magemock_core::{ExceptionKind, MagentoError, Params};
use serde_json::Value;

/// A conversion failure: the rendered SerializationException text, still to be wrapped.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeFail(pub String);

impl TypeFail {
    fn invalid(value: &str, ty: &str) -> Self {
        TypeFail(Params::named([("value", value), ("type", ty)]).render(VALUE_TYPE_INVALID))
    }

    /// Wraps the failure in `Error occurred during "<field>" processing.`.
    pub fn within(self, field: &str) -> Self {
        TypeFail(
            Params::named([("field_name", field), ("details", self.0.as_str())])
                .render(FIELD_PROCESSING),
        )
    }

    /// `process()` re-throws the SerializationException as a Webapi\Exception (400) whose raw
    /// message is the rendered text.
    pub fn into_error(self) -> MagentoError {
        MagentoError::new(ExceptionKind::Webapi(400), self.0, Params::None)
    }
}

/// How a value prints inside the type error (PHP string interpolation of the value).
fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(true) => "1".into(),
        Value::Bool(false) | Value::Null => String::new(),
        Value::Number(n) => n.to_string(),
        Value::Array(_) | Value::Object(_) => "Array".into(),
    }
}

/// PHP's `is_numeric` (whitespace around allowed, `.5`, `1.`, exponents; no hex).
pub fn is_numeric(s: &str) -> bool {
    let t = s.trim_matches(|c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c'));
    let t = t.strip_prefix(['+', '-']).unwrap_or(t);
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok =
        digits(int) && frac.is_none_or(digits) && (int.len() + frac.map_or(0, str::len)) > 0;
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

/// `int`: a numeric value, truncated as `settype` does; `None` for null.
pub fn int(v: &Value) -> Result<Option<i64>, TypeFail> {
    match v {
        Value::Null => Ok(None),
        Value::Number(n) => {
            Ok(Some(n.as_i64().unwrap_or_else(|| {
                n.as_f64().map_or(0, |f| f.trunc() as i64)
            })))
        }
        Value::String(s) if is_numeric(s) => {
            let t = s.trim();
            Ok(Some(t.parse::<i64>().unwrap_or_else(|_| {
                t.parse::<f64>().map_or(0, |f| f.trunc() as i64)
            })))
        }
        other => Err(TypeFail::invalid(&shown(other), "int")),
    }
}

/// `float`: a numeric value; `None` for null.
pub fn float(v: &Value) -> Result<Option<f64>, TypeFail> {
    let parsed = match v {
        Value::Null => return Ok(None),
        Value::Number(n) => n.as_f64(),
        Value::String(s) if is_numeric(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    match parsed {
        Some(f) if f.is_finite() => Ok(Some(f)),
        _ => Err(TypeFail::invalid(&shown(v), "float")),
    }
}

/// `bool`: `filter_var($v, FILTER_VALIDATE_BOOLEAN)`, so `"1"`, `"true"`, `"on"`, `"yes"` are
/// true and anything else false; `None` for null.
pub fn boolean(v: &Value) -> Option<bool> {
    match v {
        Value::Null => None,
        Value::Bool(b) => Some(*b),
        Value::Number(n) => Some(n.as_f64().is_some_and(|f| f == 1.0)),
        Value::String(s) => Some(matches!(
            s.trim().to_ascii_lowercase().as_str(),
            "1" | "true" | "on" | "yes"
        )),
        Value::Array(_) | Value::Object(_) => Some(false),
    }
}

/// `string`: any scalar as PHP casts it; arrays and objects are a type error.
pub fn string(v: &Value) -> Result<Option<String>, TypeFail> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        Value::Bool(_) | Value::Number(_) => Ok(Some(shown(v))),
        other => Err(TypeFail::invalid(&shown(other), "string")),
    }
}

/// A property of a data object found under its snake_case or camelCase name, as
/// `_createFromArray` accepts both.
pub fn prop<'a>(object: &'a serde_json::Map<String, Value>, snake: &str) -> Option<&'a Value> {
    object
        .get(snake)
        .or_else(|| object.get(&camel(snake)))
        .filter(|v| !v.is_null())
}

fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// A typed property: `Ok(None)` when absent, the wrapped type error when it does not convert.
pub fn typed<T>(
    object: &serde_json::Map<String, Value>,
    snake: &str,
    convert: impl Fn(&Value) -> Result<Option<T>, TypeFail>,
) -> Result<Option<T>, TypeFail> {
    match prop(object, snake) {
        Some(v) => convert(v).map_err(|e| e.within(snake)),
        None => Ok(None),
    }
}

/// `SimpleDataObjectConverter::snakeCaseToUpperCamelCase` and the NameFinder check: a key names
/// a known property of `class` in snake_case or camelCase, else NameFinder's LogicException,
/// masked as a 500.
pub fn check_keys(
    object: &serde_json::Map<String, Value>,
    known: &[&str],
    class: &str,
) -> Result<(), MagentoError> {
    for key in object.keys() {
        let snake = crate::rest::request::snake_case(key);
        if !known.contains(&snake.as_str()) {
            return Err(MagentoError::internal(format!(
                "Property \"{key}\" does not have accessor method in class \"{class}\"."
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// PHP 8 `is_numeric`.
    #[test]
    fn php_is_numeric() {
        for s in ["1", " 1", "1 ", "-1.5", ".5", "1.", "1e5", "+3", "1E-2"] {
            assert!(is_numeric(s), "{s}");
        }
        for s in ["", "abc", "1x", "0x1A", ".", "e5", "1e", "--1"] {
            assert!(!is_numeric(s), "{s}");
        }
    }

    /// lib/internal/Magento/Framework/Reflection/TypeProcessor.php `setType` through
    /// ServiceInputProcessor's wrapping.
    #[test]
    fn conversion_errors_are_rendered_and_wrapped() {
        let object = json!({"price": "abc", "qty": "12.7", "is_in_stock": "yes"});
        let object = object.as_object().expect("object");
        let e = typed(object, "price", float).expect_err("not numeric");
        assert_eq!(
            e.0,
            "Error occurred during \"price\" processing. The \"abc\" value's type is invalid. \
             The \"float\" type was expected. Verify and try again."
        );
        assert_eq!(typed(object, "qty", int), Ok(Some(12)));
        assert_eq!(prop(object, "is_in_stock").and_then(boolean), Some(true));
        assert_eq!(int(&json!(true)), Err(TypeFail::invalid("1", "int")));
    }
}
