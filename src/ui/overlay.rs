//! What the overlays share: a centred box with a title, and a list that
//! scrolls inside it (help, problems).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::layout::str_width;

use super::draw::{clear, put_str};
use super::theme::Glyphs;

/// A box of at most `width`×`height` centred on the screen. It leaves the
/// strip and status line free when it can, and covers them when its content
/// needs the rows.
pub fn centred(screen: Rect, width: u16, height: u16) -> Rect {
    let width = width
        .min(screen.width.saturating_sub(4))
        .max(screen.width.min(10));
    let height = height.min(screen.height).max(screen.height.min(3));
    Rect::new(
        screen.x + (screen.width - width) / 2,
        screen.y + (screen.height - height) / 2,
        width,
        height,
    )
}

/// Clear `area`, draw its frame and `title` in the top edge, `footer` in the
/// bottom edge. The inside is `area` shrunk by one on each side.
pub fn frame(app: &App, area: Rect, buf: &mut Buffer, title: &str, footer: &str) -> Rect {
    let amb = app.ambiguous;
    let g = Glyphs::for_mode(amb);
    let style = app.theme.muted;
    // A column of air each side keeps cut-off text from touching the frame.
    let margin = Rect::new(
        area.x.saturating_sub(1),
        area.y,
        area.width + 2,
        area.height,
    );
    clear(buf, margin, amb);
    if area.width < 2 || area.height < 2 {
        return Rect::default();
    }
    let (left, right, top, bottom) = (area.left(), area.right() - 1, area.top(), area.bottom() - 1);
    for x in left + 1..right {
        put_str(buf, x, top, g.horizontal, style, 1, amb);
        put_str(buf, x, bottom, g.horizontal, style, 1, amb);
    }
    for y in top + 1..bottom {
        put_str(buf, left, y, g.vertical, style, 1, amb);
        put_str(buf, right, y, g.vertical, style, 1, amb);
    }
    put_str(buf, left, top, g.top[0], style, 1, amb);
    put_str(buf, right, top, g.top[2], style, 1, amb);
    put_str(buf, left, bottom, g.bottom[0], style, 1, amb);
    put_str(buf, right, bottom, g.bottom[2], style, 1, amb);
    let inner_width = area.width.saturating_sub(4);
    let title = format!(" {title} ");
    put_str(
        buf,
        left + 2,
        top,
        &title,
        app.theme.heading,
        inner_width,
        amb,
    );
    let footer = format!(" {footer} ");
    let footer_width = u16::try_from(str_width(&footer, amb)).unwrap_or(0);
    if footer_width <= inner_width {
        put_str(
            buf,
            right - 1 - footer_width,
            bottom,
            &footer,
            style,
            inner_width,
            amb,
        );
    }
    Rect::new(left + 1, top + 1, area.width - 2, area.height - 2)
}

/// The footer naming the key that closes an overlay, e.g. `Esc 关闭`.
pub fn close_hint(app: &App, word: &str) -> String {
    match app.keymap.keys(crate::app::Action::Close).first() {
        Some(key) => format!("{key} {word}"),
        None => String::new(),
    }
}

/// How far a list of `total` rows can scroll in a box with `inner_height` rows
/// inside, and a page of rows. When the list does not fit, a row at the top
/// (once scrolled) and one at the bottom (while more follows) say so with `…`.
pub fn scroll_limits(total: usize, inner_height: usize) -> (usize, usize) {
    let height = inner_height.max(2);
    let max = if total <= height {
        0
    } else {
        total - (height - 1)
    };
    (max, height.saturating_sub(2).max(1))
}

/// Draw `total` rows from `scroll` on inside `inner`, with the `…` rows of
/// [`scroll_limits`]; `draw_row(buf, y, index)` draws row `index` at `y`.
pub fn draw_scrolled(
    app: &App,
    inner: Rect,
    buf: &mut Buffer,
    total: usize,
    scroll: usize,
    mut draw_row: impl FnMut(&mut Buffer, u16, usize),
) {
    let amb = app.ambiguous;
    let scroll = scroll.min(scroll_limits(total, usize::from(inner.height)).0);
    let mut y = inner.y;
    let mut room = usize::from(inner.height);
    let more = |buf: &mut Buffer, y: u16| {
        put_str(buf, inner.x + 1, y, "…", app.theme.muted, inner.width, amb);
    };
    if scroll > 0 && room > 0 {
        more(buf, y);
        y += 1;
        room -= 1;
    }
    let rest = total.saturating_sub(scroll);
    let shown = if rest <= room {
        rest
    } else {
        room.saturating_sub(1)
    };
    for index in scroll..scroll + shown {
        draw_row(buf, y, index);
        y += 1;
    }
    if shown < rest && room > 0 {
        more(buf, y);
    }
}
