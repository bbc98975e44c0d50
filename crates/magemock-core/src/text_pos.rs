//! Byte offsets of one source text → the line and column a person finds in an editor, for the
//! error messages of every XML reader (acl.xml, module integration files, fixtures): both count
//! from 1, and a column counts characters, not bytes, so `é` moves it by one.

use std::cell::Cell;
use std::fmt;

/// A line and column in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct TextPos {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for TextPos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// The start of every line of one text, to turn offsets into [`TextPos`]s.
///
/// Readers ask for offsets in nearly increasing order, so the last answer is kept and a later
/// offset is counted on from it instead of searched for (the search was 4 % of reading a
/// 100,000-product fixture); an earlier offset is searched for.
#[derive(Debug)]
pub struct LineIndex<'s> {
    source: &'s str,
    line_starts: Vec<usize>,
    last: Cell<(usize, TextPos)>,
}

impl<'s> LineIndex<'s> {
    pub fn new(source: &'s str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            source,
            line_starts,
            last: Cell::new((0, TextPos { line: 1, column: 1 })),
        }
    }

    /// The position of byte `offset`. Offsets past the end clamp to the end, and an offset
    /// inside a multi-byte character counts that character as passed, so no input can make
    /// this panic.
    pub fn pos(&self, offset: usize) -> TextPos {
        let offset = offset.min(self.source.len());
        let (
            from,
            TextPos {
                mut line,
                mut column,
            },
        ) = self.last.get();
        if offset < from {
            return self.searched(offset);
        }
        for &byte in self.source.as_bytes().get(from..offset).unwrap_or_default() {
            if byte == b'\n' {
                line += 1;
                column = 1;
            } else if byte & 0xC0 != 0x80 {
                // Not a UTF-8 continuation byte: a character starts here.
                column += 1;
            }
        }
        let pos = TextPos { line, column };
        self.last.set((offset, pos));
        pos
    }

    fn searched(&self, offset: usize) -> TextPos {
        let line = self
            .line_starts
            .partition_point(|&start| start <= offset)
            .max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        // Counting the bytes that start a character gives the column in characters.
        let prefix = self
            .source
            .as_bytes()
            .get(start..offset)
            .unwrap_or_default();
        let column = prefix.iter().filter(|&&b| b & 0xC0 != 0x80).count() + 1;
        TextPos { line, column }
    }

    /// [`LineIndex::pos`] for the `u64` offsets quick-xml reports.
    pub fn pos_u64(&self, offset: u64) -> TextPos {
        self.pos(usize::try_from(offset).unwrap_or(usize::MAX))
    }

    /// The byte offset of `slice` inside the source, if it is a sub-slice of it. quick-xml
    /// hands out slices borrowed from the input, so this recovers exact positions of names
    /// and attribute values without scanning again.
    pub fn offset_of(&self, slice: &[u8]) -> Option<usize> {
        let base = self.source.as_ptr() as usize;
        let at = (slice.as_ptr() as usize).checked_sub(base)?;
        (at <= self.source.len()).then_some(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(source: &str, offset: usize, expected: (usize, usize)) {
        let pos = LineIndex::new(source).pos(offset);
        assert_eq!((pos.line, pos.column), expected, "{source:?} at {offset}");
    }

    #[test]
    fn lines_and_columns_count_from_one_in_characters() {
        check("", 0, (1, 1));
        check("abc", 2, (1, 3));
        check("ab\ncd", 3, (2, 1));
        check("ab\ncd", 4, (2, 2));
        check("é\nx", 2, (1, 2));
        check("éa", 3, (1, 3));
    }

    #[test]
    fn no_offset_panics() {
        check("ab", 99, (1, 3));
        check("é", 1, (1, 2));
        assert_eq!(LineIndex::new("a\n").pos_u64(u64::MAX).line, 2);
    }

    /// Offsets in any order give what the search gives.
    #[test]
    fn counting_on_agrees_with_the_search() {
        let source = "<a>\n  é x\r\n\n<b c=\"ü\"/>ab\n";
        let index = LineIndex::new(source);
        let fresh = LineIndex::new(source);
        let offsets = (0..=source.len() + 2).chain([9, 3, 3, 14, 1, 99, 0, 5]);
        for offset in offsets {
            assert_eq!(
                index.pos(offset),
                fresh.searched(offset.min(source.len())),
                "at {offset}"
            );
        }
    }

    #[test]
    fn sub_slices_give_their_offset_and_others_none() {
        let source = String::from("<a b=\"c\"/>");
        let index = LineIndex::new(&source);
        assert_eq!(index.offset_of(&source.as_bytes()[5..6]), Some(5));
        assert_eq!(index.offset_of(b"elsewhere"), None);
    }
}
