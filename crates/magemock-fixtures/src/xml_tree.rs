//! The first pass: XML text to small element trees, one per child of the root, handed over as
//! each closes; every element, attribute and text run remembers where it starts. quick-xml
//! reads the markup; attributes are scanned here so that each one keeps its own position.
//!
//! Accepted: elements, attributes, text, CDATA, comments, processing instructions, the XML
//! declaration, the five predefined entities and character references. Refused: a DOCTYPE (it
//! could declare entities a fixture has no use for), more than one root, text outside the root.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::escape::{EscapeError, resolve_predefined_entity, unescape};
use quick_xml::events::{BytesStart, Event};

use crate::error::Problem;
use crate::position::{LineIndex, Pos};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Element {
    pub name: String,
    pub pos: Pos,
    pub attrs: Vec<Attr>,
    pub children: Vec<Element>,
    /// Text and CDATA content, entities resolved.
    pub text: String,
    /// Where the first non-whitespace character of the text is.
    pub text_pos: Option<Pos>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attr {
    pub name: String,
    pub value: String,
    /// Where the attribute's name starts.
    pub pos: Pos,
    /// Where its value starts (just after the opening quote).
    pub value_pos: Pos,
}

type Failure = (Pos, Problem);

/// Receives the document as it is read, so that only one child of the root is held as a tree
/// at a time: a 100,000-product file never exists as one tree (that tree was ~200 MiB of heap
/// which glibc could not give back once the store's pages lay above it).
pub(crate) trait Sink {
    /// The root's start tag, without children or text.
    fn root_opened(&mut self, root: &Element);
    /// A child of the root, complete, in document order.
    fn child_closed(&mut self, child: Element);
}

/// Reads the whole document, handing the root and each of its children to `sink`; returns the
/// root with its text but without children. Well-formedness is checked to the end of the
/// file, whatever `sink` makes of the elements.
pub(crate) fn read_document(
    xml: &str,
    index: &LineIndex<'_>,
    sink: &mut impl Sink,
) -> Result<Element, Failure> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut doc = Document {
        stack: Vec::new(),
        root: None,
        root_open: false,
        sink,
    };
    loop {
        let start = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader.read_event().map_err(|e| {
            (
                index.pos_u64(reader.error_position()),
                Problem::Xml(e.to_string()),
            )
        })?;
        match event {
            Event::Start(tag) => {
                let element = open(xml, &tag, start, index)?;
                doc.push(element);
            }
            Event::Empty(tag) => {
                let element = open(xml, &tag, start, index)?;
                doc.push(element);
                doc.close()?;
            }
            // quick-xml has checked that the end tag matches the open one.
            Event::End(_) => doc.close()?,
            Event::Text(text) => {
                let content = text
                    .xml10_content()
                    .map_err(|e| (index.pos(start), Problem::Xml(e.to_string())))?;
                doc.add_text(&content, start, index)?;
            }
            Event::CData(cdata) => {
                let content = cdata
                    .decode()
                    .map_err(|e| (index.pos(start), Problem::Xml(e.to_string())))?;
                // `<![CDATA[` is 9 bytes before the content.
                doc.add_text(&content, start + 9, index)?;
            }
            Event::GeneralRef(reference) => {
                let resolved = resolve_reference(&reference).ok_or_else(|| {
                    let name = String::from_utf8_lossy(&reference).into_owned();
                    (
                        index.pos(start),
                        Problem::Xml(format!("unknown entity `&{name};`")),
                    )
                })?;
                doc.add_text(&resolved, start, index)?;
            }
            Event::DocType(_) => {
                return Err((
                    index.pos(start),
                    Problem::Structure("a fixture may not have a DOCTYPE".to_string()),
                ));
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(open) = doc.stack.last() {
        return Err((
            open.pos,
            Problem::Xml(format!("<{}> is never closed", open.name)),
        ));
    }
    doc.root.ok_or((index.pos(0), Problem::NoRoot))
}

/// The elements open at the reader's position; the first root's children go to the sink.
struct Document<'s, S> {
    stack: Vec<Element>,
    /// The first root element, once closed.
    root: Option<Element>,
    /// Whether `stack[0]` is the first root (not a second one, which is refused when closed).
    root_open: bool,
    sink: &'s mut S,
}

impl<S: Sink> Document<'_, S> {
    fn push(&mut self, element: Element) {
        if self.stack.is_empty() && self.root.is_none() {
            self.sink.root_opened(&element);
            self.root_open = true;
        }
        self.stack.push(element);
    }

    fn close(&mut self) -> Result<(), Failure> {
        let Some(element) = self.stack.pop() else {
            return Ok(());
        };
        let child_of_root = self.stack.len() == 1 && self.root_open;
        match self.stack.last_mut() {
            Some(_) if child_of_root => self.sink.child_closed(element),
            Some(parent) => parent.children.push(element),
            None if self.root.is_none() => {
                self.root_open = false;
                self.root = Some(element);
            }
            None => {
                return Err((
                    element.pos,
                    Problem::Structure(format!(
                        "<{}> is a second root element; a fixture has one <magemock> root",
                        element.name
                    )),
                ));
            }
        }
        Ok(())
    }

    fn add_text(
        &mut self,
        content: &str,
        start: usize,
        index: &LineIndex<'_>,
    ) -> Result<(), Failure> {
        let leading = content.len() - content.trim_start().len();
        let visible = !content.trim().is_empty();
        let is_root = self.stack.len() == 1 && self.root_open;
        match self.stack.last_mut() {
            Some(element) => {
                if visible && element.text_pos.is_none() {
                    element.text_pos = Some(index.pos(start + leading));
                }
                // The root holds no text (only where its first is, to refuse it); its
                // indentation between 100,000 children need not be kept.
                if !is_root {
                    element.text.push_str(content);
                }
                Ok(())
            }
            None if visible => Err((
                index.pos(start + leading),
                Problem::Structure("text outside the root element".to_string()),
            )),
            None => Ok(()),
        }
    }
}

fn resolve_reference(reference: &quick_xml::events::BytesRef<'_>) -> Option<String> {
    if reference.is_char_ref() {
        return reference
            .resolve_char_ref()
            .ok()
            .flatten()
            .map(String::from);
    }
    let name = reference.decode().ok()?;
    resolve_predefined_entity(&name).map(str::to_string)
}

/// Builds an element from its start tag; `start` is the offset of its `<`.
fn open(
    xml: &str,
    tag: &BytesStart<'_>,
    start: usize,
    index: &LineIndex<'_>,
) -> Result<Element, Failure> {
    // Before the attributes: positions are cheapest asked for in increasing order.
    let pos = index.pos(start);
    let content: &[u8] = tag;
    let name_len = tag.name().as_ref().len();
    let name = String::from_utf8_lossy(&content[..name_len]).into_owned();
    // The tag's content starts right after `<`.
    let base = start + 1;
    let attrs = scan_attributes(xml, content, name_len, base, index)?;
    Ok(Element {
        name,
        pos,
        attrs,
        children: Vec::new(),
        text: String::new(),
        text_pos: None,
    })
}

/// Scans `name="value"` pairs after the element name. `base` is the offset of `content[0]`.
fn scan_attributes(
    xml: &str,
    content: &[u8],
    name_len: usize,
    base: usize,
    index: &LineIndex<'_>,
) -> Result<Vec<Attr>, Failure> {
    let fail = |at: usize, what: String| (index.pos(base + at), Problem::Xml(what));
    let mut attrs: Vec<Attr> = Vec::new();
    let mut i = name_len;
    loop {
        while content.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if i >= content.len() {
            return Ok(attrs);
        }
        let name_start = i;
        while content
            .get(i)
            .is_some_and(|b| !b.is_ascii_whitespace() && *b != b'=')
        {
            i += 1;
        }
        let name = String::from_utf8_lossy(&content[name_start..i]).into_owned();
        while content.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if content.get(i) != Some(&b'=') {
            return Err(fail(
                name_start,
                format!("attribute `{name}` has no `=\"value\"`"),
            ));
        }
        i += 1;
        while content.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let quote = match content.get(i) {
            Some(q @ (b'"' | b'\'')) => *q,
            _ => {
                return Err(fail(
                    i,
                    format!("the value of attribute `{name}` must be quoted"),
                ));
            }
        };
        let value_start = i + 1;
        let Some(len) = content[value_start..].iter().position(|b| *b == quote) else {
            return Err(fail(
                i,
                format!("the value of attribute `{name}` is not closed"),
            ));
        };
        let raw_start = base + value_start;
        let raw = xml.get(raw_start..raw_start + len).ok_or_else(|| {
            fail(
                value_start,
                format!("attribute `{name}` is not valid UTF-8"),
            )
        })?;
        if raw.contains('<') {
            return Err(fail(
                value_start,
                format!("`<` in the value of attribute `{name}`"),
            ));
        }
        let value = normalize(raw).map_err(|e| {
            let (at, what) = describe_escape(&e, &name);
            fail(value_start + at, what)
        })?;
        if let Some(first) = attrs.iter().find(|a| a.name == name) {
            return Err((
                index.pos(base + name_start),
                Problem::Duplicate {
                    kind: "attribute",
                    value: name,
                    first: first.pos,
                },
            ));
        }
        attrs.push(Attr {
            name,
            value,
            pos: index.pos(base + name_start),
            value_pos: index.pos(raw_start),
        });
        i = value_start + len + 1;
    }
}

/// Where in the value a bad reference is, and what to say about it.
fn describe_escape(e: &EscapeError, attribute: &str) -> (usize, String) {
    match e {
        // The range is the entity's name, after its `&`.
        EscapeError::UnrecognizedEntity(range, entity) => (
            range.start.saturating_sub(1),
            format!("unknown entity `&{entity};` in attribute `{attribute}`"),
        ),
        EscapeError::UnterminatedEntity(range) => (
            range.start,
            format!("`&` without `;` in attribute `{attribute}`; write `&amp;` for a literal `&`"),
        ),
        EscapeError::InvalidCharRef(e) => (
            0,
            format!("invalid character reference in attribute `{attribute}`: {e}"),
        ),
    }
}

/// Attribute-value normalization (XML 1.0 §3.3.3): literal tabs and line ends become spaces,
/// then references are resolved (so `&#10;` still gives a line feed).
fn normalize(raw: &str) -> Result<String, EscapeError> {
    let spaced: Cow<'_, str> = if raw.contains(['\t', '\n', '\r']) {
        Cow::Owned(raw.replace("\r\n", " ").replace(['\t', '\n', '\r'], " "))
    } else {
        Cow::Borrowed(raw)
    };
    Ok(unescape(&spaced)?.into_owned())
}
