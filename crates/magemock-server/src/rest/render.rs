//! Choosing and running the response renderer, as
//! lib/internal/Magento/Framework/Webapi/Rest/Response/RendererFactory.php and
//! Rest/Request.php `getAcceptTypes` do: Accept types sorted by quality, the first one that
//! names a renderer type exactly, by `type/*`, or by `*/*` wins; none → 406.

use serde_json::Value;

use super::{php_json_body, xml_render};

/// The renderers Magento registers in app/etc/di.xml, in registration order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Renderer {
    Json,
    Xml,
}

const RENDERERS: &[(&str, Renderer)] = &[
    ("*/*", Renderer::Json),
    ("application/json", Renderer::Json),
    ("text/xml", Renderer::Xml),
    ("application/xml", Renderer::Xml),
    ("application/xhtml+xml", Renderer::Xml),
];

impl Renderer {
    /// The Content-Type header (Webapi\Response::setMimeType appends `; charset=utf-8`).
    pub fn content_type(self) -> &'static str {
        match self {
            Renderer::Json => "application/json; charset=utf-8",
            Renderer::Xml => "application/xml; charset=utf-8",
        }
    }

    pub fn render(self, value: &Value) -> String {
        match self {
            Renderer::Json => php_json_body(value),
            Renderer::Xml => xml_render::render(value),
        }
    }
}

/// `Rest\Request::getAcceptTypes`: valid media ranges ordered by `q` (string-compared, highest
/// first, as PHP's `krsort` on string keys), duplicates dropped, `*/*` when none.
pub fn accept_types(header: Option<&str>) -> Vec<String> {
    let mut by_quality: Vec<(String, Vec<String>)> = Vec::new();
    for definition in header.unwrap_or("").split(',') {
        let mut parts = definition.split(';');
        let mime = parts.next().unwrap_or("").trim();
        if !valid_mime(mime) {
            continue;
        }
        let quality = parts
            .next()
            .and_then(|p| {
                let kv: Vec<&str> = p.split('=').collect();
                (kv.len() == 2).then(|| kv[1].to_string())
            })
            .unwrap_or_else(|| "1.0".to_string());
        match by_quality.iter_mut().find(|(q, _)| *q == quality) {
            Some((_, types)) => {
                if !types.iter().any(|t| t == mime) {
                    types.push(mime.to_string());
                }
            }
            None => by_quality.push((quality, vec![mime.to_string()])),
        }
    }
    by_quality.sort_by(|a, b| php_key_cmp(&b.0, &a.0));
    let mut ordered: Vec<String> = Vec::new();
    for (_, types) in by_quality {
        for t in types {
            if !ordered.contains(&t) {
                ordered.push(t);
            }
        }
    }
    if ordered.is_empty() {
        ordered.push("*/*".to_string());
    }
    ordered
}

/// PHP compares numeric-string array keys as numbers and others as strings.
fn php_key_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) => x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal),
        _ => a.cmp(b),
    }
}

/// `~^([0-9a-z*+\-]+)(?:/([0-9a-z*+\-\.]+))?$~i`
fn valid_mime(mime: &str) -> bool {
    let (main, sub) = match mime.split_once('/') {
        Some((m, s)) => (m, Some(s)),
        None => (mime, None),
    };
    let main_ok = !main.is_empty()
        && main
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '*' | '+' | '-'));
    let sub_ok = sub.is_none_or(|s| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '*' | '+' | '-' | '.'))
    });
    main_ok && sub_ok
}

/// The renderer for these accept types, or the types themselves when none fits (→ 406).
pub fn choose(accept: &[String]) -> Result<Renderer, &[String]> {
    for accept_type in accept {
        for (renderer_type, renderer) in RENDERERS {
            let family = renderer_type.split('/').next().unwrap_or("");
            if accept_type == renderer_type
                || *accept_type == format!("{family}/*")
                || accept_type == "*/*"
            {
                return Ok(*renderer);
            }
        }
    }
    Err(accept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(accept: Option<&str>, expected: Result<Renderer, ()>) {
        let types = accept_types(accept);
        assert_eq!(
            choose(&types).map_err(|_| ()),
            expected,
            "{accept:?} → {types:?}"
        );
    }

    /// lib/internal/Magento/Framework/Webapi/Rest/Response/RendererFactory.php
    #[test]
    fn negotiates_like_renderer_factory() {
        check(None, Ok(Renderer::Json));
        check(Some("application/json"), Ok(Renderer::Json));
        check(Some("application/xml"), Ok(Renderer::Xml));
        check(Some("text/xml"), Ok(Renderer::Xml));
        check(Some("text/*"), Ok(Renderer::Xml));
        check(Some("application/*"), Ok(Renderer::Json));
        check(
            Some("text/html, application/xml;q=0.9, */*;q=0.8"),
            Ok(Renderer::Xml),
        );
        check(
            Some("application/xml;q=0.5, application/json"),
            Ok(Renderer::Json),
        );
        check(Some("text/html"), Err(()));
        check(Some("image/png, text/plain"), Err(()));
        // Nothing valid at all is treated as no header.
        check(Some("%%%"), Ok(Renderer::Json));
    }
}
