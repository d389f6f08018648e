//! The table-of-contents overlay: every section's full title, one selected; with
//! `/`, only those matching what is typed on its last row.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{App, Overlay};
use crate::layout::str_width;

use super::draw::{fill, put_str};
use super::overlay::{centred, close_hint, frame};
use super::strings::Strings;
use super::wrap::truncate;

/// The box, its inside (the list's rows), the sections listed, the first one
/// shown (an index into `entries`) and the selected section.
pub struct TocLayout {
    pub area: Rect,
    pub inner: Rect,
    pub entries: Vec<usize>,
    pub start: usize,
    pub selected: usize,
}

/// A section's title as the contents show it (the lead in the interface language).
pub fn title(app: &App, index: usize) -> String {
    let s = Strings::for_language(app.config.ui.language);
    match app.article.sections.get(index) {
        Some(section) if section.is_lead => s.lead.to_string(),
        Some(section) => section.title.clone(),
        None => String::new(),
    }
}

pub fn toc_layout(app: &App, screen: Rect) -> Option<TocLayout> {
    let Some(Overlay::Toc { selected }) = app.overlay else {
        return None;
    };
    let amb = app.ambiguous;
    let n = app.article.sections.len();
    let number_width = n.to_string().len();
    let widest = (0..n)
        .map(|i| str_width(&title(app, i), amb))
        .max()
        .unwrap_or(0);
    let width = u16::try_from(widest + number_width + 8)
        .unwrap_or(u16::MAX)
        .clamp(24, 70);
    // The box keeps its size while a filter narrows the list, plus a prompt row.
    let prompt = u16::from(app.toc_filtering());
    let height = u16::try_from(n + 2)
        .unwrap_or(u16::MAX)
        .saturating_add(prompt);
    let area = centred(screen, width, height);
    let inner = Rect::new(
        area.x + 1,
        area.y + 1,
        area.width.saturating_sub(2),
        area.height.saturating_sub(2 + prompt),
    );
    let entries = app.toc_entries();
    let rows = usize::from(inner.height).max(1);
    let at = entries.iter().position(|&i| i == selected).unwrap_or(0);
    let start = at
        .saturating_sub(rows / 2)
        .min(entries.len().saturating_sub(rows));
    Some(TocLayout {
        area,
        inner,
        entries,
        start,
        selected,
    })
}

/// Draw the contents box; returns where it is (empty when closed).
pub fn render(app: &App, screen: Rect, buf: &mut Buffer) -> Rect {
    let Some(toc) = toc_layout(app, screen) else {
        return Rect::default();
    };
    let amb = app.ambiguous;
    let s = Strings::for_language(app.config.ui.language);
    // The filter's key, when it has one and the list is long enough to need it.
    let filter_key = app.keymap.keys(crate::app::Action::Search).first().cloned();
    let hint = match filter_key {
        Some(key) if !app.toc_filtering() && app.article.sections.len() > 9 => {
            format!("{key} {}  {}", s.filter, close_hint(app, s.close))
        }
        _ => close_hint(app, s.close),
    };
    let inner = frame(app, toc.area, buf, s.contents, &hint);
    let n = app.article.sections.len();
    let number_width = n.to_string().len();
    let rows = usize::from(toc.inner.height);
    for (row, &index) in toc.entries.iter().skip(toc.start).take(rows).enumerate() {
        let y = inner.y + row as u16; // row < inner.height
        let style = if index == toc.selected {
            fill(
                buf,
                Rect::new(inner.x, y, inner.width, 1),
                " ",
                app.theme.highlight,
            );
            app.theme.highlight
        } else if index == app.current_section {
            app.theme.accent
        } else {
            app.theme.text
        };
        let text = format!(" {:>number_width$}  {}", index + 1, title(app, index));
        let text = truncate(&text, usize::from(inner.width), amb);
        put_str(buf, inner.x, y, &text, style, inner.width, amb);
    }
    if let Some(filter) = app.toc_filter.as_ref().filter(|_| app.toc_filtering()) {
        let y = toc.inner.bottom();
        fill(
            buf,
            Rect::new(inner.x, y, inner.width, 1),
            " ",
            app.theme.text,
        );
        let count = format!("  {}/{n}", filter.matches.len());
        let prompt = format!("/{}", crate::gate::escape(&filter.input));
        let room = usize::from(inner.width).saturating_sub(str_width(&count, amb) + 1);
        let prompt = truncate(&prompt, room, amb);
        let mut used = put_str(buf, inner.x, y, &prompt, app.theme.accent, inner.width, amb);
        // A block cursor, as on the status line's prompts.
        let cursor = app
            .theme
            .text
            .add_modifier(ratatui::style::Modifier::REVERSED);
        used += put_str(
            buf,
            inner.x + used,
            y,
            " ",
            cursor,
            inner.width.saturating_sub(used),
            amb,
        );
        put_str(
            buf,
            inner.x + used,
            y,
            &count,
            app.theme.muted,
            inner.width.saturating_sub(used),
            amb,
        );
    }
    toc.area
}

/// The section whose entry is at (`x`, `y`); `Some(None)` inside the box but on no entry.
pub fn hit(app: &App, screen: Rect, x: u16, y: u16) -> Option<Option<usize>> {
    let toc = toc_layout(app, screen)?;
    if !toc.area.contains((x, y).into()) {
        return None;
    }
    if !toc.inner.contains((x, y).into()) {
        return Some(None);
    }
    Some(
        toc.entries
            .get(toc.start + usize::from(y - toc.inner.y))
            .copied(),
    )
}
