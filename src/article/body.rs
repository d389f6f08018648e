//! CommonMark body -> blocks and sections (pulldown-cmark).
//!
//! Kept: paragraphs, `##` sections, deeper headings, block quotes, lists,
//! emphasis/strong/code/links, rules, code blocks. Everything else (HTML, images)
//! degrades to its text: nothing the author wrote is silently dropped.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::sanitize::sanitize_text;
use super::{Block, BlockKind, InlineStyle, Section, StyleSpan};

/// Label of the implicit section before the first heading.
pub const LEAD_LABEL: &str = "导语";

/// Parse the body. `_first_line` is where the body starts in the file (kept for
/// future diagnostics; Markdown itself never fails to parse).
pub fn parse_body(body: &str, _first_line: usize) -> (Vec<Block>, Vec<Section>) {
    let mut builder = Builder::default();
    for event in Parser::new_ext(body, Options::empty()) {
        builder.event(event);
    }
    builder.finish_block();
    let sections = sections(&mut builder.blocks);
    (builder.blocks, sections)
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    /// The block being filled, if any.
    current: Option<Block>,
    /// Inline styles opened and not yet closed, with their start offsets.
    open_styles: Vec<(InlineStyle, usize)>,
    quote_depth: u8,
    /// One entry per open list: the next number, or None for bullets.
    lists: Vec<Option<u64>>,
    /// Marker of a list item whose text has not started yet.
    pending_marker: Option<String>,
    pending_soft_break: bool,
    in_code_block: bool,
}

impl Builder {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) if self.in_code_block => self.code_text(&text),
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => {
                self.text(&text);
            }
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
                self.blocks.push(new_block(BlockKind::Rule));
            }
            // Footnotes, math and task lists are not enabled; show any text they carry.
            Event::FootnoteReference(text) | Event::InlineMath(text) | Event::DisplayMath(text) => {
                self.text(&text);
            }
            Event::TaskListMarker(done) => {
                self.text(if done { "[x] " } else { "[ ] " });
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
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
            Tag::Emphasis => self.open_style(InlineStyle::Emphasis),
            Tag::Strong => self.open_style(InlineStyle::Strong),
            Tag::Link { .. } => self.open_style(InlineStyle::Link),
            // HTML blocks, images, tables and the rest: their text arrives as Text events.
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::HtmlBlock => {
                self.finish_block()
            }
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
            TagEnd::Link => self.close_style(InlineStyle::Link),
            _ => {}
        }
    }

    /// The kind of a paragraph at the current nesting.
    fn body_kind(&mut self) -> BlockKind {
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

    fn open(&mut self, kind: BlockKind) {
        self.finish_block();
        self.current = Some(new_block(kind));
    }

    /// Append text, opening a block if a tight list item or stray text needs one.
    /// Returns the byte offset where the text starts.
    fn text(&mut self, text: &str) -> usize {
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
    fn code_text(&mut self, text: &str) {
        for line in sanitize_text(text).lines() {
            let mut block = new_block(BlockKind::Code);
            block.text = line.to_string();
            self.blocks.push(block);
        }
    }

    fn open_style(&mut self, style: InlineStyle) {
        let at = self.current.as_ref().map_or(0, |b| b.text.len());
        self.open_styles.push((style, at));
    }

    fn close_style(&mut self, style: InlineStyle) {
        if let Some(index) = self.open_styles.iter().rposition(|(s, _)| *s == style) {
            let (_, start) = self.open_styles.remove(index);
            self.push_span(start, style);
        }
    }

    fn push_span(&mut self, start: usize, style: InlineStyle) {
        if let Some(block) = self.current.as_mut()
            && block.text.len() > start
        {
            block.spans.push(StyleSpan {
                range: start..block.text.len(),
                style,
            });
        }
    }

    fn finish_block(&mut self) {
        self.pending_soft_break = false;
        if let Some(mut block) = self.current.take() {
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
            if !block.text.is_empty() {
                self.blocks.push(block);
            }
        }
    }
}

fn new_block(kind: BlockKind) -> Block {
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

/// Characters that are written without spaces between them: CJK ideographs, kana,
/// full-width forms and CJK punctuation (wide in every terminal).
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3FFFF}'
        | '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

/// Assign every block to a section and build the section list: the lead (导语)
/// before the first `##`, then one section per `##` heading.
fn sections(blocks: &mut [Block]) -> Vec<Section> {
    let mut sections = Vec::new();
    let first_heading = blocks
        .iter()
        .position(|b| b.kind == BlockKind::Heading { level: 2 });
    if first_heading != Some(0) {
        sections.push(Section {
            label: LEAD_LABEL.to_string(),
            title: LEAD_LABEL.to_string(),
            first_block: 0,
            is_lead: true,
        });
    }
    for (index, block) in blocks.iter_mut().enumerate() {
        if block.kind == (BlockKind::Heading { level: 2 }) {
            let title = block.text.replace('\n', " ");
            sections.push(Section {
                label: section_label(&title),
                title,
                first_block: index,
                is_lead: false,
            });
        }
        block.section = sections.len().saturating_sub(1);
    }
    sections
}

/// The short label of a heading: the text before its first colon, full-width
/// `：` or ASCII `:` (the bundled article's web source uses ASCII colons), when
/// that leaves a non-empty label; otherwise the whole heading.
pub fn section_label(title: &str) -> String {
    match title.find(['：', ':']) {
        Some(end) if !title[..end].trim().is_empty() => title[..end].trim().to_string(),
        _ => title.trim().to_string(),
    }
}
