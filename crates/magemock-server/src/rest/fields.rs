//! The `fields` partial-response filter, as
//! lib/internal/Magento/Framework/Webapi/Rest/Response/FieldsFilter.php: a filter string such
//! as `items[sku,name],total_count` keeps only those keys; a malformed filter makes the whole
//! response an empty array (not an error); lists are filtered item by item.

use indexmap::IndexMap;
use serde_json::{Map, Value};

/// A parsed filter: a key maps to `None` (keep whole) or to a nested filter.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filter(IndexMap<String, Option<Filter>>);

/// `FieldsFilter::parse`: `None` for an empty or malformed filter string.
pub fn parse(filter: &str) -> Option<Filter> {
    if filter.is_empty()
        || !filter
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || matches!(c, '[' | ']' | ','))
    {
        return None;
    }
    let mut stack: Vec<(Filter, Option<String>)> = Vec::new();
    let mut current = Filter::default();
    let mut start: Option<usize> = None;
    let mut last_name: Option<String> = None;
    for (pos, c) in filter.char_indices() {
        if matches!(c, '[' | ']' | ',')
            && let Some(s) = start.take()
        {
            let name = filter[s..pos].to_string();
            current.0.insert(name.clone(), None);
            last_name = Some(name);
        }
        match c {
            '[' => {
                stack.push((std::mem::take(&mut current), last_name.clone()));
            }
            ']' => {
                // PHP pops an empty stack into null and keys the child by "" — a filter like
                // `a]` is not rejected there; it yields a parent keyed "" which matches nothing.
                let (parent, name) = stack.pop().unwrap_or_default();
                let child = std::mem::replace(&mut current, parent);
                current.0.insert(name.unwrap_or_default(), Some(child));
            }
            ',' => {}
            _ => {
                if start.is_none() {
                    start = Some(pos);
                }
            }
        }
    }
    if !stack.is_empty() {
        return None;
    }
    if let Some(s) = start {
        current.0.insert(filter[s..].to_string(), None);
    }
    Some(current)
}

/// Applies the `fields` query parameter to a response; `None` = no parameter given.
pub fn apply(response: Value, fields: Option<&str>) -> Value {
    let Some(fields) = fields else {
        return response;
    };
    match parse(fields) {
        None => Value::Array(Vec::new()),
        Some(filter) => match response {
            // FieldsFilter only runs on array results; scalars pass through.
            Value::Object(_) | Value::Array(_) => apply_filter(response, &filter),
            scalar => scalar,
        },
    }
}

/// `applyFilter`: a list (no string keys) is filtered element by element.
fn apply_filter(value: Value, filter: &Filter) -> Value {
    match value {
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|item| match item {
                    Value::Object(map) => intersect(map, filter),
                    // array_intersect_key on a scalar fails in PHP; keep nothing.
                    Value::Array(inner) => apply_filter(Value::Array(inner), filter),
                    _ => Value::Null,
                })
                .collect(),
        ),
        Value::Object(map) => intersect(map, filter),
        scalar => scalar,
    }
}

fn intersect(map: Map<String, Value>, filter: &Filter) -> Value {
    let mut out = Map::new();
    for (k, v) in map {
        match filter.0.get(&k) {
            None => {}
            Some(None) => {
                out.insert(k, v);
            }
            Some(Some(sub)) => {
                let v = match v {
                    Value::Object(_) | Value::Array(_) => apply_filter(v, sub),
                    scalar => scalar,
                };
                out.insert(k, v);
            }
        }
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[track_caller]
    fn check(fields: &str, input: Value, expected: Value) {
        assert_eq!(apply(input, Some(fields)), expected);
    }

    /// Cases from FieldsFilter.php's docblock and its unit test (FieldsFilterTest).
    #[test]
    fn filters_like_magento() {
        let customer = json!({"id": 1, "email": "a@b.c", "name": "x",
            "addresses": [{"city": "C", "postcode": "P", "street": ["s"], "region": {"region_code": "MI", "region": "Michigan", "region_id": 33}}]});
        check(
            "id,email,addresses[city,region[region_code]]",
            customer.clone(),
            json!({"id": 1, "email": "a@b.c", "addresses": [{"city": "C", "region": {"region_code": "MI"}}]}),
        );
        check(
            "items[sku],total_count",
            json!({"items": [{"sku": "a", "name": "n"}, {"sku": "b"}], "total_count": 2, "search_criteria": {}}),
            json!({"items": [{"sku": "a"}, {"sku": "b"}], "total_count": 2}),
        );
        check("nosuchfield", customer.clone(), json!({}));
    }

    #[test]
    fn malformed_filters_give_an_empty_array() {
        for bad in ["", "id;email", "items[sku", "a b", "items[sku]]x[", "é"] {
            // PCRE's `\w` without the `u` flag is ASCII only, so `é` is malformed too.
            assert_eq!(apply(json!({"id": 1}), Some(bad)), json!([]), "{bad:?}");
        }
        assert_eq!(apply(json!("token"), Some("x")), json!("token"));
    }
}
