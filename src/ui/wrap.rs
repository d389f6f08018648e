//! Fitting text into columns: cutting with an ellipsis and wrapping short
//! values (the sidebar's), measured with the terminal's ambiguous-width mode.

use crate::layout::{Ambiguous, Document, LayoutOptions, clusters, str_width};

/// Cut `text` to `max` columns, ending in `…` when something was cut.
pub fn truncate(text: &str, max: usize, ambiguous: Ambiguous) -> String {
    if str_width(text, ambiguous) <= max {
        return text.to_string();
    }
    let ellipsis = "…";
    let room = max.saturating_sub(str_width(ellipsis, ambiguous));
    let mut out = String::new();
    let mut used = 0;
    for (grapheme, width) in clusters(text, ambiguous) {
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

/// Wrap `text` into lines of at most `width` columns with the layout engine, so
/// short values (the sidebar's) follow the same clreq rules as the article: no
/// 。 or ” at a line start, no “ at a line end, numbers and words whole when
/// they fit, no grapheme split. Trailing spaces are trimmed.
pub fn wrap(text: &str, width: usize, ambiguous: Ambiguous) -> Vec<String> {
    let document = Document::from_text(text, ambiguous);
    let lines = document.plain_lines(&document.layout(&options(width)));
    if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    }
}

/// [`wrap`] with a hanging first line: `first_width` columns for the first
/// line (a value beside its label), `rest_width` for the others (under the
/// value column). The rest continues at the byte where the layout ended the
/// first line, never at the length of the drawn text, which can differ (a `?`
/// placeholder for a character too wide, trimmed spaces).
pub fn wrap_hanging(
    text: &str,
    first_width: usize,
    rest_width: usize,
    ambiguous: Ambiguous,
) -> Vec<String> {
    let document = Document::from_text(text, ambiguous);
    let layout = document.layout(&options(first_width));
    let mut lines = document.plain_lines(&layout);
    if first_width == rest_width || layout.lines.len() <= 1 {
        return if lines.is_empty() {
            vec![String::new()]
        } else {
            lines
        };
    }
    // Joining a paragraph's line ranges gives its text back (layout contract).
    let rest: String = layout.lines[1..]
        .iter()
        .map(|line| document.line_text(line))
        .collect();
    lines.truncate(1);
    lines.extend(wrap(rest.trim_start(), rest_width, ambiguous));
    lines
}

/// A plain paragraph: no indent, no spacing, no centring.
fn options(width: usize) -> LayoutOptions {
    LayoutOptions {
        width: width.max(1),
        indent: 0,
        paragraph_spacing: 0,
        max_width: 0,
        widow: false,
    }
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
    fn hanging_wrap_loses_nothing() {
        // A 1-column first line shows a placeholder for a CJK character; the
        // character itself still counts as shown and the rest follows.
        assert_eq!(
            wrap_hanging("组织建设", 1, 4, Ambiguous::Narrow),
            ["?", "织建", "设"]
        );
        assert_eq!(
            wrap_hanging("中共宁波市委组织部", 4, 6, Ambiguous::Narrow),
            ["中共", "宁波市", "委组织", "部"]
        );
        // Spaces at the break are not carried to the next line.
        assert_eq!(
            wrap_hanging("2015-12-17 10:20:42", 10, 8, Ambiguous::Narrow),
            ["2015-12-17", "10:20:42"]
        );
        assert_eq!(wrap_hanging("短", 4, 8, Ambiguous::Narrow), ["短"]);
        assert_eq!(wrap_hanging("", 4, 8, Ambiguous::Narrow), [""]);
    }

    #[test]
    fn truncate_marks_the_cut() {
        assert_eq!(truncate("党群连心", 8, Ambiguous::Narrow), "党群连心");
        assert_eq!(truncate("党群连心", 7, Ambiguous::Narrow), "党群连…");
        assert_eq!(truncate("党群连心", 7, Ambiguous::Wide), "党群…");
    }
}
