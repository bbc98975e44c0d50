//! Magento's exceptions, described without HTTP. A domain crate says *which* Magento exception
//! it raised (its class, the raw phrase template and the phrase arguments); `magemock-server`
//! alone turns that into a status code and a body (`Webapi\ErrorProcessor::maskException`).

use std::borrow::Cow;

use serde_json::Value;

/// The Magento exception class, which decides the HTTP status in `maskException`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExceptionKind {
    /// `NoSuchEntityException` → 404.
    NoSuchEntity,
    /// `AuthenticationException` → 401.
    Authentication,
    /// `AuthorizationException` → 401.
    Authorization,
    /// `InputException` and other `LocalizedException`s → 400.
    Input,
    /// `Webapi\Exception` with its own HTTP code (400–599).
    Webapi(u16),
    /// Anything that is not a `LocalizedException`: masked as a 500 with a report id.
    Internal,
}

/// Phrase arguments: named placeholders (`%fieldName`) render as a JSON object, positional
/// ones (`%1`) as a JSON array, none as no `parameters` key at all.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Params {
    #[default]
    None,
    Named(Vec<(String, Value)>),
    Positional(Vec<Value>),
}

impl Params {
    pub fn named<K: Into<String>, V: Into<Value>>(pairs: impl IntoIterator<Item = (K, V)>) -> Self {
        Params::Named(
            pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }

    pub fn positional<V: Into<Value>>(values: impl IntoIterator<Item = V>) -> Self {
        Params::Positional(values.into_iter().map(Into::into).collect())
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Params::None => true,
            Params::Named(v) => v.is_empty(),
            Params::Positional(v) => v.is_empty(),
        }
    }

    /// The phrase with its placeholders substituted, as Magento's `Phrase::render` does
    /// (used for logs and for the few messages Magento pre-renders).
    pub fn render(&self, template: &str) -> String {
        let mut out = template.to_string();
        match self {
            Params::None => {}
            // Longest names first, so `%field2Name` is not eaten by `%field`.
            Params::Named(pairs) => {
                let mut sorted: Vec<_> = pairs.iter().collect();
                sorted.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
                for (k, v) in sorted {
                    out = out.replace(&format!("%{k}"), &scalar_text(v));
                }
            }
            Params::Positional(values) => {
                for (i, v) in values.iter().enumerate().rev() {
                    out = out.replace(&format!("%{}", i + 1), &scalar_text(v));
                }
            }
        }
        out
    }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// One Magento exception, ready to be rendered.
#[derive(Debug, Clone, PartialEq)]
pub struct MagentoError {
    pub kind: ExceptionKind,
    /// The raw phrase template (Magento sends it un-substituted).
    pub message: Cow<'static, str>,
    pub params: Params,
    /// The individual errors of an aggregate `InputException` holding two or more.
    pub errors: Vec<(Cow<'static, str>, Params)>,
    /// For `Internal`: what really went wrong, logged, never sent.
    pub cause: Option<String>,
}

impl MagentoError {
    pub fn new(kind: ExceptionKind, message: impl Into<Cow<'static, str>>, params: Params) -> Self {
        Self {
            kind,
            message: message.into(),
            params,
            errors: Vec::new(),
            cause: None,
        }
    }

    pub fn input(message: impl Into<Cow<'static, str>>, params: Params) -> Self {
        Self::new(ExceptionKind::Input, message, params)
    }

    pub fn internal(cause: impl std::fmt::Display) -> Self {
        Self {
            cause: Some(cause.to_string()),
            ..Self::new(ExceptionKind::Internal, "Internal Error.", Params::None)
        }
    }

    /// `NoSuchEntityException::singleField`.
    pub fn no_such_entity(field: &str, value: impl Into<Value>) -> Self {
        Self::new(
            ExceptionKind::NoSuchEntity,
            messages::NO_SUCH_ENTITY_SINGLE,
            Params::named([
                ("fieldName", Value::from(field)),
                ("fieldValue", value.into()),
            ]),
        )
    }

    /// `InputException::requiredField` in its 2.3+ wording.
    pub fn required_field(field: &str) -> Self {
        Self::input(
            messages::REQUIRED_FIELD,
            Params::named([("fieldName", field)]),
        )
    }

    /// Builds an `InputException` from its collected errors with Magento's aggregate quirk: one
    /// error becomes the message itself; two or more give the generic message plus `errors`.
    pub fn aggregate(mut errors: Vec<MagentoError>) -> Option<Self> {
        match errors.len() {
            0 => None,
            1 => errors.pop(),
            _ => Some(Self {
                errors: errors.into_iter().map(|e| (e.message, e.params)).collect(),
                ..Self::input(messages::INPUT_EXCEPTION_DEFAULT, Params::None)
            }),
        }
    }
}

impl std::fmt::Display for MagentoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.params.render(&self.message))?;
        if let Some(cause) = &self.cause {
            write!(f, " ({cause})")?;
        }
        Ok(())
    }
}

impl std::error::Error for MagentoError {}

/// Implemented by each crate's error enum: which Magento exception the error stands for.
pub trait ToMagentoError {
    fn to_magento(&self) -> MagentoError;
}

impl ToMagentoError for MagentoError {
    fn to_magento(&self) -> MagentoError {
        self.clone()
    }
}

/// Failures of the core services themselves; all of them are internal errors on the wire.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("store migration {version} failed: {source}")]
    Migration {
        version: usize,
        source: rusqlite::Error,
    },
    #[error("unknown config path {0:?}")]
    UnknownConfigPath(String),
    #[error("invalid value {value:?} for config path {path}: {reason}")]
    InvalidConfigValue {
        path: String,
        value: String,
        reason: String,
    },
}

impl ToMagentoError for CoreError {
    fn to_magento(&self) -> MagentoError {
        match self {
            CoreError::Sqlite(_) | CoreError::Migration { .. } => MagentoError::internal(self),
            CoreError::UnknownConfigPath(_) | CoreError::InvalidConfigValue { .. } => {
                MagentoError::internal(self)
            }
        }
    }
}

/// Framework-wide phrase templates, verbatim from Magento 2.4.
pub mod messages {
    /// lib/internal/Magento/Framework/Exception/NoSuchEntityException.php
    pub const NO_SUCH_ENTITY_SINGLE: &str = "No such entity with %fieldName = %fieldValue";
    /// lib/internal/Magento/Framework/Exception/NoSuchEntityException.php
    pub const NO_SUCH_ENTITY_DOUBLE: &str =
        "No such entity with %fieldName = %fieldValue, %field2Name = %field2Value";
    /// lib/internal/Magento/Framework/Exception/InputException.php
    pub const INPUT_EXCEPTION_DEFAULT: &str = "One or more input exceptions have occurred.";
    /// lib/internal/Magento/Framework/Webapi/ServiceInputProcessor.php (2.3+ wording)
    pub const REQUIRED_FIELD: &str = "\"%fieldName\" is required. Enter and try again.";
    /// lib/internal/Magento/Framework/Exception/InputException.php
    pub const INVALID_FIELD_VALUE: &str =
        "Invalid value of \"%value\" provided for the %fieldName field.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aggregate_of_one_is_that_error_and_of_two_is_the_generic_message() {
        let one = MagentoError::aggregate(vec![MagentoError::required_field("username")]);
        assert_eq!(one, Some(MagentoError::required_field("username")));
        let two = MagentoError::aggregate(vec![
            MagentoError::required_field("username"),
            MagentoError::required_field("password"),
        ])
        .expect("two errors");
        assert_eq!(two.message, messages::INPUT_EXCEPTION_DEFAULT);
        assert_eq!(two.errors.len(), 2);
        assert!(MagentoError::aggregate(vec![]).is_none());
    }

    #[test]
    fn render_substitutes_named_and_positional_placeholders() {
        let e = MagentoError::no_such_entity("customerId", 99);
        assert_eq!(e.to_string(), "No such entity with customerId = 99");
        let p = Params::positional(["a", "b"]);
        assert_eq!(p.render("%1 then %2, %1"), "a then b, a");
        let n = Params::named([("field", "x"), ("field2Name", "y")]);
        assert_eq!(n.render("%field2Name/%field"), "y/x");
    }
}
