//! The private side of [`Document`]: paragraphs and how to find clusters in them.

use std::ops::Range;

use super::lines::Document;
use super::prepare::{LEN_SHIFT, LONG, WIDTH};

/// One paragraph of the document: a title-block line or an article block.
#[derive(Debug, Clone)]
pub(crate) struct Para {
    /// Byte range of the text among all the paragraphs' texts, as if they were
    /// in one buffer (what `Document::marks` count in); where the text is kept
    /// is `source`.
    pub(super) text: Range<u32>,
    pub(super) source: Source,
    /// Cluster range in `Document::meta` (global cluster indices).
    pub(super) clusters: Range<u32>,
    /// Range in `Document::spans`.
    pub(super) spans: Range<u32>,
    pub(super) kind: ParaKind,
    pub(super) section: u32,
}

/// Where a paragraph's text is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// In `Document::text`, from this byte on.
    Copied(u32),
    /// All the text of this block of `Document::article`.
    Block(u32),
}

/// How a paragraph is presented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParaKind {
    Title,
    Subtitle,
    Byline,
    Paragraph,
    Heading(u8),
    Quote(u8),
    ListItem {
        marker: u32,
        width: u16,
        depth: u8,
    },
    Code,
    Rule,
    /// A note; `marker` indexes `Document::markers` like a list item's.
    Note {
        marker: u32,
        width: u16,
    },
    /// A table; `index` into `Document::tables`. Its text is empty: its cells follow.
    Table {
        index: u32,
    },
    /// A table cell's text, laid out by the table.
    Cell,
}

impl Document {
    /// Width and byte length of the cluster with global index `i` and packed byte `m`.
    #[inline(always)]
    pub(super) fn cluster(&self, i: usize, m: u8) -> (u32, u32) {
        if m & WIDTH != LONG {
            ((m & WIDTH) as u32, (m >> LEN_SHIFT) as u32 + 1)
        } else {
            self.long_cluster(i)
        }
    }

    #[cold]
    fn long_cluster(&self, i: usize) -> (u32, u32) {
        match self.long.binary_search_by_key(&(i as u32), |l| l.0) {
            Ok(k) => (self.long[k].2 as u32, self.long[k].1),
            Err(_) => (0, 0),
        }
    }

    /// The cluster starting at byte `at` of paragraph `p` (or the first one after it):
    /// its global index and its start, relative to the paragraph.
    pub(super) fn cluster_at(&self, p: &Para, at: u32) -> (usize, u32) {
        let (c0, c1) = (p.clusters.start as usize, p.clusters.end as usize);
        let g = p.text.start + at;
        // Marks of this paragraph's clusters: k * 64 in [c0, c1).
        let (k0, k1) = (c0.div_ceil(64), c1.div_ceil(64).min(self.marks.len()));
        let (mut i, mut off) = (c0, p.text.start);
        if k0 < k1 {
            let k = k0 + self.marks[k0..k1].partition_point(|&o| o <= g);
            if k > k0 {
                (i, off) = ((k - 1) * 64, self.marks[k - 1]);
            }
        }
        while i < c1 && off < g {
            off += self.cluster(i, self.meta[i]).1;
            i += 1;
        }
        (i, off - p.text.start)
    }

    pub(super) fn para_text(&self, p: &Para) -> &str {
        let text = match p.source {
            Source::Copied(at) => {
                let at = at as usize;
                self.text.get(at..at + (p.text.end - p.text.start) as usize)
            }
            Source::Block(index) => self
                .article
                .as_ref()
                .and_then(|a| a.blocks.get(index as usize))
                .map(|b| b.text.as_str()),
        };
        text.unwrap_or("")
    }
}
