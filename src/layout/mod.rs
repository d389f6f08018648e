//! The CJK layout engine: article + width + options -> display lines.
//!
//! Pure: no terminal I/O and no ratatui types in or out. Used by the reader screen
//! (which draws only the visible lines) and by `yuedu dump`.
//!
//! Two stages, so that a resize is cheaper than the first layout:
//! 1. [`Document::new`] flattens the article (title block + body blocks) into
//!    paragraphs and computes, once, every grapheme cluster's display width and the
//!    break opportunity after it (UAX #14 + W3C clreq prohibitions).
//! 2. [`Document::layout`] fills lines for one width in a single linear pass.
//!
//! Files: `width` (column widths), `cluster` (grapheme clusters with a fast path),
//! `breaks` (line breaking classes and rules), `prepare` + `measure` (stage 1),
//! `fill` (stage 2), `table` (tables, in stage 2), `output` (segments and plain lines), `lines` (the public types)
//! and `document` (paragraph internals).

pub mod breaks;
mod cluster;
mod document;
mod fill;
pub mod glyphs;
pub mod lines;
mod measure;
mod output;
mod prepare;
mod table;
pub mod width;

pub use glyphs::Glyphs;
pub(crate) use lines::ParaKind;
pub use lines::{
    Document, Korean, Layout, LayoutOptions, Line, LineKind, Measure, PLACEHOLDER, Segment,
};
pub use table::{Piece, TableLine};

/// Blank lines the layout puts between a shown paragraph of kind `prev` and the
/// next one, of kind `next`: for output made of parts laid out apart (`dump`).
pub(crate) fn blank_lines_between(
    prev: ParaKind,
    next: ParaKind,
    options: &LayoutOptions,
) -> usize {
    fill::gap(prev, next, options.paragraph_spacing)
}
pub use width::{Ambiguous, char_width, clusters, str_width};
