//! Writing text into the buffer cell by cell, with the terminal's idea of width.
//!
//! ratatui measures every symbol with unicode-width's narrow rule. In a terminal
//! that draws East Asian Ambiguous characters (“ ” — … ·) two columns wide, that
//! is one column short per character, and the next cell ratatui writes lands on
//! the second half of the wide glyph. So every string goes through [`put_str`]:
//! it measures with the layout engine's [`str_width`], and where that differs
//! from ratatui's idea it gives the cell `CellDiffOption::ForcedWidth`, so the
//! diff treats the character as wide: it never writes over its second half and
//! moves the cursor explicitly to the cell after it.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::gate::{Strength, is_hidden};
use crate::layout::{Ambiguous, clusters, str_width};

/// Draw `text` from (`x`, `y`) in at most `max` columns; returns the columns
/// used. A grapheme that does not fit whole is not drawn (never half a CJK char).
pub fn put_str(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    text: &str,
    style: Style,
    max: u16,
    ambiguous: Ambiguous,
) -> u16 {
    let area = buf.area;
    if y < area.top() || y >= area.bottom() {
        return 0;
    }
    let limit = max.min(area.right().saturating_sub(x));
    let mut used: u16 = 0;
    for (grapheme, width) in clusters(text, ambiguous) {
        // The screen's side of the gate (src/gate.rs): articles are sanitised
        // when loaded and messages escaped before they are measured, so this
        // only guards against a path that forgot; such a cluster is not drawn.
        if width == 0 || grapheme.chars().any(|c| is_hidden(c, Strength::Text)) {
            continue;
        }
        let Ok(width) = u16::try_from(width) else {
            break;
        };
        if used + width > limit {
            break;
        }
        let cx = x + used;
        if cx < area.left() {
            used += width;
            continue;
        }
        // What ratatui's diff will assume the cell covers (its own rule, which counts
        // the half-width sound marks ﾞ ﾟ once more than unicode-width already does);
        // where ours differs, ours is forced, or the diff skips the cells after it.
        let known = grapheme.cell_width().max(1);
        let diff = match NonZeroU16::new(width) {
            Some(forced) if width != known => CellDiffOption::ForcedWidth(forced),
            _ => CellDiffOption::None,
        };
        buf[(cx, y)]
            .set_symbol(grapheme)
            .set_style(style)
            .set_diff_option(diff);
        // The columns the character covers: blank, as ratatui keeps them.
        for i in 1..width {
            buf[(cx + i, y)].reset();
        }
        used += width;
    }
    used
}

/// Fill `area` with `symbol` (one column wide) in `style`.
pub fn fill(buf: &mut Buffer, area: Rect, symbol: &str, style: Style) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            buf[(x, y)]
                .set_symbol(symbol)
                .set_style(style)
                .set_diff_option(CellDiffOption::None);
        }
    }
}

/// Blank `area` for an overlay. A wide character whose first half is just left
/// of the area would be cut by the overlay's edge: the terminal then erases all
/// of it, so blank it in the buffer too and both agree.
pub fn clear(buf: &mut Buffer, area: Rect, ambiguous: Ambiguous) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    if area.left() > buf.area.left() {
        for y in area.top()..area.bottom() {
            let cell = &mut buf[(area.left() - 1, y)];
            if str_width(cell.symbol(), ambiguous) > 1 {
                // Blank, and no longer forced wide: the diff must not skip
                // the cell after it, which is now the overlay's.
                cell.set_symbol(" ").set_diff_option(CellDiffOption::None);
            }
        }
    }
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            buf[(x, y)].reset();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_ambiguous_char_is_forced_wide() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        let used = put_str(&mut buf, 0, 0, "“红”a", Style::new(), 10, Ambiguous::Wide);
        assert_eq!(used, 7);
        let two = CellDiffOption::ForcedWidth(NonZeroU16::MIN.saturating_add(1));
        assert_eq!(buf[(0, 0)].symbol(), "“");
        assert_eq!(buf[(0, 0)].diff_option, two);
        assert_eq!(buf[(2, 0)].symbol(), "红");
        assert_eq!(
            buf[(2, 0)].diff_option,
            CellDiffOption::None,
            "ratatui knows 红"
        );
        assert_eq!(buf[(4, 0)].diff_option, two);
        assert_eq!(buf[(6, 0)].symbol(), "a");
    }

    /// ratatui counts ｶﾞ as 3 columns and its diff then skipped the ｲ after it.
    #[test]
    fn half_width_kana_with_sound_marks_all_reach_the_terminal() {
        let area = Rect::new(0, 0, 12, 1);
        let mut after = Buffer::empty(area);
        let text = "ｶﾞｲﾄﾞﾌﾞｯｸ";
        let used = put_str(&mut after, 0, 0, text, Style::new(), 12, Ambiguous::Narrow);
        assert_eq!(used, 9);
        let written: String = Buffer::empty(area)
            .diff(&after)
            .into_iter()
            .map(|(_, _, cell)| cell.symbol().to_string())
            .collect();
        assert_eq!(written, text);
    }

    #[test]
    fn diff_never_writes_over_the_second_half() {
        // The screen had "abcdef"; now "“x" in wide mode: the terminal draws “
        // over columns 0-1, so the diff must write “ at 0 and x at 2, nothing at 1.
        let area = Rect::new(0, 0, 6, 1);
        let mut before = Buffer::empty(area);
        put_str(
            &mut before,
            0,
            0,
            "abcdef",
            Style::new(),
            6,
            Ambiguous::Wide,
        );
        let mut after = Buffer::empty(area);
        put_str(&mut after, 0, 0, "“x", Style::new(), 6, Ambiguous::Wide);
        let written: Vec<(u16, String)> = before
            .diff(&after)
            .into_iter()
            .map(|(x, _, cell)| (x, cell.symbol().to_string()))
            .collect();
        assert_eq!(written[..2], [(0, "“".to_string()), (2, "x".to_string())]);
        assert!(written.iter().all(|(x, _)| *x != 1), "{written:?}");
    }

    #[test]
    fn control_and_bidi_characters_never_reach_a_cell() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 1));
        let text = "a\u{1b}[2J\u{9b}b\u{202e}c\u{7}";
        put_str(&mut buf, 0, 0, text, Style::new(), 20, Ambiguous::Narrow);
        let drawn: String = (0..20).map(|x| buf[(x, 0)].symbol().to_string()).collect();
        assert!(
            !drawn.chars().any(|c| is_hidden(c, Strength::Text)),
            "{drawn:?}"
        );
        assert!(drawn.starts_with("a[2Jbc"), "{drawn:?}");
    }

    #[test]
    fn narrow_mode_forces_nothing() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        assert_eq!(
            put_str(&mut buf, 0, 0, "“红”a", Style::new(), 10, Ambiguous::Narrow),
            5
        );
        assert!((0..10).all(|x| buf[(x, 0)].diff_option == CellDiffOption::None));
    }

    #[test]
    fn never_half_a_wide_char() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        assert_eq!(
            put_str(
                &mut buf,
                0,
                0,
                "红色引擎",
                Style::new(),
                5,
                Ambiguous::Narrow
            ),
            4
        );
        assert_eq!(buf[(4, 0)].symbol(), " ");
        // The buffer edge cuts too.
        let mut buf = Buffer::empty(Rect::new(0, 0, 3, 1));
        assert_eq!(
            put_str(&mut buf, 0, 0, "红色", Style::new(), 99, Ambiguous::Narrow),
            2
        );
    }

    #[test]
    fn clearing_for_an_overlay_blanks_a_wide_char_cut_by_its_edge() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        put_str(&mut buf, 0, 0, "a“b", Style::new(), 8, Ambiguous::Wide);
        clear(&mut buf, Rect::new(2, 0, 4, 1), Ambiguous::Wide);
        assert_eq!(
            buf[(1, 0)].symbol(),
            " ",
            "“ at 1-2 was cut by the edge at 2"
        );
        assert_eq!(buf[(1, 0)].diff_option, CellDiffOption::None);
        assert_eq!(buf[(0, 0)].symbol(), "a");
    }
}
