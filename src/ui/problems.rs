//! The problems overlay: every file that could not be loaded, as
//! `path:line:column: message`, escaped by the gate and wrapped to the box.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::gate;
use crate::layout::str_width;

use super::draw::put_str;
use super::overlay::{self, centred, close_hint, draw_scrolled, frame};
use super::strings::Strings;
use super::wrap::wrap;

/// The box on `screen` and its rows: each problem wrapped to the box's width,
/// a blank row between problems.
fn placed(app: &App, screen: Rect) -> (Rect, Vec<String>) {
    let amb = app.ambiguous;
    // A file name can carry escape codes: escape before measuring, so the
    // width is that of what is drawn.
    let lines: Vec<String> = app
        .shelf
        .problems
        .iter()
        .map(|p| gate::escape(&p.to_string()).into_owned())
        .collect();
    let widest = lines.iter().map(|l| str_width(l, amb)).max().unwrap_or(0);
    // Two columns of frame, one of air each side of the text.
    let width = u16::try_from(widest + 4).unwrap_or(u16::MAX);
    let probe = centred(screen, width, screen.height);
    let text_width = usize::from(probe.width.saturating_sub(4)).max(1);
    let mut rows = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        if index > 0 {
            rows.push(String::new());
        }
        rows.extend(wrap(line, text_width, amb));
    }
    let height = u16::try_from(rows.len() + 2).unwrap_or(u16::MAX);
    (centred(screen, width, height), rows)
}

/// Where the box is on `screen`.
pub fn area(app: &App, screen: Rect) -> Rect {
    placed(app, screen).0
}

/// How far the list can scroll on the current screen, and a page of rows.
pub fn scroll_limits(app: &App) -> (usize, usize) {
    let (area, rows) = placed(app, app.areas.screen);
    overlay::scroll_limits(rows.len(), usize::from(area.height.saturating_sub(2)))
}

/// Draw the box, its rows from `scroll` on; returns where it is.
pub fn render(app: &App, screen: Rect, buf: &mut Buffer, scroll: usize) -> Rect {
    let s = Strings::for_language(app.config.ui.language);
    let (area, rows) = placed(app, screen);
    let title = s.problems_title(app.shelf.problems.len());
    let inner = frame(app, area, buf, &title, &close_hint(app, s.close));
    draw_scrolled(app, inner, buf, rows.len(), scroll, |buf, y, index| {
        put_str(
            buf,
            inner.x + 1,
            y,
            &rows[index],
            app.theme.text,
            inner.width.saturating_sub(2),
            app.ambiguous,
        );
    });
    area
}
