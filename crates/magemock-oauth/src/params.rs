//! The request parameters as Magento holds them: a PHP array of byte-string keys in insertion
//! order, where assigning an existing key overwrites the value in place (so a repeated
//! parameter keeps only its last value, unlike RFC 5849 which signs every copy).

use std::collections::HashMap;

/// One parameter value. Only `parse_str()` of a form body can produce an array
/// (`name[]=x`); Magento's OAuth code then misbehaves in ways this crate reports, not copies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Str(Vec<u8>),
    Array,
}

impl Value {
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match self {
            Value::Str(s) => Some(s),
            Value::Array => None,
        }
    }
}

/// Ordered parameters with PHP array assignment semantics. Indexed by name, so that a form
/// body with tens of thousands of names stays linear.
#[derive(Debug, Clone, Default)]
pub struct Params {
    entries: Vec<(Vec<u8>, Value)>,
    index: HashMap<Vec<u8>, usize>,
}

/// Equal when the same names hold the same values in the same order.
impl PartialEq for Params {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

impl Eq for Params {}

impl Params {
    pub fn new() -> Self {
        Self::default()
    }

    /// `$params[$name] = $value`.
    pub fn insert(&mut self, name: impl Into<Vec<u8>>, value: Value) {
        let name = name.into();
        match self.index.get(&name).and_then(|&i| self.entries.get_mut(i)) {
            Some((_, slot)) => *slot = value,
            None => {
                self.index.insert(name.clone(), self.entries.len());
                self.entries.push((name, value));
            }
        }
    }

    pub fn insert_str(&mut self, name: impl Into<Vec<u8>>, value: impl Into<Vec<u8>>) {
        self.insert(name, Value::Str(value.into()));
    }

    pub fn get(&self, name: &str) -> Option<&Value> {
        self.get_bytes_key(name.as_bytes())
    }

    pub fn get_bytes_key(&self, name: &[u8]) -> Option<&Value> {
        self.index
            .get(name)
            .and_then(|&i| self.entries.get(i))
            .map(|(_, v)| v)
    }

    /// The value if it is a string.
    pub fn get_str(&self, name: &str) -> Option<&[u8]> {
        self.get(name).and_then(Value::as_bytes)
    }

    /// PHP `isset($params[$name])`: true for arrays too.
    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// `unset($params[$name])`.
    pub fn remove(&mut self, name: &str) {
        self.remove_bytes_key(name.as_bytes());
    }

    pub fn remove_bytes_key(&mut self, name: &[u8]) {
        if self.index.remove(name).is_some() {
            self.entries.retain(|(k, _)| k != name);
            self.index = self
                .entries
                .iter()
                .enumerate()
                .map(|(i, (k, _))| (k.clone(), i))
                .collect();
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&[u8], &Value)> {
        self.entries.iter().map(|(k, v)| (k.as_slice(), v))
    }
}

impl<K: Into<Vec<u8>>, V: Into<Vec<u8>>> FromIterator<(K, V)> for Params {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut params = Params::new();
        for (k, v) in iter {
            params.insert_str(k, v);
        }
        params
    }
}

/// PHP's `parse_str()` for the top level of the result: `&`-separated pairs (empty pieces
/// skipped, a piece without `=` has the value `""`), both sides `urldecode`d. Names lose
/// leading spaces, `.` and ` ` become `_`, and `name[...]` makes an array. PHP works on C
/// strings here, so the input stops at a NUL byte and so does a decoded name.
pub(crate) fn parse_str(input: &[u8]) -> Params {
    let input = input.split(|&b| b == 0).next().unwrap_or_default();
    let mut params = Params::new();
    for piece in input.split(|&b| b == b'&').filter(|p| !p.is_empty()) {
        let (raw_name, raw_value) = match piece.iter().position(|&b| b == b'=') {
            Some(i) => (&piece[..i], &piece[i + 1..]),
            None => (piece, &b""[..]),
        };
        let decoded = crate::php::urldecode(raw_name);
        let name = decoded.split(|&b| b == 0).next().unwrap_or_default();
        if let Some((name, is_array)) = variable_name(name) {
            let value = if is_array {
                Value::Array
            } else {
                Value::Str(crate::php::urldecode(raw_value))
            };
            params.insert(name, value);
        }
    }
    params
}

/// `php_register_variable_ex`'s mangling of a top-level name; `None` when it is empty.
fn variable_name(name: &[u8]) -> Option<(Vec<u8>, bool)> {
    let start = name.iter().position(|&b| b != b' ').unwrap_or(name.len());
    let name = &name[start..];
    let mut out = Vec::with_capacity(name.len());
    let mut is_array = false;
    for (i, &b) in name.iter().enumerate() {
        match b {
            b' ' | b'.' => out.push(b'_'),
            b'[' => {
                // `a[b]` is an array; an unmatched `[` is not an index, and PHP turns it and
                // every later ` `, `.` and `[` into `_`.
                if name[i + 1..].contains(&b']') {
                    is_array = true;
                } else {
                    out.extend(name[i..].iter().map(|&c| match c {
                        b' ' | b'.' | b'[' => b'_',
                        other => other,
                    }));
                }
                break;
            }
            other => out.push(other),
        }
    }
    (!out.is_empty()).then_some((out, is_array))
}

/// `name="value"` pairs in order, for tests.
#[cfg(test)]
impl std::fmt::Display for Params {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown: Vec<String> = self
            .iter()
            .map(|(k, v)| {
                let k = String::from_utf8_lossy(k);
                match v {
                    Value::Str(v) => format!("{k}={:?}", String::from_utf8_lossy(v)),
                    Value::Array => format!("{k}=[array]"),
                }
            })
            .collect();
        f.write_str(&shown.join(" "))
    }
}

#[cfg(test)]
mod tests;
