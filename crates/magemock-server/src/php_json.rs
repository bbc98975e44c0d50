//! JSON exactly as Magento writes it. The REST JSON renderer ends in PHP's `json_encode($data)`
//! with no flags (lib/internal/Magento/Framework/Json/Encoder.php →
//! Framework/Serialize/Serializer/Json.php), which differs from serde_json's output: `/` is
//! escaped as `\/` and every non-ASCII character as a `\uXXXX` escape (UTF-16, lower-case hex).
//! Connector snapshots compare bytes, so magemock writes the same bytes.

use std::fmt::Write;

use serde_json::Value;

pub fn to_string(value: &Value) -> String {
    let mut out = String::with_capacity(256);
    write_value(&mut out, value);
    out
}

fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            let _ = write!(out, "{n}");
        }
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, k);
                out.push(':');
                write_value(out, v);
            }
            out.push('}');
        }
    }
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '/' => out.push_str("\\/"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7f => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Expected strings are what PHP 8's `json_encode` prints for the same data.
    #[test]
    fn escapes_like_php_json_encode() {
        let cases = [
            (json!("http://x/y"), r#""http:\/\/x\/y""#),
            (json!("Café"), r#""Caf\u00e9""#),
            (json!("😀"), r#""\ud83d\ude00""#),
            (json!("a\"b\\c\n\u{1}"), r#""a\"b\\c\n\u0001""#),
            (
                json!({"a": [1, 2.5, true, null], "b": {}}),
                r#"{"a":[1,2.5,true,null],"b":{}}"#,
            ),
            (json!("\u{7f}"), "\"\u{7f}\""),
        ];
        for (value, expected) in cases {
            assert_eq!(to_string(&value), expected);
        }
    }
}
