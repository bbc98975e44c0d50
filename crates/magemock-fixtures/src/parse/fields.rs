//! Reading one element's attributes and children with errors that point at them: an unknown
//! attribute or child is refused (a typo must not be silently ignored), a missing one points at
//! the element, a bad value points at the value.

use crate::error::Problem;
use crate::model::Ref;
use crate::position::Pos;
use crate::xml_tree::{Attr, Element};

pub(crate) type Failure = (Pos, Problem);

/// The attributes of one element, checked against the names it allows.
pub(crate) struct Fields<'e> {
    el: &'e Element,
}

impl<'e> Fields<'e> {
    pub(crate) fn check(el: &'e Element, allowed: &[&str]) -> Result<Self, Failure> {
        if let Some(unknown) = el
            .attrs
            .iter()
            .find(|a| !allowed.contains(&a.name.as_str()))
        {
            return Err((
                unknown.pos,
                Problem::UnknownAttribute {
                    name: unknown.name.clone(),
                    element: el.name.clone(),
                    allowed: if allowed.is_empty() {
                        "none".to_string()
                    } else {
                        allowed.join(", ")
                    },
                },
            ));
        }
        Ok(Self { el })
    }

    pub(crate) fn attr(&self, name: &str) -> Option<&'e Attr> {
        self.el.attrs.iter().find(|a| a.name == name)
    }

    fn require(&self, name: &str) -> Result<&'e Attr, Failure> {
        self.attr(name).ok_or_else(|| {
            (
                self.el.pos,
                Problem::MissingAttribute {
                    element: self.el.name.clone(),
                    attribute: name.to_string(),
                },
            )
        })
    }

    /// A required attribute with some non-blank text.
    pub(crate) fn text(&self, name: &str) -> Result<String, Failure> {
        let attr = self.require(name)?;
        if attr.value.trim().is_empty() {
            return Err(bad(attr, "a non-empty value"));
        }
        Ok(attr.value.clone())
    }

    /// A required attribute whose value may be empty.
    pub(crate) fn raw(&self, name: &str) -> Result<String, Failure> {
        Ok(self.require(name)?.value.clone())
    }

    /// An optional attribute; blank counts as absent.
    pub(crate) fn opt_text(&self, name: &str) -> Option<String> {
        self.attr(name)
            .filter(|a| !a.value.trim().is_empty())
            .map(|a| a.value.clone())
    }

    pub(crate) fn reference(&self, name: &str) -> Result<Ref, Failure> {
        let attr = self.require(name)?;
        if attr.value.trim().is_empty() {
            return Err(bad(attr, "a non-empty value"));
        }
        Ok(to_ref(attr))
    }

    pub(crate) fn opt_reference(&self, name: &str) -> Result<Option<Ref>, Failure> {
        match self.attr(name) {
            Some(attr) if attr.value.trim().is_empty() => Err(bad(attr, "a non-empty value")),
            Some(attr) => Ok(Some(to_ref(attr))),
            None => Ok(None),
        }
    }

    pub(crate) fn opt_int(&self, name: &str) -> Result<Option<i64>, Failure> {
        self.attr(name)
            .map(|a| {
                a.value
                    .trim()
                    .parse::<i64>()
                    .map_err(|_| bad(a, "an integer"))
            })
            .transpose()
    }

    pub(crate) fn int_or(&self, name: &str, default: i64) -> Result<i64, Failure> {
        Ok(self.opt_int(name)?.unwrap_or(default))
    }

    pub(crate) fn opt_number(&self, name: &str) -> Result<Option<f64>, Failure> {
        self.attr(name)
            .map(|a| {
                a.value
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|n| n.is_finite())
                    .ok_or_else(|| bad(a, "a number"))
            })
            .transpose()
    }

    pub(crate) fn opt_flag(&self, name: &str) -> Result<Option<bool>, Failure> {
        self.attr(name)
            .map(|a| match a.value.trim() {
                "true" | "1" => Ok(true),
                "false" | "0" => Ok(false),
                _ => Err(bad(a, "`true` or `false`")),
            })
            .transpose()
    }

    pub(crate) fn flag_or(&self, name: &str, default: bool) -> Result<bool, Failure> {
        Ok(self.opt_flag(name)?.unwrap_or(default))
    }

    /// An integer restricted to a set of values, each also accepted under a name.
    pub(crate) fn choice_or(
        &self,
        name: &str,
        choices: &[(i64, &str)],
        default: i64,
    ) -> Result<i64, Failure> {
        let Some(attr) = self.attr(name) else {
            return Ok(default);
        };
        let value = attr.value.trim();
        choices
            .iter()
            .find(|(n, word)| value == n.to_string() || value.eq_ignore_ascii_case(word))
            .map(|(n, _)| *n)
            .ok_or_else(|| {
                let listed: Vec<String> = choices
                    .iter()
                    .map(|(n, word)| format!("{n} ({word})"))
                    .collect();
                bad(attr, &format!("one of {}", listed.join(", ")))
            })
    }

    /// Refuses `name` when `other` is present (two ways of saying one thing).
    pub(crate) fn exclusive(&self, name: &str, other: &str, why: &str) -> Result<(), Failure> {
        match (self.attr(name), self.attr(other)) {
            (Some(_), Some(b)) => Err((b.pos, Problem::Structure(why.to_string()))),
            _ => Ok(()),
        }
    }
}

fn to_ref(attr: &Attr) -> Ref {
    Ref {
        value: attr.value.trim().to_string(),
        pos: attr.value_pos,
    }
}

pub(crate) fn bad(attr: &Attr, expected: &str) -> Failure {
    (
        attr.value_pos,
        Problem::BadValue {
            attribute: attr.name.clone(),
            value: attr.value.clone(),
            expected: expected.to_string(),
        },
    )
}

/// Refuses text inside an element that holds none.
pub(crate) fn no_text(el: &Element) -> Result<(), Failure> {
    match el.text_pos {
        Some(pos) => Err((pos, Problem::UnexpectedText(el.name.clone()))),
        None => Ok(()),
    }
}

/// Refuses child elements inside an element that holds none.
pub(crate) fn no_children(el: &Element) -> Result<(), Failure> {
    match el.children.first() {
        Some(child) => Err(unknown_child(child, el, &[])),
        None => Ok(()),
    }
}

pub(crate) fn unknown_child(child: &Element, parent: &Element, expected: &[&str]) -> Failure {
    unknown_child_named(child, &parent.name, expected)
}

/// [`unknown_child`] for a parent known by name only (the root, whose children are read one
/// at a time).
pub(crate) fn unknown_child_named(child: &Element, parent: &str, expected: &[&str]) -> Failure {
    (
        child.pos,
        Problem::UnknownElement {
            name: child.name.clone(),
            parent: parent.to_string(),
            expected: if expected.is_empty() {
                "no child elements".to_string()
            } else {
                expected
                    .iter()
                    .map(|e| format!("<{e}>"))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        },
    )
}
