//! The reader screen: views that borrow [`App`] and draw into a buffer.
//!
//! Everything is drawn with [`draw::put_str`] so that widths follow the
//! terminal's ambiguous-width mode, and only the visible lines are touched.

pub mod draw;
pub mod help;
pub mod library;
pub mod overlay;
pub mod pane;
pub mod problems;
pub mod qr;
pub mod sidebar;
pub mod status;
pub mod strings;
pub mod strip;
pub mod theme;
pub mod toc;
pub mod wrap;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{App, Overlay, Target, View};
use crate::layout::str_width;

use draw::put_str;
use strings::Strings;
use theme::Glyphs;

/// Draw the whole screen into the frame.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    draw(app, area, frame.buffer_mut());
}

/// Draw the whole screen into `buf` (the frame's buffer, or a bare one in
/// benchmarks). `app.areas` must have been computed for `area`'s size.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let areas = &app.areas;
    if areas.too_small || areas.screen != area {
        too_small(app, area, buf);
        return;
    }
    let amb = app.ambiguous;
    // The rule under the top row: the same in both views.
    let rule = Glyphs::for_mode(amb)
        .horizontal
        .repeat(usize::from(areas.rule.width));
    put_str(
        buf,
        areas.rule.x,
        areas.rule.y,
        &rule,
        app.theme.muted,
        areas.rule.width,
        amb,
    );
    if app.view == View::Library {
        library::render(app, buf);
    } else {
        strip::render(app, areas.strip, buf);
        pane::render(app, areas.pane, buf);
        if let Some(sidebar) = areas.sidebar {
            sidebar::render(app, sidebar, buf);
        }
    }
    status::render(app, areas.status, buf);
    let covered = match app.overlay {
        Some(Overlay::Help { scroll }) => help::render(app, area, buf, scroll),
        Some(Overlay::Problems { scroll }) => problems::render(app, area, buf, scroll),
        Some(Overlay::Qr) => qr::render(app, area, buf),
        Some(Overlay::Toc { .. }) => toc::render(app, area, buf),
        None => Rect::default(),
    };
    // Last, so that an overlay's column of air beside its box does not erase
    // the separator or the scrollbar; the box itself stays on top.
    if app.view == View::Reading {
        chrome(app, covered, buf);
    }
    idle_banner(app, area, buf);
}

/// A kiosk's countdown before it goes back to the start, over everything.
fn idle_banner(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(left) = app.kiosk.as_ref().and_then(|k| k.banner) else {
        return;
    };
    let s = Strings::for_language(app.config.ui.language);
    let text = format!("{}{left}{}", s.idle_banner.0, s.idle_banner.1);
    let amb = app.ambiguous;
    let width = u16::try_from(str_width(&text, amb) + 4).unwrap_or(u16::MAX);
    let box_area = overlay::centred(area, width, 3);
    let inner = overlay::frame(app, box_area, buf, "", "");
    put_str(
        buf,
        inner.x + 1,
        inner.y,
        &text,
        app.theme.accent,
        inner.width.saturating_sub(1),
        amb,
    );
}

/// The separator line, then the scrollbar: when the sidebar is on the right the
/// separator is the scrollbar's track, and the thumb must land on top of it.
/// Cells inside `covered` (an overlay's box) are left alone.
fn chrome(app: &App, covered: Rect, buf: &mut Buffer) {
    let amb = app.ambiguous;
    if let Some(separator) = app.areas.separator {
        let line = Glyphs::for_mode(amb).vertical;
        for y in separator.top()..separator.bottom() {
            if !covered.contains((separator.x, y).into()) {
                put_str(buf, separator.x, y, line, app.theme.muted, 1, amb);
            }
        }
    }
    pane::render_scrollbar(app, app.areas.scrollbar, covered, buf);
}

/// The short message shown below the minimum size, centred as far as it fits.
fn too_small(app: &App, area: Rect, buf: &mut Buffer) {
    let text = Strings::for_language(app.config.ui.language).too_small;
    let amb = app.ambiguous;
    // Wrapped by the layout engine, so "Window too small" at 15 columns reads
    // "Window too / small", never "Window too smal".
    let lines = wrap::wrap(text, usize::from(area.width.max(1)), amb);
    let height = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let top = area.y + area.height.saturating_sub(height) / 2;
    for (row, line) in lines.iter().enumerate() {
        let line = line.trim_end();
        let width = u16::try_from(str_width(line, amb))
            .unwrap_or(u16::MAX)
            .min(area.width);
        let x = area.x + (area.width - width) / 2;
        let y = top.saturating_add(u16::try_from(row).unwrap_or(u16::MAX));
        put_str(buf, x, y, line, app.theme.accent, area.width, amb);
    }
}

/// What is under the mouse at (`x`, `y`).
pub fn hit_test(app: &App, x: u16, y: u16) -> Target {
    let areas = &app.areas;
    if areas.too_small {
        return Target::Nothing;
    }
    match app.overlay {
        // Any click closes the QR code, as any key does.
        Some(Overlay::Qr) => return Target::Nothing,
        Some(Overlay::Toc { .. }) => {
            return match toc::hit(app, areas.screen, x, y) {
                Some(Some(index)) => Target::TocEntry(index),
                Some(None) => Target::Overlay,
                None => Target::Nothing,
            };
        }
        Some(overlay @ (Overlay::Help { .. } | Overlay::Problems { .. })) => {
            // Inside the box a click does nothing; outside it closes the box.
            let area = match overlay {
                Overlay::Problems { .. } => problems::area(app, areas.screen),
                _ => help::area(app, areas.screen),
            };
            return if area.contains((x, y).into()) {
                Target::Overlay
            } else {
                Target::Nothing
            };
        }
        None => {}
    }
    if areas.status.contains((x, y).into()) {
        return status::hit(app, areas.status, x).map_or(Target::Nothing, Target::Hint);
    }
    if app.view == View::Library {
        return library::hit(app, y).map_or(Target::Nothing, Target::LibraryRow);
    }
    let position = (x, y).into();
    if areas.strip.contains(position) {
        return strip::hit(app, areas.strip, x).map_or(Target::Nothing, Target::Section);
    }
    if areas.scrollbar.contains(position) {
        return Target::Scrollbar {
            row: y - areas.scrollbar.y,
            height: areas.scrollbar.height,
        };
    }
    if let Some(sidebar) = areas.sidebar
        && sidebar.contains(position)
    {
        return sidebar::hit(app, sidebar, y).map_or(Target::Nothing, Target::Section);
    }
    Target::Nothing
}
