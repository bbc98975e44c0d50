//! Base-string URIs per release line. Zend: `Zend_Oauth_Signature_SignatureAbstract` over
//! `Zend_Uri_Http`; laminas: laminas-uri `Uri::normalize` (the ZF2 `Zend\Uri\Uri` copy in the
//! index is its ancestor and has the same regexes) plus Magento's `Helper/Uri/Http.php`
//! (commit 62b397ee8a4fce80a93800bd9331d333080a930e); 2.4.8: `Helper/Signature/Hmac.php`
//! `buildRequestUrl` (commit 64f689d2897b9e1f2166b1c9f665dca8090babc8).

use super::*;

#[derive(Clone, Copy, Debug)]
enum Line {
    Zend,
    Laminas,
    Unreserved,
    Magento,
}

fn normalise(line: Line, url: &str) -> Result<Vec<u8>, UrlError> {
    let url = url.as_bytes();
    match line {
        Line::Zend => zend(url),
        Line::Laminas => laminas(url, PathDecoding::Laminas),
        Line::Unreserved => laminas(url, PathDecoding::Unreserved),
        Line::Magento => php_parse_url(url).map(|u| u.base),
    }
}

#[track_caller]
fn check(line: Line, url: &str, expect: Result<&str, UrlError>) {
    let got = normalise(line, url).map(|u| String::from_utf8_lossy(&u).into_owned());
    assert_eq!(got, expect.map(str::to_owned), "{line:?} {url}");
}

#[test]
fn rfc5849_section_3_4_1_2_examples() {
    for line in [Line::Zend, Line::Laminas, Line::Unreserved] {
        check(
            line,
            "http://EXAMPLE.COM:80/r%20v/X?id=123",
            Ok("http://example.com/r%20v/X"),
        );
        check(
            line,
            "https://www.example.net:8080/?q=1",
            Ok("https://www.example.net:8080/"),
        );
    }
    // 2.4.8 glues parse_url() parts back together: no case folding, default port kept.
    check(
        Line::Magento,
        "http://EXAMPLE.COM:80/r%20v/X?id=123",
        Ok("http://EXAMPLE.COM:80/r%20v/X"),
    );
    check(
        Line::Magento,
        "https://www.example.net:8080/?q=1",
        Ok("https://www.example.net:8080/"),
    );
}

#[test]
fn the_lines_disagree_on_paths() {
    let url = "HTTPS://Shop.Example:443/rest/./V1/products/a%2fb%7e/c%20d(e)#frag";
    check(
        Line::Zend,
        url,
        Ok("https://shop.example/rest/./V1/products/a%2fb%7e/c%20d(e)"),
    );
    check(
        Line::Laminas,
        url,
        Ok("https://shop.example/rest/V1/products/a/b~/c%20d%28e%29"),
    );
    check(
        Line::Unreserved,
        url,
        Ok("https://shop.example/rest/V1/products/a%2Fb~/c%20d%28e%29"),
    );
    check(
        Line::Magento,
        url,
        Ok("HTTPS://Shop.Example:443/rest/./V1/products/a%2fb%7e/c%20d(e)"),
    );
    // Dot segments go before decoding, so an encoded slash stays inside its segment.
    check(Line::Laminas, "http://h/a/b%2fc/../d", Ok("http://h/a/d"));
}

#[test]
fn laminas_path_normalisation() {
    let l = Line::Laminas;
    check(l, "http://h/a/./b/../c", Ok("http://h/a/c"));
    check(l, "http://h/../../x", Ok("http://h/x"));
    check(l, "http://h/%41%2f%2F%3a%e9", Ok("http://h/A//:%E9"));
    check(
        Line::Unreserved,
        "http://h/%41%2f%2F%3a%e9",
        Ok("http://h/A%2F%2F%3A%E9"),
    );
    check(
        l,
        "http://h/a b/%zz/100%",
        Ok("http://h/a%20b/%25zz/100%25"),
    );
    // `%25` decodes to a literal `%` that is not re-scanned, so `%2541` becomes `%41`.
    check(l, "http://h/%2541", Ok("http://h/%41"));
    check(l, "http://h", Ok("http://h/"));
    check(l, "http://h?x", Ok("http://h/"));
    check(l, "http://u:p@h:8080/x", Ok("http://u:p@h:8080/x"));
    check(l, "http://h:443/x", Ok("http://h:443/x"));
    check(l, "https://h:0443/x", Ok("https://h/x"));
    check(l, "ftp://h/x", Err(UrlError::NotHttp));
    check(l, "/x", Err(UrlError::NotHttp));
    // No authority: laminas-uri still prints it (`isValid()` only needs a relative path).
    check(l, "http:x", Ok("http:x"));
    check(l, "http:", Err(UrlError::NotValid));
}

#[test]
fn zend_keeps_the_path_and_compares_ports_loosely() {
    check(Line::Zend, "https://h:0443/a/../b", Ok("https://h/a/../b"));
    check(Line::Zend, "http://h:443/", Ok("http://h:443/"));
    check(Line::Zend, "http://u@H", Ok("http://u@h"));
    check(Line::Zend, "http:x", Err(UrlError::NotValid));
}

#[test]
fn parse_url_failures_and_user_info() {
    check(
        Line::Magento,
        "http://u:p@h:8080/x?y#z",
        Ok("http://h:8080/x"),
    );
    check(Line::Magento, "http://h:/x", Ok("http://h/x"));
    check(
        Line::Magento,
        "http://[::1]:8080/x",
        Ok("http://[::1]:8080/x"),
    );
    check(Line::Magento, "http://h:99999/", Err(UrlError::Unparsable));
    check(Line::Magento, "http://h:8a/", Err(UrlError::Unparsable));
    check(Line::Magento, "http:///x", Err(UrlError::Unparsable));
    check(Line::Magento, "nonsense", Err(UrlError::Unparsable));
}

#[test]
fn split_follows_laminas_regexes() {
    let parts = split(b"https://u@h:1/p/q?a=1&b#f?g");
    assert_eq!(parts.scheme, Some(&b"https"[..]));
    assert_eq!(parts.authority, Some(&b"u@h:1"[..]));
    assert_eq!(parts.path, b"/p/q");
    assert_eq!(parts.query, Some(&b"a=1&b"[..]));
    assert_eq!(split(b"/p?x").query, Some(&b"x"[..]));
}
