//! The table-of-contents overlay: every section's full title, one selected.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{App, Overlay};
use crate::layout::str_width;

use super::draw::{fill, put_str};
use super::overlay::{centred, close_hint, frame};
use super::strings::Strings;
use super::wrap::truncate;

/// The box, its inside, the first entry shown and the selected one.
pub struct TocLayout {
    pub area: Rect,
    pub inner: Rect,
    pub start: usize,
    pub selected: usize,
}

fn title(app: &App, index: usize) -> String {
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
        .min(70);
    let height = u16::try_from(n + 2).unwrap_or(u16::MAX);
    let area = centred(screen, width, height);
    let inner = Rect::new(
        area.x + 1,
        area.y + 1,
        area.width.saturating_sub(2),
        area.height.saturating_sub(2),
    );
    let rows = usize::from(inner.height).max(1);
    let start = selected
        .saturating_sub(rows / 2)
        .min(n.saturating_sub(rows));
    Some(TocLayout {
        area,
        inner,
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
    let inner = frame(app, toc.area, buf, s.contents, &close_hint(app, s.close));
    let n = app.article.sections.len();
    let number_width = n.to_string().len();
    for (row, index) in (toc.start..n).take(usize::from(inner.height)).enumerate() {
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
    let index = toc.start + usize::from(y - toc.inner.y);
    Some((index < app.article.sections.len()).then_some(index))
}
