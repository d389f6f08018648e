//! The library view: one row per article (title, date, column or source,
//! sections, 字数, progress) and one per file that failed to load, marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use crate::app::App;
use crate::app::library::Row;
use crate::gate;
use crate::layout::str_width;

use super::draw::{fill, put_str};
use super::strings::Strings;
use super::wrap::truncate;

/// Where the list goes: between the rule and the status line, the whole width.
pub fn list_area(app: &App) -> Rect {
    let areas = &app.areas;
    let top = areas.rule.bottom();
    let height = areas.status.y.saturating_sub(top);
    Rect::new(areas.screen.x, top, areas.screen.width, height)
}

/// The row of the visible list at screen row `y`, if any.
pub fn hit(app: &App, y: u16) -> Option<usize> {
    let area = list_area(app);
    if !(area.top()..area.bottom()).contains(&y) {
        return None;
    }
    let index = app.shelf.scroll + usize::from(y - area.y);
    (index < app.shelf.visible.len()).then_some(index)
}

/// The columns after the title, right-aligned: (text, minimum screen width
/// to show it). Narrow screens drop them from the left of this list first.
fn columns(app: &App, index: usize) -> Vec<(String, u16)> {
    let s = Strings::for_language(app.config.ui.language);
    let article = &app.shelf.articles[index];
    let meta = &article.meta;
    let date = meta
        .date
        .as_deref()
        .map_or("", |d| d.get(..10).unwrap_or(d));
    let column = meta
        .kicker
        .as_deref()
        .or(meta.source.as_deref())
        .unwrap_or("");
    let column = truncate(column, 14, app.ambiguous);
    let chars = super::sidebar::thousands(app.shelf.char_counts[index] as u64);
    let progress = app.shelf.progress[index].map_or(String::new(), |p| format!("{p}%"));
    let sections = article.sections.len();
    vec![
        (column, 110),
        (format!("{sections} {}", s.sections_unit), 90),
        (format!("{chars} {}", s.chars_unit), 60),
        (date.to_string(), 50),
        (format!("{progress:>4}"), 30),
    ]
}

/// Draw the header, the list and leave the status line to `status`.
pub fn render(app: &App, buf: &mut Buffer) {
    let amb = app.ambiguous;
    let theme = &app.theme;
    let s = Strings::for_language(app.config.ui.language);
    let areas = &app.areas;
    // Header: the app's name and the view's, like the reading screen's strip.
    put_str(
        buf,
        areas.strip.x + 1,
        areas.strip.y,
        &format!("悦读 yuedu · {}", s.library),
        theme.title,
        areas.strip.width.saturating_sub(1),
        amb,
    );
    let glyph = super::theme::Glyphs::for_mode(amb).horizontal;
    let rule = glyph.repeat(usize::from(areas.rule.width));
    put_str(
        buf,
        areas.rule.x,
        areas.rule.y,
        &rule,
        theme.muted,
        areas.rule.width,
        amb,
    );

    let area = list_area(app);
    let width = area.width;
    let shelf = &app.shelf;
    let rows = shelf.visible.iter().enumerate().skip(shelf.scroll);
    for (index, row) in rows.take(usize::from(area.height)) {
        let y = area.y + (index - shelf.scroll) as u16; // < area.height, a u16
        let selected = index == shelf.selected;
        let base = if selected {
            theme.highlight
        } else {
            theme.text
        };
        if selected {
            fill(buf, Rect::new(area.x, y, width, 1), " ", theme.highlight);
        }
        match *row {
            Row::Article(i) => {
                // Columns from the right edge, each two columns apart.
                let mut right = width.saturating_sub(1);
                for (text, min_width) in columns(app, i).into_iter().rev() {
                    let w = u16::try_from(str_width(&text, amb)).unwrap_or(u16::MAX);
                    if width < min_width || w + 2 > right {
                        continue;
                    }
                    right -= w;
                    let style = if selected { base } else { theme.muted };
                    put_str(buf, area.x + right, y, &text, style, w, amb);
                    right = right.saturating_sub(2);
                }
                let title = &shelf.articles[i].meta.title;
                let room = usize::from(right.saturating_sub(1));
                let title = truncate(title, room, amb);
                let style = if selected {
                    base.add_modifier(Modifier::BOLD)
                } else {
                    base
                };
                put_str(buf, area.x + 1, y, &title, style, right, amb);
            }
            Row::Problem(i) => {
                // Marked, and shown by its escaped path; the message is on the
                // status line when the row is selected.
                let problem = &shelf.problems[i];
                let text = format!("✗ {}", gate::escape(&problem.path));
                let text = truncate(&text, usize::from(width.saturating_sub(2)), amb);
                let style = if selected { base } else { theme.accent };
                put_str(
                    buf,
                    area.x + 1,
                    y,
                    &text,
                    style,
                    width.saturating_sub(1),
                    amb,
                );
            }
        }
    }
    if shelf.visible.is_empty() {
        put_str(
            buf,
            area.x + 1,
            area.y,
            s.not_found,
            theme.muted,
            width,
            amb,
        );
    }
}
