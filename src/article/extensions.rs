//! The builder's handlers for what goes beyond plain CommonMark blocks: links and
//! their notes, images, footnotes, tables, task lists, HTML, and the reference
//! definitions the parser swallowed.

use pulldown_cmark::{Alignment as MdAlignment, CowStr, LinkType};

use super::builder::{Builder, Footnote, OpenLink, TableBuilder, new_block};
use super::html::{self, Inline};
use super::notes;
use super::sanitize::sanitize_text;
use super::{Alignment, Block, BlockKind, Cell, InlineStyle, Table};

impl Builder {
    pub(super) fn start_link(
        &mut self,
        link_type: LinkType,
        dest: &CowStr<'_>,
        title: &CowStr<'_>,
    ) {
        // `[2]` (with `[2]: ...` defined) reads as a citation: keep its brackets.
        let shortcut = notes::is_shortcut(link_type);
        if shortcut {
            self.text("[");
        }
        let start = self.text("");
        self.links.push(OpenLink {
            start,
            dest: sanitize_text(dest).into_owned(),
            title: sanitize_text(title).into_owned(),
            shortcut,
        });
        self.open_style(InlineStyle::Link);
    }

    /// A link ends: close its style and mark it for its note.
    pub(super) fn end_link(&mut self) {
        self.close_style(InlineStyle::Link);
        let Some(link) = self.links.pop() else {
            return;
        };
        let text = self
            .current
            .as_ref()
            .and_then(|b| b.text.get(link.start..))
            .unwrap_or("")
            .to_string();
        if link.shortcut {
            self.text("]");
        }
        let region = self.region();
        if let Some(marker) = self
            .notes
            .link(region, &text, &link.dest, &link.title, link.shortcut)
        {
            let start = self.text(&marker);
            self.push_span(start, InlineStyle::NoteRef);
        }
    }

    /// One inline HTML tag.
    pub(super) fn inline_html(&mut self, tag: &str) {
        match html::inline(tag) {
            Inline::Nothing => {}
            Inline::Break => {
                self.text("\n");
            }
            Inline::Text(text) => {
                self.text(&text);
            }
            Inline::Open(style) => self.open_style(style),
            Inline::Close(style) => self.close_style(style),
            Inline::Hide(name) => self.hidden = Some(name),
            // A table cell is one block: a paragraph break there is a line break.
            Inline::Paragraph if self.table.is_some() => {
                self.text("\n");
            }
            Inline::Paragraph => self.finish_block(),
        }
    }

    /// A task list item's check box: it replaces the bullet (`[x] 买菜`, not
    /// `• [x] 买菜`); a numbered item keeps its number. ASCII, not ☐ ☑: those are
    /// narrow by Unicode, but CJK fonts draw them full-width over the next cell, and
    /// ☑ is an emoji some terminals draw two cells wide.
    pub(super) fn task(&mut self, done: bool) {
        let mark = if done { "[x] " } else { "[ ] " };
        let with = |marker: &str| {
            if marker == "• " {
                mark.to_string()
            } else {
                format!("{marker}{mark}")
            }
        };
        if let Some(marker) = self.pending_marker.as_mut() {
            *marker = with(marker);
        } else if let Some(Block {
            kind: BlockKind::ListItem { marker, .. },
            text,
            ..
        }) = self.current.as_mut()
            && text.is_empty()
            && !marker.is_empty()
        {
            *marker = with(marker);
        } else {
            self.text(mark);
        }
    }

    /// The notes region (section) the reader is in: `##` headings so far, counting
    /// the one being read.
    pub(super) fn region(&self) -> usize {
        let in_heading = self
            .current
            .as_ref()
            .is_some_and(|b| b.kind == BlockKind::Heading { level: 2 });
        self.sections_seen + usize::from(in_heading)
    }

    /// Show, before the event at `offset`, what the parser swallowed before it.
    pub(super) fn place_orphans(&mut self, offset: usize) {
        while self.orphans.front().is_some_and(|(at, _)| *at <= offset) {
            let Some((_, text)) = self.orphans.pop_front() else {
                break;
            };
            self.finish_block();
            let mut block = new_block(BlockKind::Note {
                marker: String::new(),
            });
            block.text = sanitize_text(&text).into_owned();
            self.push_block(block);
        }
    }

    /// An image shows as `[图：alt]`, with its title if it has one (`[图：alt "title"]`).
    pub(super) fn start_image(&mut self, dest: &CowStr<'_>, title: &CowStr<'_>) {
        let start = self.text("[图：") + "[图：".len();
        let (dest, title) = (sanitize_text(dest), sanitize_text(title));
        self.images
            .push((start, dest.into_owned(), title.trim().to_string()));
    }

    pub(super) fn end_image(&mut self) {
        if let Some((start, dest, title)) = self.images.pop() {
            let empty = self.current.as_ref().is_none_or(|b| b.text.len() <= start);
            if empty {
                // No alt text: the file name says which picture it was.
                let name = html::image_text("", &dest);
                self.text(name.trim_start_matches("[图：").trim_end_matches(']'));
            }
            if !title.is_empty() {
                self.text(&format!(" \"{title}\""));
            }
            self.text("]");
        }
    }

    /// A footnote's text is read like the body's, from no list or quote, and kept
    /// aside for the notes at the end of the section that references it.
    pub(super) fn start_footnote(&mut self, label: &str) {
        self.finish_block();
        let region = self.region();
        self.notes.footnote_definition(label, region);
        self.footnotes.push(Footnote {
            label: label.to_string(),
            first_block: self.blocks.len(),
            quote_depth: std::mem::take(&mut self.quote_depth),
            lists: std::mem::take(&mut self.lists),
            pending_marker: self.pending_marker.take(),
        });
    }

    pub(super) fn end_footnote(&mut self) {
        self.finish_block();
        if let Some(note) = self.footnotes.pop() {
            let body = self
                .blocks
                .split_off(note.first_block.min(self.blocks.len()));
            self.notes.footnote_body(&note.label, body);
            self.quote_depth = note.quote_depth;
            self.lists = note.lists;
            self.pending_marker = note.pending_marker;
        }
    }

    pub(super) fn start_table(&mut self, alignments: Vec<MdAlignment>) {
        self.finish_block();
        self.table = Some(TableBuilder {
            alignments: alignments.into_iter().map(alignment).collect(),
            header: false,
            rows: Vec::new(),
            row: Vec::new(),
        });
    }

    pub(super) fn start_table_head(&mut self) {
        if let Some(table) = self.table.as_mut() {
            table.header = true;
        }
    }

    /// A cell is read as a block of its own, then kept in the table.
    pub(super) fn start_table_cell(&mut self) {
        self.finish_block();
        self.current = Some(new_block(BlockKind::Paragraph));
    }

    pub(super) fn end_table_cell(&mut self) {
        let cell = self.take_block().map_or_else(Cell::default, |b| Cell {
            text: b.text,
            spans: b.spans,
        });
        if let Some(table) = self.table.as_mut() {
            table.row.push(cell);
        }
    }

    pub(super) fn end_table_row(&mut self) {
        if let Some(table) = self.table.as_mut() {
            let row = std::mem::take(&mut table.row);
            table.rows.push(row);
        }
    }

    /// Every row gets as many cells as the widest (a short row's are empty).
    pub(super) fn end_table(&mut self) {
        let Some(mut t) = self.table.take() else {
            return;
        };
        let columns = t
            .rows
            .iter()
            .map(Vec::len)
            .chain([t.alignments.len()])
            .max()
            .unwrap_or(0);
        for row in &mut t.rows {
            row.resize_with(columns, Cell::default);
        }
        t.alignments.resize(columns, Alignment::Left);
        self.push_block(new_block(BlockKind::Table(Table {
            alignments: t.alignments,
            header: t.header,
            rows: t.rows,
        })));
    }

    /// An HTML block ends: its text, paragraph by paragraph.
    pub(super) fn end_html_block(&mut self) {
        let html = self.html.take().unwrap_or_default();
        for paragraph in html::block_text(&html) {
            let kind = self.body_kind();
            self.open(kind);
            self.text(&paragraph);
            self.finish_block();
        }
    }
}

fn alignment(a: MdAlignment) -> Alignment {
    match a {
        MdAlignment::None | MdAlignment::Left => Alignment::Left,
        MdAlignment::Center => Alignment::Center,
        MdAlignment::Right => Alignment::Right,
    }
}
