//! Stage 2: fill lines for one column width, first fit.
//!
//! First fit that falls back to the last break opportunity is exactly clreq's
//! push-down (推出): when a no-start character does not fit, the opportunity before it
//! is further back, so the character before it moves down too.

use super::breaks::{Class, class_of, no_end, no_start};
use super::cluster::Clusters;
use super::lines::{Document, Layout, LayoutOptions, Line, LineKind, Para, ParaKind};
use super::prepare::{F_BREAK, F_HANG, F_MANDATORY, F_URL_CUT};

/// Clusters from which a layout is made on two threads, each half of the
/// paragraphs: a resize of a novel ten times over (8.6 million clusters) took
/// 17 ms of the 20 the issue allows on one.
const PARALLEL_CLUSTERS: usize = 1 << 19;

pub(super) fn layout(doc: &Document, options: &LayoutOptions) -> Layout {
    let split = (doc.meta.len() >= PARALLEL_CLUSTERS)
        .then(|| halfway(doc))
        .flatten();
    layout_split(doc, options, split)
}

/// The layout, made in two halves split before paragraph `split` when it is given
/// (the second half on another thread), else in one pass. Equal either way
/// (`tests`): the halves are joined by the rules the single pass follows.
pub(super) fn layout_split(
    doc: &Document,
    options: &LayoutOptions,
    split: Option<usize>,
) -> Layout {
    let column = if options.max_width == 0 {
        options.width
    } else {
        options.width.min(options.max_width)
    };
    // A 0-column pane cannot show anything; lay out for 1 so every cluster still has a line.
    let column = column.max(1);
    let col = column.min(u16::MAX as usize) as u32;
    let all = 0..doc.paras.len();
    let part = match split.filter(|&mid| mid > 0 && mid < doc.paras.len()) {
        None => run(doc, options, col, all),
        Some(mid) => std::thread::scope(|scope| {
            let second = || run(doc, options, col, mid..all.end);
            let spawned = std::thread::Builder::new().spawn_scoped(scope, second);
            let first = run(doc, options, col, 0..mid);
            let second = match spawned {
                Ok(handle) => handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                // No thread to be had: this one does both halves.
                Err(_) => second(),
            };
            join(first, second, options)
        }),
    };
    let Part {
        lines,
        table_lines,
        mut section_starts,
        first_kind,
        last_kind,
    } = part;
    // Sections whose first block is missing start where the text ends.
    for s in section_starts.iter_mut() {
        if *s == usize::MAX {
            *s = lines.len();
        }
    }
    Layout {
        lines,
        table_lines,
        section_starts,
        column_width: column,
        left_margin: options.width.saturating_sub(column) / 2,
        edges: first_kind.zip(last_kind),
    }
}

/// The first paragraph at or after the middle of the clusters that is not a
/// table's cell.
fn halfway(doc: &Document) -> Option<usize> {
    let middle = (doc.meta.len() / 2) as u32;
    let mut mid = doc.paras.partition_point(|p| p.clusters.start < middle);
    while doc.paras.get(mid)?.kind == ParaKind::Cell {
        mid += 1;
    }
    Some(mid)
}

/// The lines of a run of paragraphs, laid out as if nothing came before them.
struct Part {
    lines: Vec<Line>,
    table_lines: Vec<super::table::TableLine>,
    /// A section's first line, `usize::MAX` while no paragraph of it is shown.
    section_starts: Vec<usize>,
    first_kind: Option<ParaKind>,
    last_kind: Option<ParaKind>,
}

fn run(doc: &Document, options: &LayoutOptions, col: u32, paras: std::ops::Range<usize>) -> Part {
    // A capacity hint only: saturating, and never more than the text could need
    // with a few blank lines a paragraph, whatever the options say.
    let per_para = options.paragraph_spacing.saturating_add(1).min(4);
    let clusters = match (
        doc.paras.get(paras.start),
        doc.paras.get(paras.end.saturating_sub(1)),
    ) {
        (Some(a), Some(b)) => b.clusters.end.saturating_sub(a.clusters.start) as usize,
        _ => 0,
    };
    let estimate =
        (clusters * 2 / col as usize).saturating_add(paras.len().saturating_mul(per_para));
    let mut lines: Vec<Line> = Vec::with_capacity(estimate);
    let sections = doc.section_paras.len().max(1);
    let mut section_starts = vec![usize::MAX; sections];
    section_starts[0] = 0;
    let mut next_section = 1;
    let mut prev_kind: Option<ParaKind> = None;
    let mut first_kind: Option<ParaKind> = None;
    let mut table_lines = Vec::new();
    for (pi, p) in doc
        .paras
        .iter()
        .enumerate()
        .take(paras.end)
        .skip(paras.start)
    {
        let table = match p.kind {
            // A table's cells are laid out with the table.
            ParaKind::Cell => continue,
            ParaKind::Table { index } => doc.tables.get(index as usize),
            _ => None,
        };
        let empty_table = table.is_some_and(|t| t.rows == 0 || t.alignments.is_empty());
        if (p.clusters.is_empty() && !matches!(p.kind, ParaKind::Rule | ParaKind::Table { .. }))
            || empty_table
        {
            continue; // nothing to show, and no spacing for it either
        }
        if let (Some(prev), Some(last)) = (prev_kind, lines.last().cloned()) {
            push_gap(
                &mut lines,
                last,
                gap(prev, p.kind, options.paragraph_spacing),
            );
        }
        while next_section < sections && doc.section_paras[next_section] as usize <= pi {
            section_starts[next_section] = lines.len();
            next_section += 1;
        }
        prev_kind = Some(p.kind);
        first_kind.get_or_insert(p.kind);
        if let Some(table) = table {
            super::table::layout(doc, table, p.section, col, &mut lines, &mut table_lines);
            continue;
        }
        let (first, rest) = leads(p.kind, options.indent);
        let from = lines.len();
        let last_start = fill(doc, pi as u32, p, col, first, rest, &mut lines);
        let prose = !matches!(p.kind, ParaKind::Code | ParaKind::Rule);
        if options.widow && prose && lines.len() - from >= 2 {
            avoid_widow(doc, p, col, last_start, &mut lines[from..]);
        }
    }
    Part {
        lines,
        table_lines,
        section_starts,
        first_kind,
        last_kind: prev_kind,
    }
}

/// `n` blank lines after `last`, carrying its paragraph and section.
fn push_gap(lines: &mut Vec<Line>, last: Line, n: usize) {
    let blank = Line {
        para: last.para,
        range: last.range.end..last.range.end,
        lead: 0,
        width: 0,
        kind: LineKind::Blank,
        section: last.section,
    };
    lines.extend(std::iter::repeat_n(blank, n));
}

/// Two runs of paragraphs, one after the other, as one pass over both makes them:
/// the blank lines between them, the second's lines and table lines moved down, a
/// section the first did not start starting where the second says.
fn join(mut a: Part, b: Part, options: &LayoutOptions) -> Part {
    if let (Some(prev), Some(next), Some(last)) =
        (a.last_kind, b.first_kind, a.lines.last().cloned())
    {
        push_gap(
            &mut a.lines,
            last,
            gap(prev, next, options.paragraph_spacing),
        );
    }
    let offset = a.lines.len();
    a.table_lines.extend(b.table_lines.into_iter().map(|mut t| {
        t.line += offset as u32;
        t
    }));
    a.lines.extend(b.lines);
    for (start, later) in a.section_starts.iter_mut().zip(b.section_starts) {
        if *start == usize::MAX && later != usize::MAX {
            *start = offset + later;
        }
    }
    Part {
        first_kind: a.first_kind.or(b.first_kind),
        last_kind: b.last_kind.or(a.last_kind),
        ..a
    }
}

fn is_title_block(k: ParaKind) -> bool {
    matches!(k, ParaKind::Title | ParaKind::Subtitle | ParaKind::Byline)
}

/// Blank lines between two shown paragraphs. The title block is tight and followed by
/// one blank line; consecutive list items and code lines stay tight (a code block is one
/// block per source line); headings always get at least one blank line before them.
/// Blank lines between a paragraph of kind `prev` and the next one shown, of kind
/// `next`. Public to the crate for output that lays out an article in parts.
pub(crate) fn gap(prev: ParaKind, next: ParaKind, spacing: usize) -> usize {
    match (prev, next) {
        (_, n) if is_title_block(n) => 0,
        (p, _) if is_title_block(p) => 1,
        (ParaKind::Code, ParaKind::Code) => 0,
        (ParaKind::ListItem { .. }, ParaKind::ListItem { .. }) => 0,
        // A section's notes are one tight list; an orphaned definition in the text
        // (no marker) is spaced like a paragraph.
        (ParaKind::Note { width: a, .. }, ParaKind::Note { width: b, .. }) if a > 0 && b > 0 => 0,
        (_, ParaKind::Heading(_)) => spacing.max(1),
        _ => spacing,
    }
}

/// Columns of lead on the first and on later lines of a paragraph.
pub(super) fn leads(kind: ParaKind, indent: usize) -> (u32, u32) {
    let clamp = |n: usize| n.min(u16::MAX as usize) as u32;
    match kind {
        ParaKind::Paragraph => (clamp(indent.saturating_mul(2)), 0),
        ParaKind::Quote(d) => (2 * d as u32, 2 * d as u32),
        ParaKind::ListItem { width, depth, .. } => {
            // Depth is 1-based (like Quote); each level below the first indents 2 columns.
            let n = 2 * depth.saturating_sub(1) as u32 + width as u32;
            (n.min(u16::MAX as u32), n.min(u16::MAX as u32))
        }
        // Notes hang under their marker (a note's later paragraphs have a blank one).
        ParaKind::Note { width, .. } => (width as u32, width as u32),
        _ => (0, 0),
    }
}

pub(super) fn line_kind(kind: ParaKind) -> LineKind {
    match kind {
        ParaKind::Title => LineKind::Title,
        ParaKind::Subtitle => LineKind::Subtitle,
        ParaKind::Byline => LineKind::Byline,
        ParaKind::Paragraph => LineKind::Text,
        ParaKind::Heading(l) => LineKind::Heading(l),
        ParaKind::Quote(d) => LineKind::Quote(d),
        ParaKind::ListItem { .. } => LineKind::ListItem,
        ParaKind::Code => LineKind::Code,
        ParaKind::Rule => LineKind::Rule,
        ParaKind::Note { .. } => LineKind::Note,
        ParaKind::Table { .. } => LineKind::Table,
        // A cell's lines become pieces of table lines; as a line of its own (which
        // layout never makes) it would be text.
        ParaKind::Cell => LineKind::Text,
    }
}

/// Fill the lines of one paragraph. Returns the first cluster of the last line and of
/// the line before it, for [`avoid_widow`].
pub(super) fn fill(
    doc: &Document,
    pi: u32,
    p: &Para,
    col: u32,
    lead_first: u32,
    lead_rest: u32,
    out: &mut Vec<Line>,
) -> (usize, usize) {
    let kind = line_kind(p.kind);
    let c0 = p.clusters.start as usize;
    let meta = &doc.meta[c0..p.clusters.end as usize];
    let n = meta.len();
    let line = |from: u32, to: u32, lead: u32, width: u32| Line {
        para: pi,
        range: from..to,
        lead: lead as u16,
        width: width as u16,
        kind,
        section: p.section,
    };
    if n == 0 {
        out.push(line(0, 0, 0, 0)); // a rule
        return (0, 0);
    }
    let mut starts = (0, 0);
    let (mut start, mut start_off) = (0, 0);
    let mut lead = lead_first;
    let mut first = true;
    while start < n {
        // No room for even one column of text after the lead: drop the lead.
        if lead >= col {
            lead = 0;
        }
        // Scan from `start`; the result is the end cluster, the width and the end byte.
        let (mut end, width, mut end_off) = 'scan: loop {
            let mut w = lead; // width so far, hanging spaces included
            let mut content = lead; // width so far without trailing hanging spaces
            let mut off = start_off;
            // The last break opportunity and the last URL cut point: (end cluster,
            // width, end byte), end cluster 0 meaning none. Plain variables updated
            // with selects rather than `Option`s behind branches: whether a cluster
            // allows a break is data-dependent, and the branch mispredicted often.
            let mut brk = (0usize, 0u32, 0u32);
            let mut i = start;
            while i < n {
                let m = meta[i];
                let (cw, len) = doc.cluster(c0 + i, m);
                if m & F_HANG != 0 {
                    w += cw;
                } else if w + cw > col {
                    if brk.0 != 0 {
                        break 'scan brk;
                    }
                    if i == start {
                        if lead > 0 {
                            lead = 0; // the first cluster fits only without the lead
                            continue 'scan;
                        }
                        // A cluster wider than the pane (2 columns in 1, or ｶﾞﾞ): one
                        // placeholder column.
                        break 'scan (i + 1, 1, off + len);
                    }
                    // A unit wider than the line. First move it to a line without the
                    // paragraph's indent (`2010年,` at 10 columns); only then cut it.
                    if first && lead > lead_rest {
                        lead = lead_rest;
                        continue 'scan;
                    }
                    break 'scan emergency(doc, p, start, start_off, i, lead, col);
                } else {
                    w += cw;
                    content = w;
                }
                off += len;
                if m & F_MANDATORY != 0 {
                    break 'scan (i + 1, content, off);
                }
                let here = (i + 1, content, off);
                brk = if m & F_BREAK != 0 { here } else { brk };
                i += 1;
            }
            break 'scan (n, content, off);
        };
        // After a forced cut, spaces that follow still hang on this line, so that the
        // next line does not start with them.
        if meta[end - 1] & F_MANDATORY == 0 {
            while end < n && meta[end] & F_HANG != 0 {
                end_off += doc.cluster(c0 + end, meta[end]).1;
                end += 1;
                if meta[end - 1] & F_MANDATORY != 0 {
                    break;
                }
            }
        }
        out.push(line(start_off, end_off, lead, width));
        starts = (starts.1, start);
        (start, start_off) = (end, end_off);
        lead = lead_rest;
        first = false;
    }
    starts
}

/// No lone last character (孤字): when a paragraph's last line holds one character
/// (with any punctuation after it), end the line before at its previous break
/// opportunity, so one more character comes down. Only when the line before keeps at
/// least two clusters, it did not end at a hard line break, and the new last line fits.
/// Every break used is one the rules allow, so no rule can break.
fn avoid_widow(
    doc: &Document,
    p: &Para,
    col: u32,
    (prev, last): (usize, usize),
    lines: &mut [Line],
) {
    let c0 = p.clusters.start as usize;
    let meta = &doc.meta[c0..p.clusters.end as usize];
    let n = meta.len();
    let [.., before, end] = lines else { return };
    // Cheap tests first: most last lines are longer than a character and its marks.
    if n - last > 4 || last < prev + 3 || meta[last - 1] & F_MANDATORY != 0 {
        return;
    }
    let text = doc.para_text(p);
    let tail = text.get(end.range.start as usize..).unwrap_or("");
    let characters = Clusters::new(tail)
        .filter(|&(_, _, c)| matches!(class_of(c), Class::ID | Class::AL | Class::NU | Class::HL))
        .count();
    if characters != 1 {
        return;
    }
    // The break opportunity before the current one, leaving two clusters or more.
    let Some(k) = (prev + 1..last - 1).rev().find(|&k| meta[k] & F_BREAK != 0) else {
        return;
    };
    let width = |from: usize, to: usize| {
        let (mut w, mut content, mut bytes) = (0, 0, 0);
        for (i, &m) in meta.iter().enumerate().take(to).skip(from) {
            let (cw, len) = doc.cluster(c0 + i, m);
            w += cw;
            if m & F_HANG == 0 {
                content = w;
            }
            bytes += len;
        }
        (content, bytes)
    };
    let (tail_width, _) = width(k + 1, n);
    if end.lead as u32 + tail_width > col {
        return;
    }
    let (head_width, head_bytes) = width(prev, k + 1);
    let cut = before.range.start + head_bytes;
    before.range.end = cut;
    before.width = (before.lead as u32 + head_width) as u16;
    end.range.start = cut;
    end.width = (end.lead as u32 + tail_width) as u16;
}

/// Where to cut a unit too wide for the line: clusters `start..over` fit, cluster
/// `over` does not, and no break opportunity lies between. The cut that breaks the least
/// serious rule wins, the latest among equals (see [`cut_cost`]). Returns the end
/// cluster, the line's width and the end byte, as the scan in `fill` does.
///
/// Classes are read again from the text: only this rare path needs them, and keeping
/// one per cluster would cost every layout memory.
#[cold]
fn emergency(
    doc: &Document,
    p: &Para,
    start: usize,
    start_off: u32,
    over: usize,
    lead: u32,
    col: u32,
) -> (usize, u32, u32) {
    let c0 = p.clusters.start as usize;
    let meta = &doc.meta[c0..p.clusters.end as usize];
    let text = doc.para_text(p).get(start_off as usize..).unwrap_or("");
    // Classes of clusters start..=over and of a few after, to see past spaces.
    let classes: Vec<Class> = Clusters::new(text)
        .take(over - start + 8)
        .map(|(_, _, c)| class_of(c))
        .collect();
    let class = |k: usize| -> Option<Class> {
        let c = *classes.get(k)?;
        // A lone dash behaves as in `measure`.
        let dash = |j: Option<usize>| j.and_then(|j| classes.get(j)) == Some(&Class::B2);
        Some(
            if c == Class::B2 && !dash(k.checked_sub(1)) && !dash(Some(k + 1)) {
                Class::CL
            } else {
                c
            },
        )
    };
    let (mut best, mut best_cost) = ((over, 0, 0), u8::MAX);
    let (mut w, mut content, mut off) = (lead, lead, start_off);
    for k in 0..over - start {
        let (cw, len) = doc.cluster(c0 + start + k, meta[start + k]);
        w += cw;
        if meta[start + k] & F_HANG == 0 {
            content = w;
        }
        off += len;
        let x = class(k).unwrap_or(Class::AL);
        let next = class(k + 1).unwrap_or(Class::ID);
        // After a cut, the spaces that follow hang on this line: what starts the
        // next line is the first cluster after them.
        let mut j = k + 1;
        while class(j) == Some(Class::SP) {
            j += 1;
        }
        let starts = class(j).unwrap_or(Class::ID);
        let before = k.checked_sub(1).and_then(class).unwrap_or(Class::ID);
        // A cut after spaces leaves what came before them at the line's end (LB14:
        // `《 ` must not end a line any more than `《`).
        let last = if x == Class::SP {
            (0..k)
                .rev()
                .filter_map(class)
                .find(|&c| c != Class::SP)
                .unwrap_or(Class::SP)
        } else {
            x
        };
        let url = meta[start + k] & F_URL_CUT != 0 && 2 * content >= col;
        let cost = cut_cost(before, x, next, starts, last, url);
        if cost <= best_cost {
            (best, best_cost) = ((start + k + 1, content, off), cost);
        }
    }
    best
}

/// How bad a forced cut between `x` and `next` is (lower is better), `before` being
/// the class before `x`, `starts` the class that would start the next line and
/// `last` the one that would end this line (`x`, or what precedes its spaces).
///
/// 6: splits …… or ——; 5: puts a no-start character first; 4: leaves a no-end character
/// last; 3: cuts a word or a number between two letters or digits; 2: parts a number
/// from its unit, or cuts after a separator inside one (`2015-` / `12-17`); 1: anything
/// else;
/// 0: after `/ ? & =` in a URL-like token, keeping at least half the line.
fn cut_cost(before: Class, x: Class, next: Class, starts: Class, last: Class, url: bool) -> u8 {
    use Class::*;
    let word = |c: Class| matches!(c, AL | HL | NU);
    if (x == IN && next == IN) || (x == B2 && next == B2) {
        6
    } else if url {
        0
    } else if no_start(starts) {
        5
    } else if no_end(last) {
        4
    } else if (word(x) && word(next)) || matches!((x, next), (HL, ID) | (ID, HL)) {
        3
    } else if (x == NU && next == ID) || (matches!(x, IS | HY | SY) && word(before)) {
        2
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::width::Ambiguous;

    /// Laid out in two halves, split before any paragraph, a document is laid out
    /// as in one pass: lines, table lines, section starts and edges. The documents
    /// hold a title block, headings, lists, quotes, code, notes, tables (a split may
    /// fall among a table's cells), rules and sections with nothing to show.
    #[test]
    fn two_halves_make_the_single_pass_layout() {
        let corpus = include_str!("../../tests/fixtures/markdown/corpus.md");
        let tables = include_str!("../../tests/fixtures/markdown/tables.md");
        let bundled = crate::article::library::Library::bundled().articles;
        let mut articles: Vec<crate::article::Article> = [corpus, tables]
            .iter()
            .map(|text| {
                crate::article::parse::parse_article(
                    "x",
                    crate::article::Origin::Stdin,
                    text.as_bytes(),
                )
                .unwrap()
            })
            .collect();
        articles.extend(bundled);
        for article in &articles {
            for ambiguous in [Ambiguous::Narrow, Ambiguous::Wide] {
                let doc = Document::new(article, ambiguous);
                for (width, spacing, widow) in [(1, 1, true), (17, 0, false), (80, 2, true)] {
                    let options = LayoutOptions {
                        width,
                        paragraph_spacing: spacing,
                        widow,
                        ..LayoutOptions::default()
                    };
                    let whole = layout_split(&doc, &options, None);
                    for mid in 0..=doc.paras.len() {
                        assert_eq!(
                            layout_split(&doc, &options, Some(mid)),
                            whole,
                            "{} split before paragraph {mid} at {width} columns",
                            article.id
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn spacing_between_kinds() {
        use ParaKind::*;
        let item = ListItem {
            marker: 0,
            width: 2,
            depth: 1,
        };
        assert_eq!(gap(Paragraph, Paragraph, 2), 2);
        assert_eq!(
            gap(Paragraph, Heading(2), 0),
            1,
            "headings always get a blank line"
        );
        assert_eq!(gap(Paragraph, Heading(2), 3), 3);
        assert_eq!(gap(Title, Subtitle, 2), 0);
        assert_eq!(
            gap(Byline, Paragraph, 3),
            1,
            "one blank line after the title block"
        );
        assert_eq!(gap(Code, Code, 1), 0);
        assert_eq!(gap(item, item, 1), 0);
        assert_eq!(gap(item, Paragraph, 1), 1);
    }

    #[test]
    fn leads_per_kind() {
        assert_eq!(leads(ParaKind::Paragraph, 2), (4, 0));
        assert_eq!(leads(ParaKind::Paragraph, 0), (0, 0));
        assert_eq!(leads(ParaKind::Quote(2), 2), (4, 4));
        assert_eq!(
            leads(
                ParaKind::ListItem {
                    marker: 0,
                    width: 3,
                    depth: 2
                },
                2
            ),
            (5, 5)
        );
        assert_eq!(leads(ParaKind::Heading(2), 2), (0, 0));
    }

    #[test]
    fn column_and_margin() {
        let doc = Document::from_text("中文", Ambiguous::Narrow);
        let l = doc.layout(&LayoutOptions {
            width: 100,
            max_width: 80,
            ..Default::default()
        });
        assert_eq!((l.column_width, l.left_margin), (80, 10));
        let l = doc.layout(&LayoutOptions {
            width: 100,
            max_width: 0,
            ..Default::default()
        });
        assert_eq!((l.column_width, l.left_margin), (100, 0));
        let l = doc.layout(&LayoutOptions {
            width: 0,
            ..Default::default()
        });
        assert_eq!(l.column_width, 1, "a 0-column pane is laid out as 1");
        assert!(l.lines.iter().all(|line| line.width <= 1));
    }

    #[test]
    fn forced_cut_keeps_following_spaces() {
        let doc = Document::from_text("abcdef   gh", Ambiguous::Narrow);
        let l = doc.layout(&LayoutOptions {
            width: 3,
            indent: 0,
            ..Default::default()
        });
        let texts: Vec<&str> = l.lines.iter().map(|x| doc.line_text(x)).collect();
        assert_eq!(texts, ["abc", "def   ", "gh"]);
    }
}
