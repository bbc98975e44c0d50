//! Byte offsets of one module file -> [`Location`]s a person can find in an editor.

use std::path::Path;
use std::sync::Arc;

use super::error::Location;

/// Turns byte offsets of one source text into [`Location`]s.
pub(crate) struct LineIndex<'s> {
    file: Arc<Path>,
    index: magemock_core::LineIndex<'s>,
}

impl<'s> LineIndex<'s> {
    pub(crate) fn new(file: &Path, source: &'s str) -> Self {
        Self {
            file: Arc::from(file),
            index: magemock_core::LineIndex::new(source),
        }
    }

    /// The location of byte `offset` (clamped; never panics).
    pub(crate) fn location(&self, offset: usize) -> Location {
        let pos = self.index.pos(offset);
        Location {
            file: Arc::clone(&self.file),
            line: pos.line,
            column: pos.column,
        }
    }

    /// The byte offset of a slice quick-xml borrowed from the source.
    pub(crate) fn offset_of(&self, slice: &[u8]) -> Option<usize> {
        self.index.offset_of(slice)
    }
}
