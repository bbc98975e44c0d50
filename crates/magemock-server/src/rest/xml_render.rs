//! The XML renderer (`Accept: application/xml`), reproducing
//! lib/internal/Magento/Framework/Webapi/Rest/Response/Renderer/Xml.php on top of
//! Framework/Xml/Generator.php and PHP's `DOMDocument('1.0')` with `formatOutput = true`:
//! root `<response>`, list elements named `<item>`, booleans as `true`/`false`, keys cleaned by
//! `_prepareKey`, two-space indentation, and non-ASCII text written as `&#xNN;` references
//! because the document declares no encoding.

use std::fmt::Write;

use serde_json::Value;

pub fn render(value: &Value) -> String {
    let mut out = String::from("<?xml version=\"1.0\"?>\n");
    write_element(&mut out, "response", value, 0, true);
    out
}

/// Writes `<name>` for `value` at `depth` (two spaces per level).
fn write_element(out: &mut String, name: &str, value: &Value, depth: usize, root: bool) {
    let tag = element_name(name);
    indent(out, depth);
    match value {
        Value::Array(items) if items.is_empty() => {
            let _ = writeln!(out, "<{tag}/>");
        }
        Value::Object(map) if map.is_empty() => {
            let _ = writeln!(out, "<{tag}/>");
        }
        Value::Array(items) => {
            let _ = writeln!(out, "<{tag}>");
            for item in items {
                write_element(out, "item", item, depth + 1, false);
            }
            indent(out, depth);
            let _ = writeln!(out, "</{tag}>");
        }
        Value::Object(map) => {
            let _ = writeln!(out, "<{tag}>");
            // `_formatData` treats an array whose keys are all digits as a list.
            let is_list = map
                .keys()
                .all(|k| !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit()));
            for (k, v) in map {
                let child = if is_list {
                    "item".to_string()
                } else {
                    prepare_key(k)
                };
                write_element(out, &child, v, depth + 1, false);
            }
            indent(out, depth);
            let _ = writeln!(out, "</{tag}>");
        }
        scalar => {
            let _ = root;
            let text = scalar_text(scalar);
            let _ = writeln!(out, "<{tag}>{}</{tag}>", escape_text(&text));
        }
    }
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// `_formatValue`: PHP's string cast, with booleans spelled out.
fn scalar_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Bool(b) => (if *b { "true" } else { "false" }).to_string(),
        Value::Number(n) => n
            .as_f64()
            .filter(|f| f.fract() == 0.0 && n.is_f64() && f.abs() < 1e15)
            // PHP casts 34.0 to "34".
            .map(|f| format!("{f:.0}"))
            .unwrap_or_else(|| n.to_string()),
        Value::String(s) => s.clone(),
        Value::Array(_) | Value::Object(_) => String::new(),
    }
}

/// `Renderer\Xml::_prepareKey`.
fn prepare_key(key: &str) -> String {
    let mut cleaned: String = key
        .chars()
        .filter_map(|c| match c {
            '!' | '"' | '#' | '$' | '%' | '&' | '\'' | '(' | ')' | '*' | '+' | ',' | '/' | ';'
            | '<' | '=' | '>' | '?' | '@' | '[' | '\\' | ']' | '^' | '`' | '{' | '|' | '}'
            | '~' => None,
            ' ' | ':' => Some('_'),
            c => Some(c),
        })
        .collect();
    cleaned = cleaned.trim_matches('_').to_string();
    if cleaned.starts_with(|c: char| c.is_ascii_digit() || matches!(c, ',' | '.' | '-')) {
        cleaned = format!("item_{cleaned}");
    }
    cleaned
}

/// `Generator::arrayToXml` drops every character that is not a word character or `-`.
fn element_name(key: &str) -> String {
    key.chars()
        .filter(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
        .collect()
}

fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) > 0x7f => {
                let _ = write!(out, "&#x{:X};", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn renders_like_magento_xml_renderer() {
        let body = json!({
            "items": [{"sku": "24-MB01", "price": 34.0, "status": true}],
            "empty": [],
            "search_criteria": {"page_size": 5},
            "1st key": "Caf\u{e9} & <b>",
            "nothing": null
        });
        assert_eq!(
            render(&body),
            "<?xml version=\"1.0\"?>\n<response>\n  <items>\n    <item>\n      <sku>24-MB01</sku>\n      <price>34</price>\n      <status>true</status>\n    </item>\n  </items>\n  <empty/>\n  <search_criteria>\n    <page_size>5</page_size>\n  </search_criteria>\n  <item_1st_key>Caf&#xE9; &amp; &lt;b&gt;</item_1st_key>\n  <nothing></nothing>\n</response>\n"
        );
    }

    #[test]
    fn scalar_and_list_roots() {
        assert_eq!(
            render(&json!(true)),
            "<?xml version=\"1.0\"?>\n<response>true</response>\n"
        );
        assert_eq!(
            render(&json!(["a", 2])),
            "<?xml version=\"1.0\"?>\n<response>\n  <item>a</item>\n  <item>2</item>\n</response>\n"
        );
    }
}
