//! Turning lines back into text: styled segments for the screen, plain lines for `dump`.

use std::borrow::Cow;

use crate::article::InlineStyle;

use super::lines::{Document, Layout, Line, LineKind, PLACEHOLDER, Para, ParaKind, Segment};
use super::prepare::F_HANG;

/// Enough spaces / ideographic spaces to borrow any usual lead from.
const SPACES: &str = "                                                                ";
const IDEOGRAPHIC_SPACES: &str = "\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}";

fn spaces(n: usize) -> Cow<'static, str> {
    SPACES
        .get(..n)
        .map_or_else(|| Cow::Owned(" ".repeat(n)), Cow::Borrowed)
}

/// The text layout adds before a line: indent, quote indent, list marker.
fn lead_text<'a>(doc: &'a Document, p: &Para, line: &Line) -> Cow<'a, str> {
    let lead = line.lead as usize;
    let first = line.range.start == 0;
    match p.kind {
        ParaKind::Paragraph if first => {
            // The first-line indent is made of U+3000, 2 columns each.
            let n = lead / 2;
            let mut s = IDEOGRAPHIC_SPACES
                .get(..n * 3)
                .map_or_else(|| Cow::Owned("\u{3000}".repeat(n)), Cow::Borrowed);
            if lead % 2 == 1 {
                s.to_mut().push(' ');
            }
            s
        }
        ParaKind::ListItem { marker, width, .. } | ParaKind::Note { marker, width } if first => {
            let marker = doc.markers.get(marker as usize).map_or("", String::as_str);
            let pad = lead.saturating_sub(width as usize);
            if pad == 0 {
                Cow::Borrowed(marker)
            } else {
                Cow::Owned(format!("{}{marker}", spaces(pad)))
            }
        }
        _ => spaces(lead),
    }
}

/// Whether the line shows a 2-column cluster squeezed into one column.
fn is_placeholder(doc: &Document, p: &Para, line: &Line) -> bool {
    if line.width != 1 || line.lead != 0 {
        return false;
    }
    let (i, _) = doc.cluster_at(p, line.range.start);
    // A line of width 1 whose first cluster is wider: the cluster did not fit.
    i < p.clusters.end as usize && doc.cluster(i, doc.meta[i]).0 >= 2
}

/// End of the line's text without hanging spaces and line breaks.
fn visible_end(doc: &Document, p: &Para, line: &Line) -> u32 {
    let (i, off) = doc.cluster_at(p, line.range.start);
    walk_line(doc, p, line, i, off).0
}

/// From cluster `i` at byte `off` (the line's start) through the line's clusters:
/// the end of its visible text, and the cluster and byte where the next line starts.
fn walk_line(
    doc: &Document,
    p: &Para,
    line: &Line,
    mut i: usize,
    mut off: u32,
) -> (u32, usize, u32) {
    let mut end = off;
    while off < line.range.end && i < p.clusters.end as usize {
        let m = doc.meta[i];
        off += doc.cluster(i, m).1;
        if m & F_HANG == 0 {
            end = off;
        }
        i += 1;
    }
    (end.min(line.range.end), i, off)
}

pub(super) fn segments<'a>(doc: &'a Document, line: &Line) -> Vec<Segment<'a>> {
    let mut out = Vec::new();
    let Some(p) = doc.paras.get(line.para as usize) else {
        return out;
    };
    if matches!(
        line.kind,
        LineKind::Blank | LineKind::Rule | LineKind::Table
    ) {
        return out;
    }
    if line.lead > 0 {
        out.push(Segment {
            text: lead_text(doc, p, line),
            inline: Vec::new(),
            added: true,
            range: line.range.start..line.range.start,
            para: line.para,
        });
    }
    if is_placeholder(doc, p, line) {
        out.push(Segment {
            text: Cow::Borrowed(PLACEHOLDER),
            inline: Vec::new(),
            added: true,
            range: line.range.clone(),
            para: line.para,
        });
        return out;
    }
    let text = doc.para_text(p);
    let (start, end) = (line.range.start, visible_end(doc, p, line));
    let spans = doc
        .spans
        .get(p.spans.start as usize..p.spans.end as usize)
        .unwrap_or(&[]);
    // Cut points: the line's ends plus every span edge inside the line.
    let mut cuts: Vec<u32> = vec![start, end];
    for (r, _) in spans {
        for x in [r.start, r.end] {
            if x > start && x < end {
                cuts.push(x);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let Some(piece) = text.get(a as usize..b as usize) else {
            continue;
        };
        let mut inline: Vec<InlineStyle> = Vec::new();
        for (r, style) in spans {
            if r.start <= a && a < r.end && !inline.contains(style) {
                inline.push(*style);
            }
        }
        out.push(Segment {
            text: Cow::Borrowed(piece),
            inline,
            added: false,
            range: a..b,
            para: line.para,
        });
    }
    out
}

pub(super) fn plain_lines(doc: &Document, layout: &Layout) -> Vec<String> {
    (0..layout.lines.len())
        .map(|index| {
            let mut s = String::new();
            plain_line(doc, layout, index, &mut s);
            s
        })
        .collect()
}

/// Every line of `layout` as [`plain_line`] makes it, each ending in `\n`, in one
/// pass: a text line's clusters follow the previous line's, so the walk that finds
/// where its visible text ends goes on from there instead of looking up the line's
/// first cluster again and cutting it into styled segments (which plain text does
/// not need). Other lines go the general way.
pub(super) fn plain_text(doc: &Document, layout: &Layout, out: &mut String) {
    // Paragraph, cluster index and byte offset where the last text line ended.
    let mut resume: Option<(u32, usize, u32)> = None;
    for (index, line) in layout.lines.iter().enumerate() {
        let p = doc.paras.get(line.para as usize);
        let Some(p) = p.filter(|p| {
            !matches!(
                line.kind,
                LineKind::Blank | LineKind::Rule | LineKind::Table
            ) && !is_placeholder(doc, p, line)
        }) else {
            plain_line(doc, layout, index, out);
            out.push('\n');
            continue;
        };
        let (i, off) = match resume {
            Some((para, i, off)) if para == line.para && off == line.range.start => (i, off),
            _ => doc.cluster_at(p, line.range.start),
        };
        let start = out.len();
        if line.lead > 0 {
            out.push_str(&lead_text(doc, p, line));
        }
        let (end, i, off) = walk_line(doc, p, line, i, off);
        resume = Some((line.para, i, off));
        let text = doc
            .para_text(p)
            .get(line.range.start as usize..end as usize)
            .unwrap_or("");
        push_shown(out, text);
        let kept = out[start..].trim_end_matches(TRIMMED).len();
        out.truncate(start + kept);
        out.push('\n');
    }
}

/// What a plain line never ends with.
const TRIMMED: [char; 5] = [' ', '\u{3000}', '\t', '\n', '\r'];

/// Append text as `dump` shows it: a soft hyphen draws nothing on screen (width 0)
/// but one column in terminals that print it, so it is left out.
fn push_shown(out: &mut String, text: &str) {
    if text.contains('\u{AD}') {
        out.extend(text.chars().filter(|&c| c != '\u{AD}'));
    } else {
        out.push_str(text);
    }
}

/// Append line `index` as plain text to `out` (no line feed).
pub(super) fn plain_line(doc: &Document, layout: &Layout, index: usize, out: &mut String) {
    let Some(line) = layout.lines.get(index) else {
        return;
    };
    if line.kind == LineKind::Rule {
        out.extend(std::iter::repeat_n('-', layout.column_width));
        return;
    }
    let start = out.len();
    for seg in doc.line_segments(layout, index) {
        push_shown(out, &seg.text);
    }
    let kept = out[start..].trim_end_matches(TRIMMED).len();
    out.truncate(start + kept);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, Block, BlockKind, Meta, Origin, Section, StyleSpan};
    use crate::layout::{Ambiguous, LayoutOptions};

    fn article(blocks: Vec<Block>) -> Article {
        Article {
            id: "x".into(),
            origin: Origin::Bundled("x.md"),
            meta: Meta::default(),
            blocks,
            sections: vec![Section {
                label: "导语".into(),
                title: "导语".into(),
                first_block: 0,
                is_lead: true,
            }],
        }
    }

    fn block(kind: BlockKind, text: &str, spans: Vec<StyleSpan>) -> Block {
        Block {
            kind,
            text: text.into(),
            spans,
            section: 0,
        }
    }

    #[test]
    fn overlapping_styles_split_segments() {
        let spans = vec![
            StyleSpan {
                range: 0..6,
                style: InlineStyle::Strong,
            },
            StyleSpan {
                range: 3..9,
                style: InlineStyle::Emphasis,
            },
        ];
        let a = article(vec![block(BlockKind::Paragraph, "一二三四", spans)]);
        let doc = Document::new(&a, Ambiguous::Narrow);
        let l = doc.layout(&LayoutOptions {
            width: 80,
            indent: 0,
            ..Default::default()
        });
        let segs: Vec<(String, Vec<InlineStyle>)> = doc
            .segments(&l.lines[0])
            .into_iter()
            .map(|s| (s.text.into_owned(), s.inline))
            .collect();
        assert_eq!(
            segs,
            [
                ("一".into(), vec![InlineStyle::Strong]),
                (
                    "二".into(),
                    vec![InlineStyle::Strong, InlineStyle::Emphasis]
                ),
                ("三".into(), vec![InlineStyle::Emphasis]),
                ("四".into(), vec![]),
            ]
        );
    }

    #[test]
    fn list_and_quote_leads() {
        let a = article(vec![
            block(
                BlockKind::ListItem {
                    marker: "1. ".into(),
                    depth: 2,
                },
                "一二三四五",
                vec![],
            ),
            block(BlockKind::Quote { depth: 1 }, "甲乙丙丁戊", vec![]),
        ]);
        let doc = Document::new(&a, Ambiguous::Narrow);
        let l = doc.layout(&LayoutOptions {
            width: 10,
            indent: 2,
            paragraph_spacing: 0,
            max_width: 0,
            widow: false,
        });
        assert_eq!(
            doc.plain_lines(&l),
            ["  1. 一二", "     三四", "     五", "  甲乙丙丁", "  戊"]
        );
        let lead = &doc.segments(&l.lines[0])[0];
        assert!(lead.added);
        assert_eq!(lead.text, "  1. ");
    }

    #[test]
    fn segments_leave_out_hanging_spaces_and_breaks() {
        let doc = Document::from_text("ab  cd\nef", Ambiguous::Narrow);
        let l = doc.layout(&LayoutOptions {
            width: 4,
            indent: 0,
            ..Default::default()
        });
        let drawn: Vec<String> = l
            .lines
            .iter()
            .map(|line| doc.segments(line).iter().map(|s| s.text.as_ref()).collect())
            .collect();
        assert_eq!(drawn, ["ab", "cd", "ef"]);
        assert_eq!(doc.line_text(&l.lines[0]), "ab  ");
        assert_eq!(doc.line_text(&l.lines[1]), "cd\n");
    }
}
