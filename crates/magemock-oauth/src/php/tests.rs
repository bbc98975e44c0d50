//! Each row is PHP 8's own answer for the built-in named in the test (php.net semantics and
//! php-src `ext/standard/url.c`, `strnatcmp.c`, `Zend/zend_operators.c`).

use std::cmp::Ordering;

use super::*;

#[track_caller]
fn check_strnatcmp(a: &str, b: &str, expect: Ordering) {
    assert_eq!(
        strnatcmp(a.as_bytes(), b.as_bytes()),
        expect,
        "strnatcmp({a:?}, {b:?})"
    );
    assert_eq!(
        strnatcmp(b.as_bytes(), a.as_bytes()),
        expect.reverse(),
        "strnatcmp({b:?}, {a:?})"
    );
}

#[test]
fn strnatcmp_orders_digit_runs_by_value() {
    check_strnatcmp("a9", "a10", Ordering::Less);
    check_strnatcmp("img12.png", "img10.png", Ordering::Greater);
    check_strnatcmp("a01", "a1", Ordering::Less);
    check_strnatcmp("x", "x", Ordering::Equal);
    check_strnatcmp("", "a", Ordering::Less);
    check_strnatcmp("oauth_nonce", "oauth_consumer_key", Ordering::Greater);
    check_strnatcmp("c%40", "c2", Ordering::Less);
    // Leading zeros of the whole string are skipped.
    check_strnatcmp("007", "7", Ordering::Equal);
    let mut files = ["img12.png", "img10.png", "img2.png", "img1.png"];
    files.sort_by(|a, b| strnatcmp(a.as_bytes(), b.as_bytes()));
    assert_eq!(files, ["img1.png", "img2.png", "img10.png", "img12.png"]);
}

#[test]
fn url_encoders_match_php() {
    assert_eq!(rawurlencode(b"a b~*-_.+/"), "a%20b~%2A-_.%2B%2F");
    assert_eq!(urlencode(b"a b~*-_.+/"), "a+b%7E%2A-_.%2B%2F");
    assert_eq!(rawurlencode(b"caf\xE9"), "caf%E9");
    assert_eq!(rawurldecode(b"%41%zz%4+%e9"), b"A%zz%4+\xE9");
    assert_eq!(urldecode(b"a+b%2B"), b"a b+");
}

#[track_caller]
fn check_version(sent: &str, php8: bool, expect: bool) {
    assert_eq!(
        loose_equals(b"1.0", sent.as_bytes(), php8),
        expect,
        "'1.0' == {sent:?} (php8: {php8})"
    );
}

#[test]
fn loose_equality_compares_numeric_strings_as_numbers() {
    for sent in ["1.0", "1", "1.00", "01", "1e0", ".1e1", " 1", "+1"] {
        check_version(sent, true, true);
    }
    for sent in ["", "1.0a", "1.1", "0x1", "1.0.0", "one", "1e", "."] {
        check_version(sent, true, false);
    }
    // PHP 8 accepts trailing whitespace in numeric strings; PHP 7 did not.
    check_version("1.0 ", true, true);
    check_version("1.0 ", false, false);
}

#[test]
fn int_cast_takes_the_numeric_prefix() {
    let cases: &[(&str, i64)] = &[
        ("1700000000", 1_700_000_000),
        (" 42", 42),
        ("12abc", 12),
        ("abc", 0),
        ("", 0),
        ("-5", -5),
        ("1e3", 1000),
        ("1.9", 1),
        ("0x1A", 0),
        ("99999999999999999999", i64::MAX),
        ("-99999999999999999999", i64::MIN),
    ];
    for &(input, expect) in cases {
        assert_eq!(int_cast(input.as_bytes()), expect, "(int) {input:?}");
    }
}

#[test]
fn trim_uses_php_whitespace_only() {
    assert_eq!(trim(b" \t\n\r\0\x0Bx \x0C"), b"x \x0C");
    assert_eq!(trim("\u{a0}x".as_bytes()), "\u{a0}x".as_bytes());
    assert_eq!(trim_chars(b"\"\"a\"b\"\"", b"\""), b"a\"b");
    assert!(!truthy(b"0") && !truthy(b"") && truthy(b"00"));
}

#[test]
fn integer_keys_are_the_canonical_decimal_ones() {
    for key in ["0", "7", "-3", "9223372036854775807"] {
        assert!(is_integer_key(key.as_bytes()), "{key}");
    }
    for key in ["07", "+3", "-0", "", "1.0", "9223372036854775808", "a"] {
        assert!(!is_integer_key(key.as_bytes()), "{key}");
    }
}

#[test]
fn smart_strcmp_is_ksort_order() {
    assert_eq!(smart_strcmp(b"10", b"9"), Ordering::Greater);
    assert_eq!(smart_strcmp(b"a10", b"a9"), Ordering::Less);
    assert_eq!(smart_strcmp(b"1e1", b"10"), Ordering::Equal);
    assert_eq!(
        smart_strcmp(b"oauth_nonce", b"oauth_consumer_key"),
        Ordering::Greater
    );
}
