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

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::layout::{Ambiguous, str_width};

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
    for grapheme in text.graphemes(true) {
        let width = str_width(grapheme, ambiguous);
        if width == 0 {
            continue; // control characters are removed upstream; nothing to draw
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
        let known = u16::try_from(grapheme.width()).unwrap_or(1).max(1);
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
                cell.set_symbol(" ");
            }
        }
    }
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            buf[(x, y)].reset();
        }
    }
}

/// Cut `text` to `max` columns, ending in `…` when something was cut.
pub fn truncate(text: &str, max: usize, ambiguous: Ambiguous) -> String {
    if str_width(text, ambiguous) <= max {
        return text.to_string();
    }
    let ellipsis = "…";
    let room = max.saturating_sub(str_width(ellipsis, ambiguous));
    let mut out = String::new();
    let mut used = 0;
    for grapheme in text.graphemes(true) {
        let width = str_width(grapheme, ambiguous);
        if used + width > room {
            break;
        }
        used += width;
        out.push_str(grapheme);
    }
    if used + str_width(ellipsis, ambiguous) <= max {
        out.push_str(ellipsis);
    }
    out
}

/// Wrap `text` into lines of at most `width` columns. Latin words stay whole
/// when they fit; CJK may break between any two characters; no grapheme is
/// ever split. Spaces at a break are dropped.
pub fn wrap(text: &str, width: usize, ambiguous: Ambiguous) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in words(text) {
        let word_width = str_width(word, ambiguous);
        if word.trim().is_empty() {
            if used > 0 && used + word_width <= width {
                line.push_str(word);
                used += word_width;
            }
            continue;
        }
        if used + word_width > width && used > 0 {
            lines.push(std::mem::take(&mut line).trim_end().to_string());
            used = 0;
        }
        if word_width <= width {
            line.push_str(word);
            used += word_width;
            continue;
        }
        // A word longer than the line: cut it by grapheme.
        for grapheme in word.graphemes(true) {
            let w = str_width(grapheme, ambiguous);
            if used + w > width && used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push_str(grapheme);
            used += w;
        }
    }
    if !line.trim().is_empty() || lines.is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// Closing punctuation that must not begin a line (a small part of the clreq
/// rules, enough for metadata values).
const NO_LINE_START: &str = "，。、；：？！）》」』】〕〉”’…—·,.;:?!)]}%";
/// Opening punctuation that must not end a line.
const NO_LINE_END: &str = "（《「『【〔〈“‘([{";

/// Split into words: runs of spaces, runs of narrow non-space characters
/// (a Latin word, a number, a date) and single wide characters, with closing
/// punctuation kept on the word before it and opening on the word after.
fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut last: Option<u8> = None;
    let mut previous = "";
    for (index, grapheme) in text.grapheme_indices(true) {
        let class = if grapheme.trim().is_empty() {
            0
        } else if grapheme.width() >= 2 {
            2
        } else {
            1
        };
        let glued = NO_LINE_START.contains(grapheme)
            || (!previous.is_empty() && NO_LINE_END.contains(previous));
        previous = grapheme;
        if index > start && !glued && (class == 2 || last != Some(class)) {
            out.push(&text[start..index]);
            start = index;
        }
        last = Some(class);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
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
    fn wrap_keeps_words_and_chars_whole() {
        assert_eq!(
            wrap("2015-12-17 10:20:42", 12, Ambiguous::Narrow),
            ["2015-12-17", "10:20:42"]
        );
        assert_eq!(
            wrap("中共宁波市委组织部", 7, Ambiguous::Narrow),
            ["中共宁", "波市委", "组织部"]
        );
        assert_eq!(wrap("“红色引擎”", 6, Ambiguous::Wide), ["“红色", "引擎”"]);
        // Neither a closing quote at a line's start nor an opening one at its end.
        assert_eq!(
            wrap("做园区发展的“红色引擎”", 12, Ambiguous::Narrow),
            ["做园区发展的", "“红色引擎”"]
        );
        assert_eq!(
            wrap("发展的“红色引擎”", 7, Ambiguous::Narrow),
            ["发展的", "“红色引", "擎”"]
        );
        assert_eq!(
            wrap("你好。再见", 4, Ambiguous::Narrow),
            ["你", "好。", "再见"]
        );
        assert_eq!(wrap("", 5, Ambiguous::Narrow), [""]);
    }

    #[test]
    fn truncate_marks_the_cut() {
        assert_eq!(truncate("党群连心", 8, Ambiguous::Narrow), "党群连心");
        assert_eq!(truncate("党群连心", 7, Ambiguous::Narrow), "党群连…");
        assert_eq!(truncate("党群连心", 7, Ambiguous::Wide), "党群…");
    }
}
