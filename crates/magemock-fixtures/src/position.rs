//! Positions in a fixture file: magemock-core's line index, whose lines and columns start at
//! 1 and whose columns count characters, as an editor shows them.

/// A place in a fixture file.
pub type Pos = magemock_core::TextPos;

pub(crate) use magemock_core::LineIndex;
