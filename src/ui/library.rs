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

/// The row at screen row `y`, if any: of the full-text hits when they are
/// shown, else of the visible list.
pub fn hit(app: &App, y: u16) -> Option<usize> {
    let area = list_area(app);
    if !(area.top()..area.bottom()).contains(&y) {
        return None;
    }
    let (scroll, rows) = match app.fulltext.as_ref() {
        Some(fulltext) => (fulltext.scroll, fulltext.hits.len()),
        None => (app.shelf.scroll, app.shelf.visible.len()),
    };
    let index = scroll + usize::from(y - area.y);
    (index < rows).then_some(index)
}

/// One column after the title: its text, its width, whether it is
/// right-aligned, and the narrowest screen that shows it (narrow screens drop
/// the column first, then the sections ...).
struct Column {
    text: String,
    width: u16,
    right: bool,
    min_screen: u16,
}

/// The columns after the title, left to right, each of a fixed width so they
/// line up from row to row.
fn columns(app: &App, index: usize) -> [Column; 5] {
    let s = Strings::for_language(app.config.ui.language);
    let article = &app.shelf.articles[index];
    let meta = &article.meta;
    let date = meta
        .date
        .as_deref()
        .map_or("", |d| d.get(..10).unwrap_or(d));
    let kicker = meta
        .kicker
        .as_deref()
        .or(meta.source.as_deref())
        .unwrap_or("");
    let chars = super::sidebar::thousands(app.shelf.char_counts[index] as u64);
    let progress = app.shelf.progress[index].map_or(String::new(), |p| format!("{p}%"));
    let sections = article.sections.len();
    let column = |text: String, width: u16, right: bool, min_screen: u16| Column {
        text,
        width,
        right,
        min_screen,
    };
    [
        column(truncate(kicker, 14, app.ambiguous), 14, false, 90),
        column(format!("{sections} {}", s.sections_unit), 6, true, 70),
        column(format!("{chars} {}", s.chars_unit), 10, true, 56),
        column(date.to_string(), 10, false, 44),
        column(progress, 4, true, 0),
    ]
}

/// Row `row` of the list's window: its screen line, whether it is the
/// highlighted one (then filled with the highlight), and its base style.
fn start_row(
    app: &App,
    area: Rect,
    buf: &mut Buffer,
    row: usize,
    selected: bool,
) -> (u16, bool, ratatui::style::Style) {
    let y = area.y + row as u16; // row < area.height, a u16
    let theme = &app.theme;
    if selected {
        fill(
            buf,
            Rect::new(area.x, y, area.width, 1),
            " ",
            theme.highlight,
        );
        (y, true, theme.highlight)
    } else {
        (y, false, theme.text)
    }
}

/// Draw the header and the list (the rule and the status line are drawn by
/// `ui::draw` for both views).
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

    let area = list_area(app);
    if app.fulltext.is_some() {
        render_hits(app, area, buf);
        return;
    }
    let width = area.width;
    let shelf = &app.shelf;
    let rows = shelf.visible.iter().enumerate().skip(shelf.scroll);
    for (index, row) in rows.take(usize::from(area.height)) {
        let (y, selected, base) = start_row(
            app,
            area,
            buf,
            index - shelf.scroll,
            index == shelf.selected,
        );
        match *row {
            Row::Article(i) => {
                // Columns from the right edge, two columns apart; the title
                // takes what is left.
                let mut right = width.saturating_sub(1);
                for column in columns(app, i).into_iter().rev() {
                    if width < column.min_screen || column.width + 2 > right {
                        continue;
                    }
                    right -= column.width;
                    let used = u16::try_from(str_width(&column.text, amb)).unwrap_or(u16::MAX);
                    let pad = if column.right {
                        column.width.saturating_sub(used)
                    } else {
                        0
                    };
                    let style = if selected { base } else { theme.muted };
                    put_str(
                        buf,
                        area.x + right + pad,
                        y,
                        &column.text,
                        style,
                        column.width,
                        amb,
                    );
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

/// The full-text hits: article title, section label, and the hit in a line of
/// its paragraph, highlighted.
fn render_hits(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(fulltext) = app.fulltext.as_ref() else {
        return;
    };
    let amb = app.ambiguous;
    let theme = &app.theme;
    let s = Strings::for_language(app.config.ui.language);
    let rows = fulltext.hits.iter().enumerate().skip(fulltext.scroll);
    for (index, hit) in rows.take(usize::from(area.height)) {
        let (y, selected, base) = start_row(
            app,
            area,
            buf,
            index - fulltext.scroll,
            index == fulltext.selected,
        );
        let Some(article) = app.shelf.articles.get(hit.doc) else {
            continue;
        };
        let section = app
            .corpus_section(hit)
            .and_then(|i| article.sections.get(i))
            .map_or("", |section| section.label.as_str());
        // The hit's context matters most: on a narrow screen the title and
        // the section give way to it.
        let (title_room, section_room) = (
            usize::from(area.width / 4).min(16),
            usize::from(area.width / 6).min(8),
        );
        let head = format!(
            "{} · {}",
            truncate(&article.meta.title, title_room, amb),
            truncate(section, section_room, amb)
        );
        let mut x = area.x + 1;
        let right = area.right().saturating_sub(1);
        x += put_str(
            buf,
            x,
            y,
            &head,
            if selected { base } else { theme.muted },
            right - x,
            amb,
        );
        x += 2;
        if x >= right {
            continue;
        }
        // The context: a few characters before the hit, the hit, what follows.
        let text = app.fulltext_context(hit);
        let (start, end) = (hit.range.start as usize, hit.range.end as usize);
        // Up to a third of the room before the hit, so the hit itself shows.
        let before: String = {
            let text = text.get(..start).unwrap_or("");
            let budget = usize::from(right.saturating_sub(x)) / 3;
            let mut used = 0;
            let mut tail: Vec<char> = Vec::new();
            for c in text.chars().rev().take(8) {
                used += crate::layout::char_width(c, amb);
                if used > budget {
                    break;
                }
                tail.push(c);
            }
            tail.into_iter().rev().collect()
        };
        let pieces = [
            (before.as_str(), base),
            (
                text.get(start..end).unwrap_or(""),
                base.patch(theme.highlight)
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            ),
            (text.get(end..).unwrap_or(""), base),
        ];
        for (piece, style) in pieces {
            if x >= right {
                break;
            }
            // Article text (already clean): a hard break shows as a space.
            let piece = piece.replace('\n', " ");
            let piece = gate::escape_text(&piece);
            x += put_str(buf, x, y, &piece, style, right - x, amb);
        }
    }
    if fulltext.hits.is_empty() && !fulltext.input.trim().is_empty() {
        put_str(
            buf,
            area.x + 1,
            area.y,
            s.not_found,
            theme.muted,
            area.width,
            amb,
        );
    }
}
