//! Display widths of characters and strings in terminal columns.
//!
//! Widths come from unicode-width 0.2, with two adjustments: control characters are 0
//! (unicode-width says "no width" for them; they are stripped at load anyway), and the
//! ambiguous-wide policy described on [`Ambiguous::Wide`].

use unicode_width::UnicodeWidthChar;

use super::cluster::Clusters;

/// How East Asian Ambiguous characters (“ ” ‘ ’ — … · × ° ①, box drawing, Greek,
/// Cyrillic) are measured. Must match the terminal, or lines overflow or fall short.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ambiguous {
    /// One column: what most terminals do, and the default.
    #[default]
    Narrow,
    /// Two columns, matching real ambiguous-wide terminals (xterm `-cjk_width`,
    /// Markus Kuhn's `mk_wcwidth_cjk`): unicode-width's `width_cjk()` **plus** Greek
    /// (U+0391–03A9, U+03B1–03C9) and Cyrillic (U+0401, U+0410–044F, U+0451), which
    /// unicode-width 0.2 keeps narrow even in CJK mode (checked by a test below) while
    /// those terminals draw them wide.
    Wide,
}

/// Greek and Cyrillic letters that ambiguous-wide terminals draw 2 columns wide.
fn wide_greek_cyrillic(c: char) -> bool {
    matches!(c, '\u{391}'..='\u{3A9}' | '\u{3B1}'..='\u{3C9}' | '\u{401}' | '\u{410}'..='\u{44F}' | '\u{451}')
}

/// Width of one character in columns (0, 1 or 2).
#[inline]
pub fn char_width(c: char, a: Ambiguous) -> usize {
    // Fast paths for the two cases that make up nearly all Chinese text; they give the
    // same answer as the tables (the tests check the whole ranges).
    if (' '..='~').contains(&c) {
        return 1;
    }
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return 2;
    }
    table_width(c, a)
}

#[inline(never)]
fn table_width(c: char, a: Ambiguous) -> usize {
    match a {
        Ambiguous::Narrow => c.width().unwrap_or(0),
        Ambiguous::Wide if wide_greek_cyrillic(c) => 2,
        Ambiguous::Wide => c.width_cjk().unwrap_or(0),
    }
}

/// Width of a multi-character grapheme cluster.
///
/// The width of its widest character (the base, normally: combining marks, Hangul
/// V/T jamo and selectors are 0), except that emoji presentation (VS16), emoji ZWJ
/// sequences and flag pairs are 2, which is how terminals that support them draw them.
pub(crate) fn cluster_width(cluster: &str, a: Ambiguous) -> usize {
    let mut chars = cluster.chars();
    let Some(base) = chars.next() else { return 0 };
    let mut w = char_width(base, a);
    let mut zwj = false;
    for c in chars {
        match c {
            '\u{FE0F}' => return 2,
            '\u{200D}' => zwj = true,
            '\u{1F1E6}'..='\u{1F1FF}' if is_regional(base) => return 2,
            _ => {}
        }
        w = w.max(char_width(c, a));
    }
    if zwj && is_pictographic(base) {
        return 2;
    }
    w.min(2)
}

fn is_regional(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// Characters that start emoji ZWJ sequences: the emoji blocks plus the older symbol
/// blocks (arrows, misc symbols, dingbats) and the few Latin-1/letterlike emoji.
fn is_pictographic(c: char) -> bool {
    matches!(c,
        '\u{1F000}'..='\u{1FAFF}' | '\u{2190}'..='\u{2BFF}' | '\u{A9}' | '\u{AE}' | '\u{203C}'
        | '\u{2049}' | '\u{2122}' | '\u{2139}' | '\u{3030}' | '\u{303D}' | '\u{3297}' | '\u{3299}')
}

/// Width of a string in columns, summed over grapheme clusters (see [`Ambiguous`] and
/// the cluster rule above), so `"❤️"` is 2 and `"e\u{301}"` is 1.
pub fn str_width(s: &str, a: Ambiguous) -> usize {
    clusters(s, a).map(|(_, width)| width).sum()
}

/// The grapheme clusters of `s` with their widths, by the same fast segmentation
/// the layout uses, for code that draws cell by cell.
pub fn clusters(s: &str, a: Ambiguous) -> impl Iterator<Item = (&str, usize)> {
    Clusters::new(s).map(move |(start, end, c)| {
        let cluster = &s[start..end];
        if end - start == c.len_utf8() {
            (cluster, char_width(c, a))
        } else {
            (cluster, cluster_width(cluster, a))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ambiguous::{Narrow, Wide};
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn fast_paths_agree_with_tables() {
        for c in (' '..='~').chain('\u{4E00}'..='\u{9FFF}') {
            assert_eq!(Some(char_width(c, Narrow)), c.width(), "{c:?}");
            assert_eq!(Some(char_width(c, Wide)), c.width_cjk(), "{c:?}");
        }
    }

    #[test]
    fn ambiguous_characters_follow_the_policy() {
        for c in ['“', '”', '‘', '’', '—', '…', '·', '×', '°', '①', '─', '│'] {
            assert_eq!(char_width(c, Narrow), 1, "{c:?}");
            assert_eq!(char_width(c, Wide), 2, "{c:?}");
        }
        for c in ['中', '，', '。', '《', '\u{3000}', 'あ', '가'] {
            assert_eq!(char_width(c, Narrow), 2, "{c:?}");
            assert_eq!(char_width(c, Wide), 2, "{c:?}");
        }
        assert_eq!(char_width('a', Wide), 1);
    }

    #[test]
    fn unicode_width_keeps_greek_and_cyrillic_narrow_in_cjk_mode() {
        // The claim behind the Greek/Cyrillic addition: if a future unicode-width makes
        // these wide itself, this test fails and the addition can go.
        for c in ['Α', 'Ω', 'α', 'ω', 'Ё', 'А', 'я', 'ё'] {
            assert_eq!(c.width_cjk(), Some(1), "{c:?}");
            assert_eq!(char_width(c, Narrow), 1, "{c:?}");
            assert_eq!(char_width(c, Wide), 2, "{c:?}");
        }
        // Neighbours outside the ranges stay as unicode-width says.
        assert_eq!(char_width('ϊ', Wide), 1);
        assert_eq!(char_width('Ђ', Wide), 1);
    }

    #[test]
    fn control_characters_are_zero() {
        for c in ['\n', '\r', '\t', '\0', '\u{7F}', '\u{9F}'] {
            assert_eq!(char_width(c, Narrow), 0, "{c:?}");
            assert_eq!(char_width(c, Wide), 0, "{c:?}");
        }
    }

    #[test]
    fn clusters_measure_as_one() {
        let cases = [
            ("❤\u{FE0F}", 2),
            ("👨\u{200D}👩\u{200D}👧\u{200D}👦", 2),
            ("🇨🇳", 2),
            ("👍🏽", 2),
            ("e\u{301}", 1),
            ("1\u{FE0F}\u{20E3}", 2),
            ("\u{1100}\u{1161}\u{11A8}", 2),
        ];
        for (s, w) in cases {
            assert_eq!(str_width(s, Narrow), w, "{s:?}");
            assert_eq!(str_width(s, Wide), w, "{s:?}");
            assert_eq!(s.width(), w, "unicode-width agrees on {s:?}");
        }
        assert_eq!(str_width("ab中文，“好”", Narrow), 2 + 4 + 2 + 1 + 2 + 1);
        assert_eq!(str_width("ab中文，“好”", Wide), 2 + 4 + 2 + 2 + 2 + 2);
        assert_eq!(str_width("", Narrow), 0);
    }
}
