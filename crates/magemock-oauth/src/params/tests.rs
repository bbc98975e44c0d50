//! `parse_str()` as `Helper\Request::_processRequest` applies it to a form body
//! (php-src `main/php_variables.c`, `php_default_treat_data` / `php_register_variable_ex`).

use super::parse_str;

#[track_caller]
fn check(body: &[u8], expect: &str) {
    assert_eq!(
        parse_str(body).to_string(),
        expect,
        "parse_str({:?})",
        String::from_utf8_lossy(body)
    );
}

#[test]
fn parse_str_decodes_and_mangles_like_php() {
    check(b"c2&a3=2+q", r#"c2="" a3="2 q""#);
    check(b"a=1&a=2", r#"a="2""#);
    check(b"&&x=%41&", r#"x="A""#);
    check(b"a.b=1& c d=2", r#"a_b="1" c_d="2""#);
    check(b"list[]=1&map[k]=2&x=3", "list=[array] map=[array] x=\"3\"");
    check(b"a[b=1&c[.d=2", r#"a_b="1" c__d="2""#);
    check(b"[x]=1&=2& =3", "");
    check(b"a=1&a[]=2", "a=[array]");
    // PHP reads a C string: a NUL ends the body, a decoded NUL ends the name.
    check(b"a=1\0&b=2", r#"a="1""#);
    check(b"n%00x=1", r#"n="1""#);
}
