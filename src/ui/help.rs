//! The help overlay: every active binding, generated from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{Action, App};
use crate::layout::str_width;

use super::draw::put_str;
use super::overlay::{self, centred, close_hint, draw_scrolled, frame};
use super::strings::Strings;
use super::wrap::truncate;

/// The help's rows: keys (joined) and what they do. The nine section jumps
/// share one row, their keys listed in order.
pub fn rows(app: &App) -> Vec<(String, &'static str)> {
    let s = Strings::for_language(app.config.ui.language);
    let joined = |action: Action| -> String {
        let keys: Vec<String> = app
            .keymap
            .keys(action)
            .iter()
            .map(|k| k.to_string())
            .collect();
        keys.join(", ")
    };
    let mut out = Vec::new();
    let mut sections: Vec<String> = Vec::new();
    for (action, _) in app.keymap.bindings() {
        // Only offered when there is something to list.
        if *action == Action::Problems && app.shelf.problems.is_empty() {
            continue;
        }
        let library_only = matches!(
            action,
            Action::NextArticle | Action::PreviousArticle | Action::LibrarySearch
        );
        if library_only && !app.has_library() {
            continue;
        }
        if *action == Action::Phone && app.article.meta.url.is_none() {
            continue;
        }
        // A kiosk has no way out and nothing to suspend to: not offered.
        if app.kiosk.is_some() && matches!(action, Action::Quit | Action::Suspend) {
            continue;
        }
        if action.section_index().is_some() {
            sections.push(joined(*action));
            if sections.len() == 1 {
                out.push((String::new(), s.section_n));
            }
            continue;
        }
        out.push((joined(*action), s.describe(*action)));
    }
    if let Some(row) = out.iter_mut().find(|(keys, _)| keys.is_empty()) {
        row.0 = sections.join(" ");
    }
    out
}

/// The box's place on `screen`.
pub fn area(app: &App, screen: Rect) -> Rect {
    placed(app, screen, &rows(app)).0
}

/// The box for `rows` on `screen`, and the key column's width.
fn placed(app: &App, screen: Rect, rows: &[(String, &str)]) -> (Rect, usize) {
    let amb = app.ambiguous;
    let key_width = rows
        .iter()
        .map(|(keys, _)| str_width(keys, amb))
        .max()
        .unwrap_or(0)
        .min(24);
    let text_width = rows
        .iter()
        .map(|(_, what)| str_width(what, amb))
        .max()
        .unwrap_or(0);
    let width = u16::try_from(key_width + text_width + 7).unwrap_or(u16::MAX);
    let height = u16::try_from(rows.len() + 2).unwrap_or(u16::MAX);
    (centred(screen, width, height), key_width)
}

/// How far the help can scroll on the current screen, and a page of rows.
pub fn scroll_limits(app: &App) -> (usize, usize) {
    let rows = rows(app);
    let (area, _) = placed(app, app.areas.screen, &rows);
    overlay::scroll_limits(rows.len(), usize::from(area.height.saturating_sub(2)))
}

/// Draw the help box, its rows from `scroll` on; returns where it is.
pub fn render(app: &App, screen: Rect, buf: &mut Buffer, scroll: usize) -> Rect {
    let amb = app.ambiguous;
    let s = Strings::for_language(app.config.ui.language);
    let rows = rows(app);
    let (area, key_width) = placed(app, screen, &rows);
    let inner = frame(app, area, buf, s.keys, &close_hint(app, s.close));
    let key_column = u16::try_from(key_width + 3).unwrap_or(u16::MAX);
    draw_scrolled(app, inner, buf, rows.len(), scroll, |buf, y, index| {
        let (keys, what) = &rows[index];
        let keys = truncate(
            keys,
            key_width.min(usize::from(inner.width.saturating_sub(2))),
            amb,
        );
        put_str(
            buf,
            inner.x + 1,
            y,
            &keys,
            app.theme.accent,
            inner.width.saturating_sub(1),
            amb,
        );
        if key_column < inner.width {
            put_str(
                buf,
                inner.x + key_column,
                y,
                what,
                app.theme.text,
                inner.width - key_column,
                amb,
            );
        }
    });
    area
}
