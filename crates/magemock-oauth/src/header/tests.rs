//! Mirrors `lib/internal/Magento/Framework/Oauth/Helper/Request.php` (2.4 copy, commit
//! 0074c14457b523457df17840f1462ae1d3256381) and its unit test
//! `Test/Unit/Helper/RequestTest.php` (commit 027a86855f6188c052af65bde07dfc67a31bd1c0).

use super::*;

const NONE: &str = "(no OAuth header)";

#[track_caller]
fn check(header: Option<&[u8]>, expect: &str) {
    let shown = parse_authorization(header).map_or_else(|| NONE.to_owned(), |p| p.to_string());
    assert_eq!(
        shown,
        expect,
        "header {:?}",
        header.map(String::from_utf8_lossy)
    );
}

#[test]
fn headers_from_magentos_own_unit_test() {
    check(None, NONE);
    check(Some(b""), NONE);
    let both = r#"oauth_consumer_key="x" oauth_token="x""#;
    check(Some(br#"OAuth oauth_consumer_key="x",oauth_token="x", Basic d2luZHNvcm0yOldpTmRzb1JTbWlUSDAwMTQ="#), both);
    check(Some(br#"Basic d2luZHNvcm0yOldpTmRzb1JTbWlUSDAwMTQ=, OAuth oauth_consumer_key="x",oauth_token="x""#), both);
    check(Some(br#"Basic d2luZHNvcm0yOldpTmRzb1JTbWlUSDAwMTQ=, oauth oauth_consumer_key="x", oauth_token="x""#), both);
    check(Some(br#"oauth oauth_consumer_key="x", oauth_token="x", Basic d2luZHNvcm0yOldpTmRzb1JTbWlUSDAwMTQ="#), both);
}

#[test]
fn scheme_is_oauth_and_a_space_anywhere() {
    check(Some(b"0"), NONE);
    check(Some(b"Bearer abc"), NONE);
    check(Some(b"OAuth"), NONE);
    check(Some(b"OAuth\toauth_nonce=\"a\""), NONE);
    check(Some(b"OAUTH oauth_nonce=\"a\""), r#"oauth_nonce="a""#);
    // An "OAuth " with nothing usable still counts as an OAuth header (no parameters, not
    // "no header"), which matters for the form body.
    check(Some(b"OAuth realm=\"x\""), "");
    // The first "oauth " wins, even inside another word; what follows it is then one piece.
    check(
        Some(br#"Basic xoauth abc,OAuth oauth_nonce="x""#),
        r#"OAuth oauth_nonce="x""#,
    );
}

#[test]
fn names_are_filtered_raw_and_decoded_after() {
    check(
        Some(br#"OAuth realm="Example", oauth_consumer_key="9djdj82h48djs9d2", OAUTH_NONCE="a""#),
        r#"oauth_consumer_key="9djdj82h48djs9d2""#,
    );
    check(
        Some(br#"OAuth oauth%5Fnonce="a", xoauth_a="b", oauth_x%41="c", oauth_="d""#),
        r#"xoauth_a="b" oauth_xA="c""#,
    );
    check(
        Some(br#"OAuth oauth_nonce = "x""#),
        r#"oauth_nonce =" \"x""#,
    );
    check(
        Some(br#"OAuth oauth_nonce="a", oauth_token="t", oauth_nonce="b""#),
        r#"oauth_nonce="b" oauth_token="t""#,
    );
}

#[test]
fn values_lose_quotes_and_percent_escapes_only() {
    check(
        Some(br#"OAuth oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D", oauth_nonce=""a"", oauth_token=b"#),
        r#"oauth_signature="MdpQcU8iPSUjWoN/UDMsK2sui9I=" oauth_nonce="a" oauth_token="b""#,
    );
    check(
        Some(br#"OAuth oauth_signature="a+b==", oauth_nonce=, oauth_token"#),
        r#"oauth_signature="a+b==" oauth_nonce="""#,
    );
    check(
        Some(b"OAuth oauth_nonce=\"%E9\""),
        "oauth_nonce=\"\u{fffd}\"",
    );
    assert_eq!(
        parse_authorization(Some(b"OAuth oauth_nonce=\"%E9\""))
            .and_then(|p| p.get_str("oauth_nonce").map(<[u8]>::to_vec)),
        Some(vec![0xE9]),
    );
}

#[track_caller]
fn check_request(
    authorization: &str,
    content_type: Option<&str>,
    body: &str,
    url: &str,
    expect: &str,
) {
    let params = prepare_request(&HttpRequest {
        authorization: Some(authorization.as_bytes()),
        content_type: content_type.map(str::as_bytes),
        body: body.as_bytes(),
        url: url.as_bytes(),
    });
    assert_eq!(params.to_string(), expect);
}

const FORM: Option<&str> = Some("application/x-www-form-urlencoded");

#[test]
fn query_parameters_join_unless_they_look_like_protocol_ones() {
    check_request(
        r#"OAuth oauth_nonce="n""#,
        None,
        "",
        "https://shop.example/rest/V1/products?searchCriteria%5BpageSize%5D=10&a+b=c+d&x=1=2&flag&oauth_token=q",
        r#"oauth_nonce="n" searchCriteria[pageSize]="10" a b="c d""#,
    );
    // The raw-name check lets an encoded protocol name through, and it overwrites.
    check_request(
        r#"OAuth oauth_nonce="n""#,
        None,
        "",
        "http://h/p?oauth%5Fnonce=evil",
        r#"oauth_nonce="evil""#,
    );
    check_request("Bearer x", None, "", "http://h/p?a=1", "");
    check_request(
        r#"OAuth oauth_nonce="n""#,
        None,
        "",
        "http://h/p?0",
        r#"oauth_nonce="n""#,
    );
}

#[test]
fn form_body_joins_and_supplies_protocol_parameters_only_without_header_ones() {
    check_request(
        r#"OAuth oauth_nonce="n""#,
        FORM,
        "c2&a3=2+q&oauth_nonce=z",
        "http://h/p",
        r#"oauth_nonce="n" c2="" a3="2 q""#,
    );
    check_request(
        "OAuth ",
        FORM,
        "oauth_nonce=z&b=1",
        "http://h/p",
        r#"oauth_nonce="z" b="1""#,
    );
    check_request(
        r#"OAuth oauth_nonce="n""#,
        Some("application/x-www-form-urlencoded; charset=UTF-8"),
        "b=1",
        "http://h/p",
        r#"oauth_nonce="n" b="1""#,
    );
    for other in ["application/json", "Application/x-www-form-urlencoded", "0"] {
        check_request(
            r#"OAuth oauth_nonce="n""#,
            Some(other),
            "b=1",
            "http://h/p",
            r#"oauth_nonce="n""#,
        );
    }
}

#[test]
fn rfc5849_section_3_4_1_request_keeps_one_a3() {
    // Body first, then the query: the query's `a3=a` overwrites the body's `a3=2 q`.
    check_request(
        r#"OAuth realm="Example",
               oauth_consumer_key="9djdj82h48djs9d2",
               oauth_token="kkk9d7dh3k39sjv7",
               oauth_signature_method="HMAC-SHA1",
               oauth_timestamp="137131201",
               oauth_nonce="7d8f3e4a",
               oauth_signature="bYT5CMsGcbgUdFHObYMEfcx6bsw%3D""#,
        FORM,
        "c2&a3=2+q",
        "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b",
        concat!(
            r#"oauth_consumer_key="9djdj82h48djs9d2" oauth_token="kkk9d7dh3k39sjv7" oauth_signature_method="HMAC-SHA1" "#,
            r#"oauth_timestamp="137131201" oauth_nonce="7d8f3e4a" oauth_signature="bYT5CMsGcbgUdFHObYMEfcx6bsw=" "#,
            r#"c2="" a3="a" b5="=%3D" c@="" a2="r b""#,
        ),
    );
}

#[test]
fn request_url_is_scheme_host_header_and_request_target() {
    assert_eq!(
        request_url("https", b"shop.example:8443", b"/rest/V1/x?a=1"),
        b"https://shop.example:8443/rest/V1/x?a=1"
    );
    assert_eq!(request_url("http", b"", b"/"), b"http:///");
}
