//! Stage 1: flatten an article into paragraphs and measure every grapheme cluster once.
//!
//! Per cluster we keep one byte: its width (0..=2) in bits 0..2, the break flags below,
//! and its byte length minus 1 in bits 6..8. Clusters longer than 4 bytes set the width
//! bits to [`LONG`] and keep width and length in `Document::long`. A relayout is a scan
//! over this one array and never looks at the text again.

use std::sync::Arc;

use crate::article::{Article, Block, BlockKind, Cell, StyleSpan, Table};

use super::document::Source;
use super::lines::{Document, Measure, Para, ParaKind};
use super::table::TableInfo;
use super::width::str_width;

/// Mask of the width bits.
pub(super) const WIDTH: u8 = 0b11;
/// Width bits of a cluster longer than 4 bytes: see `Document::long`.
pub(super) const LONG: u8 = 0b11;
/// Position of the byte length (minus 1) of clusters up to 4 bytes.
pub(super) const LEN_SHIFT: u8 = 6;
/// A line may break after this cluster.
pub(super) const F_BREAK: u8 = 1 << 2;
/// A line must break after this cluster (`\n`).
pub(super) const F_MANDATORY: u8 = 1 << 3;
/// A space (or line break) that hangs: never counted at the end of a line.
pub(super) const F_HANG: u8 = 1 << 4;
/// `/ ? & =`: preferred place to cut a token too long for the line (URLs).
pub(super) const F_URL_CUT: u8 = 1 << 5;

pub(super) fn from_text(text: &str, measure: Measure) -> Document {
    let mut doc = empty(measure, text.len(), text.chars().count());
    doc.push_para(text, ParaKind::Paragraph, 0, &[]);
    doc.section_paras.push(0);
    doc.mark();
    doc
}

pub(super) fn from_article(article: &Article, measure: Measure) -> Document {
    build(article, None, measure)
}

/// [`from_article`] for a document that keeps `article` and shows its blocks'
/// texts from there instead of a copy: the reader holds the article anyway, and
/// the second copy of 红楼梦's text was 2.5 of the 16.6 MiB the reader peaked at
/// (issue 12).
pub(super) fn from_shared(article: &Arc<Article>, measure: Measure) -> Document {
    build(article, Some(Arc::clone(article)), measure)
}

/// The document of `article`; `shared` is the same article, when its blocks'
/// texts are to be shown from it rather than copied.
fn build(article: &Article, shared: Option<Arc<Article>>, measure: Measure) -> Document {
    // Titles, bylines and table cells are copied either way.
    let size = match shared {
        Some(_) => 256,
        None => article.blocks.iter().map(|b| b.text.len()).sum::<usize>() + 256,
    };
    let chars = article
        .blocks
        .iter()
        .map(|b| b.text.chars().count())
        .sum::<usize>()
        + 256;
    let mut doc = empty(measure, size, chars);
    doc.article = shared;
    let meta = &article.meta;
    if !meta.title.is_empty() {
        doc.push_para(&meta.title, ParaKind::Title, 0, &[]);
    }
    if let Some(sub) = meta.subtitle.as_deref().filter(|s| !s.is_empty()) {
        doc.push_para(sub, ParaKind::Subtitle, 0, &[]);
    }
    let byline: Vec<&str> = [&meta.kicker, &meta.date, &meta.source]
        .into_iter()
        .filter_map(|s| s.as_deref().filter(|s| !s.is_empty()))
        .collect();
    if !byline.is_empty() {
        doc.push_para(&byline.join(" · "), ParaKind::Byline, 0, &[]);
    }
    let title_paras = doc.paras.len();
    for (index, block) in article.blocks.iter().enumerate() {
        doc.push_block(index, block);
    }
    doc.section_paras = article
        .sections
        .iter()
        .map(|s| {
            if s.first_block < article.blocks.len() {
                (title_paras + s.first_block) as u32
            } else {
                u32::MAX
            }
        })
        .collect();
    if doc.section_paras.is_empty() {
        doc.section_paras.push(0);
    }
    doc.mark();
    doc
}

/// A document with room for `bytes` of text in at most `chars` clusters (a
/// cluster is one character or more). Counting the characters costs a pass over
/// the text but reserves `meta` once: `bytes / 3` fell short on 红楼梦, whose
/// few ASCII characters made `meta` double (a copy, and half of it unused).
fn empty(measure: Measure, bytes: usize, chars: usize) -> Document {
    let clusters = chars + 16;
    Document {
        text: String::with_capacity(bytes),
        article: None,
        paras: Vec::new(),
        long: Vec::new(),
        marks: Vec::with_capacity(clusters / 64 + 1),
        meta: Vec::with_capacity(clusters),
        spans: Vec::new(),
        markers: Vec::new(),
        section_paras: Vec::new(),
        tables: Vec::new(),
        ambiguous: measure.ambiguous,
        korean: measure.korean,
    }
}

impl Document {
    /// Block `index` of the article.
    fn push_block(&mut self, index: usize, block: &Block) {
        let kind = match &block.kind {
            BlockKind::Paragraph => ParaKind::Paragraph,
            BlockKind::Heading { level } => ParaKind::Heading(*level),
            BlockKind::Quote { depth } => ParaKind::Quote(*depth),
            BlockKind::ListItem { marker, depth } => {
                let width = str_width(marker, self.ambiguous).min(u16::MAX as usize) as u16;
                self.markers.push(marker.clone());
                ParaKind::ListItem {
                    marker: (self.markers.len() - 1) as u32,
                    width,
                    depth: *depth,
                }
            }
            BlockKind::Note { marker } => {
                let width = str_width(marker, self.ambiguous).min(u16::MAX as usize) as u16;
                self.markers.push(marker.clone());
                ParaKind::Note {
                    marker: (self.markers.len() - 1) as u32,
                    width,
                }
            }
            BlockKind::Code => ParaKind::Code,
            BlockKind::Rule => ParaKind::Rule,
            BlockKind::Table(table) => return self.push_table(table, block.section as u32),
        };
        let section = block.section as u32;
        match kind {
            ParaKind::Rule => self.push_para("", kind, section, &[]),
            _ if self.article.is_some() => {
                let source = Source::Block(index as u32);
                self.push_from(&block.text, source, kind, section, &block.spans);
            }
            _ => self.push_para(&block.text, kind, section, &block.spans),
        }
    }

    /// A table: a paragraph of its own (no text) and one per cell, row by row, each
    /// measured like text so a cell breaks by the same rules.
    fn push_table(&mut self, table: &Table, section: u32) {
        let index = self.tables.len() as u32;
        self.push_para("", ParaKind::Table { index }, section, &[]);
        let columns = table.alignments.len();
        let first_cell = self.paras.len() as u32;
        let empty = Cell::default();
        for row in &table.rows {
            for c in 0..columns {
                let cell = row.get(c).unwrap_or(&empty);
                self.push_para(&cell.text, ParaKind::Cell, section, &cell.spans);
            }
        }
        self.tables.push(TableInfo {
            alignments: table.alignments.clone(),
            header: table.header,
            rows: table.rows.len(),
            first_cell,
        });
    }

    /// Append one paragraph: copy its text, measure its clusters, find its breaks.
    fn push_para(&mut self, text: &str, kind: ParaKind, section: u32, spans: &[StyleSpan]) {
        let source = Source::Copied(self.text.len() as u32);
        self.text.push_str(text);
        self.push_from(text, source, kind, section, spans);
    }

    /// Append one paragraph whose text is `text`, kept at `source`.
    fn push_from(
        &mut self,
        text: &str,
        source: Source,
        kind: ParaKind,
        section: u32,
        spans: &[StyleSpan],
    ) {
        // Offsets run on across paragraphs as if all texts were in one buffer.
        let start = self.paras.last().map_or(0, |p| p.text.end);
        let c0 = self.meta.len() as u32;
        let s0 = self.spans.len() as u32;
        for span in spans {
            // Clamp to the text and to character boundaries so slicing can never panic.
            let a = floor_boundary(text, span.range.start);
            let b = floor_boundary(text, span.range.end);
            if a < b {
                self.spans.push((a as u32..b as u32, span.style));
            }
        }
        self.measure(text, kind == ParaKind::Code);
        self.paras.push(Para {
            text: start..start + text.len() as u32,
            source,
            clusters: c0..self.meta.len() as u32,
            spans: s0..self.spans.len() as u32,
            kind,
            section,
        });
    }
}

impl Document {
    /// Record the byte offset of every 64th cluster, once all paragraphs are in.
    ///
    /// Paragraph texts and clusters are both contiguous, so this is a running sum of
    /// cluster lengths: 64 packed lengths at a time (a loop LLVM vectorises), plus the
    /// extra bytes of the few long clusters, whose packed length reads as 1.
    fn mark(&mut self) {
        self.marks.clear();
        let mut off = 0u32;
        let mut long = self.long.iter().peekable();
        for (k, chunk) in self.meta.chunks(64).enumerate() {
            self.marks.push(off);
            let end = (k * 64 + chunk.len()) as u32;
            off += chunk
                .iter()
                .map(|&m| (m >> LEN_SHIFT) as u32 + 1)
                .sum::<u32>();
            while let Some(&&(i, len, _)) = long.peek() {
                if i >= end {
                    break;
                }
                off += len - 1;
                long.next();
            }
        }
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{InlineStyle, Meta, Origin, Section};
    use crate::layout::Ambiguous;

    fn doc_of(text: &str) -> Document {
        from_text(text, Ambiguous::Narrow.into())
    }

    #[test]
    fn flags_per_cluster() {
        let d = doc_of("中 文\n");
        let len = |n: u8| (n - 1) << LEN_SHIFT;
        assert_eq!(d.meta[0], 2 | len(3), "no break before a space");
        assert_eq!(d.meta[1], 1 | F_HANG | F_BREAK | len(1));
        assert_eq!(d.meta[2], 2 | len(3), "no break before a line break");
        assert_eq!(d.meta[3], F_HANG | F_MANDATORY | len(1));
    }

    #[test]
    fn one_entry_per_cluster() {
        let d = doc_of("👨\u{200D}👩\u{200D}👧a❤\u{FE0F}");
        let clusters: Vec<(u32, u32)> =
            (0..d.meta.len()).map(|i| d.cluster(i, d.meta[i])).collect();
        assert_eq!(clusters, [(2, 18), (1, 1), (2, 6)]);
        assert_eq!(d.long, [(0, 18, 2), (2, 6, 2)]);
    }

    #[test]
    fn marks_are_the_offsets_of_every_64th_cluster() {
        let pieces = [
            "中",
            "a",
            " ",
            "👨\u{200D}👩\u{200D}👧",
            "e\u{301}\u{302}",
            "，",
            "\n",
        ];
        let text: String = (0..1000)
            .map(|i| pieces[i * 7 % 11 % pieces.len()])
            .collect();
        let d = doc_of(&text);
        let mut off = 0;
        let mut naive = Vec::new();
        for i in 0..d.meta.len() {
            if i % 64 == 0 {
                naive.push(off);
            }
            off += d.cluster(i, d.meta[i]).1;
        }
        assert_eq!(off as usize, text.len());
        assert_eq!(d.marks, naive);
        assert!(d.long.len() > 10);
    }

    #[test]
    fn code_has_no_break_opportunities_and_no_hanging_spaces() {
        let mut d = empty(Ambiguous::Narrow.into(), 16, 16);
        d.push_para("a b/c", ParaKind::Code, 0, &[]);
        assert!(
            d.meta
                .iter()
                .all(|m| m & (F_BREAK | F_HANG | F_URL_CUT) == 0)
        );
    }

    #[test]
    fn spans_are_clamped_to_character_boundaries() {
        let mut d = empty(Ambiguous::Narrow.into(), 16, 16);
        let spans = [
            StyleSpan {
                range: 1..4,
                style: InlineStyle::Strong,
            },
            StyleSpan {
                range: 3..99,
                style: InlineStyle::Link,
            },
            StyleSpan {
                range: 1..2,
                style: InlineStyle::Code,
            },
        ];
        d.push_para("中文", ParaKind::Paragraph, 0, &spans);
        assert_eq!(
            d.spans,
            [(0..3, InlineStyle::Strong), (3..6, InlineStyle::Link)]
        );
    }

    #[test]
    fn a_shared_document_shows_its_article_without_copying_the_blocks() {
        let markdown = "+++\ntitle = \"标题\"\n+++\n\n导语**加粗**，[链接](https://example.com)。\n\n\
            ## 第一节\n\n- 列表项\n\n| 甲 | 乙 |\n|---|---|\n| 一 | 二 |\n\n---\n\n\
            ```\ncode\n```\n\n> 引文\n";
        let article =
            crate::article::parse::parse_article("x", Origin::Bundled("x.md"), markdown.as_bytes())
                .map_err(|e| e.message)
                .unwrap();
        let article = Arc::new(article);
        let measure = Ambiguous::Narrow.into();
        let copied = from_article(&article, measure);
        let shared = from_shared(&article, measure);
        // Only the title and the table's cells are copied; the blocks are not.
        assert_eq!(shared.text, "标题甲乙一二");
        assert!(copied.text.contains("导语加粗"));
        assert_eq!(shared.paragraph_count(), copied.paragraph_count());
        for p in 0..copied.paragraph_count() {
            assert_eq!(shared.paragraph(p), copied.paragraph(p));
        }
        assert_eq!(
            (&shared.meta, &shared.marks, &shared.spans),
            (&copied.meta, &copied.marks, &copied.spans)
        );
        for width in [7, 40] {
            let options = crate::layout::LayoutOptions {
                width,
                ..Default::default()
            };
            let (a, b) = (copied.layout(&options), shared.layout(&options));
            assert_eq!(a, b);
            for i in 0..a.lines.len() {
                assert_eq!(copied.line_segments(&a, i), shared.line_segments(&b, i));
            }
        }
    }

    #[test]
    fn title_block_from_meta() {
        let article = Article {
            id: "x".into(),
            origin: Origin::Bundled("x.md"),
            meta: Meta {
                title: "标题".into(),
                subtitle: None,
                kicker: Some("组织建设".into()),
                date: None,
                source: Some("宁波日报".into()),
                ..Meta::default()
            },
            blocks: vec![Block {
                kind: BlockKind::Rule,
                text: "---".into(),
                spans: vec![],
                section: 0,
            }],
            sections: vec![Section {
                label: "导语".into(),
                title: "导语".into(),
                first_block: 0,
                is_lead: true,
            }],
        };
        let d = from_article(&article, Ambiguous::Narrow.into());
        let kinds: Vec<ParaKind> = d.paras.iter().map(|p| p.kind).collect();
        assert_eq!(kinds, [ParaKind::Title, ParaKind::Byline, ParaKind::Rule]);
        assert_eq!(d.para_text(&d.paras[1]), "组织建设 · 宁波日报");
        assert_eq!(d.para_text(&d.paras[2]), "", "a rule shows no text");
        assert_eq!(d.section_paras, [2]);
    }
}
