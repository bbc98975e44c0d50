//! One acl.xml file → its resources, checked against the facts of Magento's per-file schema
//! (`lib/internal/Magento/Framework/Acl/etc/acl.xsd`, 2.4.0–2.4.8-p1):
//!
//! * `<config>` holds exactly one `<acl>`, which holds exactly one `<resources>`, which holds
//!   any number of `<resource>`; a `<resource>` holds only `<resource>` children.
//! * `<resource>` takes `id` (required, the id pattern), `title` (3–50 characters),
//!   `translate` (any string), `sortOrder` (xs:int) and `disabled` (xs:boolean); nothing else.
//! * Ids are unique within the file (`uniqueResourceId`, selector `.//*`).
//!
//! Namespace declarations and `xsi:` attributes are accepted anywhere, as XSD does.

use std::borrow::Cow;
use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::escape::{EscapeError, unescape};
use quick_xml::events::attributes::AttrError;
use quick_xml::events::{BytesStart, Event};

use crate::error::AclError;
use crate::id::AclResourceId;
use crate::location::{LineIndex, Location};

/// libxml2 refuses documents nested deeper than this unless `XML_PARSE_HUGE` is given, and
/// Magento's `Config\Dom` does not give it. The limit also keeps every recursion over a
/// tree in this crate shallow, whatever the input.
pub(crate) const MAX_DEPTH: usize = 256;

/// One `<resource>` as written in one file, before merging.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ParsedNode {
    pub id: AclResourceId,
    pub title: Option<String>,
    pub sort_order: Option<i32>,
    /// `Some(true)` only for the exact text `true`: `Converter\Dom` compares the raw
    /// attribute with `== 'true'`, so `disabled="1"` passes the schema but disables nothing.
    pub disabled: Option<bool>,
    pub at: Location,
    pub children: Vec<ParsedNode>,
}

const RESOURCE_ATTRIBUTES: &str = "id, title, translate, sortOrder and disabled";

enum Frame {
    Config { at: usize, has_acl: bool },
    Acl { at: usize, has_resources: bool },
    Resources { nodes: Vec<ParsedNode> },
    Resource(ParsedNode),
}

impl Frame {
    fn element(&self) -> &'static str {
        match self {
            Frame::Config { .. } => "config",
            Frame::Acl { .. } => "acl",
            Frame::Resources { .. } => "resources",
            Frame::Resource(_) => "resource",
        }
    }
}

/// Parses `source` (the text of the file called `file`) into its top-level resources.
pub(crate) fn parse(file: &str, source: &str) -> Result<Vec<ParsedNode>, AclError> {
    Parser {
        lines: LineIndex::new(file, source),
        stack: Vec::new(),
        seen: HashMap::new(),
        result: None,
    }
    .run(source)
}

struct Parser<'s> {
    lines: LineIndex<'s>,
    stack: Vec<Frame>,
    /// First location of every id in this file, for the uniqueness rule.
    seen: HashMap<AclResourceId, Location>,
    /// The resources, set when `</resources>` closes. Once the stack is empty again
    /// (`</config>`), an element or text after it is an error.
    result: Option<Vec<ParsedNode>>,
}

impl Parser<'_> {
    fn run(mut self, source: &str) -> Result<Vec<ParsedNode>, AclError> {
        let mut reader = Reader::from_str(source);
        loop {
            let before = usize_from(reader.buffer_position());
            let event = match reader.read_event() {
                Ok(event) => event,
                Err(err) => {
                    return Err(
                        self.xml_error(usize_from(reader.error_position()), err.to_string())
                    );
                }
            };
            match event {
                Event::Start(tag) => self.open(&tag, before)?,
                Event::Empty(tag) => {
                    self.open(&tag, before)?;
                    self.close(before)?;
                }
                Event::End(_) => self.close(before)?,
                Event::Text(text) => {
                    let text = text
                        .decode()
                        .map_err(|e| self.xml_error(before, e.to_string()))?;
                    self.text(&text, before)?;
                }
                Event::CData(data) => {
                    let text = data
                        .decode()
                        .map_err(|e| self.xml_error(before, e.to_string()))?;
                    self.text(&text, before)?;
                }
                Event::GeneralRef(reference) => {
                    let text = format!("&{};", String::from_utf8_lossy(&reference));
                    self.text(&text, before)?;
                }
                Event::DocType(_) => {
                    return Err(self.xml_error(
                        before,
                        "DOCTYPE declarations are not accepted in acl.xml".to_string(),
                    ));
                }
                Event::Decl(_) | Event::Comment(_) | Event::PI(_) => {}
                Event::Eof => {
                    if let Some(frame) = self.stack.last() {
                        let message =
                            format!("the file ends before <{}> is closed", frame.element());
                        return Err(self.xml_error(before, message));
                    }
                    return self.result.take().ok_or_else(|| {
                        self.xml_error(before, "the file has no root element".to_string())
                    });
                }
            }
        }
    }

    fn open(&mut self, tag: &BytesStart<'_>, before: usize) -> Result<(), AclError> {
        let raw_name = tag.name();
        let at = self
            .lines
            .offset_of(raw_name.as_ref())
            .map_or(before, |o| o.saturating_sub(1));
        let name = String::from_utf8_lossy(raw_name.as_ref()).into_owned();
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.xml_error(
                at,
                format!(
                    "elements are nested deeper than {MAX_DEPTH} levels, which libxml2 refuses"
                ),
            ));
        }
        let frame = match self.stack.last() {
            None if self.result.is_some() => {
                return Err(self.xml_error(at, format!("element <{name}> after the root element")));
            }
            None if name == "config" => {
                self.check_plain_attributes(tag, "config", at)?;
                Frame::Config { at, has_acl: false }
            }
            None => {
                return Err(AclError::UnexpectedRoot {
                    at: self.lines.location(at),
                    name,
                });
            }
            Some(Frame::Config { has_acl: false, .. }) if name == "acl" => {
                self.check_plain_attributes(tag, "acl", at)?;
                Frame::Acl {
                    at,
                    has_resources: false,
                }
            }
            Some(Frame::Acl {
                has_resources: false,
                ..
            }) if name == "resources" => {
                self.check_plain_attributes(tag, "resources", at)?;
                Frame::Resources { nodes: Vec::new() }
            }
            Some(Frame::Resources { .. } | Frame::Resource(_)) if name == "resource" => {
                Frame::Resource(self.resource(tag, at)?)
            }
            Some(parent) => {
                let allowed = match parent {
                    Frame::Config { .. } => "one <acl>",
                    Frame::Acl { .. } => "one <resources>",
                    Frame::Resources { .. } | Frame::Resource(_) => "<resource>",
                };
                return Err(AclError::UnexpectedElement {
                    at: self.lines.location(at),
                    name,
                    parent: parent.element().to_string(),
                    allowed,
                });
            }
        };
        // Each container takes its one child only once.
        match self.stack.last_mut() {
            Some(Frame::Config { has_acl, .. }) => *has_acl = true,
            Some(Frame::Acl { has_resources, .. }) => *has_resources = true,
            _ => {}
        }
        self.stack.push(frame);
        Ok(())
    }

    fn close(&mut self, before: usize) -> Result<(), AclError> {
        // quick-xml has already checked that the end tag matches the open one.
        match self.stack.pop() {
            Some(Frame::Resource(node)) => match self.stack.last_mut() {
                Some(Frame::Resources { nodes }) => nodes.push(node),
                Some(Frame::Resource(parent)) => parent.children.push(node),
                // Only `<resources>` and `<resource>` open a `<resource>`.
                _ => return Err(self.xml_error(before, "misplaced </resource>".to_string())),
            },
            Some(Frame::Resources { nodes }) => {
                self.result = Some(nodes);
            }
            Some(Frame::Acl { at, has_resources }) => {
                if !has_resources {
                    return Err(self.missing(at, "acl", "resources"));
                }
            }
            Some(Frame::Config { at, has_acl }) => {
                if !has_acl {
                    return Err(self.missing(at, "config", "acl"));
                }
                // `result` holds the resources since `</resources>`; the stack is now empty.
            }
            None => return Err(self.xml_error(before, "end tag without a start tag".to_string())),
        }
        Ok(())
    }

    fn text(&self, text: &str, before: usize) -> Result<(), AclError> {
        let trimmed = text.trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n'));
        if trimmed.is_empty() {
            return Ok(());
        }
        let at = before + text.find(trimmed).unwrap_or(0);
        match self.stack.last() {
            Some(frame) => Err(AclError::UnexpectedText {
                at: self.lines.location(at),
                parent: frame.element().to_string(),
                text: trimmed.to_string(),
            }),
            None => Err(self.xml_error(at, "text outside the root element".to_string())),
        }
    }

    /// `<config>`, `<acl>` and `<resources>` take no attributes of their own.
    fn check_plain_attributes(
        &self,
        tag: &BytesStart<'_>,
        element: &str,
        at: usize,
    ) -> Result<(), AclError> {
        for attribute in tag.attributes() {
            let attribute = attribute.map_err(|e| self.attribute_error(tag, at, &e))?;
            let key = attribute.key.as_ref();
            if !is_schema_neutral(key) {
                return Err(AclError::UnexpectedAttribute {
                    at: self.lines.location(self.lines.offset_of(key).unwrap_or(at)),
                    element: element.to_string(),
                    name: String::from_utf8_lossy(key).into_owned(),
                    allowed: "no attributes",
                });
            }
        }
        Ok(())
    }

    fn resource(&mut self, tag: &BytesStart<'_>, at: usize) -> Result<ParsedNode, AclError> {
        let mut id = None;
        let mut title = None;
        let mut sort_order = None;
        let mut disabled = None;
        for attribute in tag.attributes() {
            let attribute = attribute.map_err(|e| self.attribute_error(tag, at, &e))?;
            let key = attribute.key.as_ref();
            let key_at = self.lines.offset_of(key).unwrap_or(at);
            let value_at = self.lines.offset_of(&attribute.value).unwrap_or(key_at);
            let slot = match key {
                b"id" => &mut id,
                b"title" => &mut title,
                b"sortOrder" => &mut sort_order,
                b"disabled" => &mut disabled,
                b"translate" => continue,
                key if is_schema_neutral(key) => continue,
                key => {
                    return Err(AclError::UnexpectedAttribute {
                        at: self.lines.location(key_at),
                        element: "resource".to_string(),
                        name: String::from_utf8_lossy(key).into_owned(),
                        allowed: RESOURCE_ATTRIBUTES,
                    });
                }
            };
            *slot = Some((self.attribute_value(&attribute.value, value_at)?, value_at));
        }

        let Some((raw_id, id_at)) = id else {
            return Err(AclError::MissingId {
                at: self.lines.location(at),
            });
        };
        let id = match AclResourceId::try_from(raw_id) {
            Ok(id) => id,
            Err(AclError::InvalidId { value, problem }) => {
                return Err(AclError::InvalidIdInFile {
                    at: self.lines.location(id_at),
                    value,
                    problem,
                });
            }
            Err(other) => return Err(other),
        };

        if let Some((title, title_at)) = &title {
            // xs:string keeps whitespace, and XSD lengths count characters.
            let length = title.chars().count();
            if !(3..=50).contains(&length) {
                return Err(AclError::TitleLength {
                    at: self.lines.location(*title_at),
                    id,
                    title: title.clone(),
                    length,
                });
            }
        }
        let sort_order = match sort_order {
            None => None,
            Some((value, value_at)) => match parse_xs_int(&value) {
                Some(n) => Some(n),
                None => {
                    return Err(AclError::InvalidSortOrder {
                        at: self.lines.location(value_at),
                        id,
                        value,
                    });
                }
            },
        };
        let disabled = match disabled {
            None => None,
            Some((value, value_at)) => {
                if !matches!(xs_collapse(&value), "true" | "false" | "1" | "0") {
                    return Err(AclError::InvalidDisabled {
                        at: self.lines.location(value_at),
                        id,
                        value,
                    });
                }
                Some(value == "true")
            }
        };

        let location = self.lines.location(at);
        if let Some(first) = self.seen.get(&id) {
            return Err(AclError::DuplicateId {
                at: location,
                id,
                first: first.clone(),
            });
        }
        self.seen.insert(id.clone(), location.clone());
        Ok(ParsedNode {
            id,
            title: title.map(|(t, _)| t),
            sort_order,
            disabled,
            at: location,
            children: Vec::new(),
        })
    }

    /// An attribute value as the DOM sees it: literal tabs and line breaks become spaces
    /// (XML attribute-value normalisation), then entity and character references resolve.
    fn attribute_value(&self, raw: &[u8], value_at: usize) -> Result<String, AclError> {
        let raw = std::str::from_utf8(raw).map_err(|e| self.xml_error(value_at, e.to_string()))?;
        let normalised = raw.replace(['\t', '\n', '\r'], " ");
        // Normalising swaps one byte for one byte, so escape-error ranges are raw offsets.
        unescape(&normalised).map(Cow::into_owned).map_err(|err| match err {
            EscapeError::UnrecognizedEntity(range, name) => self.xml_error(
                value_at + range.start.saturating_sub(1),
                format!(
                    "unknown entity `&{name};`; XML itself defines only &amp; &lt; &gt; &quot; and &apos;"
                ),
            ),
            EscapeError::UnterminatedEntity(range) => self.xml_error(
                value_at + range.start,
                "`&` starts a reference that has no closing `;`".to_string(),
            ),
            EscapeError::InvalidCharRef(e) => {
                self.xml_error(value_at, format!("invalid character reference: {e}"))
            }
        })
    }

    fn attribute_error(&self, tag: &BytesStart<'_>, at: usize, err: &AttrError) -> AclError {
        // AttrError positions count from the start of the tag's name.
        let start = self.lines.offset_of(tag.name().as_ref()).unwrap_or(at);
        let (position, message) = match err {
            AttrError::ExpectedEq(p) => {
                (*p, "an attribute name must be followed by `=`".to_string())
            }
            AttrError::ExpectedValue(p) => {
                (*p, "`=` must be followed by a quoted value".to_string())
            }
            AttrError::UnquotedValue(p) => (*p, "attribute values must be quoted".to_string()),
            AttrError::ExpectedQuote(p, quote) => (
                *p,
                format!("missing closing {} in attribute value", char::from(*quote)),
            ),
            AttrError::Duplicated(p, _) => (*p, "the same attribute appears twice".to_string()),
        };
        self.xml_error(start + position, message)
    }

    fn missing(&self, at: usize, parent: &str, name: &'static str) -> AclError {
        AclError::MissingElement {
            at: self.lines.location(at),
            parent: parent.to_string(),
            name,
        }
    }

    fn xml_error(&self, at: usize, message: String) -> AclError {
        AclError::Xml {
            at: self.lines.location(at),
            message,
        }
    }
}

/// Namespace declarations and `xsi:*` attributes, which XSD validation never rejects.
/// A default `xmlns="..."` is not among them: acl.xsd has no target namespace.
fn is_schema_neutral(key: &[u8]) -> bool {
    key.starts_with(b"xmlns:") || key.starts_with(b"xsi:")
}

/// XSD's "collapse" whitespace facet, which xs:int and xs:boolean apply before checking.
fn xs_collapse(value: &str) -> &str {
    value.trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n'))
}

/// An xs:int: optional sign, at least one digit, within i32.
fn parse_xs_int(value: &str) -> Option<i32> {
    let value = xs_collapse(value);
    let digits = value.strip_prefix(['+', '-']).unwrap_or(value);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // `i32::from_str` accepts the same optional sign and rejects out-of-range values.
    value.parse().ok()
}

fn usize_from(position: u64) -> usize {
    usize::try_from(position).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests;
