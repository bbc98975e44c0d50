//! Where in an acl.xml file something was found, as a person reads it: `file:line:column`.

use std::fmt;

/// A position in a named acl.xml file. Lines and columns count from 1; columns count
/// characters, not bytes, so a message points at the same place an editor does.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// Turns byte offsets of one acl.xml file into [`Location`]s.
pub(crate) struct LineIndex<'s> {
    file: &'s str,
    index: magemock_core::LineIndex<'s>,
}

impl<'s> LineIndex<'s> {
    pub(crate) fn new(file: &'s str, source: &'s str) -> Self {
        Self {
            file,
            index: magemock_core::LineIndex::new(source),
        }
    }

    /// The location of byte `offset` (clamped; never panics).
    pub(crate) fn location(&self, offset: usize) -> Location {
        let pos = self.index.pos(offset);
        Location {
            file: self.file.to_string(),
            line: pos.line,
            column: pos.column,
        }
    }

    /// The byte offset of a slice quick-xml borrowed from the source.
    pub(crate) fn offset_of(&self, slice: &[u8]) -> Option<usize> {
        self.index.offset_of(slice)
    }
}
