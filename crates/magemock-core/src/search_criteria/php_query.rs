//! PHP's own parse of a query string into `$_GET` (`php_default_treat_data` and
//! `php_register_variable_ex` in `main/php_variables.c`, the code behind `parse_str` too).
//!
//! Magento never parses the query string itself: `Rest\Request::getRequestData` reads `$_GET`,
//! so every quirk of PHP's parser is part of the REST contract. Copied here, on purpose:
//!
//! * pairs split on `&` only; empty pairs are skipped; a pair without `=` has the value `""`;
//! * names and values are URL-decoded with `+` as space, and a `%` not followed by two hex digits
//!   stays a literal `%`;
//! * the name is a C string: it ends at a decoded `%00`; the value keeps its NUL bytes;
//! * leading spaces of the name are dropped, then `.` and space become `_` up to the first `[`;
//! * `a[b][c]` nests, `a[]` appends at PHP's next free integer index, a later pair overwrites an
//!   earlier one in place (keeping the key's first position), a plain value replaces an array and
//!   an array replaces a plain value;
//! * anything after a `]` that is not `[` is ignored (`a[b]x=1` is `a[b]=1`); a `[` without its
//!   `]` is no bracket at all: at the first level it turns into `_` together with every `.`,
//!   space and `[` after it (`a[b.c=1` is `a_b_c=1`), deeper down the unclosed part is dropped;
//! * more than [`MAX_INPUT_NESTING_LEVEL`] bracket levels removes the whole top-level variable;
//!   more than [`MAX_INPUT_VARS`] pairs ignores the rest (PHP's ini defaults).
//!
//! Bytes that are not UTF-8 become U+FFFD, because the result is JSON.

use std::collections::HashMap;

use serde_json::{Map, Value};

/// PHP's `max_input_vars` default.
pub const MAX_INPUT_VARS: usize = 1000;
/// PHP's `max_input_nesting_level` default.
pub const MAX_INPUT_NESTING_LEVEL: usize = 64;

/// The `$_GET` PHP builds from a raw query string (no leading `?`), as a JSON object whose
/// nested PHP arrays are objects with string keys and whose leaves are strings.
pub fn parse(query: &str) -> Value {
    parse_with_limits(query, MAX_INPUT_VARS, MAX_INPUT_NESTING_LEVEL)
}

/// [`parse`] under other `max_input_vars` / `max_input_nesting_level` settings.
pub fn parse_with_limits(query: &str, max_input_vars: usize, max_nesting_level: usize) -> Value {
    let bytes = query.as_bytes();
    // SAPI hands PHP the query string as a C string.
    let bytes = match bytes.iter().position(|&b| b == 0) {
        Some(nul) => &bytes[..nul],
        None => bytes,
    };
    let mut root = PhpArray::default();
    let mut count = 0usize;
    for pair in bytes.split(|&b| b == b'&').filter(|p| !p.is_empty()) {
        count += 1;
        if count > max_input_vars {
            break;
        }
        let (name, value) = match pair.iter().position(|&b| b == b'=') {
            Some(eq) => (&pair[..eq], url_decode(&pair[eq + 1..])),
            None => (pair, Vec::new()),
        };
        let mut name = url_decode(name);
        if let Some(nul) = name.iter().position(|&b| b == 0) {
            name.truncate(nul);
        }
        register(&mut root, &name, value, max_nesting_level);
    }
    root.into_value()
}

/// `php_url_decode`.
fn url_decode(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hi = raw.get(i + 1).copied().and_then(hex);
                let lo = raw.get(i + 2).copied().and_then(hex);
                match (hi, lo) {
                    (Some(hi), Some(lo)) => {
                        out.push(hi << 4 | lo);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    out
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Where a name's brackets lead: the top-level key, then one key per level (`None` for `[]`).
enum Path {
    Assign {
        top: Vec<u8>,
        keys: Vec<Option<Vec<u8>>>,
    },
    /// `max_input_nesting_level` exceeded: PHP deletes the top-level variable.
    TooDeep { top: Vec<u8> },
}

/// `php_register_variable_ex`, split into reading the name and storing the value.
fn register(root: &mut PhpArray, name: &[u8], value: Vec<u8>, max_nesting_level: usize) {
    match path(name, max_nesting_level) {
        None => {}
        Some(Path::TooDeep { top }) => root.remove(&top),
        Some(Path::Assign { top, keys }) => {
            let mut key = Some(top);
            let mut table = root;
            for next in keys {
                match table.child_array(key) {
                    Some(child) => table = child,
                    // `[]` could not append (the next index is taken): PHP drops the value.
                    None => return,
                }
                key = next;
            }
            table.set(key, Zval::Str(value));
        }
    }
}

/// Reads a variable name the way `php_register_variable_ex` walks it; `None` when PHP ignores
/// the pair (an empty name).
fn path(name: &[u8], max_nesting_level: usize) -> Option<Path> {
    let start = name.iter().position(|&b| b != b' ').unwrap_or(name.len());
    let name = &name[start..];
    let mut top = Vec::new();
    let mut open = None;
    for (i, &b) in name.iter().enumerate() {
        match b {
            b' ' | b'.' => top.push(b'_'),
            b'[' => {
                open = Some(i);
                break;
            }
            _ => top.push(b),
        }
    }
    if top.is_empty() {
        return None;
    }
    let Some(mut ip) = open else {
        return Some(Path::Assign {
            top,
            keys: Vec::new(),
        });
    };
    let mut keys = Vec::new();
    let mut level = 0usize;
    loop {
        level += 1;
        if level > max_nesting_level {
            return Some(Path::TooDeep { top });
        }
        let start = ip + 1;
        if name.get(start) == Some(&b']') {
            keys.push(None);
            ip = start;
        } else {
            match name[start.min(name.len())..]
                .iter()
                .position(|&b| b == b']')
            {
                Some(rel) => {
                    keys.push(Some(name[start..start + rel].to_vec()));
                    ip = start + rel;
                }
                None => {
                    if keys.is_empty() {
                        // "not an index; un-terminate the var name"
                        top.push(b'_');
                        top.extend(name[start.min(name.len())..].iter().map(|&b| match b {
                            b' ' | b'.' | b'[' => b'_',
                            b => b,
                        }));
                    }
                    return Some(Path::Assign { top, keys });
                }
            }
        }
        if name.get(ip + 1) == Some(&b'[') {
            ip += 1;
        } else {
            return Some(Path::Assign { top, keys });
        }
    }
}

enum Zval {
    Str(Vec<u8>),
    Arr(PhpArray),
}

/// An ordered PHP array: keys keep their first position, and `[]` appends at
/// `nNextFreeElement`, which integer-like keys move.
#[derive(Default)]
struct PhpArray {
    entries: Vec<(Vec<u8>, Zval)>,
    positions: HashMap<Vec<u8>, usize>,
    /// PHP 8.3+ (`nNextFreeElement` starts at `ZEND_LONG_MIN`, so `a[-5]=x&a[]=y` gives `-4`);
    /// the 2.4.7+ releases run on it. `None` means no integer key yet: appending uses `0`.
    next_free: Option<i64>,
}

impl PhpArray {
    /// The array stored under `key` (`None`: appended), replacing a string found there.
    fn child_array(&mut self, key: Option<Vec<u8>>) -> Option<&mut PhpArray> {
        let index = match key {
            None => self.append(Zval::Arr(PhpArray::default()))?,
            Some(key) => match self.positions.get(&key) {
                Some(&i) => {
                    if let Some((_, slot @ Zval::Str(_))) = self.entries.get_mut(i) {
                        *slot = Zval::Arr(PhpArray::default());
                    }
                    i
                }
                None => self.insert(key, Zval::Arr(PhpArray::default())),
            },
        };
        match self.entries.get_mut(index) {
            Some((_, Zval::Arr(child))) => Some(child),
            _ => None,
        }
    }

    fn set(&mut self, key: Option<Vec<u8>>, value: Zval) {
        match key {
            None => {
                let _ = self.append(value);
            }
            Some(key) => match self.positions.get(&key) {
                Some(&i) => {
                    if let Some((_, slot)) = self.entries.get_mut(i) {
                        *slot = value;
                    }
                }
                None => {
                    self.insert(key, value);
                }
            },
        }
    }

    /// `zend_hash_next_index_insert`; `None` when the next index is already taken.
    fn append(&mut self, value: Zval) -> Option<usize> {
        let index = self.next_free.unwrap_or(0);
        let key = index.to_string().into_bytes();
        if self.positions.contains_key(&key) {
            return None;
        }
        Some(self.insert(key, value))
    }

    fn insert(&mut self, key: Vec<u8>, value: Zval) -> usize {
        let moves_next = integer_key(&key).filter(|&int| self.next_free.is_none_or(|n| int >= n));
        if let Some(int) = moves_next {
            self.next_free = Some(int.saturating_add(1));
        }
        let index = self.entries.len();
        self.positions.insert(key.clone(), index);
        self.entries.push((key, value));
        index
    }

    fn remove(&mut self, key: &[u8]) {
        if let Some(i) = self.positions.remove(key) {
            self.entries.remove(i);
            self.positions = self
                .entries
                .iter()
                .enumerate()
                .map(|(i, (k, _))| (k.clone(), i))
                .collect();
        }
    }

    fn into_value(self) -> Value {
        let mut map = Map::new();
        for (key, value) in self.entries {
            let value = match value {
                Zval::Str(s) => Value::String(String::from_utf8_lossy(&s).into_owned()),
                Zval::Arr(a) => a.into_value(),
            };
            map.insert(String::from_utf8_lossy(&key).into_owned(), value);
        }
        Value::Object(map)
    }
}

/// `ZEND_HANDLE_NUMERIC_STR`: a canonical decimal integer (no `+`, no leading zero, not `-0`)
/// that fits a `zend_long` is an integer key.
fn integer_key(key: &[u8]) -> Option<i64> {
    let digits = key.strip_prefix(b"-").unwrap_or(key);
    let canonical = !digits.is_empty()
        && digits.iter().all(u8::is_ascii_digit)
        && (digits == b"0" || digits[0] != b'0')
        && key != b"-0";
    if !canonical {
        return None;
    }
    std::str::from_utf8(key).ok()?.parse().ok()
}
