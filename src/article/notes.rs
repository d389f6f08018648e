//! Footnotes, link addresses and reference definitions: what a terminal cannot show
//! in place, listed at the end of the section, so that nothing the author wrote is lost.
//!
//! A footnote reference and a link are marked in the text with a number in brackets,
//! `[1]`, and the section ends with the numbered notes. Brackets and ASCII digits
//! rather than superscripts: ¹ ² ³ are East Asian Ambiguous (two columns in a wide
//! terminal, one in a narrow one), the other superscript digits are missing from many
//! CJK fonts, and all are too small to read at terminal size; `[1]` is what Chinese
//! references look like in print (GB/T 7714) and what text browsers (lynx) print.
//! Footnotes and links share one count, so every `[n]` in a section is unambiguous.
//!
//! A shortcut reference link (`见[2]`, with `[2]: 曹雪芹.红楼梦[M]` defined) keeps its
//! brackets as written and is listed under its own label: that is how a Chinese
//! bibliography is written. A reference definition no link uses would otherwise vanish
//! (pulldown-cmark reads it as markup), so it is shown as text where it was written.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{BrokenLinkCallback, Event, LinkType, Parser, Tag};

use super::sanitize::sanitize_text;
use super::{Block, BlockKind, InlineStyle, StyleSpan};

/// A link reference definition (`[label]: destination "title"`).
pub(super) struct Definition {
    /// Case-folded, as Markdown compares labels.
    label: String,
    span: Range<usize>,
}

/// Every reference definition the parser read.
pub(super) fn definitions<'a, F: BrokenLinkCallback<'a>>(
    parser: &Parser<'a, F>,
) -> Vec<Definition> {
    parser
        .reference_definitions()
        .iter()
        .map(|(label, def)| Definition {
            label: fold(label),
            span: def.span.clone(),
        })
        .collect()
}

/// Markdown labels match case-insensitively with white space collapsed.
fn fold(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether a link is written as `[text]` or `[text][]`: shown with its brackets.
pub(super) fn is_shortcut(link_type: LinkType) -> bool {
    matches!(
        link_type,
        LinkType::Shortcut
            | LinkType::Collapsed
            | LinkType::ShortcutUnknown
            | LinkType::CollapsedUnknown
    )
}

/// What a region's notes list holds, in order of first reference.
enum Entry {
    /// A footnote: its number and label (its blocks are kept by label).
    Footnote { number: u32, label: String },
    /// A link's address, under `marker` (`[1] ` or `[label] `).
    Link { marker: String, text: String },
}

/// The notes of a document as its events are read. A *region* is the part of the
/// body before the first `##` heading (0) or after the n-th one (n): a section.
#[derive(Default)]
pub(super) struct Notes {
    next: u32,
    /// Numbers that are also the label of a reference definition (`[2]: ...`, shown
    /// as `[2]` by a shortcut link or as itself when unused): skipped, so a section
    /// never shows two `[2]`.
    reserved: HashSet<String>,
    /// Footnote labels referenced anywhere.
    referenced: HashSet<String>,
    /// Footnote label → number.
    numbers: HashMap<String, u32>,
    /// Footnote label → its text, once its definition has been read.
    bodies: HashMap<String, Vec<Block>>,
    /// Per region, its notes.
    regions: Vec<Vec<Entry>>,
    /// Link notes already listed: (region, marker or address) → marker.
    links: HashMap<(usize, String), String>,
    /// Labels of the reference definitions some link used.
    pub(super) used_labels: HashSet<String>,
}

impl Notes {
    /// Look ahead over all events: which footnotes are referenced, which reference
    /// definitions are used, which numbers are taken by definitions' labels.
    pub(super) fn new(events: &[(Event<'_>, Range<usize>)], definitions: &[Definition]) -> Notes {
        let mut notes = Notes {
            next: 1,
            reserved: definitions.iter().map(|d| d.label.clone()).collect(),
            ..Notes::default()
        };
        for (event, _) in events {
            match event {
                Event::FootnoteReference(label) => {
                    notes.referenced.insert(fold(label));
                }
                Event::Start(Tag::Link { id, .. }) if !id.is_empty() => {
                    notes.used_labels.insert(fold(id));
                }
                _ => {}
            }
        }
        notes
    }

    fn number(&mut self) -> u32 {
        while self.reserved.contains(&self.next.to_string()) {
            self.next += 1;
        }
        self.next += 1;
        self.next - 1
    }

    fn region(&mut self, region: usize) -> &mut Vec<Entry> {
        if self.regions.len() <= region {
            self.regions.resize_with(region + 1, Vec::new);
        }
        &mut self.regions[region]
    }

    /// A footnote reference in `region`: the marker to put in the text.
    pub(super) fn footnote_reference(&mut self, label: &str, region: usize) -> String {
        let label = fold(label);
        let number = match self.numbers.get(&label) {
            Some(&n) => n,
            None => {
                let n = self.number();
                self.numbers.insert(label.clone(), n);
                self.region(region)
                    .push(Entry::Footnote { number: n, label });
                n
            }
        };
        format!("[{number}]")
    }

    /// A footnote definition starts in `region`. One that nothing references is still
    /// listed, at the end of the section it is written in.
    pub(super) fn footnote_definition(&mut self, label: &str, region: usize) {
        let label = fold(label);
        if !self.referenced.contains(&label) && !self.numbers.contains_key(&label) {
            let n = self.number();
            self.numbers.insert(label.clone(), n);
            self.region(region)
                .push(Entry::Footnote { number: n, label });
        }
    }

    /// The blocks of a footnote's definition (the first definition of a label wins).
    pub(super) fn footnote_body(&mut self, label: &str, blocks: Vec<Block>) {
        self.bodies.entry(fold(label)).or_insert(blocks);
    }

    /// A link ended in `region`, showing `text`: the marker to add after it, if any.
    /// A link whose text is its address needs no note; one with no address has none.
    pub(super) fn link(
        &mut self,
        region: usize,
        text: &str,
        dest: &str,
        title: &str,
        shortcut: bool,
    ) -> Option<String> {
        let text = text.trim();
        let dest = dest.trim();
        if dest.is_empty() || text == dest || Some(text) == dest.strip_prefix("mailto:") {
            return None;
        }
        let address = if title.trim().is_empty() {
            dest.to_string()
        } else {
            format!("{dest} \"{}\"", title.trim())
        };
        if shortcut {
            let marker = format!("[{text}] ");
            if let std::collections::hash_map::Entry::Vacant(slot) =
                self.links.entry((region, marker.clone()))
            {
                slot.insert(marker.clone());
                self.region(region).push(Entry::Link {
                    marker,
                    text: address,
                });
            }
            return None;
        }
        if let Some(marker) = self.links.get(&(region, address.clone())) {
            return Some(marker.clone());
        }
        let marker = format!("[{}]", self.number());
        self.links.insert((region, address.clone()), marker.clone());
        self.region(region).push(Entry::Link {
            marker: format!("{marker} "),
            text: address,
        });
        Some(marker)
    }

    /// The body's blocks with each region's notes after its last block. A `##`
    /// heading (level 2) starts a new region, as it starts a section.
    pub(super) fn place(mut self, blocks: Vec<Block>) -> Vec<Block> {
        let mut out = Vec::with_capacity(blocks.len());
        let mut region = 0;
        for block in blocks {
            if block.kind == (BlockKind::Heading { level: 2 }) {
                self.flush(region, &mut out);
                region += 1;
            }
            out.push(block);
        }
        for r in region..self.regions.len() {
            self.flush(r, &mut out);
        }
        // Definitions of footnotes that were read but never listed cannot exist
        // (every definition is listed where it is written), so nothing is left here.
        out
    }

    fn flush(&mut self, region: usize, out: &mut Vec<Block>) {
        let mut entries = self
            .regions
            .get_mut(region)
            .map(std::mem::take)
            .unwrap_or_default();
        // In number order; a `[label]` link's address, listed under its label, goes
        // where its label's number would (`[2]` among the numbers), others last.
        entries.sort_by_key(|entry| match entry {
            Entry::Footnote { number, .. } => *number,
            Entry::Link { marker, .. } => marker
                .trim()
                .trim_start_matches('[')
                .trim_end_matches(']')
                .parse()
                .unwrap_or(u32::MAX),
        });
        for entry in entries {
            match entry {
                Entry::Footnote { number, label } => {
                    let body = self.bodies.remove(&label).unwrap_or_default();
                    out.extend(footnote_blocks(number, body));
                }
                Entry::Link { marker, text } => {
                    let text = sanitize_text(&text).into_owned();
                    let len = text.len();
                    out.push(Block {
                        kind: BlockKind::Note { marker },
                        text,
                        spans: vec![StyleSpan {
                            range: 0..len,
                            style: InlineStyle::Link,
                        }],
                        section: 0,
                    });
                }
            }
        }
    }
}

/// A footnote's blocks as notes: the first under its number, the others continuing
/// it under a blank marker as wide. Code lines and tables keep their form; a list
/// item keeps its marker as text.
fn footnote_blocks(number: u32, body: Vec<Block>) -> Vec<Block> {
    let marker = format!("[{number}] ");
    // ASCII, so as many spaces as bytes are as wide.
    let hang = " ".repeat(marker.len());
    let mut out = Vec::with_capacity(body.len());
    for mut block in body {
        match block.kind {
            BlockKind::Code | BlockKind::Rule | BlockKind::Table(_) => {}
            BlockKind::ListItem { ref marker, .. } => {
                let marker = marker.clone();
                prefix(&mut block, &marker);
                block.kind = BlockKind::Note {
                    marker: hang.clone(),
                };
            }
            _ => {
                block.kind = BlockKind::Note {
                    marker: hang.clone(),
                }
            }
        }
        out.push(block);
    }
    match out.first_mut() {
        Some(
            first @ Block {
                kind: BlockKind::Note { .. },
                ..
            },
        ) => {
            first.kind = BlockKind::Note { marker };
        }
        // No text (`[^1]:` alone), or it starts with code: the number stands alone.
        _ => out.insert(
            0,
            Block {
                kind: BlockKind::Note { marker },
                text: String::new(),
                spans: Vec::new(),
                section: 0,
            },
        ),
    }
    out
}

/// Put `text` before a block's text, moving its styles along.
fn prefix(block: &mut Block, text: &str) {
    block.text.insert_str(0, text);
    for span in &mut block.spans {
        span.range = span.range.start + text.len()..span.range.end + text.len();
    }
}

/// Text pulldown-cmark read as markup and nothing shows: reference definitions no link
/// uses, and any second definition of a label (the first wins). Found as what lies
/// outside every top-level block, less the definitions that are used (their address
/// is listed as a note); definitions inside a quote or list are found by label.
/// Each is (byte offset, text), in order; consecutive lines make one piece.
pub(super) fn orphans(
    body: &str,
    events: &[(Event<'_>, Range<usize>)],
    definitions: &[Definition],
    used: &HashSet<String>,
) -> Vec<(usize, String)> {
    let mut covered = Vec::new();
    let mut depth = 0usize;
    for (event, range) in events {
        match event {
            Event::Start(_) => {
                if depth == 0 {
                    covered.push(range.clone());
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ if depth == 0 => covered.push(range.clone()),
            _ => {}
        }
    }
    let mut gaps = Vec::new();
    let mut at = 0;
    for range in covered {
        if range.start > at {
            gaps.push(at..range.start);
        }
        at = at.max(range.end);
    }
    if at < body.len() {
        gaps.push(at..body.len());
    }
    let mut used_spans: Vec<Range<usize>> = definitions
        .iter()
        .filter(|d| used.contains(&d.label))
        .map(|d| d.span.clone())
        .collect();
    used_spans.sort_by_key(|r| r.start);
    let mut out = Vec::new();
    for gap in &gaps {
        let mut group: Option<(usize, String)> = None;
        let mut start = gap.start;
        for line in body.get(gap.clone()).unwrap_or("").split_inclusive('\n') {
            let range = start..start + line.len();
            start = range.end;
            let kept = outside(body, range.clone(), &used_spans);
            let kept = kept.trim();
            if kept.is_empty() {
                out.extend(group.take());
            } else if let Some((_, text)) = group.as_mut() {
                text.push('\n');
                text.push_str(kept);
            } else {
                group = Some((range.start, kept.to_string()));
            }
        }
        out.extend(group);
    }
    for d in definitions {
        let in_gap = gaps.iter().any(|g| g.contains(&d.span.start));
        if !used.contains(&d.label) && !in_gap {
            let text = body.get(d.span.clone()).unwrap_or("").trim();
            if !text.is_empty() {
                out.push((d.span.start, text.to_string()));
            }
        }
    }
    out.sort_by_key(|(at, _)| *at);
    out
}

/// The text of `range` outside the (sorted) `spans`.
fn outside(body: &str, range: Range<usize>, spans: &[Range<usize>]) -> String {
    let mut out = String::new();
    let mut at = range.start;
    for span in spans {
        if span.end <= at || span.start >= range.end {
            continue;
        }
        if span.start > at {
            out.push_str(body.get(at..span.start).unwrap_or(""));
        }
        at = span.end;
    }
    if at < range.end {
        out.push_str(body.get(at..range.end).unwrap_or(""));
    }
    out
}
