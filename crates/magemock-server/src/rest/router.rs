//! The route table and Magento's matching rule
//! (app/code/Magento/Webapi/Model/Rest/Config.php `getRestRoutes`, Controller/Rest/Router.php,
//! Controller/Rest/Router/Route.php): an exact template match wins; otherwise the routes of the
//! method whose template starts with the path's first two segments are tried in byte order of
//! their templates and the **last** match wins, which makes literals beat `:params`.

use std::collections::HashMap;

use magemock_core::MagentoError;
use serde_json::Value;

use super::call::Call;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    /// `Rest\Request::getHttpMethod`: anything else is `Request method is invalid.`
    pub fn parse(method: &str) -> Option<Method> {
        match method {
            "GET" => Some(Method::Get),
            "POST" => Some(Method::Post),
            "PUT" => Some(Method::Put),
            "DELETE" => Some(Method::Delete),
            _ => None,
        }
    }

    pub fn has_body(self) -> bool {
        matches!(self, Method::Post | Method::Put)
    }
}

pub type Handler = fn(&mut Call<'_>) -> Result<Value, MagentoError>;

/// A webapi.xml `<data><parameter force="true">` value taken from the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forced {
    /// `%customer_id%`
    CustomerId,
}

/// One `<route>` of a webapi.xml.
#[derive(Clone, Copy)]
pub struct Route {
    pub method: Method,
    pub url: &'static str,
    /// `Class::method` of the service contract, for the journal and the docs.
    pub service: &'static str,
    /// `anonymous`, `self`, or ACL resource ids; all must be allowed.
    pub resources: &'static [&'static str],
    pub forced: &'static [(&'static str, Forced)],
    pub handler: Handler,
}

impl std::fmt::Debug for Route {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?} {} ({})", self.method, self.url, self.service)
    }
}

/// A matched route with its URL-decoded path parameters.
#[derive(Debug)]
pub struct Matched<'a> {
    pub route: &'a Route,
    pub params: Vec<(String, String)>,
}

#[derive(Debug, Default)]
pub struct RouteTable {
    /// Per method, sorted by template (PHP `ksort`, byte order).
    by_method: HashMap<Method, Vec<Route>>,
}

impl RouteTable {
    pub fn new(routes: impl IntoIterator<Item = Route>) -> Self {
        let mut by_method: HashMap<Method, Vec<Route>> = HashMap::new();
        for r in routes {
            by_method.entry(r.method).or_default().push(r);
        }
        for list in by_method.values_mut() {
            list.sort_by(|a, b| a.url.as_bytes().cmp(b.url.as_bytes()));
        }
        Self { by_method }
    }

    pub fn routes(&self) -> impl Iterator<Item = &Route> {
        self.by_method.values().flatten()
    }

    pub fn find(&self, method: Method, path: &str) -> Option<Matched<'_>> {
        let routes = self.by_method.get(&method)?;
        if let Some(route) = routes.iter().find(|r| r.url == path) {
            return Some(Matched {
                route,
                params: Vec::new(),
            });
        }
        let base = service_base(path)?;
        routes
            .iter()
            .rev()
            .filter(|r| r.url.starts_with(base))
            .filter_map(|route| {
                match_route(route.url, path).map(|params| Matched { route, params })
            })
            .next()
    }
}

/// `^/?\w+/\w+`: the service base that pre-selects candidate routes.
fn service_base(path: &str) -> Option<&str> {
    let word = |s: &str| {
        s.bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count()
    };
    let lead = usize::from(path.starts_with('/'));
    let first = word(&path[lead..]);
    if first == 0 {
        return None;
    }
    let after_first = lead + first;
    if path.as_bytes().get(after_first) != Some(&b'/') {
        return None;
    }
    let second = word(&path[after_first + 1..]);
    (second > 0).then(|| &path[..after_first + 1 + second])
}

/// `Route::match`: same number of segments, literals equal, `:name` takes any segment.
fn match_route(template: &str, path: &str) -> Option<Vec<(String, String)>> {
    let route_parts: Vec<&str> = template.trim_matches('/').split('/').collect();
    let path_parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    if route_parts.len() != path_parts.len() {
        return None;
    }
    let mut params = Vec::new();
    for (r, p) in route_parts.iter().zip(&path_parts) {
        match r.strip_prefix(':') {
            Some(name) => params.push((name.to_string(), url_decode(p))),
            None if r == p => {}
            None => return None,
        }
    }
    Some(params)
}

/// PHP `urldecode`: `%XX` and `+` as a space.
pub fn url_decode(s: &str) -> String {
    let plus = s.replace('+', " ");
    percent_encoding::percent_decode_str(&plus)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(_: &mut Call<'_>) -> Result<Value, MagentoError> {
        Ok(Value::Null)
    }

    fn route(method: Method, url: &'static str) -> Route {
        Route {
            method,
            url,
            service: url,
            resources: &["anonymous"],
            forced: &[],
            handler: ok,
        }
    }

    fn table() -> RouteTable {
        RouteTable::new([
            route(Method::Get, "/V1/products/:sku"),
            route(Method::Get, "/V1/products/attributes"),
            route(Method::Get, "/V1/products/:sku/media"),
            route(Method::Get, "/V1/products/:sku/media/:entryId"),
            route(Method::Get, "/V1/products-render-info"),
            route(Method::Post, "/V1/products"),
            route(Method::Get, "/V1/stockItems/lowStock/"),
        ])
    }

    #[track_caller]
    fn check(method: Method, path: &str, expected: Option<(&str, &[(&str, &str)])>) {
        let t = table();
        let got = t.find(method, path).map(|m| (m.route.url, m.params));
        let expected = expected.map(|(u, ps)| {
            (
                u,
                ps.iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect::<Vec<_>>(),
            )
        });
        assert_eq!(got, expected, "{method:?} {path}");
    }

    /// app/code/Magento/Webapi/Controller/Rest/Router.php, Model/Rest/Config.php
    #[test]
    fn magento_matching_rules() {
        use Method::*;
        check(
            Get,
            "/V1/products/attributes",
            Some(("/V1/products/attributes", &[])),
        );
        check(
            Get,
            "/V1/products/24-MB01",
            Some(("/V1/products/:sku", &[("sku", "24-MB01")])),
        );
        check(
            Get,
            "/V1/products/a%2Fb+c",
            Some(("/V1/products/:sku", &[("sku", "a/b c")])),
        );
        check(
            Get,
            "/V1/products/x/media/7",
            Some((
                "/V1/products/:sku/media/:entryId",
                &[("sku", "x"), ("entryId", "7")],
            )),
        );
        check(
            Get,
            "/V1/products-render-info",
            Some(("/V1/products-render-info", &[])),
        );
        check(
            Get,
            "/V1/stockItems/lowStock",
            Some(("/V1/stockItems/lowStock/", &[])),
        );
        // wrong method on an existing path, and too many segments: no route
        check(Put, "/V1/products", None);
        check(Get, "/V1/products/x/y", None);
        check(Get, "/V1", None);
    }
}
