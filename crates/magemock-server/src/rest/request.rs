//! Reading a REST request's parameters the way lib/internal/Magento/Framework/Webapi/Rest/Request.php
//! and Webapi/ServiceInputProcessor.php do: bodies only for POST/PUT and only when non-empty,
//! a mandatory and strictly parsed Content-Type, JSON or XML deserializers, and method
//! parameters found under their camelCase or snake_case names.

use magemock_core::{MagentoError, Params};
use serde_json::{Map, Value};

use super::xml_body;

/// Magento's request-parsing messages, verbatim.
pub mod messages {
    /// lib/internal/Magento/Framework/Webapi/Rest/Request.php `getContentType`
    pub const CONTENT_TYPE_EMPTY: &str = "Content-Type header is empty.";
    pub const CONTENT_TYPE_INVALID: &str = "Content-Type header is invalid.";
    pub const CHARSET: &str = "UTF-8 is the only supported charset.";
    /// lib/internal/Magento/Framework/Webapi/Rest/Request/DeserializerFactory.php
    pub const UNSUPPORTED_TYPE: &str =
        "Server cannot understand Content-Type HTTP header media type %1";
    /// Rest/Request/Deserializer/Json.php and Xml.php (production mode)
    pub const DECODING_ERROR: &str = "Decoding error.";
}

/// The body deserializers Magento registers (app/etc/di.xml `DeserializerFactory`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Deserializer {
    Json,
    Xml,
}

fn deserializer_for(media_type: &str) -> Option<Deserializer> {
    match media_type.to_ascii_lowercase().as_str() {
        "application/json" => Some(Deserializer::Json),
        "application/xml" | "text/xml" | "application/xhtml+xml" => Some(Deserializer::Xml),
        _ => None,
    }
}

/// `Rest\Request::getContentType`: the media type, or Magento's InputException.
fn media_type(header: Option<&str>) -> Result<String, MagentoError> {
    let header = header.unwrap_or("");
    if header.is_empty() {
        return Err(MagentoError::input(
            messages::CONTENT_TYPE_EMPTY,
            Params::None,
        ));
    }
    // ~^([a-z\d/\-+.]+)(?:; *charset=(.+))?$~Ui
    let (media, rest) = match header.find(';') {
        Some(i) => (&header[..i], Some(&header[i + 1..])),
        None => (header, None),
    };
    let media_ok = !media.is_empty()
        && media
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '+' | '.'));
    let charset = match rest {
        None => None,
        Some(rest) => {
            let rest = rest.trim_start_matches(' ');
            match rest.get(..8) {
                Some(p) if p.eq_ignore_ascii_case("charset=") && rest.len() > 8 => Some(&rest[8..]),
                _ => {
                    return Err(MagentoError::input(
                        messages::CONTENT_TYPE_INVALID,
                        Params::None,
                    ));
                }
            }
        }
    };
    if !media_ok {
        return Err(MagentoError::input(
            messages::CONTENT_TYPE_INVALID,
            Params::None,
        ));
    }
    if let Some(cs) = charset
        && !cs.eq_ignore_ascii_case("utf-8")
    {
        return Err(MagentoError::input(messages::CHARSET, Params::None));
    }
    Ok(media.to_string())
}

/// `Rest\Request::getBodyParams`: an empty body is `[]` without looking at Content-Type.
pub fn body_params(
    content_type: Option<&str>,
    body: &[u8],
) -> Result<Map<String, Value>, MagentoError> {
    if body.is_empty() {
        return Ok(Map::new());
    }
    let media = media_type(content_type)?;
    let decoded = match deserializer_for(&media) {
        Some(Deserializer::Json) => serde_json::from_slice::<Value>(body)
            .map_err(|_| MagentoError::input(messages::DECODING_ERROR, Params::None))?,
        Some(Deserializer::Xml) => xml_body::parse(body)
            .map_err(|_| MagentoError::input(messages::DECODING_ERROR, Params::None))?,
        None => {
            return Err(MagentoError::new(
                magemock_core::ExceptionKind::Webapi(400),
                messages::UNSUPPORTED_TYPE,
                Params::positional([media]),
            ));
        }
    };
    // PHP's `(array)` cast: an object stays, a list becomes "0","1"..., a scalar becomes [0 => v].
    Ok(match decoded {
        Value::Object(map) => map,
        Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
        Value::Null => Map::new(),
        scalar => std::iter::once(("0".to_string(), scalar)).collect(),
    })
}

/// `SimpleDataObjectConverter::camelCaseToSnakeCase`.
pub fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The merged parameters of one call (body or query, then path parameters), looked up as
/// `ServiceInputProcessor::process` does: by camelCase name or its snake_case form, present
/// only when not null (PHP `isset`).
#[derive(Debug, Clone, Default)]
pub struct Input {
    params: Map<String, Value>,
}

impl Input {
    pub fn new(params: Map<String, Value>) -> Self {
        Self { params }
    }

    pub fn get(&self, name: &str) -> Option<&Value> {
        self.params
            .get(name)
            .filter(|v| !v.is_null())
            .or_else(|| self.params.get(&snake_case(name)).filter(|v| !v.is_null()))
    }

    pub fn set(&mut self, name: &str, value: Value) {
        self.params.insert(name.to_string(), value);
    }

    /// Fails with REQUIRED_FIELD (aggregated as Magento does) for each absent name.
    pub fn require(&self, names: &[&str]) -> Result<(), MagentoError> {
        let missing: Vec<MagentoError> = names
            .iter()
            .filter(|n| self.get(n).is_none())
            .map(|n| MagentoError::required_field(n))
            .collect();
        match MagentoError::aggregate(missing) {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    pub fn raw(&self) -> &Map<String, Value> {
        &self.params
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use magemock_core::error::messages::REQUIRED_FIELD;

    fn message(r: Result<Map<String, Value>, MagentoError>) -> String {
        match r {
            Ok(_) => "ok".into(),
            Err(e) => e.params.render(&e.message),
        }
    }

    /// lib/internal/Magento/Framework/Webapi/Rest/Request.php `getContentType`
    #[test]
    fn content_type_rules() {
        let body = br#"{"a":1}"#;
        for (header, expected) in [
            (None, "Content-Type header is empty."),
            (Some(""), "Content-Type header is empty."),
            (Some("application/json"), "ok"),
            (Some("APPLICATION/JSON; charset=UTF-8"), "ok"),
            (Some("application/json;charset=utf-8"), "ok"),
            (
                Some("application/json; charset=utf8"),
                "UTF-8 is the only supported charset.",
            ),
            (
                Some("application/json; charset=latin1"),
                "UTF-8 is the only supported charset.",
            ),
            (
                Some("application/json; boundary=x"),
                "Content-Type header is invalid.",
            ),
            (Some("application json"), "Content-Type header is invalid."),
            (
                Some("text/plain"),
                "Server cannot understand Content-Type HTTP header media type text/plain",
            ),
        ] {
            assert_eq!(message(body_params(header, body)), expected, "{header:?}");
        }
    }

    #[test]
    fn empty_body_skips_content_type_and_bad_json_is_a_decoding_error() {
        assert_eq!(message(body_params(None, b"")), "ok");
        assert_eq!(
            message(body_params(Some("application/json"), b"{nope")),
            "Decoding error."
        );
        assert_eq!(
            message(body_params(Some("application/xml"), b"<a><b>")),
            "Decoding error."
        );
    }

    #[test]
    fn lookup_by_camel_or_snake_name_and_isset_semantics() {
        let input = Input::new(
            serde_json::from_str(r#"{"customer_email":"a@b.c","websiteId":null}"#).expect("json"),
        );
        assert!(input.get("customerEmail").is_some());
        assert!(input.get("websiteId").is_none());
        let err = input
            .require(&["customerEmail", "websiteId", "password"])
            .expect_err("missing");
        assert_eq!(err.message, "One or more input exceptions have occurred.");
        assert_eq!(err.errors.len(), 2);
        assert_eq!(err.errors[0].0, REQUIRED_FIELD);
    }
}
