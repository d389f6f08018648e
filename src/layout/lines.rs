//! Line filling: the public API of the layout engine.
//!
//! API CONTRACT (the reader screen and `dump` are written against it):
//!
//! ```ignore
//! let doc = Document::new(&article, Ambiguous::Narrow);   // once per article + ambiguous mode
//! let layout = doc.layout(&LayoutOptions { width: 100, ..Default::default() }); // per width
//! for line in &layout.lines[top..top + height] {
//!     // layout.left_margin columns of centring, then:
//!     for seg in doc.segments(line) { /* seg.text with seg.kind/seg.inline */ }
//! }
//! let first_line_of_section_2 = layout.section_starts[2];
//! let plain: Vec<String> = doc.plain_lines(&layout);        // what `dump` prints
//! ```

use std::ops::Range;

use crate::article::{Article, InlineStyle};

use super::width::Ambiguous;

/// Options for one layout pass. `width` is the pane width in columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutOptions {
    /// Columns available (the pane). The text column is `min(width, max_width)`.
    pub width: usize,
    /// First-line indent of body paragraphs, in U+3000 ideographic spaces (2 columns each).
    pub indent: usize,
    /// Blank lines between blocks.
    pub paragraph_spacing: usize,
    /// Maximum text column width; the column is centred when the pane is wider.
    pub max_width: usize,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            width: 80,
            indent: 2,
            paragraph_spacing: 1,
            max_width: 80,
        }
    }
}

/// What a display line shows; the screen styles by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Spacing added by layout.
    Blank,
    /// The article title (title block).
    Title,
    /// The subtitle (title block).
    Subtitle,
    /// The byline under the title: kicker · date · source.
    Byline,
    /// A heading of the given level (2 = section heading).
    Heading(u8),
    /// Body paragraph text.
    Text,
    /// Block quote text at the given depth.
    Quote(u8),
    /// A list item line.
    ListItem,
    /// Preformatted text.
    Code,
    /// A thematic break, drawn by the screen across the column.
    Rule,
}

/// One display line. Compact, because a novel has hundreds of thousands of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Index of the paragraph (title-block paragraphs first, then the article's blocks).
    pub para: u32,
    /// Byte range of the paragraph text shown on this line (trailing spaces included,
    /// so joining the ranges of a paragraph's lines gives its text back).
    pub range: Range<u32>,
    /// Columns added by layout before the text (indent, quote bar, list marker).
    pub lead: u16,
    /// Display width of the line including `lead`, excluding trailing spaces.
    pub width: u16,
    pub kind: LineKind,
    /// Index into `Article::sections`.
    pub section: u32,
}

/// The result of laying out a [`Document`] at one width.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    pub lines: Vec<Line>,
    /// First line of each section; `section_starts[0] == 0` (the title block belongs
    /// to the first section), later entries are the section's heading line.
    pub section_starts: Vec<usize>,
    /// Width of the text column, `min(width, max_width)`.
    pub column_width: usize,
    /// Columns of left margin that centre the column in the pane.
    pub left_margin: usize,
}

/// A styled piece of a line for drawing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment<'a> {
    /// Text to draw; for layout-added text (indent, markers, placeholder) it is not
    /// from the article.
    pub text: std::borrow::Cow<'a, str>,
    /// Inline styles in force (emphasis, strong, ...); empty for plain text.
    pub inline: Vec<InlineStyle>,
    /// True for text that layout added (indent, quote bar, list marker, placeholder).
    pub added: bool,
}

/// An article prepared for layout: text, widths and break opportunities computed once.
pub struct Document {
    // The layout implementation owns the representation.
    _private: (),
}

impl Document {
    /// Prepare an article (title block, then body blocks) under one ambiguous-width policy.
    pub fn new(_article: &Article, _ambiguous: Ambiguous) -> Document {
        unimplemented!("layout engine: see issue 3")
    }
    /// Prepare one plain paragraph (for tests and benchmarks).
    pub fn from_text(_text: &str, _ambiguous: Ambiguous) -> Document {
        unimplemented!("layout engine: see issue 3")
    }
    /// Lay out at one width. Cost: one linear pass over the prepared clusters.
    pub fn layout(&self, _options: &LayoutOptions) -> Layout {
        unimplemented!("layout engine: see issue 3")
    }
    /// The paragraph text a line shows (without what layout added).
    pub fn line_text(&self, _line: &Line) -> &str {
        unimplemented!("layout engine: see issue 3")
    }
    /// The line as styled segments: added lead first, then the text split at style changes.
    pub fn segments(&self, _line: &Line) -> Vec<Segment<'_>> {
        unimplemented!("layout engine: see issue 3")
    }
    /// Every line as plain text (lead included, trailing spaces trimmed): `dump` output.
    pub fn plain_lines(&self, _layout: &Layout) -> Vec<String> {
        unimplemented!("layout engine: see issue 3")
    }
}
