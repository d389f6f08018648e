//! The metadata sidebar: the article's facts (栏目, 标题, 时间 ...), reading
//! figures, and the table of contents with the current section marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::App;
use crate::layout::str_width;

use super::draw::put_str;
use super::strings::Strings;
use super::strip::section_label;
use super::wrap::{truncate, wrap, wrap_hanging};

/// Label column: wide enough for two CJK characters and a gap; longer labels
/// push their value's first line right.
const LABEL_COLUMN: usize = 5;
const MARKER: &str = "▸ ";

/// Below this many columns beside the label column a value goes under its
/// label at the full width instead: fewer would show one CJK character a row.
const MIN_VALUE_WIDTH: usize = 4;

/// One row of the sidebar's upper part: an optional label and a piece of value
/// starting `column` columns in.
struct Row {
    label: Option<String>,
    text: String,
    column: u16,
    style: Style,
}

/// Label/value pairs in display order, empty values left out.
fn fields(app: &App) -> Vec<(String, String)> {
    let s = Strings::for_language(app.config.ui.language);
    let meta = &app.article.meta;
    let mut out: Vec<(String, String)> = Vec::new();
    let mut push = |label: &str, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            out.push((label.to_string(), value));
        }
    };
    push(s.kicker, meta.kicker.clone());
    push(s.title, Some(meta.title.clone()));
    push(s.subtitle, meta.subtitle.clone());
    push(s.author, meta.author.clone());
    push(s.date, meta.date.clone());
    push(s.source, meta.source.clone());
    push(s.views, meta.views.map(thousands));
    push(s.publisher, meta.publisher.clone());
    push(s.tags, Some(meta.tags.join(s.tag_separator)));
    // Long URLs wrap: the layout engine breaks long tokens after / ? & =.
    push(s.link, meta.url.clone());
    for (key, value) in &meta.extra {
        push(key, Some(value.clone()));
    }
    push(s.char_count, Some(thousands(app.char_count as u64)));
    let speed = u64::from(app.config.ui.reading_speed.max(1));
    // An empty article takes no time to read: no row rather than "about 1 minute".
    let minutes = (app.char_count as u64).div_ceil(speed);
    push(
        s.reading_time,
        (minutes > 0).then(|| format!("{}{minutes}{}", s.minutes.0, s.minutes.1)),
    );
    push(s.progress, Some(format!("{}%", app.progress())));
    out
}

/// `20894` -> `20,894`.
pub(super) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The fields wrapped to `width` columns: the first line of a value after its
/// label, the rest under the value column. When the value column would be too
/// narrow, the whole value goes under the label at the full width.
fn rows(app: &App, width: usize) -> Vec<Row> {
    let amb = app.ambiguous;
    let mut rows = Vec::new();
    for (label, value) in fields(app) {
        let label_width = str_width(&label, amb) + 1;
        let first_width = width.saturating_sub(label_width.max(LABEL_COLUMN));
        let value_width = width.saturating_sub(LABEL_COLUMN);
        let (lines, column) = if value_width < MIN_VALUE_WIDTH {
            let mut lines = vec![String::new()];
            lines.extend(wrap(&value, width, amb));
            (lines, 0)
        } else if first_width < MIN_VALUE_WIDTH {
            // A long label: the value starts on the next row.
            let mut lines = vec![String::new()];
            lines.extend(wrap(&value, value_width, amb));
            (lines, LABEL_COLUMN)
        } else {
            let lines = wrap_hanging(&value, first_width, value_width, amb);
            (lines, LABEL_COLUMN)
        };
        for (index, text) in lines.into_iter().enumerate() {
            rows.push(Row {
                label: (index == 0).then(|| label.clone()),
                text,
                column: u16::try_from(column).unwrap_or(0),
                style: app.theme.text,
            });
        }
    }
    rows
}

/// Where the contents list goes: its first row's y, the first section shown
/// and how many fit. `None` when there is no room for it.
pub fn toc_window(app: &App, area: Rect) -> Option<(u16, usize, usize)> {
    let content_width = usize::from(area.width).saturating_sub(2);
    toc_window_below(app, area, rows(app, content_width).len())
}

/// [`toc_window`] when the fields take `used` rows (already known while drawing).
fn toc_window_below(app: &App, area: Rect, used: usize) -> Option<(u16, usize, usize)> {
    let used = u16::try_from(used).unwrap_or(u16::MAX);
    // A blank row and the 目录 heading come before the entries.
    let first_y = area.y.saturating_add(used).saturating_add(2);
    let room = usize::from(area.bottom().saturating_sub(first_y));
    let n = app.article.sections.len();
    if room == 0 || n == 0 {
        return None;
    }
    let shown = room.min(n);
    // Keep the current section in view, a little below the top when possible.
    let start = app.current_section.saturating_sub(shown / 3).min(n - shown);
    Some((first_y, start, shown))
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let amb = app.ambiguous;
    let theme = &app.theme;
    let x = area.x + 1;
    let width = area.width.saturating_sub(2);
    let rows = rows(app, usize::from(width));
    for (y, row) in (area.y..area.bottom()).zip(&rows) {
        let mut used = 0;
        if let Some(label) = &row.label {
            used = put_str(buf, x, y, label, theme.muted, width, amb) + 1;
        }
        let column = row.column.max(used);
        put_str(
            buf,
            x + column,
            y,
            &row.text,
            row.style,
            width.saturating_sub(column),
            amb,
        );
    }
    let Some((first_y, start, shown)) = toc_window_below(app, area, rows.len()) else {
        return;
    };
    let strings = Strings::for_language(app.config.ui.language);
    put_str(
        buf,
        x,
        first_y - 1,
        strings.contents,
        theme.heading,
        width,
        amb,
    );
    let marker_width = u16::try_from(str_width(MARKER, amb)).unwrap_or(2);
    for (row, index) in (start..start + shown).enumerate() {
        let y = first_y + row as u16; // row < shown ≤ area height
        let current = index == app.current_section;
        let label = truncate(
            section_label(app, index),
            usize::from(width.saturating_sub(marker_width)),
            amb,
        );
        if current {
            put_str(buf, x, y, MARKER, theme.accent, width, amb);
        }
        let style = if current { theme.accent } else { theme.text };
        put_str(
            buf,
            x + marker_width,
            y,
            &label,
            style,
            width.saturating_sub(marker_width),
            amb,
        );
    }
}

/// The section whose contents entry is at row `y`, if any.
pub fn hit(app: &App, area: Rect, y: u16) -> Option<usize> {
    let (first_y, start, shown) = toc_window(app, area)?;
    let row = usize::from(y.checked_sub(first_y)?);
    (row < shown).then_some(start + row)
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_groups_digits() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(20894), "20,894");
        assert_eq!(super::thousands(1234567), "1,234,567");
    }
}
