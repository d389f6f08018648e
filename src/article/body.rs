//! CommonMark body -> blocks and sections (pulldown-cmark).
//!
//! Kept: paragraphs, `##` sections, deeper headings, block quotes, lists (task lists
//! with `[ ]`/`[x]`), emphasis/strong/strikethrough/code/links, rules, code blocks,
//! tables, footnotes. Link addresses and footnotes are listed at the end of their
//! section (`notes`), HTML is reduced to its text (`html`), an image shows as
//! `[图：alt]`. Nothing the author wrote is silently dropped.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser};

use super::builder::Builder;
use super::notes::{self, Notes};
use super::{Block, BlockKind, Section};

/// Label of the implicit section before the first heading.
pub const LEAD_LABEL: &str = "导语";

/// The Markdown extensions read. Footnotes use the GitHub syntax (not
/// `ENABLE_OLD_FOOTNOTES`): both read `正文[^1]。` followed directly by `[^1]: 注。`
/// as a reference and a definition, but only the GitHub syntax leaves a reference to
/// an undefined note as the text `[^4]` instead of a dangling link, and reads
/// `[^1]: a` and `[^2]: b` on consecutive lines as two notes, not one.
fn options() -> Options {
    Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// Parse the body. `_first_line` is where the body starts in the file (kept for
/// future diagnostics; Markdown itself never fails to parse).
pub fn parse_body(body: &str, _first_line: usize) -> (Vec<Block>, Vec<Section>) {
    let parser = Parser::new_ext(body, options());
    let definitions = notes::definitions(&parser);
    // All events first: whether a reference definition is used, or a footnote
    // referenced, is known only at the end, and decides what shows earlier.
    let events: Vec<(Event<'_>, Range<usize>)> = parser.into_offset_iter().collect();
    let notes = Notes::new(&events, &definitions);
    let orphans = notes::orphans(body, &events, &definitions, &notes.used_labels);
    let mut builder = Builder {
        notes,
        orphans: orphans.into(),
        ..Builder::default()
    };
    for (event, range) in events {
        builder.place_orphans(range.start);
        builder.event(event);
    }
    builder.place_orphans(usize::MAX);
    builder.finish_block();
    let mut blocks = builder.notes.place(builder.blocks);
    let sections = sections(&mut blocks);
    (blocks, sections)
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
            // A link or footnote in a heading leaves its `[n]` marker in the text;
            // the section strip and the contents show the heading without it.
            let title = without_note_refs(block).replace('\n', " ");
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

/// A block's text without the `[n]` markers of its links and footnotes.
fn without_note_refs(block: &Block) -> String {
    let mut refs: Vec<&std::ops::Range<usize>> = block
        .spans
        .iter()
        .filter(|s| s.style == super::InlineStyle::NoteRef)
        .map(|s| &s.range)
        .collect();
    refs.sort_by_key(|r| r.start);
    let mut out = String::with_capacity(block.text.len());
    let mut at = 0;
    for range in refs {
        if range.start >= at && range.end <= block.text.len() {
            out.push_str(block.text.get(at..range.start).unwrap_or_default());
            at = range.end;
        }
    }
    out.push_str(block.text.get(at..).unwrap_or_default());
    out.trim_end().to_string()
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
