//! Byte offsets of one source text -> [`Location`]s a person can find in an editor.

use std::path::Path;
use std::sync::Arc;

use super::error::Location;

/// Turns byte offsets of one source text into [`Location`]s.
pub(crate) struct LineIndex<'s> {
    file: Arc<Path>,
    source: &'s str,
    /// Byte offset at which each line starts.
    line_starts: Vec<usize>,
}

impl<'s> LineIndex<'s> {
    pub(crate) fn new(file: &Path, source: &'s str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            source
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Self {
            file: Arc::from(file),
            source,
            line_starts,
        }
    }

    /// The location of byte `offset`. Offsets past the end clamp to the end, and an offset
    /// inside a multi-byte character counts that character as passed, so nothing panics.
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
            file: Arc::clone(&self.file),
            line: line.max(1),
            column,
        }
    }

    /// The byte offset of `slice` inside the source, if it is a sub-slice of it. quick-xml
    /// hands out slices borrowed from the input, so this recovers exact positions.
    pub(crate) fn offset_of(&self, slice: &[u8]) -> Option<usize> {
        let base = self.source.as_ptr() as usize;
        let at = (slice.as_ptr() as usize).checked_sub(base)?;
        (at <= self.source.len()).then_some(at)
    }
}
