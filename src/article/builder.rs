//! The Markdown event stream -> blocks: paragraphs, headings, quotes, lists, code,
//! inline styles. What the extensions and HTML add is in `extensions`.

use std::collections::VecDeque;

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use super::body::is_cjk;
use super::html;
use super::notes::Notes;
use super::sanitize::sanitize_text;
use super::{Alignment, Block, BlockKind, Cell, InlineStyle, StyleSpan};

/// A link being read: where its text starts and where it points.
pub(super) struct OpenLink {
    pub(super) start: usize,
    pub(super) dest: String,
    pub(super) title: String,
    pub(super) shortcut: bool,
}

/// A table being read.
pub(super) struct TableBuilder {
    pub(super) alignments: Vec<Alignment>,
    pub(super) header: bool,
    pub(super) rows: Vec<Vec<Cell>>,
    pub(super) row: Vec<Cell>,
}

/// What a footnote definition interrupts: restored at its end.
pub(super) struct Footnote {
    pub(super) label: String,
    pub(super) first_block: usize,
    pub(super) quote_depth: u8,
    pub(super) lists: Vec<Option<u64>>,
    pub(super) pending_marker: Option<String>,
}

#[derive(Default)]
pub(super) struct Builder {
    pub(super) blocks: Vec<Block>,
    /// The block being filled, if any.
    pub(super) current: Option<Block>,
    /// Inline styles opened and not yet closed, with their start offsets.
    pub(super) open_styles: Vec<(InlineStyle, usize)>,
    pub(super) quote_depth: u8,
    /// One entry per open list: the next number, or None for bullets.
    pub(super) lists: Vec<Option<u64>>,
    /// Marker of a list item whose text has not started yet.
    pub(super) pending_marker: Option<String>,
    pub(super) pending_soft_break: bool,
    pub(super) in_code_block: bool,
    pub(super) notes: Notes,
    /// Text the parser took as markup, to show where it was (see `notes::orphans`).
    pub(super) orphans: VecDeque<(usize, String)>,
    /// `##` headings so far outside footnotes: the current notes region.
    pub(super) sections_seen: usize,
    pub(super) links: Vec<OpenLink>,
    /// Where the alt text of each open image starts, its address and title.
    pub(super) images: Vec<(usize, String, String)>,
    /// The HTML block being read.
    pub(super) html: Option<String>,
    /// Inline HTML hides text until this closing tag (`script`).
    pub(super) hidden: Option<String>,
    pub(super) table: Option<TableBuilder>,
    pub(super) footnotes: Vec<Footnote>,
}

impl Builder {
    pub(super) fn event(&mut self, event: Event<'_>) {
        if let Some(name) = &self.hidden {
            // Inside an inline `<script>`: only its closing tag matters.
            if let Event::InlineHtml(tag) = &event
                && html::closes(tag, name)
            {
                self.hidden = None;
            }
            if !matches!(event, Event::Start(_) | Event::End(_)) {
                return;
            }
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) if self.in_code_block => self.code_text(&text),
            Event::Text(text) => {
                self.text(&text);
            }
            Event::Html(text) => match self.html.as_mut() {
                Some(html) => html.push_str(&text),
                None => self.inline_html(&text),
            },
            Event::InlineHtml(text) => self.inline_html(&text),
            Event::Code(text) => {
                let start = self.text(&text);
                self.push_span(start, InlineStyle::Code);
            }
            Event::SoftBreak => self.pending_soft_break = true,
            Event::HardBreak => {
                self.text("\n");
            }
            Event::Rule => {
                self.finish_block();
                self.push_block(new_block(BlockKind::Rule));
            }
            Event::FootnoteReference(label) => {
                let region = self.region();
                let marker = self.notes.footnote_reference(&label, region);
                let start = self.text(&marker);
                self.push_span(start, InlineStyle::NoteRef);
            }
            // Math is not enabled; show any text it carries.
            Event::InlineMath(text) | Event::DisplayMath(text) => {
                self.text(&text);
            }
            Event::TaskListMarker(done) => self.task(done),
        }
    }

    pub(super) fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                let kind = self.body_kind();
                self.open(kind);
            }
            Tag::Heading { level, .. } => self.open(BlockKind::Heading {
                level: heading_level(level),
            }),
            Tag::BlockQuote(_) => {
                self.finish_block();
                self.quote_depth = self.quote_depth.saturating_add(1);
            }
            Tag::List(first) => {
                self.finish_block();
                self.lists.push(first);
            }
            Tag::Item => {
                self.finish_block();
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "• ".to_string(),
                };
                self.pending_marker = Some(marker);
            }
            Tag::CodeBlock(_) => {
                self.finish_block();
                self.in_code_block = true;
            }
            Tag::HtmlBlock => {
                self.finish_block();
                self.html = Some(String::new());
            }
            Tag::Emphasis => self.open_style(InlineStyle::Emphasis),
            Tag::Strong => self.open_style(InlineStyle::Strong),
            Tag::Strikethrough => self.open_style(InlineStyle::Strikethrough),
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => self.start_link(link_type, &dest_url, &title),
            Tag::Image {
                dest_url, title, ..
            } => self.start_image(&dest_url, &title),
            Tag::FootnoteDefinition(label) => self.start_footnote(&label),
            Tag::Table(alignments) => self.start_table(alignments),
            Tag::TableHead => self.start_table_head(),
            Tag::TableCell => self.start_table_cell(),
            // Definition lists, metadata, sub/superscript: not enabled; their text
            // arrives as Text events.
            _ => {}
        }
    }

    pub(super) fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item => self.finish_block(),
            TagEnd::HtmlBlock => self.end_html_block(),
            TagEnd::BlockQuote(_) => {
                self.finish_block();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.finish_block();
                self.lists.pop();
            }
            TagEnd::CodeBlock => self.in_code_block = false,
            TagEnd::Emphasis => self.close_style(InlineStyle::Emphasis),
            TagEnd::Strong => self.close_style(InlineStyle::Strong),
            TagEnd::Strikethrough => self.close_style(InlineStyle::Strikethrough),
            TagEnd::Link => self.end_link(),
            TagEnd::Image => self.end_image(),
            TagEnd::FootnoteDefinition => self.end_footnote(),
            TagEnd::TableCell => self.end_table_cell(),
            TagEnd::TableHead | TagEnd::TableRow => self.end_table_row(),
            TagEnd::Table => self.end_table(),
            _ => {}
        }
    }

    /// The kind of a paragraph at the current nesting.
    pub(super) fn body_kind(&mut self) -> BlockKind {
        if let Some(marker) = self.pending_marker.take() {
            BlockKind::ListItem {
                marker,
                depth: self.lists.len().min(u8::MAX as usize) as u8,
            }
        } else if !self.lists.is_empty() {
            // A second paragraph in a list item: continue it without a new marker.
            BlockKind::ListItem {
                marker: String::new(),
                depth: self.lists.len().min(u8::MAX as usize) as u8,
            }
        } else if self.quote_depth > 0 {
            BlockKind::Quote {
                depth: self.quote_depth,
            }
        } else {
            BlockKind::Paragraph
        }
    }

    pub(super) fn open(&mut self, kind: BlockKind) {
        self.finish_block();
        self.current = Some(new_block(kind));
    }

    /// Append text, opening a block if a tight list item or stray text needs one.
    /// Returns the byte offset where the text starts.
    pub(super) fn text(&mut self, text: &str) -> usize {
        let text = &*sanitize_text(text);
        if self.current.is_none() {
            let kind = self.body_kind();
            self.current = Some(new_block(kind));
        }
        let soft_break = std::mem::take(&mut self.pending_soft_break);
        let Some(block) = self.current.as_mut() else {
            return 0;
        };
        if soft_break && !block.text.is_empty() {
            let before = block.text.chars().next_back();
            let after = text.chars().next();
            // A line break inside a Chinese paragraph is not a space: joining
            // 城市,\n宁波 must give 城市,宁波. Latin words still get their space.
            if !(before.is_some_and(is_cjk) || after.is_some_and(is_cjk)) {
                block.text.push(' ');
            }
        }
        let start = block.text.len();
        block.text.push_str(text);
        start
    }

    /// Each line of a code block becomes its own `Code` block (never reflowed).
    pub(super) fn code_text(&mut self, text: &str) {
        for line in sanitize_text(text).lines() {
            let mut block = new_block(BlockKind::Code);
            block.text = line.to_string();
            self.push_block(block);
        }
    }

    pub(super) fn open_style(&mut self, style: InlineStyle) {
        let at = self.current.as_ref().map_or(0, |b| b.text.len());
        self.open_styles.push((style, at));
    }

    pub(super) fn close_style(&mut self, style: InlineStyle) {
        if let Some(index) = self.open_styles.iter().rposition(|(s, _)| *s == style) {
            let (_, start) = self.open_styles.remove(index);
            self.push_span(start, style);
        }
    }

    pub(super) fn push_span(&mut self, start: usize, style: InlineStyle) {
        if let Some(block) = self.current.as_mut()
            && block.text.len() > start
        {
            block.spans.push(StyleSpan {
                range: start..block.text.len(),
                style,
            });
        }
    }

    /// End the block being filled and keep it, unless it has no text.
    pub(super) fn finish_block(&mut self) {
        if let Some(block) = self.take_block()
            && !block.text.is_empty()
        {
            self.push_block(block);
        }
    }

    /// End the block being filled: close its styles, trim its end.
    pub(super) fn take_block(&mut self) -> Option<Block> {
        self.pending_soft_break = false;
        let mut block = self.current.take()?;
        // Styles still open (an unclosed `*`) end with the block.
        for (style, start) in self.open_styles.drain(..) {
            if block.text.len() > start {
                block.spans.push(StyleSpan {
                    range: start..block.text.len(),
                    style,
                });
            }
        }
        let trimmed = block.text.trim_end().len();
        block.text.truncate(trimmed);
        for span in &mut block.spans {
            span.range.end = span.range.end.min(trimmed);
        }
        block.spans.retain(|s| !s.range.is_empty());
        Some(block)
    }

    pub(super) fn push_block(&mut self, block: Block) {
        if block.kind == (BlockKind::Heading { level: 2 }) && self.footnotes.is_empty() {
            self.sections_seen += 1;
        }
        self.blocks.push(block);
    }
}

pub(super) fn new_block(kind: BlockKind) -> Block {
    Block {
        kind,
        text: String::new(),
        spans: Vec::new(),
        section: 0,
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}
