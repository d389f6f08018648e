//! "Take it with you": the article's link as a QR code a phone can scan,
//! drawn with half blocks (two modules a cell, so modules stay square in a
//! terminal's 1:2 cells), black on white whatever the theme, with the URL under it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};

use crate::app::App;
use crate::gate;
use crate::layout::{Ambiguous, str_width};

use super::draw::put_str;
use super::overlay::{centred, frame};
use super::strings::Strings;
use super::wrap::wrap;

/// Light modules around the code: the standard asks for four; two still scan
/// (phones and zbar read it) and are used when the screen is short.
const QUIET: usize = 4;
const QUIET_SHORT: usize = 2;

/// The code's modules, `quiet` light modules around it, row by row (true = dark).
pub fn modules(url: &str, quiet: usize) -> Option<Vec<Vec<bool>>> {
    let code = qrcode::QrCode::new(url.as_bytes()).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 2 * quiet;
    let mut rows = vec![vec![false; size]; size];
    for (index, color) in colors.iter().enumerate() {
        rows[quiet + index / width][quiet + index % width] = *color == qrcode::Color::Dark;
    }
    Some(rows)
}

/// One cell for two stacked modules: a space in the colour of both when they
/// agree, else an upper half block in the top module's colour on the bottom
/// one's. Colours, not glyphs, fill the cell wherever they can: a terminal's
/// block glyphs may stop short of the cell's edges (xterm with a TrueType
/// font leaves a light line between rows), which breaks a code.
fn cell(top: bool, bottom: bool) -> (&'static str, Style) {
    let colour = |dark: bool| if dark { Color::Black } else { Color::White };
    if top == bottom {
        (" ", Style::new().fg(colour(!top)).bg(colour(top)))
    } else {
        ("▀", Style::new().fg(colour(top)).bg(colour(bottom)))
    }
}

/// The code as rows of cells.
pub fn cells(modules: &[Vec<bool>]) -> Vec<Vec<(&'static str, Style)>> {
    modules
        .chunks(2)
        .map(|pair| {
            let top = &pair[0];
            let bottom = pair.get(1);
            (0..top.len())
                .map(|x| cell(top[x], bottom.is_some_and(|b| b[x])))
                .collect()
        })
        .collect()
}

/// Draw the QR box for the open article's link; returns where it is.
pub fn render(app: &App, screen: Rect, buf: &mut Buffer) -> Rect {
    let s = Strings::for_language(app.config.ui.language);
    let amb = app.ambiguous;
    let Some(url) = app.article.meta.url.as_deref() else {
        return Rect::default();
    };
    // The full quiet zone when it fits, else the short one.
    let Some(full) = modules(url, QUIET) else {
        return Rect::default();
    };
    let modules = if full.len().div_ceil(2) + 4 > usize::from(screen.height) {
        modules(url, QUIET_SHORT).unwrap_or(full)
    } else {
        full
    };
    let code = cells(&modules);
    // Half blocks are ambiguous-width: two columns each in a wide terminal.
    let cell = if amb == Ambiguous::Wide { 2 } else { 1 };
    let code_width = modules.len() * cell;
    let url_text = gate::escape(url).into_owned();
    let mut url_lines = wrap(&url_text, code_width.max(20), amb);
    // The URL goes under the code; where the screen is too short for that, it
    // takes the frame's bottom edge (the close hint gives way: any key closes).
    let footer = if code.len() + url_lines.len() + 3 > usize::from(screen.height) {
        url_lines.clear();
        let room = (code_width.max(str_width(s.phone_title, amb)) + 4).saturating_sub(6);
        super::wrap::truncate(&url_text, room, amb)
    } else {
        s.any_key_closes.to_string()
    };
    let width =
        u16::try_from(code_width.max(str_width(s.phone_title, amb)) + 4).unwrap_or(u16::MAX);
    let blank = usize::from(!url_lines.is_empty());
    let height = u16::try_from(code.len() + blank + url_lines.len() + 2).unwrap_or(u16::MAX);
    let area = centred(screen, width, height);
    let inner = frame(app, area, buf, s.phone_title, &footer);
    let x = inner.x + inner.width.saturating_sub(code_width as u16) / 2;
    // Scanners want dark on light: fixed colours, not the theme's.
    for (row, line) in code.iter().enumerate() {
        let y = inner.y + row as u16; // fits: the box was sized for it
        if y >= inner.bottom() {
            break;
        }
        let mut cx = x;
        for (symbol, style) in line {
            cx += put_str(
                buf,
                cx,
                y,
                symbol,
                *style,
                inner.right().saturating_sub(cx),
                amb,
            );
        }
    }
    for (row, line) in url_lines.iter().enumerate() {
        let y = inner.y + (code.len() + 1 + row) as u16;
        if y >= inner.bottom() {
            break;
        }
        put_str(
            buf,
            inner.x + 1,
            y,
            line,
            app.theme.link,
            inner.width.saturating_sub(2),
            amb,
        );
    }
    area
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_modules_a_cell_in_colours() {
        let pair = vec![
            vec![true, false, true, false],
            vec![true, true, false, false],
        ];
        let row = &cells(&pair)[0];
        let symbols: Vec<&str> = row.iter().map(|(s, _)| *s).collect();
        assert_eq!(symbols, [" ", "▀", "▀", " "]);
        assert_eq!(row[0].1.bg, Some(Color::Black), "both dark: a dark cell");
        assert_eq!(
            (row[1].1.fg, row[1].1.bg),
            (Some(Color::White), Some(Color::Black))
        );
        assert_eq!(
            (row[2].1.fg, row[2].1.bg),
            (Some(Color::Black), Some(Color::White))
        );
        assert_eq!(row[3].1.bg, Some(Color::White));
        let grid = modules("https://example.org/a", QUIET).unwrap();
        assert_eq!(grid.len(), grid[0].len());
        assert!(grid[0].iter().all(|m| !m), "quiet zone");
        assert_eq!(cells(&grid).len(), grid.len().div_ceil(2));
    }
}
