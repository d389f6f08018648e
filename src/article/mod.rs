//! The content model: what an article is, independent of any terminal.
//!
//! An [`Article`] is metadata plus a flat list of [`Block`]s. Each block carries its
//! text as one `String` and its inline styles as byte ranges into that text, so the
//! layout engine can work on plain text and still hand styles back to the screen.

pub mod body;
mod builder;
mod date;
mod extensions;
mod front_keys;
mod front_toml;
mod front_yaml;
pub mod html;
pub mod library;
mod notes;
pub mod parse;
pub mod sanitize;
pub mod text;
mod yaml_node;

use std::ops::Range;
use std::path::PathBuf;

/// Where an article came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into the binary; the name is the file name under `articles/`.
    Bundled(&'static str),
    /// Read from disk at start-up.
    File(PathBuf),
    /// Read from standard input (`yuedu -`).
    Stdin,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Bundled(name) => write!(f, "articles/{name} (bundled)"),
            Origin::File(path) => write!(f, "{}", path.display()),
            Origin::Stdin => write!(f, "standard input"),
        }
    }
}

/// One readable article: front matter, body blocks and the sections over them.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Stable identifier: the file stem (`2015-12-17-hongse-yinqing`).
    pub id: String,
    pub origin: Origin,
    pub meta: Meta,
    pub blocks: Vec<Block>,
    /// Never empty: an article without headings has one section spanning it all.
    pub sections: Vec<Section>,
}

/// Front-matter fields, already sanitised and in display form.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meta {
    pub title: String,
    pub subtitle: Option<String>,
    /// The column (栏目), e.g. 组织建设.
    pub kicker: Option<String>,
    /// `2015-12-17` or `2015-12-17 10:20:42`, as written in the TOML date.
    pub date: Option<String>,
    pub source: Option<String>,
    pub views: Option<u64>,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub tags: Vec<String>,
    /// Free `key = "value"` pairs from `[extra]`, in file order.
    pub extra: Vec<(String, String)>,
}

/// What kind of block a piece of body text is; decides how layout presents it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// A body paragraph: first-line indent, spacing after.
    Paragraph,
    /// `##` (level 2) starts a section; `###` and deeper are sub-headings.
    /// A `#` heading in the body is kept as level 1.
    Heading { level: u8 },
    /// A paragraph inside `depth` levels of block quote.
    Quote { depth: u8 },
    /// A list item; `marker` is what layout prints before it ("• ", "1. ").
    ListItem { marker: String, depth: u8 },
    /// A line of preformatted text (from a code block): never reflowed, only cut.
    Code,
    /// A thematic break (`---`).
    Rule,
    /// A footnote or a link's address, listed at the end of its section, or a
    /// reference definition no link used, in place. `marker` (`[1] `) hangs before the
    /// first line like a list marker; it is empty for a note's later paragraphs.
    /// The screen dims notes: they are apparatus, not the text.
    Note { marker: String },
    /// A table: its cells hold the text, and the block's own `text` is empty.
    /// Laid out at layout time, because its lines depend on the pane's width.
    Table(Table),
}

/// A table's rows of cells. Every row has `alignments.len()` cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub alignments: Vec<Alignment>,
    /// The first row is a header row.
    pub header: bool,
    pub rows: Vec<Vec<Cell>>,
}

/// One table cell: inline text (a `\n` is a line break) and its styles.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    pub text: String,
    pub spans: Vec<StyleSpan>,
}

/// How a table column's cells sit in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Alignment {
    #[default]
    Left,
    Center,
    Right,
}

/// Inline style of a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InlineStyle {
    Emphasis,
    Strong,
    Code,
    Link,
    /// `~~struck~~` (or `<del>`): drawn crossed out; `dump` prints the text plainly.
    Strikethrough,
    /// A note marker added to the text (`[1]` after a footnote reference or a link),
    /// dimmed like the notes it points to.
    NoteRef,
}

/// An inline style over `range`, a byte range into [`Block::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyleSpan {
    pub range: Range<usize>,
    pub style: InlineStyle,
}

/// One block of body text.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    /// The text, without Markdown syntax. A `\n` is a hard line break.
    pub text: String,
    pub spans: Vec<StyleSpan>,
    /// Index into [`Article::sections`].
    pub section: usize,
}

/// A section: the lead (导语) or a `##` heading and what follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Short label for the section strip: the text before the first colon
    /// (`党群连心`), or the whole title when it has none.
    pub label: String,
    /// The full heading (`党群连心:“驿站”成为白领之家`); 导语 for the lead.
    pub title: String,
    /// Index of the section's first block (its heading, if it has one).
    pub first_block: usize,
    /// True for the implicit lead section before the first heading.
    pub is_lead: bool,
}

impl Article {
    /// An article with no text: one empty lead section. A placeholder where an
    /// article is needed and none exists.
    pub fn empty() -> Article {
        Article {
            id: String::new(),
            origin: Origin::Bundled(""),
            meta: Meta::default(),
            blocks: Vec::new(),
            sections: vec![Section {
                label: String::new(),
                title: String::new(),
                first_block: 0,
                is_lead: true,
            }],
        }
    }

    /// Number of characters of text (字数): every non-whitespace character of the body,
    /// table cells included.
    pub fn char_count(&self) -> usize {
        let count = |text: &str| text.chars().filter(|c| !c.is_whitespace()).count();
        self.blocks
            .iter()
            .map(|b| match &b.kind {
                BlockKind::Table(table) => {
                    table.rows.iter().flatten().map(|c| count(&c.text)).sum()
                }
                _ => count(&b.text),
            })
            .sum()
    }

    /// The block range `[first, end)` of section `index`.
    pub fn section_blocks(&self, index: usize) -> Range<usize> {
        let start = self.sections.get(index).map_or(0, |s| s.first_block);
        let end = self
            .sections
            .get(index + 1)
            .map_or(self.blocks.len(), |s| s.first_block);
        start..end
    }
}
