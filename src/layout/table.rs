//! Tables: columns sized by display width, cells filled by the engine, rules drawn.
//!
//! A table's lines depend on the pane's width, so they are made in stage 2 like any
//! other line. Stage 1 measures each cell as a paragraph of its own (`ParaKind::Cell`),
//! so a cell breaks by the same rules as the text and search finds words in it. Here
//! each column gets a width, each cell is filled at its column's width by
//! [`super::fill::fill`], and each row's cell lines are put side by side between rules.
//! What a table line shows is kept in [`Layout::table_lines`]: it is made of several
//! paragraphs' text and of rules, which a [`Line`] alone cannot say.
//!
//! Rules are box drawing in narrow mode and ASCII in wide mode: box-drawing characters
//! are East Asian Ambiguous, two columns in a wide terminal, which would push every
//! rule out of line with the cells (the screen's own separators do the same).

use std::borrow::Cow;

use crate::article::{Alignment, InlineStyle};

use super::glyphs::Glyphs;
use super::lines::{Document, Layout, Line, LineKind, Para, Segment};
use super::prepare::{F_BREAK, F_HANG, F_MANDATORY};

/// A table as stage 1 keeps it: its cells are the paragraphs after its own.
#[derive(Debug, Clone)]
pub(crate) struct TableInfo {
    pub(super) alignments: Vec<Alignment>,
    pub(super) header: bool,
    pub(super) rows: usize,
    /// Paragraph of the first cell; cells follow row by row.
    pub(super) first_cell: u32,
}

impl TableInfo {
    fn columns(&self) -> usize {
        self.alignments.len()
    }
    fn cell(&self, row: usize, column: usize) -> u32 {
        self.first_cell + (row * self.columns() + column) as u32
    }
}

/// What one table line shows, left to right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableLine {
    /// Index of the line in [`Layout::lines`].
    pub line: u32,
    pub pieces: Vec<Piece>,
}

/// A piece of a table line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Rules and padding, added by layout.
    Added(String),
    /// One line of a cell, as the engine filled it; `header` cells are drawn strong.
    Cell { line: Line, header: bool },
}

/// The narrowest a cell can be without cutting a unit (its longest run between break
/// opportunities) and its width unbroken (its longest line between hard breaks).
fn measure(doc: &Document, p: &Para) -> (u32, u32) {
    let (mut min, mut natural) = (0, 0);
    let (mut line, mut line_content, mut unit, mut unit_content) = (0, 0, 0, 0);
    for i in p.clusters.start as usize..p.clusters.end as usize {
        let m = doc.meta[i];
        let (w, _) = doc.cluster(i, m);
        line += w;
        unit += w;
        if m & F_HANG == 0 {
            line_content = line;
            unit_content = unit;
        }
        natural = natural.max(line_content);
        min = min.max(unit_content);
        if m & F_MANDATORY != 0 {
            (line, line_content) = (0, 0);
        }
        if m & (F_BREAK | F_MANDATORY) != 0 {
            (unit, unit_content) = (0, 0);
        }
    }
    (min, natural)
}

/// Column widths that fit `room` columns of text: every column as wide as its widest
/// cell when that fits; otherwise each at least its longest unit and the rest shared
/// in proportion to how much more each would like; when even the units do not fit,
/// shared in proportion to them (the engine then cuts units, as it does in text).
fn widths(mins: &[u32], naturals: &[u32], room: u32) -> Vec<u32> {
    let n = mins.len() as u32;
    let (min_sum, natural_sum): (u32, u32) = (mins.iter().sum(), naturals.iter().sum());
    if natural_sum <= room {
        return naturals.iter().map(|&w| w.max(1)).collect();
    }
    let mut out: Vec<u32>;
    if min_sum <= room {
        let slack = natural_sum - min_sum;
        let extra = room - min_sum;
        out = mins
            .iter()
            .zip(naturals)
            .map(|(&min, &nat)| {
                min + (u64::from(nat - min) * u64::from(extra) / u64::from(slack.max(1))) as u32
            })
            .collect();
    } else {
        let total = min_sum.max(1);
        out = mins
            .iter()
            .map(|&min| (u64::from(min) * u64::from(room) / u64::from(total)) as u32)
            .collect();
    }
    for w in &mut out {
        *w = (*w).max(1);
    }
    // Rounding left some columns over or under: settle them one at a time.
    let mut sum: u32 = out.iter().sum();
    let mut k = 0;
    while sum < room && k < 4 * n as usize + room as usize {
        let c = k % out.len();
        if out[c] < naturals[c] {
            out[c] += 1;
            sum += 1;
        }
        k += 1;
    }
    while sum > room {
        let Some((c, _)) = out
            .iter()
            .enumerate()
            .filter(|(_, w)| **w > 1)
            .max_by_key(|(_, w)| **w)
        else {
            break;
        };
        out[c] -= 1;
        sum -= 1;
    }
    out
}

/// Lay out table `index` (paragraph `pi`) in a column `col` wide: its lines go to
/// `lines`, what they show to `table_lines`.
pub(super) fn layout(
    doc: &Document,
    table: &TableInfo,
    section: u32,
    col: u32,
    lines: &mut Vec<Line>,
    table_lines: &mut Vec<TableLine>,
) {
    let columns = table.columns();
    if columns == 0 || table.rows == 0 {
        return;
    }
    let cell_para = |row, column| {
        let pi = table.cell(row, column);
        doc.paras.get(pi as usize).map(|p| (pi, p))
    };
    let g = Glyphs::for_mode(doc.ambiguous);
    let overhead = 3 * columns as u32 + 1;
    if col < overhead + columns as u32 {
        return stacked(doc, table, section, col, &g, lines, table_lines);
    }
    let (mut mins, mut naturals) = (vec![0; columns], vec![0; columns]);
    for row in 0..table.rows {
        for c in 0..columns {
            if let Some((_, p)) = cell_para(row, c) {
                let (min, natural) = measure(doc, p);
                mins[c] = mins[c].max(min);
                naturals[c] = naturals[c].max(natural);
            }
        }
    }
    let widths = widths(&mins, &naturals, col - overhead);
    let total = widths.iter().sum::<u32>() + overhead;
    let mut out = Out {
        lines,
        table_lines,
        section,
        width: total,
    };
    let rule = |ends: [&str; 3]| {
        let mut s = String::from(ends[0]);
        for (k, w) in widths.iter().enumerate() {
            s.push_str(&g.horizontal.repeat(*w as usize + 2));
            s.push_str(if k + 1 == columns { ends[2] } else { ends[1] });
        }
        s
    };
    let last_cell = |row| table.cell(row, columns - 1);
    out.push(last_cell(0), vec![Piece::Added(rule(g.top))]);
    for row in 0..table.rows {
        let header = table.header && row == 0;
        if row == 1 && table.header {
            out.push(last_cell(row), vec![Piece::Added(rule(g.middle))]);
        }
        let mut cells: Vec<Vec<Line>> = Vec::with_capacity(columns);
        for (c, &w) in widths.iter().enumerate() {
            let mut filled = Vec::new();
            if let Some((pi, p)) = cell_para(row, c) {
                super::fill::fill(doc, pi, p, w, 0, 0, &mut filled);
            }
            cells.push(filled);
        }
        let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for k in 0..height {
            let mut pieces = Pieces::default();
            pieces.add(g.vertical);
            for (c, &w) in widths.iter().enumerate() {
                let line = cells[c].get(k).filter(|l| l.range.start < l.range.end);
                let shown = line.map_or(0, |l| u32::from(l.width)).min(w);
                let pad = w - shown;
                let left = match table.alignments[c] {
                    Alignment::Left => 0,
                    Alignment::Center => pad / 2,
                    Alignment::Right => pad,
                };
                pieces.add(" ");
                pieces.add(&" ".repeat(left as usize));
                if let Some(line) = line {
                    pieces.0.push(Piece::Cell {
                        line: line.clone(),
                        header,
                    });
                }
                pieces.add(&" ".repeat((pad - left) as usize));
                pieces.add(" ");
                pieces.add(g.vertical);
            }
            out.push(last_cell(row), pieces.0);
        }
    }
    out.push(
        last_cell(table.rows - 1),
        vec![Piece::Added(rule(g.bottom))],
    );
}

/// A pane too narrow for the table's rules: each cell on lines of its own, the whole
/// column wide, a rule between rows.
fn stacked(
    doc: &Document,
    table: &TableInfo,
    section: u32,
    col: u32,
    g: &Glyphs,
    lines: &mut Vec<Line>,
    table_lines: &mut Vec<TableLine>,
) {
    let mut out = Out {
        lines,
        table_lines,
        section,
        width: col,
    };
    for row in 0..table.rows {
        let last = table.cell(row, table.columns() - 1);
        if row > 0 {
            out.width = col;
            out.push(last, vec![Piece::Added(g.horizontal.repeat(col as usize))]);
        }
        for c in 0..table.columns() {
            let pi = table.cell(row, c);
            let Some(p) = doc.paras.get(pi as usize) else {
                continue;
            };
            let mut filled = Vec::new();
            super::fill::fill(doc, pi, p, col, 0, 0, &mut filled);
            for line in filled.into_iter().filter(|l| l.range.start < l.range.end) {
                let header = table.header && row == 0;
                out.width = u32::from(line.width);
                out.push(last, vec![Piece::Cell { line, header }]);
            }
        }
    }
}

/// Pieces of one line, neighbouring added text merged.
#[derive(Default)]
struct Pieces(Vec<Piece>);

impl Pieces {
    fn add(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if let Some(Piece::Added(last)) = self.0.last_mut() {
            last.push_str(text);
        } else {
            self.0.push(Piece::Added(text.to_string()));
        }
    }
}

/// Where a table's lines go.
struct Out<'a> {
    lines: &'a mut Vec<Line>,
    table_lines: &'a mut Vec<TableLine>,
    section: u32,
    width: u32,
}

impl Out<'_> {
    /// A table line, carrying the last cell of its row as its paragraph: lines stay in
    /// paragraph order, and [`Layout::line_at`] finds a cell's row. Its range is all
    /// of that paragraph, so no byte in it counts as before the line.
    fn push(&mut self, para: u32, pieces: Vec<Piece>) {
        self.table_lines.push(TableLine {
            line: self.lines.len() as u32,
            pieces,
        });
        self.lines.push(Line {
            para,
            range: 0..u32::MAX,
            lead: 0,
            width: self.width.min(u32::from(u16::MAX)) as u16,
            kind: LineKind::Table,
            section: self.section,
        });
    }
}

/// The segments of table line `index`: its rules as added text, its cells' text with
/// their styles (a header cell's strong).
pub(super) fn segments<'a>(
    doc: &'a Document,
    layout: &'a Layout,
    index: usize,
) -> Vec<Segment<'a>> {
    let Ok(k) = layout
        .table_lines
        .binary_search_by_key(&(index as u32), |t| t.line)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for piece in &layout.table_lines[k].pieces {
        match piece {
            Piece::Added(text) => out.push(Segment {
                text: Cow::Borrowed(text),
                inline: Vec::new(),
                added: true,
                range: 0..0,
                para: layout.lines.get(index).map_or(0, |l| l.para),
            }),
            Piece::Cell { line, header } => {
                for mut segment in super::output::segments(doc, line) {
                    if *header && !segment.added {
                        segment.inline.push(InlineStyle::Strong);
                    }
                    out.push(segment);
                }
            }
        }
    }
    out
}
