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

/// Light modules around the code; the standard asks for four.
const QUIET: usize = 4;

/// The code's modules, quiet zone included, row by row (true = dark).
pub fn modules(url: &str) -> Option<Vec<Vec<bool>>> {
    let code = qrcode::QrCode::new(url.as_bytes()).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 2 * QUIET;
    let mut rows = vec![vec![false; size]; size];
    for (index, color) in colors.iter().enumerate() {
        rows[QUIET + index / width][QUIET + index % width] = *color == qrcode::Color::Dark;
    }
    Some(rows)
}

/// One cell for two stacked modules.
fn half_block(top: bool, bottom: bool) -> &'static str {
    match (top, bottom) {
        (false, false) => " ",
        (true, false) => "▀",
        (false, true) => "▄",
        (true, true) => "█",
    }
}

/// The code as lines of cells.
pub fn lines(modules: &[Vec<bool>]) -> Vec<String> {
    modules
        .chunks(2)
        .map(|pair| {
            let top = &pair[0];
            let bottom = pair.get(1);
            (0..top.len())
                .map(|x| half_block(top[x], bottom.is_some_and(|b| b[x])))
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
    let Some(modules) = modules(url) else {
        return Rect::default();
    };
    let code = lines(&modules);
    // Half blocks are ambiguous-width: two columns each in a wide terminal.
    let cell = if amb == Ambiguous::Wide { 2 } else { 1 };
    let code_width = modules.len() * cell;
    let url_text = gate::escape(url).into_owned();
    let url_lines = wrap(&url_text, code_width.max(20), amb);
    let width =
        u16::try_from(code_width.max(str_width(s.phone_title, amb)) + 4).unwrap_or(u16::MAX);
    let height = u16::try_from(code.len() + url_lines.len() + 3).unwrap_or(u16::MAX);
    let area = centred(screen, width, height);
    let inner = frame(app, area, buf, s.phone_title, s.any_key_closes);
    let x = inner.x + inner.width.saturating_sub(code_width as u16) / 2;
    // Scanners want dark on light: fixed colours, not the theme's.
    let style = Style::new().fg(Color::Black).bg(Color::White);
    for (row, line) in code.iter().enumerate() {
        let y = inner.y + row as u16; // fits: the box was sized for it
        if y >= inner.bottom() {
            break;
        }
        put_str(buf, x, y, line, style, inner.width, amb);
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
    fn half_blocks_stack_two_rows_in_a_line() {
        let pair = vec![vec![true, false, true], vec![true, true, false]];
        assert_eq!(lines(&pair), ["█▄▀"]);
        let url = "https://example.org/a";
        let grid = modules(url).unwrap();
        assert_eq!(grid.len(), grid[0].len());
        assert!(grid[0].iter().all(|m| !m), "quiet zone");
        assert_eq!(lines(&grid).len(), grid.len().div_ceil(2));
    }
}
