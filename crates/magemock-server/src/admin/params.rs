//! Magento admin URLs carry parameters as path pairs after the action
//! (`edit/id/3/reauthorize/0/`), plus the query string; forms post url-encoded fields, some
//! repeated (`resource[]`).

/// The action and parameters of a `/admin/admin/integration/...` URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminRoute {
    pub action: String,
    pub params: Vec<(String, String)>,
}

impl AdminRoute {
    /// `tail` is what follows `/admin/admin/integration`; `None` when it is not a route of
    /// this controller (e.g. `/admin/admin/integrationfoo`).
    pub fn parse(tail: &str, query: &str) -> Option<Self> {
        if !(tail.is_empty() || tail.starts_with('/')) {
            return None;
        }
        let mut parts = tail.split('/').filter(|p| !p.is_empty());
        let action = parts.next().unwrap_or("index").to_string();
        let mut params = Vec::new();
        while let Some(key) = parts.next() {
            params.push((key.to_string(), parts.next().unwrap_or("").to_string()));
        }
        params.extend(form_fields(query.as_bytes()));
        Some(Self { action, params })
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The `id` parameter as Magento casts it (`(int)`): absent or not a number is no id.
    pub fn id(&self) -> Option<i64> {
        self.get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .filter(|id| *id > 0)
    }

    /// `reauthorize/1` (anything but `0` or empty counts, as PHP's `(bool)`).
    pub fn reauthorize(&self) -> bool {
        matches!(self.get("reauthorize"), Some(v) if !v.is_empty() && v != "0")
    }
}

/// Url-encoded fields in order, repeated keys kept; undecodable input is no fields.
pub fn form_fields(body: &[u8]) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body).unwrap_or_default()
}

/// The first value of `key`.
pub fn field<'a>(fields: &'a [(String, String)], key: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magento_path_pairs_and_the_query_string() {
        let r = AdminRoute::parse("/tokensExchange/id/7/reauthorize/1/", "form_key=abc")
            .expect("route");
        assert_eq!(r.action, "tokensExchange");
        assert_eq!(r.id(), Some(7));
        assert!(r.reauthorize());
        assert_eq!(r.get("form_key"), Some("abc"));
    }

    #[test]
    fn the_bare_controller_is_the_index() {
        assert_eq!(
            AdminRoute::parse("", "").map(|r| r.action),
            Some("index".into())
        );
        assert_eq!(
            AdminRoute::parse("/", "").map(|r| r.action),
            Some("index".into())
        );
        assert_eq!(AdminRoute::parse("foo", ""), None);
    }

    #[test]
    fn ids_are_cast_like_php() {
        let r = AdminRoute::parse("/edit/id/abc/", "").expect("route");
        assert_eq!(r.id(), None);
        let r = AdminRoute::parse("/edit/id/0/", "").expect("route");
        assert_eq!(r.id(), None);
        let r = AdminRoute::parse("/edit/", "").expect("route");
        assert_eq!(r.id(), None);
        assert!(!r.reauthorize());
    }

    #[test]
    fn repeated_fields_are_kept_in_order() {
        let f = form_fields(b"resource%5B%5D=A%3A%3Aa&resource%5B%5D=B%3A%3Ab&name=x+y");
        assert_eq!(
            f.iter()
                .filter(|(k, _)| k == "resource[]")
                .map(|(_, v)| v.as_str())
                .collect::<Vec<_>>(),
            ["A::a", "B::b"]
        );
        assert_eq!(field(&f, "name"), Some("x y"));
        assert!(form_fields(b"%ZZ=1").is_empty() || field(&form_fields(b"%ZZ=1"), "x").is_none());
    }
}
