//! The reading pane: only the visible lines of the layout, styled by line kind
//! and inline style, and the scrollbar at its edge.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::app::App;
use crate::article::InlineStyle;
use crate::layout::{LineKind, str_width};

use super::draw::put_str;
use super::theme::{Glyphs, Theme};

/// Draw the lines from `app.top` that fit in `area`.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let amb = app.ambiguous;
    let layout = &app.layout;
    let column = u16::try_from(layout.column_width)
        .unwrap_or(u16::MAX)
        .min(area.width);
    let margin = u16::try_from(layout.left_margin)
        .unwrap_or(0)
        .min(area.width - column);
    let x0 = area.x + margin;
    let end = app
        .top
        .saturating_add(usize::from(area.height))
        .min(layout.lines.len());
    let visible = layout.lines.get(app.top..end).unwrap_or(&[]);
    for (row, line) in visible.iter().enumerate() {
        let y = area.y + row as u16; // row < area.height, a u16
        let base = line_style(theme, line.kind);
        if line.kind == LineKind::Rule {
            let glyph = Glyphs::for_mode(amb).horizontal;
            let rule = glyph.repeat(usize::from(column));
            put_str(buf, x0, y, &rule, theme.muted, column, amb);
            continue;
        }
        let mut x = x0;
        for segment in app.document.line_segments(layout, app.top + row) {
            let style = if segment.added {
                match line.kind {
                    LineKind::Quote(_) | LineKind::ListItem | LineKind::Note | LineKind::Table => {
                        theme.muted
                    }
                    _ => base,
                }
            } else {
                segment.inline.iter().fold(base, |style, inline| {
                    style.patch(inline_style(theme, *inline))
                })
            };
            let hits = if segment.added {
                &[][..]
            } else {
                app.search.hits_in(segment.para)
            };
            if hits.is_empty() {
                // The usual case: no search, nothing to cut.
                let room = column.saturating_sub(x - x0);
                x += put_str(buf, x, y, &segment.text, style, room, amb);
                continue;
            }
            for (piece, marked) in split_at_hits(&segment.text, &segment.range, hits, app) {
                let style = match marked {
                    Marked::No => style,
                    Marked::Hit => style.patch(theme.highlight),
                    Marked::Current => style
                        .patch(theme.highlight)
                        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                };
                let room = column.saturating_sub(x - x0);
                x += put_str(buf, x, y, piece, style, room, amb);
            }
        }
    }
}

/// Whether a piece of text is a search match, and the current one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marked {
    No,
    Hit,
    Current,
}

/// Cut a segment (showing bytes `range` of its paragraph) where search hits
/// begin and end. A hit that a line break cuts is marked on both lines, as
/// each line's segments take their part of it.
fn split_at_hits<'a>(
    text: &'a str,
    range: &std::ops::Range<u32>,
    hits: &[crate::app::search::Hit],
    app: &App,
) -> Vec<(&'a str, Marked)> {
    let mut out = Vec::new();
    let mut at = range.start; // paragraph byte reached
    for hit in hits {
        let (start, end) = (
            hit.range.start.max(range.start),
            hit.range.end.min(range.end),
        );
        if start >= end {
            continue;
        }
        let current = app
            .search
            .current
            .and_then(|i| app.search.hits.get(i))
            .is_some_and(|c| c == hit);
        let piece =
            |a: u32, b: u32| text.get((a - range.start) as usize..(b - range.start) as usize);
        if start > at
            && let Some(before) = piece(at, start)
        {
            out.push((before, Marked::No));
        }
        if let Some(inside) = piece(start, end) {
            out.push((
                inside,
                if current {
                    Marked::Current
                } else {
                    Marked::Hit
                },
            ));
        }
        at = end;
    }
    if let Some(rest) = text.get((at - range.start) as usize..)
        && (!rest.is_empty() || out.is_empty())
    {
        out.push((rest, Marked::No));
    }
    out
}

/// The style of a whole line by its kind.
fn line_style(theme: &Theme, kind: LineKind) -> Style {
    match kind {
        LineKind::Title => theme.title,
        LineKind::Subtitle => theme.text.add_modifier(Modifier::BOLD),
        LineKind::Byline | LineKind::Rule | LineKind::Blank | LineKind::Note => theme.muted,
        LineKind::Heading(level) if level <= 2 => theme.heading,
        LineKind::Heading(_) => theme.text.add_modifier(Modifier::BOLD),
        LineKind::Quote(_) => theme.quote,
        LineKind::Code => theme.code,
        LineKind::Text | LineKind::ListItem | LineKind::Table => theme.text,
    }
}

fn inline_style(theme: &Theme, inline: InlineStyle) -> Style {
    match inline {
        InlineStyle::Emphasis => theme.emphasis,
        InlineStyle::Strong => theme.strong,
        InlineStyle::Code => theme.code,
        InlineStyle::Link => theme.link,
        InlineStyle::Strikethrough => Style::new().add_modifier(Modifier::CROSSED_OUT),
        // Dim like the notes it points to, whatever the text around it is.
        InlineStyle::NoteRef => theme.muted,
    }
}

/// The thumb's first row and height within a scrollbar of `height` rows, or
/// `None` when everything fits and there is nothing to scroll.
pub fn thumb(app: &App, height: u16) -> Option<(u16, u16)> {
    let total = app.layout.lines.len();
    let page = app.page_height();
    if total <= page || height == 0 {
        return None;
    }
    let height_lines = usize::from(height);
    let size = (height_lines * page / total).clamp(1, height_lines);
    let offset = (height_lines - size) * app.top.min(app.max_top()) / app.max_top().max(1);
    Some((offset as u16, size as u16)) // both ≤ height, a u16
}

/// The scrollbar: a thin track (or the sidebar's separator line, drawn before)
/// with a reverse-video thumb, visible without colour. Rows inside `covered`
/// (an overlay's box) are skipped.
pub fn render_scrollbar(app: &App, area: Rect, covered: Rect, buf: &mut Buffer) {
    let Some((offset, size)) = thumb(app, area.height) else {
        return;
    };
    let amb = app.ambiguous;
    let track = Glyphs::for_mode(amb).vertical;
    debug_assert_eq!(str_width(track, amb), 1);
    for row in 0..area.height {
        let y = area.y + row;
        if covered.contains((area.x, y).into()) {
            continue;
        }
        if (offset..offset + size).contains(&row) {
            put_str(
                buf,
                area.x,
                y,
                " ",
                app.theme.muted.add_modifier(Modifier::REVERSED),
                1,
                amb,
            );
        } else {
            put_str(buf, area.x, y, track, app.theme.muted, 1, amb);
        }
    }
}
