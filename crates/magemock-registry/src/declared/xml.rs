//! A small DOM, built the way PHP's `DOMDocument::loadXML` builds one for Magento's
//! `Config\Dom`: whitespace text nodes kept, predefined and character references resolved
//! into the surrounding text, CDATA as its own text node, comments and processing
//! instructions as nodes of their own. The merge (`merge.rs`) depends on exactly these child
//! counts, so they are kept even where the schema does not care.
//!
//! Every node remembers where it came from, so errors found after merging several files
//! still point at the file, line and column that caused them.

use std::path::Path;

use quick_xml::Reader;
use quick_xml::escape::{EscapeError, resolve_predefined_entity, unescape};
use quick_xml::events::attributes::AttrError;
use quick_xml::events::{BytesRef, BytesStart, Event};

use super::error::{DeclaredError, Location};
use super::lines::LineIndex;

/// libxml2 refuses documents nested deeper than this without `XML_PARSE_HUGE`, which
/// Magento does not pass. The limit also bounds every recursion in this module's callers.
const MAX_DEPTH: usize = 256;

#[derive(Debug, Clone)]
pub(crate) struct Element {
    /// The qualified name as written; a prefixed name never equals a schema name.
    pub name: String,
    /// The default namespace in scope, if any (Magento's schemas have none).
    pub namespace: Option<String>,
    pub at: Location,
    pub attributes: Vec<Attribute>,
    pub children: Vec<Node>,
    /// Where elements merged into this one were declared, in merge order.
    pub merged_from: Vec<Location>,
}

#[derive(Debug, Clone)]
pub(crate) struct Attribute {
    pub name: String,
    /// After attribute-value normalisation and reference resolution, as the DOM holds it.
    pub value: String,
    pub at: Location,
}

#[derive(Debug, Clone)]
pub(crate) enum Node {
    Element(Element),
    /// A text or CDATA node (`DOMCdataSection` is a `DOMText`).
    Text(Text),
    /// A comment or processing instruction: no text, but a child all the same.
    Other,
}

#[derive(Debug, Clone)]
pub(crate) struct Text {
    pub value: String,
    /// Where the node starts.
    pub at: Location,
    /// Where its first non-whitespace character is, if it has one.
    pub content_at: Option<Location>,
    /// A CDATA section, which text never joins.
    pub cdata: bool,
}

impl Element {
    pub(crate) fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }

    pub(crate) fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|node| match node {
            Node::Element(element) => Some(element),
            _ => None,
        })
    }

    /// `DOMNode::nodeValue` of an element: all descendant text, comments left out.
    pub(crate) fn text_content(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        for child in &self.children {
            match child {
                Node::Text(text) => out.push_str(&text.value),
                Node::Element(element) => element.collect_text(out),
                Node::Other => {}
            }
        }
    }
}

/// XML's whitespace, the only text allowed between elements in element-only content.
pub(crate) fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// Parses one document. `file` names it in locations.
pub(crate) fn parse(file: &Path, source: &str) -> Result<Element, DeclaredError> {
    // libxml2 skips a UTF-8 byte order mark; an editor does not show it as a column.
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    Parser {
        lines: LineIndex::new(file, source),
        stack: Vec::new(),
        root: None,
    }
    .run(source)
}

struct Open {
    element: Element,
    /// Namespace bindings this element declares: (prefix, uri), "" for the default.
    bindings: Vec<(String, String)>,
}

struct Parser<'s> {
    lines: LineIndex<'s>,
    stack: Vec<Open>,
    root: Option<Element>,
}

impl Parser<'_> {
    fn run(mut self, source: &str) -> Result<Element, DeclaredError> {
        let mut reader = Reader::from_str(source);
        loop {
            let before = usize_from(reader.buffer_position());
            let event = match reader.read_event() {
                Ok(event) => event,
                Err(err) => {
                    let at = usize_from(reader.error_position());
                    return Err(self.xml_error(at, err.to_string()));
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
                        .xml10_content()
                        .map_err(|e| self.xml_error(before, e.to_string()))?;
                    self.text(&text, before, false)?;
                }
                Event::CData(data) => {
                    let text = data
                        .xml10_content()
                        .map_err(|e| self.xml_error(before, e.to_string()))?;
                    self.text(&text, before, true)?;
                }
                Event::GeneralRef(reference) => {
                    let text = self.resolve_reference(&reference, before)?;
                    self.text(&text, before, false)?;
                }
                Event::DocType(_) => {
                    let message = "DOCTYPE declarations are not supported by magemock (Magento's own files carry none)";
                    return Err(self.xml_error(before, message.to_string()));
                }
                Event::Comment(_) | Event::PI(_) => {
                    if let Some(open) = self.stack.last_mut() {
                        open.element.children.push(Node::Other);
                    }
                }
                Event::Decl(_) => {}
                Event::Eof => {
                    if let Some(open) = self.stack.last() {
                        let message =
                            format!("the file ends before <{}> is closed", open.element.name);
                        return Err(self.xml_error(before, message));
                    }
                    return self.root.take().ok_or_else(|| {
                        self.xml_error(before, "the document is empty".to_string())
                    });
                }
            }
        }
    }

    fn open(&mut self, tag: &BytesStart<'_>, before: usize) -> Result<(), DeclaredError> {
        if self.root.is_some() {
            let message = "extra content after the root element".to_string();
            return Err(self.xml_error(before, message));
        }
        if self.stack.len() >= MAX_DEPTH {
            let message = format!(
                "elements are nested deeper than {MAX_DEPTH} levels, which libxml2 refuses"
            );
            return Err(self.xml_error(before, message));
        }
        let name = self.utf8(tag.name().as_ref(), before)?.to_string();
        let mut attributes = Vec::new();
        let mut bindings = Vec::new();
        for attribute in tag.attributes() {
            let attribute = attribute.map_err(|e| self.attribute_error(tag, before, &e))?;
            let key = attribute.key.as_ref();
            let key_at = self.lines.offset_of(key).unwrap_or(before);
            let value_at = self.lines.offset_of(&attribute.value).unwrap_or(key_at);
            let key = self.utf8(key, key_at)?.to_string();
            let value = self.attribute_value(&attribute.value, value_at)?;
            if key == "xmlns" {
                bindings.push((String::new(), value.clone()));
            } else if let Some(prefix) = key.strip_prefix("xmlns:") {
                bindings.push((prefix.to_string(), value.clone()));
            }
            attributes.push(Attribute {
                name: key,
                value,
                at: self.lines.location(key_at),
            });
        }
        let namespace = if name.contains(':') {
            None
        } else {
            bindings
                .iter()
                .rev()
                .chain(
                    self.stack
                        .iter()
                        .rev()
                        .flat_map(|open| open.bindings.iter().rev()),
                )
                .find(|(prefix, _)| prefix.is_empty())
                .map(|(_, uri)| uri.clone())
                .filter(|uri| !uri.is_empty())
        };
        let element = Element {
            name,
            namespace,
            at: self.lines.location(before),
            attributes,
            children: Vec::new(),
            merged_from: Vec::new(),
        };
        self.stack.push(Open { element, bindings });
        Ok(())
    }

    fn close(&mut self, before: usize) -> Result<(), DeclaredError> {
        // quick-xml has already checked that the end tag matches the open one.
        let Some(open) = self.stack.pop() else {
            return Err(self.xml_error(before, "end tag without a start tag".to_string()));
        };
        match self.stack.last_mut() {
            Some(parent) => parent.element.children.push(Node::Element(open.element)),
            None => self.root = Some(open.element),
        }
        Ok(())
    }

    /// Adds text to the open element. Adjacent text and references form one node, as libxml2
    /// builds it; a CDATA section is always a node of its own.
    fn text(&mut self, text: &str, before: usize, cdata: bool) -> Result<(), DeclaredError> {
        if let Some(bad) = text.chars().find(|&c| !is_xml_char(c)) {
            let message = format!(
                "character U+{:04X} is not allowed in XML 1.0",
                u32::from(bad)
            );
            return Err(self.xml_error(before, message));
        }
        let content_at = text.find(|c: char| !is_xml_space(c)).map(|i| {
            self.lines
                .location(before + i + if cdata { "<![CDATA[".len() } else { 0 })
        });
        let Some(open) = self.stack.last_mut() else {
            if content_at.is_some() {
                let message = "text outside the root element".to_string();
                return Err(self.xml_error(before, message));
            }
            return Ok(());
        };
        if !cdata
            && let Some(Node::Text(last)) = open.element.children.last_mut()
            && !last.cdata
        {
            if last.content_at.is_none() {
                last.content_at = content_at;
            }
            last.value.push_str(text);
            return Ok(());
        }
        open.element.children.push(Node::Text(Text {
            value: text.to_string(),
            at: self.lines.location(before),
            content_at,
            cdata,
        }));
        Ok(())
    }

    fn resolve_reference(
        &self,
        reference: &BytesRef<'_>,
        before: usize,
    ) -> Result<String, DeclaredError> {
        let name = reference
            .decode()
            .map_err(|e| self.xml_error(before, e.to_string()))?;
        if reference.is_char_ref() {
            return match reference.resolve_char_ref() {
                Ok(Some(c)) => Ok(c.to_string()),
                _ => Err(self.xml_error(before, format!("invalid character reference &{name};"))),
            };
        }
        match resolve_predefined_entity(&name) {
            Some(text) => Ok(text.to_string()),
            None => Err(self.xml_error(before, undefined_entity(&name))),
        }
    }

    /// An attribute value as the DOM holds it: line ends normalised, then literal tabs and
    /// line breaks turned into spaces, then references resolved (so `&#10;` stays a line
    /// break), per XML 1.0 §2.11 and §3.3.3.
    fn attribute_value(&self, raw: &[u8], at: usize) -> Result<String, DeclaredError> {
        let raw = self.utf8(raw, at)?;
        if raw.contains('<') {
            return Err(self.xml_error(at, "'<' is not allowed in attribute values".to_string()));
        }
        let normalised = raw.replace("\r\n", " ").replace(['\t', '\n', '\r'], " ");
        let value = match unescape(&normalised) {
            Ok(value) => value.into_owned(),
            // Offsets count in the normalised value, which differs from the raw one only
            // where a CR LF pair became one space.
            Err(EscapeError::UnrecognizedEntity(range, name)) => {
                return Err(
                    self.xml_error(at + range.start.saturating_sub(1), undefined_entity(&name))
                );
            }
            Err(e) => return Err(self.xml_error(at, format!("in attribute value: {e}"))),
        };
        if let Some(bad) = value.chars().find(|&c| !is_xml_char(c)) {
            let message = format!(
                "character U+{:04X} is not allowed in XML 1.0",
                u32::from(bad)
            );
            return Err(self.xml_error(at, message));
        }
        Ok(value)
    }

    fn attribute_error(
        &self,
        tag: &BytesStart<'_>,
        before: usize,
        err: &AttrError,
    ) -> DeclaredError {
        // AttrError positions count from the start of the tag's name.
        let start = self.lines.offset_of(tag.name().as_ref()).unwrap_or(before);
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

    fn utf8<'b>(&self, bytes: &'b [u8], at: usize) -> Result<&'b str, DeclaredError> {
        std::str::from_utf8(bytes).map_err(|e| self.xml_error(at, e.to_string()))
    }

    fn xml_error(&self, at: usize, message: String) -> DeclaredError {
        DeclaredError::Xml {
            at: self.lines.location(at),
            message,
        }
    }
}

fn undefined_entity(name: &str) -> String {
    format!("entity &{name}; is not defined (XML predefines only &lt; &gt; &amp; &apos; &quot;)")
}

/// XML 1.0's `Char` production; libxml2 rejects anything else, even written as `&#1;`.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

fn usize_from(position: u64) -> usize {
    usize::try_from(position).unwrap_or(usize::MAX)
}
