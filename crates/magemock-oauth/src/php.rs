//! Byte-exact copies of the PHP built-ins Magento's OAuth code leans on. PHP strings are bytes,
//! not UTF-8, so everything here works on `&[u8]`; a client that percent-encodes Latin-1 in a
//! query string must still get Magento's answer, not a U+FFFD one.

use std::cmp::Ordering;

/// The characters PHP's `trim()` strips by default.
const TRIM_SET: &[u8] = b" \t\n\r\0\x0B";

/// C `isspace()` in the C locale: what `strnatcmp` and numeric strings skip.
fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// `trim($s, $chars)`.
pub(crate) fn trim_chars<'a>(s: &'a [u8], chars: &[u8]) -> &'a [u8] {
    let start = s.iter().position(|b| !chars.contains(b)).unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|b| !chars.contains(b))
        .map_or(start, |i| i + 1);
    &s[start..end]
}

/// `trim($s)`: not Rust's Unicode-aware `trim`, which would also strip e.g. U+00A0.
pub(crate) fn trim(s: &[u8]) -> &[u8] {
    trim_chars(s, TRIM_SET)
}

/// PHP truthiness of a string: `""` and `"0"` are false.
pub(crate) fn truthy(s: &[u8]) -> bool {
    !s.is_empty() && s != b"0"
}

/// `stripos($haystack, $needle)` for an ASCII needle.
pub(crate) fn stripos(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || needle.len() > haystack.len() {
        return None;
    }
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

fn percent_decode(s: &[u8], plus_is_space: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        if b == b'%' {
            let pair = s
                .get(i + 1)
                .copied()
                .and_then(hex_value)
                .zip(s.get(i + 2).copied().and_then(hex_value));
            if let Some((hi, lo)) = pair {
                out.push(hi << 4 | lo);
                i += 3;
                continue;
            }
        }
        out.push(if plus_is_space && b == b'+' { b' ' } else { b });
        i += 1;
    }
    out
}

/// `rawurldecode()`: `%XX` only; a `%` without two hex digits stays as it is.
pub(crate) fn rawurldecode(s: &[u8]) -> Vec<u8> {
    percent_decode(s, false)
}

/// `urldecode()`: like `rawurldecode()` but `+` is a space.
pub(crate) fn urldecode(s: &[u8]) -> Vec<u8> {
    percent_decode(s, true)
}

const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

fn percent_encode(s: &[u8], keep: impl Fn(u8) -> bool, space_as_plus: bool) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for &b in s {
        if keep(b) {
            out.push(char::from(b));
        } else if space_as_plus && b == b' ' {
            out.push('+');
        } else {
            out.push('%');
            out.push(char::from(HEX_UPPER[usize::from(b >> 4)]));
            out.push(char::from(HEX_UPPER[usize::from(b & 0x0F)]));
        }
    }
    out
}

/// `rawurlencode()` (PHP ≥ 5.3 leaves `~` alone, so this is also laminas-oauth's and
/// Zend_Oauth's `Utility::urlEncode`, which only undo a `%7E` that no longer appears).
pub fn rawurlencode(s: &[u8]) -> String {
    percent_encode(
        s,
        |b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~'),
        false,
    )
}

/// `urlencode()`, which `http_build_query()` uses: space is `+` and `~` is `%7E`.
pub fn urlencode(s: &[u8]) -> String {
    percent_encode(
        s,
        |b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'),
        true,
    )
}

/// A PHP numeric string's value (`is_numeric_string_ex` without errors).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Numeric {
    Int(i64),
    Float(f64),
}

impl Numeric {
    fn as_f64(self) -> f64 {
        match self {
            // The cast is PHP's own `(double) $long`.
            #[allow(clippy::cast_precision_loss)]
            Numeric::Int(i) => i as f64,
            Numeric::Float(f) => f,
        }
    }
}

/// The longest numeric prefix after leading whitespace: `(start, end, is_integer_form)`.
fn numeric_prefix(s: &[u8]) -> Option<(usize, usize, bool)> {
    let start = s.iter().position(|&b| !is_c_space(b)).unwrap_or(s.len());
    let mut i = start;
    if matches!(s.get(i), Some(b'+' | b'-')) {
        i += 1;
    }
    let int_digits = s[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    i += int_digits;
    let mut integer_form = true;
    let mut frac_digits = 0;
    if s.get(i) == Some(&b'.') {
        frac_digits = s[i + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
        if int_digits > 0 || frac_digits > 0 {
            i += 1 + frac_digits;
            integer_form = false;
        }
    }
    if int_digits == 0 && frac_digits == 0 {
        return None;
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(s.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let exp_digits = s[j..].iter().take_while(|b| b.is_ascii_digit()).count();
        if exp_digits > 0 {
            i = j + exp_digits;
            integer_form = false;
        }
    }
    Some((start, i, integer_form))
}

fn numeric_of(text: &[u8], integer_form: bool) -> Option<Numeric> {
    let text = std::str::from_utf8(text).ok()?;
    if let Some(i) = integer_form.then(|| text.parse::<i64>().ok()).flatten() {
        return Some(Numeric::Int(i));
    }
    // Integers that overflow become doubles, as in PHP.
    text.parse::<f64>().ok().map(Numeric::Float)
}

/// `is_numeric_string_ex($s, allow_errors: false)`. Trailing whitespace is allowed from PHP 8
/// on (`php8`), which Magento 2.4.4+ runs on; 2.4.0–2.4.3 ran on PHP 7.3/7.4.
pub(crate) fn numeric(s: &[u8], php8: bool) -> Option<Numeric> {
    let (start, end, integer_form) = numeric_prefix(s)?;
    let rest = &s[end..];
    let rest_ok = rest.is_empty() || (php8 && rest.iter().all(|&b| is_c_space(b)));
    if !rest_ok {
        return None;
    }
    numeric_of(&s[start..end], integer_form)
}

/// `$a == $b` for two strings: numeric strings compare as numbers, anything else byte-wise.
pub(crate) fn loose_equals(a: &[u8], b: &[u8], php8: bool) -> bool {
    match (numeric(a, php8), numeric(b, php8)) {
        (Some(Numeric::Int(x)), Some(Numeric::Int(y))) => x == y,
        (Some(x), Some(y)) => {
            let (x, y) = (x.as_f64(), y.as_f64());
            // Two equal infinities compare as strings (`zendi_smart_str_equals`).
            if x == y && !x.is_finite() {
                a == b
            } else {
                x == y
            }
        }
        _ => a == b,
    }
}

/// `(int) $s`: the numeric prefix, saturating like `zend_dval_to_lval_cap`; no prefix is 0.
pub(crate) fn int_cast(s: &[u8]) -> i64 {
    let Some((start, end, integer_form)) = numeric_prefix(s) else {
        return 0;
    };
    match numeric_of(&s[start..end], integer_form) {
        Some(Numeric::Int(i)) => i,
        // `as` saturates and maps NaN to 0, which is what PHP does on 64-bit builds.
        #[allow(clippy::cast_possible_truncation)]
        Some(Numeric::Float(f)) => f as i64,
        None => 0,
    }
}

/// `zendi_smart_strcmp`: what `ksort()` uses for two string keys on PHP 8.
pub(crate) fn smart_strcmp(a: &[u8], b: &[u8]) -> Ordering {
    match (numeric(a, true), numeric(b, true)) {
        (Some(Numeric::Int(x)), Some(Numeric::Int(y))) => x.cmp(&y),
        (Some(x), Some(y)) => {
            let (x, y) = (x.as_f64(), y.as_f64());
            if x == y && !x.is_finite() {
                a.cmp(b)
            } else {
                x.partial_cmp(&y).unwrap_or(Ordering::Equal)
            }
        }
        _ => a.cmp(b),
    }
}

/// PHP's `strnatcmp()` (`strnatcmp_ex`, case-sensitive), which laminas-oauth and Zend_Oauth
/// use to order the encoded parameter names: `a9` sorts before `a10`.
pub(crate) fn strnatcmp(a: &[u8], b: &[u8]) -> Ordering {
    if a.is_empty() || b.is_empty() {
        return a.len().cmp(&b.len());
    }
    // PHP reads the terminating NUL; so does `at`.
    let at = |s: &[u8], i: usize| s.get(i).copied().unwrap_or(0);
    let (mut ai, mut bi) = (0, 0);
    let mut leading = true;
    loop {
        let mut ca = at(a, ai);
        let mut cb = at(b, bi);
        while leading && ca == b'0' && ai + 1 < a.len() && a[ai + 1].is_ascii_digit() {
            ai += 1;
            ca = a[ai];
        }
        while leading && cb == b'0' && bi + 1 < b.len() && b[bi + 1].is_ascii_digit() {
            bi += 1;
            cb = b[bi];
        }
        leading = false;
        while is_c_space(ca) {
            ai += 1;
            ca = at(a, ai);
        }
        while is_c_space(cb) {
            bi += 1;
            cb = at(b, bi);
        }
        if ca.is_ascii_digit() && cb.is_ascii_digit() {
            let fractional = ca == b'0' || cb == b'0';
            let result = if fractional {
                compare_left(a, &mut ai, b, &mut bi)
            } else {
                compare_right(a, &mut ai, b, &mut bi)
            };
            if result != Ordering::Equal {
                return result;
            }
            match (ai >= a.len(), bi >= b.len()) {
                (true, true) => return Ordering::Equal,
                (true, false) => return Ordering::Less,
                (false, true) => return Ordering::Greater,
                (false, false) => {
                    ca = a[ai];
                    cb = b[bi];
                }
            }
        }
        match ca.cmp(&cb) {
            Ordering::Equal => {}
            other => return other,
        }
        ai += 1;
        bi += 1;
        match (ai >= a.len(), bi >= b.len()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            (false, false) => {}
        }
    }
}

fn digit_at(s: &[u8], i: usize) -> Option<u8> {
    s.get(i).copied().filter(u8::is_ascii_digit)
}

/// Right-aligned digit runs: the longer run wins, else the first difference.
fn compare_right(a: &[u8], ai: &mut usize, b: &[u8], bi: &mut usize) -> Ordering {
    let mut bias = Ordering::Equal;
    loop {
        match (digit_at(a, *ai), digit_at(b, *bi)) {
            (None, None) => return bias,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => {
                if bias == Ordering::Equal {
                    bias = x.cmp(&y);
                }
            }
        }
        *ai += 1;
        *bi += 1;
    }
}

/// Left-aligned (fractional) digit runs: the first difference wins.
fn compare_left(a: &[u8], ai: &mut usize, b: &[u8], bi: &mut usize) -> Ordering {
    loop {
        match (digit_at(a, *ai), digit_at(b, *bi)) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => match x.cmp(&y) {
                Ordering::Equal => {}
                other => return other,
            },
        }
        *ai += 1;
        *bi += 1;
    }
}

/// A PHP array key that PHP stores as an integer (`"7"`, `"-3"`, not `"07"` or `"+3"`), which
/// `array_merge()` renumbers.
pub(crate) fn is_integer_key(s: &[u8]) -> bool {
    let digits = s.strip_prefix(b"-").unwrap_or(s);
    let canonical = match digits {
        [] => false,
        [b'0'] => s.len() == 1,
        [first, rest @ ..] => (b'1'..=b'9').contains(first) && rest.iter().all(u8::is_ascii_digit),
    };
    canonical && std::str::from_utf8(s).is_ok_and(|t| t.parse::<i64>().is_ok())
}

#[cfg(test)]
mod tests;
