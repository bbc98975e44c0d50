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

/// Turns byte offsets of one source text into [`Location`]s.
pub(crate) struct LineIndex<'s> {
    file: &'s str,
    source: &'s str,
    /// Byte offset at which each line starts.
    line_starts: Vec<usize>,
}

impl<'s> LineIndex<'s> {
    pub(crate) fn new(file: &'s str, source: &'s str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            source
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Self {
            file,
            source,
            line_starts,
        }
    }

    /// The location of byte `offset`. Offsets past the end clamp to the end, and an offset
    /// inside a multi-byte character counts that character as already passed, so no input
    /// can make this panic.
    pub(crate) fn location(&self, offset: usize) -> Location {
        let offset = offset.min(self.source.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self
            .line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        // Counting the bytes that start a character gives the column in characters.
        let prefix = self
            .source
            .as_bytes()
            .get(start..offset)
            .unwrap_or_default();
        let column = prefix.iter().filter(|&&b| b & 0xC0 != 0x80).count() + 1;
        Location {
            file: self.file.to_string(),
            line: line.max(1),
            column,
        }
    }

    /// The byte offset of `slice` inside the source, if it is a sub-slice of it. quick-xml
    /// hands out slices borrowed from the input, so this recovers exact positions of names
    /// and attribute values without re-scanning.
    pub(crate) fn offset_of(&self, slice: &[u8]) -> Option<usize> {
        let base = self.source.as_ptr() as usize;
        let at = (slice.as_ptr() as usize).checked_sub(base)?;
        (at <= self.source.len()).then_some(at)
    }
}
