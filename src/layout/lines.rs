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

pub(super) use super::document::Para;
pub(crate) use super::document::ParaKind;
use super::table::TableInfo;
pub use super::table::TableLine;

use super::width::Ambiguous;

/// The options of stage 1 (measuring and break opportunities): changing one means a
/// new [`Document`], unlike [`LayoutOptions`]. `Ambiguous` converts into it with the
/// other options at their defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Measure {
    pub ambiguous: Ambiguous,
    pub korean: Korean,
}

impl From<Ambiguous> for Measure {
    fn from(ambiguous: Ambiguous) -> Measure {
        Measure {
            ambiguous,
            ..Measure::default()
        }
    }
}

/// Where Korean text may break. KLREQ allows both and leaves the choice to the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Korean {
    /// Between words only (at spaces), the usual Korean practice; a word that mixes
    /// Hanja and Hangul (`大韓民國의`) is one word.
    #[default]
    Word,
    /// Between any two syllables, like Chinese and Japanese.
    Syllable,
}

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
    /// Avoid a paragraph's last line holding a single character (孤字): pull one more
    /// down when every breaking rule still holds.
    pub widow: bool,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            width: 80,
            indent: 2,
            paragraph_spacing: 1,
            max_width: 80,
            widow: true,
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
    /// A footnote or link address at a section's end, or a reference definition shown
    /// as text: drawn dim.
    Note,
    /// A line of a table: rules or a row's cells side by side. What it shows is in
    /// [`Layout::table_lines`]; draw it with [`Document::line_segments`].
    Table,
}

/// One display line. Compact, because a novel has hundreds of thousands of them.
///
/// A blank line carries the paragraph and section of the line before it, with an
/// empty range at the end of that paragraph; a rule line has an empty range and width 0.
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
    /// What each [`LineKind::Table`] line shows, in line order.
    pub table_lines: Vec<TableLine>,
    /// First line of each section; `section_starts[0] == 0` (the title block belongs
    /// to the first section), later entries are the section's heading line.
    pub section_starts: Vec<usize>,
    /// Width of the text column, `min(width, max_width)`.
    pub column_width: usize,
    /// Columns of left margin that centre the column in the pane.
    pub left_margin: usize,
    /// The kinds of the first and the last paragraph shown; none when nothing is.
    pub(crate) edges: Option<(ParaKind, ParaKind)>,
}

impl Layout {
    /// The first text line showing byte `byte` of paragraph `para` (or the one
    /// after it, if that byte is not shown: a trimmed space); the last line when
    /// the paragraph is past the end. Lines are in paragraph and byte order.
    pub fn line_at(&self, para: u32, byte: u32) -> usize {
        // Blank lines carry the paragraph before them and come after its text
        // lines, so they count as "not before" the target: the order holds.
        let index = self.lines.partition_point(|line| {
            line.para < para
                || (line.para == para && line.kind != LineKind::Blank && line.range.end <= byte)
        });
        index.min(self.lines.len().saturating_sub(1))
    }
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
    /// The bytes of the paragraph this segment shows (empty for an added lead),
    /// so a search hit can be drawn on exactly its characters.
    pub range: Range<u32>,
    /// The paragraph `range` is in: the line's, except in a table line, whose cells
    /// are paragraphs of their own.
    pub para: u32,
}

/// An article prepared for layout: text, widths and break opportunities computed once.
///
/// Paragraph texts live in one buffer, or stay in the article the document keeps
/// ([`Document::shared`]); every grapheme cluster has one byte packing
/// its width, break flags and byte length (see `prepare`), so a relayout scans one flat
/// array. One byte, not a `u32` end offset as well, because fresh memory is what
/// `Document::new` mostly pays for (page faults measured at ~3.7 µs per 4 KiB here).
pub struct Document {
    /// The texts of the paragraphs that are copied (see `Para::source`).
    pub(super) text: String,
    /// The article whose blocks' texts the other paragraphs show.
    pub(super) article: Option<std::sync::Arc<Article>>,
    pub(super) paras: Vec<Para>,
    /// Per cluster: width, flags and length, packed as described in `prepare`.
    pub(super) meta: Vec<u8>,
    /// Clusters longer than 4 bytes (emoji sequences, combining marks): global cluster
    /// index, byte length, width. Sorted by index.
    pub(super) long: Vec<(u32, u32, u8)>,
    /// Byte offset of every 64th cluster among all the paragraphs' texts (see
    /// `Para::text`), to find a line's clusters quickly.
    pub(super) marks: Vec<u32>,
    /// Inline styles of all paragraphs, byte ranges relative to the paragraph.
    pub(super) spans: Vec<(Range<u32>, InlineStyle)>,
    /// Tables, indexed by `ParaKind::Table::index`.
    pub(super) tables: Vec<TableInfo>,
    /// List markers, indexed by `ParaKind::ListItem::marker`.
    pub(super) markers: Vec<String>,
    /// For each section, the paragraph of its first block (`u32::MAX` if none).
    pub(super) section_paras: Vec<u32>,
    pub(super) ambiguous: Ambiguous,
    pub(super) korean: Korean,
}

impl Document {
    /// Prepare an article (title block, then body blocks) under one ambiguous-width policy.
    ///
    /// The title block is `meta.title`, `meta.subtitle` and a byline of kicker, date and
    /// source joined with " · ", each present one as its own paragraph.
    pub fn new(article: &Article, measure: impl Into<Measure>) -> Document {
        super::prepare::from_article(article, measure.into())
    }
    /// [`Document::new`] that keeps the article and shows the texts of its blocks
    /// from it instead of copying them: for a holder of the article anyway (the
    /// reader), whose book is then in memory once.
    pub fn shared(article: &std::sync::Arc<Article>, measure: impl Into<Measure>) -> Document {
        super::prepare::from_shared(article, measure.into())
    }
    /// Prepare one plain paragraph (for tests and benchmarks): no title block, one
    /// [`LineKind::Text`] paragraph in section 0, indented per [`LayoutOptions::indent`].
    pub fn from_text(text: &str, measure: impl Into<Measure>) -> Document {
        super::prepare::from_text(text, measure.into())
    }
    /// Lay out at one width. Cost: one linear pass over the prepared clusters.
    pub fn layout(&self, options: &LayoutOptions) -> Layout {
        super::fill::layout(self, options)
    }
    /// The paragraph text a line shows (without what layout added). Includes hanging
    /// spaces and a final `\n`; empty for blank and rule lines.
    pub fn line_text(&self, line: &Line) -> &str {
        let Some(p) = self.paras.get(line.para as usize) else {
            return "";
        };
        let text = self.para_text(p);
        text.get(line.range.start as usize..line.range.end as usize)
            .unwrap_or("")
    }
    /// The line as styled segments: added lead first, then the text split at style
    /// changes. Hanging spaces and line breaks at the end are left out, so the segments'
    /// width is exactly `line.width`. A cluster too wide for a 1-column pane is drawn as
    /// [`PLACEHOLDER`].
    ///
    /// A [`LineKind::Table`] line has no segments here (what it shows is kept in the
    /// layout): use [`Document::line_segments`], which draws every kind of line.
    pub fn segments(&self, line: &Line) -> Vec<Segment<'_>> {
        super::output::segments(self, line)
    }
    /// The segments of line `index` of `layout`, table lines included: what the
    /// screen draws.
    pub fn line_segments<'a>(&'a self, layout: &'a Layout, index: usize) -> Vec<Segment<'a>> {
        match layout.lines.get(index) {
            Some(line) if line.kind == LineKind::Table => {
                super::table::segments(self, layout, index)
            }
            Some(line) => self.segments(line),
            None => Vec::new(),
        }
    }
    /// Every line as plain text (lead included, trailing spaces trimmed): `dump` output.
    /// A rule is a row of `-` across the column.
    pub fn plain_lines(&self, layout: &Layout) -> Vec<String> {
        super::output::plain_lines(self, layout)
    }
    /// Line `index` of [`Document::plain_lines`], appended to `out`: for output that
    /// streams (a novel's lines need not all be held at once).
    pub fn plain_line_into(&self, layout: &Layout, index: usize, out: &mut String) {
        super::output::plain_line(self, layout, index, out);
    }
    /// Every line as [`Document::plain_line_into`] makes it, each ending in `\n`,
    /// appended to `out`: `dump`'s text, made in one pass.
    pub fn plain_text_into(&self, layout: &Layout, out: &mut String) {
        super::output::plain_text(self, layout, out);
    }
    /// Bytes of text in all paragraphs.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }
    /// How many paragraphs (title block first, then the article's blocks).
    pub fn paragraph_count(&self) -> usize {
        self.paras.len()
    }
    /// The text of paragraph `index` (empty past the end): what search looks in.
    pub fn paragraph(&self, index: usize) -> &str {
        self.paras.get(index).map_or("", |p| self.para_text(p))
    }
    /// The section paragraph `index` belongs to.
    pub fn paragraph_section(&self, index: usize) -> usize {
        self.paras.get(index).map_or(0, |p| p.section as usize)
    }
    /// The ambiguous-width policy the document was prepared with.
    pub fn ambiguous(&self) -> Ambiguous {
        self.ambiguous
    }
}

/// What is drawn instead of a 2-column cluster in a 1-column pane: an ASCII `?`
/// (narrow in every terminal and ambiguous-width mode, unlike `…`).
pub const PLACEHOLDER: &str = "?";

#[cfg(test)]
mod tests {
    use super::*;

    fn wrap(text: &str, width: usize) -> Vec<String> {
        let doc = Document::from_text(text, Ambiguous::Narrow);
        let layout = doc.layout(&LayoutOptions {
            width,
            indent: 0,
            ..Default::default()
        });
        layout
            .lines
            .iter()
            .map(|l| doc.line_text(l).to_string())
            .collect()
    }

    #[test]
    fn lines_find_their_clusters_past_the_marks() {
        // Several paragraphs, long enough to have many 64-cluster marks, with long
        // (escaped) clusters in between.
        let mut article_text = String::new();
        for i in 0..300 {
            article_text
                .push_str(["中", "a", " ", "👨\u{200D}👩\u{200D}👧", "e\u{301}", "，"][i % 6]);
        }
        let doc = Document::from_text(&article_text, Ambiguous::Narrow);
        for width in [1, 2, 3, 7, 20] {
            let layout = doc.layout(&LayoutOptions {
                width,
                indent: 0,
                ..Default::default()
            });
            for line in &layout.lines {
                let p = &doc.paras[0];
                let (_, at) = doc.cluster_at(p, line.range.start);
                assert_eq!(at, line.range.start);
                let drawn: usize = doc
                    .segments(line)
                    .iter()
                    .map(|s| super::super::width::str_width(&s.text, Ambiguous::Narrow))
                    .sum();
                assert_eq!(drawn, line.width as usize, "{line:?}");
            }
        }
        assert!(doc.marks.len() > 3);
    }

    #[test]
    fn line_is_compact() {
        assert!(std::mem::size_of::<Line>() <= 24);
    }

    #[test]
    fn hanging_spaces_stay_in_the_range_but_not_the_width() {
        let doc = Document::from_text("hello world again", Ambiguous::Narrow);
        let layout = doc.layout(&LayoutOptions {
            width: 8,
            indent: 0,
            ..Default::default()
        });
        let texts: Vec<&str> = layout.lines.iter().map(|l| doc.line_text(l)).collect();
        assert_eq!(texts, ["hello ", "world ", "again"]);
        let widths: Vec<u16> = layout.lines.iter().map(|l| l.width).collect();
        assert_eq!(widths, [5, 5, 5]);
        assert_eq!(doc.plain_lines(&layout), ["hello", "world", "again"]);
    }

    #[test]
    fn newline_is_a_mandatory_break() {
        assert_eq!(wrap("第一行\n第二行", 80), ["第一行\n", "第二行"]);
        assert_eq!(wrap("a\n\nb", 80), ["a\n", "\n", "b"]);
    }

    #[test]
    fn indent_is_ideographic_spaces_on_the_first_line() {
        let doc = Document::from_text("我们走吧我们走吧", Ambiguous::Narrow);
        let layout = doc.layout(&LayoutOptions {
            width: 10,
            indent: 2,
            ..Default::default()
        });
        assert_eq!(
            doc.plain_lines(&layout),
            ["\u{3000}\u{3000}我们走", "吧我们走吧"]
        );
        assert_eq!(layout.lines[0].lead, 4);
        assert_eq!(layout.lines[0].width, 10);
        // Too narrow for the indent: it is dropped rather than overflowing.
        let layout = doc.layout(&LayoutOptions {
            width: 4,
            indent: 2,
            ..Default::default()
        });
        assert_eq!(layout.lines[0].lead, 0);
        assert!(layout.lines.iter().all(|l| l.width <= 4));
    }

    #[test]
    fn wide_cluster_in_one_column_is_a_placeholder() {
        let doc = Document::from_text("中a", Ambiguous::Narrow);
        let layout = doc.layout(&LayoutOptions {
            width: 1,
            indent: 0,
            ..Default::default()
        });
        assert_eq!(layout.lines.len(), 2);
        assert_eq!(doc.line_text(&layout.lines[0]), "中");
        assert_eq!(layout.lines[0].width, 1);
        let segs = doc.segments(&layout.lines[0]);
        assert_eq!(segs.len(), 1);
        assert_eq!(segs[0].text, PLACEHOLDER);
        assert!(segs[0].added);
        assert_eq!(doc.plain_lines(&layout), ["?", "a"]);
    }
}
