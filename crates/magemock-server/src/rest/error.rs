//! The one place a Magento exception becomes a REST response body
//! (lib/internal/Magento/Framework/Webapi/ErrorProcessor.php `maskException`,
//! Rest/Response.php `_renderMessages`). Keys in Magento's order: `message`, `errors`, `code`,
//! `parameters`; the message is the raw template; parameters only when there are some.

use magemock_core::{ExceptionKind, MagentoError, Params};
use serde_json::{Map, Value};

/// The masked message of a non-Localized exception outside developer mode.
pub const INTERNAL_SERVER_ERROR_MSG: &str =
    "Internal Error. Details are available in Magento log file. Report ID: %s";

/// `maskException`'s HTTP code for each exception class.
pub fn status(kind: ExceptionKind) -> u16 {
    match kind {
        ExceptionKind::NoSuchEntity => 404,
        ExceptionKind::Authentication | ExceptionKind::Authorization => 401,
        ExceptionKind::Input => 400,
        ExceptionKind::Webapi(code) if (400..600).contains(&code) => code,
        // Webapi\Exception refuses codes outside 400–599 and so does magemock.
        ExceptionKind::Webapi(_) => 500,
        ExceptionKind::Internal => 500,
    }
}

fn params_json(params: &Params) -> Value {
    match params {
        Params::None => Value::Array(Vec::new()),
        Params::Named(pairs) => Value::Object(pairs.iter().cloned().collect()),
        Params::Positional(values) => Value::Array(values.clone()),
    }
}

/// The body `_renderMessages` builds. `report_id` is used for internal errors only.
pub fn body(error: &MagentoError, report_id: &str) -> Value {
    let mut out = Map::new();
    if error.kind == ExceptionKind::Internal {
        out.insert(
            "message".into(),
            Value::String(INTERNAL_SERVER_ERROR_MSG.replace("%s", report_id)),
        );
        return Value::Object(out);
    }
    out.insert("message".into(), Value::String(error.message.to_string()));
    if !error.errors.is_empty() {
        let errors = error
            .errors
            .iter()
            .map(|(message, params)| {
                let mut e = Map::new();
                e.insert("message".into(), Value::String(message.to_string()));
                e.insert("parameters".into(), params_json(params));
                Value::Object(e)
            })
            .collect();
        out.insert("errors".into(), Value::Array(errors));
    }
    if !error.params.is_empty() {
        out.insert("parameters".into(), params_json(&error.params));
    }
    Value::Object(out)
}

/// `renderErrorMessage`'s envelope, used when no renderer can be chosen (406): XML when the
/// Accept header merely contains `xml`, else JSON.
pub fn fatal_envelope(code: u16, message: &str, accept: Option<&str>) -> (String, &'static str) {
    if accept.is_some_and(|a| a.contains("xml")) {
        let body = format!(
            "<?xml version=\"1.0\"?><error><messages><error><data_item><code>{code}</code><message><![CDATA[{message}]]></message></data_item></error></messages></error>"
        );
        (body, "application/xml; charset=UTF-8")
    } else {
        let body = serde_json::json!({"messages": {"error": [{"code": code, "message": message}]}});
        (
            crate::php_json::to_string(&body),
            "application/json; charset=UTF-8",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// lib/internal/Magento/Framework/Webapi/ErrorProcessor.php, Rest/Response.php
    #[test]
    fn bodies_like_render_messages() {
        let e = MagentoError::no_such_entity("customerId", 99);
        assert_eq!(status(e.kind), 404);
        assert_eq!(
            body(&e, "-"),
            json!({"message": "No such entity with %fieldName = %fieldValue", "parameters": {"fieldName": "customerId", "fieldValue": 99}})
        );
        let two = MagentoError::aggregate(vec![
            MagentoError::required_field("username"),
            MagentoError::input("Plain.", Params::None),
        ])
        .expect("two");
        assert_eq!(
            body(&two, "-"),
            json!({"message": "One or more input exceptions have occurred.", "errors": [
                {"message": "\"%fieldName\" is required. Enter and try again.", "parameters": {"fieldName": "username"}},
                {"message": "Plain.", "parameters": []}
            ]})
        );
        let internal = MagentoError::internal("disk on fire");
        assert_eq!(status(internal.kind), 500);
        assert_eq!(
            body(&internal, "webapi-0123456789abc"),
            json!({"message": "Internal Error. Details are available in Magento log file. Report ID: webapi-0123456789abc"})
        );
        let positional = MagentoError::input("The %1 is bad", Params::positional(["First Name"]));
        assert_eq!(body(&positional, "-")["parameters"], json!(["First Name"]));
    }
}
