//! The simple types of Magento's integration schemas
//! (app/code/Magento/Integration/etc/integration/integration_base.xsd, config.xsd, api.xsd),
//! checked as libxml2 checks them.
//!
//! XSD patterns match the whole value, and XSD's `.` matches any character but a line feed
//! or carriage return; `xs:string` keeps whitespace as written, while `xs:anyURI` collapses
//! it before its length is counted. Lengths count characters.

use super::xml::is_xml_space;

/// `integrationNameType`: `xs:string`, `minLength 2`.
pub(crate) fn name_is_long_enough(name: &str) -> bool {
    name.chars().count() >= 2
}

/// `emailType`: `[^@]+@[^\.]+\..+`.
///
/// The part before `@` cannot hold an `@`, so the first `@` is the one; the part after it
/// cannot hold a `.`, so the first `.` after it is the one; what follows must be non-empty
/// and, being `.+`, free of line breaks.
pub(crate) fn email_matches(value: &str) -> bool {
    let Some((local, rest)) = value.split_once('@') else {
        return false;
    };
    let Some((domain, tail)) = rest.split_once('.') else {
        return false;
    };
    !local.is_empty() && !domain.is_empty() && !tail.is_empty() && !tail.contains(['\n', '\r'])
}

/// `resourceNameType`: `.+_.+::.+`.
///
/// Taking the earliest `_` that has something before it leaves the most room for the rest,
/// so a value matches exactly when some `::` starts at least two characters after that `_`
/// and has something after it.
pub(crate) fn resource_name_matches(value: &str) -> bool {
    if value.is_empty() || value.contains(['\n', '\r']) {
        return false;
    }
    // Skip the first character: `.+` needs at least one before the `_`.
    let mut chars = value.char_indices();
    chars.next();
    let Some((underscore, _)) = chars.find(|&(_, c)| c == '_') else {
        return false;
    };
    let after = underscore + 1;
    // `.+` between `_` and `::` needs a character, and so does `.+` after `::`.
    value
        .get(after..)
        .and_then(|rest| rest.char_indices().nth(1).map(|(i, _)| after + i))
        .and_then(|from| value.get(from..))
        .is_some_and(|rest| rest.match_indices("::").any(|(i, _)| i + 2 < rest.len()))
}

/// `urlType`: `xs:anyURI` with `minLength 4`. Returns what is wrong, if anything.
///
/// libxml2 collapses the whitespace, counts the length, then parses the value as an RFC 3986
/// URI reference after replacing characters a URI cannot hold (spaces, `<`, `"`, `{`, non-ASCII
/// and so on) with `_`. What that parse rejects in practice is checked here: a broken `%`
/// escape, a second `#`, and a first segment with a `:` that does not start with a valid
/// scheme. Brackets and ports are not checked.
pub(crate) fn url_problem(value: &str) -> Option<&'static str> {
    let collapsed = collapse(value);
    if collapsed.chars().count() < 4 {
        return Some("is shorter than 4 characters (xs:anyURI, minLength 4)");
    }
    let bytes = collapsed.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'%'
            && !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
        {
            return Some("is not an xs:anyURI: `%` must be followed by two hex digits");
        }
    }
    if collapsed.matches('#').count() > 1 {
        return Some("is not an xs:anyURI: it has more than one `#`");
    }
    let first_segment = collapsed.split(['/', '?', '#']).next().unwrap_or_default();
    if let Some((scheme, _)) = first_segment.split_once(':') {
        let mut scheme = scheme.chars();
        let valid = scheme.next().is_some_and(|c| c.is_ascii_alphabetic())
            && scheme.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if !valid {
            return Some("is not an xs:anyURI: the part before the first `:` is not a URI scheme");
        }
    }
    None
}

/// XSD's `collapse` whitespace facet: trim, and turn every run of whitespace into one space.
pub(crate) fn collapse(value: &str) -> String {
    value
        .split(is_xml_space)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
