//! Configuration keyed by Magento's own config paths (`core_config_data`). The known paths, their
//! defaults and their sources are listed once in [`KNOWN`]; reads fall back to the default, writes
//! of unknown paths or ill-typed values are refused.

use rusqlite::{Connection, OptionalExtension};

use crate::error::CoreError;

/// How a value is checked before it is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An integer (Magento stores it as text).
    Int,
    /// `0` or `1` (`isSetFlag`).
    Flag,
    /// One of a fixed list.
    OneOf(&'static [&'static str]),
    /// Free text; empty allowed.
    Text,
}

/// One known config path.
#[derive(Debug, Clone, Copy)]
pub struct ConfigPath {
    pub path: &'static str,
    /// The default as Magento's config.xml declares it; `None` when Magento declares none.
    pub default: Option<&'static str>,
    pub kind: Kind,
    /// The Magento file the path and its default come from.
    pub source: &'static str,
}

const INTEGRATION_CONFIG: &str = "app/code/Magento/Integration/etc/config.xml";
const JWT_CONFIG: &str = "app/code/Magento/JwtUserToken/etc/config.xml";
const WEBAPI_LIMITS: &str =
    "lib/internal/Magento/Framework/Webapi/Validator/IOLimit/IOLimitConfigProvider.php";
const CUSTOMER_CONFIG: &str = "app/code/Magento/Customer/etc/config.xml";

/// Every path magemock reads, in the order `GET /__magemock/config` lists them.
pub const KNOWN: &[ConfigPath] = &[
    ConfigPath {
        path: "oauth/access_token_lifetime/customer",
        default: Some("1"),
        kind: Kind::Text,
        source: "app/code/Magento/Integration/etc/adminhtml/system.xml (hours; empty = never expires)",
    },
    ConfigPath {
        path: "oauth/access_token_lifetime/admin",
        default: Some("4"),
        kind: Kind::Text,
        source: "app/code/Magento/Integration/etc/adminhtml/system.xml (hours; empty = never expires)",
    },
    ConfigPath {
        path: "oauth/cleanup/cleanup_probability",
        default: Some("100"),
        kind: Kind::Int,
        source: INTEGRATION_CONFIG,
    },
    ConfigPath {
        path: "oauth/cleanup/expiration_period",
        default: Some("120"),
        kind: Kind::Int,
        source: INTEGRATION_CONFIG,
    },
    ConfigPath {
        path: "oauth/consumer/expiration_period",
        default: Some("300"),
        kind: Kind::Int,
        source: INTEGRATION_CONFIG,
    },
    ConfigPath {
        path: "oauth/consumer/post_maxredirects",
        default: Some("0"),
        kind: Kind::Int,
        source: INTEGRATION_CONFIG,
    },
    ConfigPath {
        path: "oauth/consumer/post_timeout",
        default: Some("5"),
        kind: Kind::Int,
        source: INTEGRATION_CONFIG,
    },
    ConfigPath {
        path: "oauth/consumer/enable_integration_as_bearer",
        default: None,
        kind: Kind::Flag,
        source: "app/code/Magento/Integration/Model/Config/AuthorizationConfig.php (isSetFlag; unset = off)",
    },
    ConfigPath {
        path: "oauth/authentication_lock/max_failures_count",
        default: Some("6"),
        kind: Kind::Int,
        source: INTEGRATION_CONFIG,
    },
    ConfigPath {
        path: "oauth/authentication_lock/timeout",
        default: Some("1800"),
        kind: Kind::Int,
        source: INTEGRATION_CONFIG,
    },
    ConfigPath {
        path: "webapi/jwtauth/jwt_alg",
        default: Some("HS256"),
        kind: Kind::OneOf(&["HS256", "HS384", "HS512"]),
        source: JWT_CONFIG,
    },
    ConfigPath {
        path: "webapi/jwtauth/jwe_alg",
        default: Some("A128GCM"),
        kind: Kind::Text,
        source: JWT_CONFIG,
    },
    ConfigPath {
        path: "webapi/jwtauth/customer_expiration",
        default: Some("60"),
        kind: Kind::Text,
        source: JWT_CONFIG,
    },
    ConfigPath {
        path: "webapi/jwtauth/admin_expiration",
        default: Some("60"),
        kind: Kind::Text,
        source: JWT_CONFIG,
    },
    ConfigPath {
        path: "webapi/validation/input_limit_enabled",
        default: Some("0"),
        kind: Kind::Flag,
        source: WEBAPI_LIMITS,
    },
    ConfigPath {
        path: "webapi/validation/complex_array_limit",
        default: None,
        kind: Kind::Int,
        source: WEBAPI_LIMITS,
    },
    ConfigPath {
        path: "webapi/validation/maximum_page_size",
        default: None,
        kind: Kind::Int,
        source: WEBAPI_LIMITS,
    },
    ConfigPath {
        path: "webapi/validation/default_page_size",
        default: None,
        kind: Kind::Int,
        source: WEBAPI_LIMITS,
    },
    ConfigPath {
        path: "customer/account_share/scope",
        default: Some("1"),
        kind: Kind::OneOf(&["0", "1"]),
        source: CUSTOMER_CONFIG,
    },
    ConfigPath {
        path: "customer/create_account/confirm",
        default: Some("0"),
        kind: Kind::Flag,
        source: CUSTOMER_CONFIG,
    },
    ConfigPath {
        path: "customer/password/minimum_password_length",
        default: Some("8"),
        kind: Kind::Int,
        source: CUSTOMER_CONFIG,
    },
    ConfigPath {
        path: "customer/password/required_character_classes_number",
        default: Some("3"),
        kind: Kind::Int,
        source: CUSTOMER_CONFIG,
    },
    ConfigPath {
        path: "admin/security/session_lifetime",
        default: Some("900"),
        kind: Kind::Int,
        source: "app/code/Magento/Security/etc/config.xml (seconds; the admin page's session)",
    },
    ConfigPath {
        path: "twofactorauth/general/enable",
        default: Some("0"),
        kind: Kind::Flag,
        source: "magemock's own switch: in Magento 2.4 two-factor authentication is on while the Magento_TwoFactorAuth module is enabled",
    },
    ConfigPath {
        path: "twofactorauth/general/force_providers",
        default: None,
        kind: Kind::Text,
        source: "magento/security-package TwoFactorAuth/etc/adminhtml/system.xml (comma-separated provider codes, e.g. google)",
    },
    ConfigPath {
        path: "general/locale/code",
        default: Some("en_US"),
        kind: Kind::Text,
        source: "app/code/Magento/Directory/etc/config.xml",
    },
    ConfigPath {
        path: "general/locale/timezone",
        default: Some("America/Los_Angeles"),
        kind: Kind::Text,
        source: "app/code/Magento/Directory/etc/config.xml",
    },
    ConfigPath {
        path: "currency/options/base",
        default: Some("USD"),
        kind: Kind::Text,
        source: "app/code/Magento/Directory/etc/config.xml",
    },
    ConfigPath {
        path: "currency/options/default",
        default: Some("USD"),
        kind: Kind::Text,
        source: "app/code/Magento/Directory/etc/config.xml",
    },
    ConfigPath {
        path: "general/locale/weight_unit",
        default: Some("lbs"),
        kind: Kind::Text,
        source: "app/code/Magento/Directory/etc/config.xml",
    },
];

/// The catalogue of known paths.
#[derive(Debug, Clone, Copy, Default)]
pub struct Settings;

impl Settings {
    pub fn lookup(path: &str) -> Result<&'static ConfigPath, CoreError> {
        KNOWN
            .iter()
            .find(|p| p.path == path)
            .ok_or_else(|| CoreError::UnknownConfigPath(path.to_string()))
    }

    /// The stored value, else the default; `None` when neither exists.
    pub fn get(conn: &Connection, path: &str) -> Result<Option<String>, CoreError> {
        let known = Self::lookup(path)?;
        let stored: Option<Option<String>> = conn
            .prepare_cached("SELECT value FROM core_config_data WHERE path = ?1")
            .and_then(|mut s| s.query_row([path], |r| r.get(0)))
            .optional()?;
        Ok(match stored {
            Some(v) => v,
            None => known.default.map(str::to_string),
        })
    }

    /// The value read as an integer, `None` when empty or absent (PHP `(int)` of junk is 0).
    pub fn get_int(conn: &Connection, path: &str) -> Result<Option<i64>, CoreError> {
        Ok(Self::get(conn, path)?
            .filter(|v| !v.trim().is_empty())
            .map(|v| php_intval(&v)))
    }

    /// `ScopeConfig::isSetFlag`: true for any value other than empty, `0` or `false`.
    pub fn flag(conn: &Connection, path: &str) -> Result<bool, CoreError> {
        Ok(Self::get(conn, path)?.is_some_and(|v| !matches!(v.trim(), "" | "0" | "false")))
    }

    /// Checks and stores a value; `None` removes the stored value (back to the default).
    pub fn set(conn: &Connection, path: &str, value: Option<&str>) -> Result<(), CoreError> {
        let known = Self::lookup(path)?;
        match value {
            None => {
                conn.prepare_cached("DELETE FROM core_config_data WHERE path = ?1")
                    .and_then(|mut s| s.execute([path]))?;
            }
            Some(v) => {
                check(known, v)?;
                conn.prepare_cached(
                    "INSERT INTO core_config_data(path, value) VALUES (?1, ?2) \
                     ON CONFLICT(path) DO UPDATE SET value = excluded.value",
                )
                .and_then(|mut s| s.execute([path, v]))?;
            }
        }
        Ok(())
    }

    /// Every known path with its effective value, in [`KNOWN`] order.
    pub fn all(conn: &Connection) -> Result<Vec<(&'static str, Option<String>)>, CoreError> {
        KNOWN
            .iter()
            .map(|p| Ok((p.path, Self::get(conn, p.path)?)))
            .collect()
    }
}

fn check(known: &ConfigPath, value: &str) -> Result<(), CoreError> {
    let bad = |reason: &str| CoreError::InvalidConfigValue {
        path: known.path.to_string(),
        value: value.to_string(),
        reason: reason.to_string(),
    };
    match known.kind {
        Kind::Int if value.trim().parse::<i64>().is_err() => Err(bad("an integer is expected")),
        Kind::Flag if !matches!(value, "0" | "1") => Err(bad("0 or 1 is expected")),
        Kind::OneOf(allowed) if !allowed.contains(&value) => {
            Err(bad(&format!("one of {} is expected", allowed.join(", "))))
        }
        _ => Ok(()),
    }
}

/// PHP's `(int)` cast of a string: leading whitespace, optional sign, leading digits; else 0.
pub fn php_intval(s: &str) -> i64 {
    let t = s.trim_start();
    let (sign, digits) = match t.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, t.strip_prefix('+').unwrap_or(t)),
    };
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    digits[..end].parse::<i64>().map(|n| sign * n).unwrap_or(0)
}

#[cfg(test)]
mod tests;
