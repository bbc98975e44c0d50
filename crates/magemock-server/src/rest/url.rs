//! Splitting `/rest/<store>/V1/...` the way app/code/Magento/Webapi/Controller/PathProcessor.php
//! and Controller/Rest/RequestProcessorPool.php do: a first segment that is a store code (or
//! `all`) selects that store and is stripped; anything else stays in the path and the default
//! store is used; only paths starting `/V<n>` reach the synchronous processor.

/// What the first path segment selected.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum StoreSegment {
    /// No store code in the URL: the default store view.
    Default,
    /// `/rest/all/...`: the admin store (id 0).
    All,
    /// `/rest/<code>/...` for an existing store code.
    Code(String),
}

/// Which request processor the path selects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Processor {
    /// `/V<n>/...`: the synchronous REST processor, with the path to route.
    Synchronous(String),
    /// `schema...`, `async/...`: processors magemock does not emulate (yet).
    Unsupported(&'static str),
    /// No processor claims the path: 400 `Specified request cannot be processed.`
    None,
}

/// The REST path after the front name, or `None` when the URL is not under `/rest`.
/// `/index.php/rest/...` is the same as `/rest/...` (Magento's front controller ignores it).
pub fn rest_path(path: &str) -> Option<&str> {
    let path = path.strip_prefix("/index.php").unwrap_or(path);
    let rest = path.strip_prefix("/rest")?;
    (rest.is_empty() || rest.starts_with('/')).then_some(rest)
}

/// `PathProcessor::process`: picks the store and returns the path left to route.
pub fn split_store(rest: &str, is_store_code: impl Fn(&str) -> bool) -> (StoreSegment, String) {
    let parts: Vec<&str> = rest.trim_matches('/').split('/').collect();
    let first = parts.first().copied().unwrap_or("");
    let remainder = |skip: usize| format!("/{}", parts[skip.min(parts.len())..].join("/"));
    if first == "all" {
        (StoreSegment::All, remainder(1))
    } else if !first.is_empty() && is_store_code(first) {
        (StoreSegment::Code(first.to_string()), remainder(1))
    } else {
        (StoreSegment::Default, remainder(0))
    }
}

/// `RequestProcessorPool::getProcessor`.
pub fn processor(path: &str) -> Processor {
    let bytes = path.as_bytes();
    if bytes.len() > 2 && bytes[0] == b'/' && bytes[1] == b'V' && bytes[2].is_ascii_digit() {
        Processor::Synchronous(path.to_string())
    } else if path.trim_start_matches('/').starts_with("schema") {
        Processor::Unsupported("schema")
    } else if path.starts_with("/async/") {
        Processor::Unsupported("async")
    } else {
        Processor::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(code: &str) -> bool {
        matches!(code, "default" | "de")
    }

    #[track_caller]
    fn check(url: &str, expected_store: StoreSegment, expected: Processor) {
        let rest = rest_path(url).expect("under /rest");
        let (s, path) = split_store(rest, store);
        assert_eq!((s, processor(&path)), (expected_store, expected));
    }

    /// app/code/Magento/Webapi/Controller/PathProcessor.php, Rest/RequestProcessorPool.php
    #[test]
    fn url_forms() {
        use Processor::*;
        use StoreSegment::*;
        let sync = |p: &str| Synchronous(p.to_string());
        check("/rest/V1/products", Default, sync("/V1/products"));
        check(
            "/rest/default/V1/products",
            Code("default".into()),
            sync("/V1/products"),
        );
        check(
            "/rest/de/V1/products/",
            Code("de".into()),
            sync("/V1/products"),
        );
        check("/rest/all/V1/products", All, sync("/V1/products"));
        check(
            "/index.php/rest/default/V1/x",
            Code("default".into()),
            sync("/V1/x"),
        );
        check("/rest/unknown/V1/products", Default, None);
        check("/rest/admin/V1/products", Default, None);
        check("/rest", Default, None);
        check(
            "/rest/default/schema",
            Code("default".into()),
            Unsupported("schema"),
        );
        check("/rest/V2/x", Default, sync("/V2/x"));
        assert_eq!(rest_path("/restaurant/V1"), Option::None);
        assert_eq!(rest_path("/V1/products"), Option::None);
    }
}
