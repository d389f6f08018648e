//! Fitting text into columns: cutting with an ellipsis and wrapping short
//! values (the sidebar's), measured with the terminal's ambiguous-width mode.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::layout::{Ambiguous, str_width};

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
