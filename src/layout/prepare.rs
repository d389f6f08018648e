//! Stage 1: flatten an article into paragraphs and measure every grapheme cluster once.
//!
//! Per cluster we keep its byte end (`u32`) and one byte packing its width (0..=2) with
//! the break flags below, so a relayout is a scan over two flat arrays and never looks
//! at the text again.

use crate::article::{Article, Block, BlockKind, StyleSpan};

use super::breaks::{Class, allowed, class_of};
use super::cluster::Clusters;
use super::lines::{Document, Para, ParaKind};
use super::width::{Ambiguous, char_width, cluster_width, str_width};

/// Mask of the width bits.
pub(super) const WIDTH: u8 = 0b11;
/// A line may break after this cluster.
pub(super) const F_BREAK: u8 = 1 << 2;
/// A line must break after this cluster (`\n`).
pub(super) const F_MANDATORY: u8 = 1 << 3;
/// A space (or line break) that hangs: never counted at the end of a line.
pub(super) const F_HANG: u8 = 1 << 4;
/// `/ ? & =`: preferred place to cut a token too long for the line (URLs).
pub(super) const F_URL_CUT: u8 = 1 << 5;

pub(super) fn from_text(text: &str, ambiguous: Ambiguous) -> Document {
    let mut doc = empty(ambiguous, text.len());
    doc.push_para(text, ParaKind::Paragraph, 0, &[]);
    doc.section_paras.push(0);
    doc
}

pub(super) fn from_article(article: &Article, ambiguous: Ambiguous) -> Document {
    let size = article.blocks.iter().map(|b| b.text.len()).sum::<usize>() + 256;
    let mut doc = empty(ambiguous, size);
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
    for block in &article.blocks {
        doc.push_block(block);
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
    doc
}

fn empty(ambiguous: Ambiguous, bytes: usize) -> Document {
    // Chinese text is 3 bytes per cluster; over-reserving for Latin text is cheap.
    let clusters = bytes / 3 + 16;
    Document {
        text: String::with_capacity(bytes),
        paras: Vec::new(),
        ends: Vec::with_capacity(clusters),
        meta: Vec::with_capacity(clusters),
        spans: Vec::new(),
        markers: Vec::new(),
        section_paras: Vec::new(),
        ambiguous,
    }
}

impl Document {
    fn push_block(&mut self, block: &Block) {
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
            BlockKind::Code => ParaKind::Code,
            BlockKind::Rule => ParaKind::Rule,
        };
        let text = if kind == ParaKind::Rule {
            ""
        } else {
            block.text.as_str()
        };
        self.push_para(text, kind, block.section as u32, &block.spans);
    }

    /// Append one paragraph: copy its text, measure its clusters, find its breaks.
    fn push_para(&mut self, text: &str, kind: ParaKind, section: u32, spans: &[StyleSpan]) {
        let start = self.text.len() as u32;
        self.text.push_str(text);
        let c0 = self.ends.len() as u32;
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
            text: start..self.text.len() as u32,
            clusters: c0..self.ends.len() as u32,
            spans: s0..self.spans.len() as u32,
            kind,
            section,
        });
    }

    /// One pass over the clusters: width, class, and the break after the previous one
    /// (which needs this cluster's class, and the class before it for context).
    fn measure(&mut self, text: &str, code: bool) {
        let a = self.ambiguous;
        let mut before = Class::ID;
        let mut prev: Option<Class> = None;
        for (s, e, c) in Clusters::new(text) {
            let w = if e - s == c.len_utf8() {
                char_width(c, a)
            } else {
                cluster_width(&text[s..e], a)
            };
            let class = class_of(c);
            if let Some(p) = prev {
                if let Some(m) = self.meta.last_mut() {
                    if p == Class::BK {
                        *m |= F_MANDATORY;
                    } else if !code && allowed(before, p, class) {
                        *m |= F_BREAK;
                    }
                }
                // A space decides from the last class before its run of spaces (LB14).
                if !(p == Class::SP && class == Class::SP) {
                    before = p;
                }
            }
            let mut m = w.min(2) as u8;
            match class {
                Class::BK => m |= F_HANG,
                Class::SP if !code => m |= F_HANG,
                _ => {}
            }
            if !code && matches!(c, '/' | '?' | '&' | '=') {
                m |= F_URL_CUT;
            }
            self.meta.push(m);
            self.ends.push(e as u32);
            prev = Some(class);
        }
        if prev == Some(Class::BK) {
            if let Some(m) = self.meta.last_mut() {
                *m |= F_MANDATORY;
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
