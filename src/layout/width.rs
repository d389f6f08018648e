//! Display widths of characters and strings in terminal columns.
//!
//! Narrow mode is unicode-width 0.2 with control characters at 0 (unicode-width says
//! "no width" for them; they are stripped at load anyway). Wide mode is described on
//! [`Ambiguous::Wide`].

use icu_properties::CodePointMapData;
use icu_properties::props::{EastAsianWidth, GeneralCategory};
use unicode_width::UnicodeWidthChar;

use super::cluster::Clusters;

/// How East Asian Ambiguous characters (“ ” ‘ ’ — … · × ° ①, box drawing, Greek,
/// Cyrillic, pinyin's ā é ǚ, Latin-1 letters) are measured. Must match the terminal,
/// or lines overflow or fall short.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ambiguous {
    /// One column: what most terminals do, and the default.
    #[default]
    Narrow,
    /// Two columns for every character whose East Asian Width is A, as ambiguous-wide
    /// terminals draw them (xterm `-cjk_width`, VTE with ambiguous = wide, Markus Kuhn's
    /// `mk_wcwidth_cjk`); everything else as in narrow mode. The exceptions are the A
    /// characters that draw nothing by themselves (combining marks Mn/Me, format
    /// characters Cf such as U+00AD), which those terminals exclude too.
    ///
    /// Not unicode-width's `width_cjk()`: that keeps the ambiguous *letters* (pinyin's
    /// ā, é, ǚ, Greek, Cyrillic, æ, ß, the zhuyin tone marks ˇ ˊ ˋ ˙) at one column and
    /// makes some non-ambiguous symbols wide (∉, ⅐, ↚, U+0387), so text measured by it
    /// overflows in those terminals (a test below shows the difference).
    Wide,
}

/// Whether `c` is drawn two columns wide in an ambiguous-wide terminal but one in a
/// narrow one: East Asian Width A, minus combining and format characters. From the
/// Unicode data compiled into icu_properties, not a hand-kept list.
pub fn is_ambiguous(c: char) -> bool {
    if CodePointMapData::<EastAsianWidth>::new().get(c) != EastAsianWidth::Ambiguous {
        return false;
    }
    !matches!(
        CodePointMapData::<GeneralCategory>::new().get(c),
        GeneralCategory::NonspacingMark | GeneralCategory::EnclosingMark | GeneralCategory::Format
    )
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
    let narrow = c.width().unwrap_or(0);
    match a {
        Ambiguous::Wide if narrow == 1 && is_ambiguous(c) => 2,
        _ => narrow,
    }
}

/// Width of a multi-character grapheme cluster.
///
/// The width of its widest character (the base, normally: combining marks, Hangul
/// V/T jamo and selectors are 0), except that emoji presentation (VS16), emoji ZWJ
/// sequences and flag pairs are 2, which is how terminals that support them draw them,
/// and that the half-width sound marks ﾞ ﾟ (U+FF9E/F) add a column each (so `中ﾞ`
/// is 3 columns, the one case wider than 2, kept as a "long" cluster): Unicode
/// joins them to their kana, but terminals draw them in a cell of their own.
pub(crate) fn cluster_width(cluster: &str, a: Ambiguous) -> usize {
    let mut chars = cluster.chars();
    let Some(base) = chars.next() else { return 0 };
    let mut w = char_width(base, a);
    let mut zwj = false;
    let mut marks = 0;
    for c in chars {
        match c {
            '\u{FE0F}' => return 2,
            '\u{200D}' => zwj = true,
            '\u{1F1E6}'..='\u{1F1FF}' if is_regional(base) => return 2,
            '\u{FF9E}' | '\u{FF9F}' => marks += 1,
            _ => {}
        }
        w = w.max(char_width(c, a));
    }
    if zwj && is_pictographic(base) {
        return 2;
    }
    // Two sound marks after a wide kana make 4; nothing real is wider.
    (w + marks).min(4)
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
            assert_eq!(char_width(c, Narrow), table_width(c, Narrow), "{c:?}");
            assert_eq!(char_width(c, Wide), table_width(c, Wide), "{c:?}");
            assert_eq!(Some(char_width(c, Narrow)), c.width(), "{c:?}");
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

    /// Issue 10, item 1: the letters `width_cjk` left narrow, which ambiguous-wide
    /// terminals draw two columns wide.
    #[test]
    fn wide_mode_counts_ambiguous_letters_two_columns() {
        let letters = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüàáèéêìíòóùúæøßÆÐØ×÷ˇˊˋ˙ℓΩΑαЁАяё";
        for c in letters.chars() {
            assert_eq!(char_width(c, Narrow), 1, "{c:?}");
            assert_eq!(char_width(c, Wide), 2, "{c:?} is East Asian Width A");
        }
        // N í n g b ō: í and ō are A.
        assert_eq!(str_width("宁波（Níngbō）位于", Wide), 4 + 2 + 8 + 2 + 4);
        assert_eq!(str_width("宁波（Níngbō）位于", Narrow), 4 + 2 + 6 + 2 + 4);
    }

    /// Issue 10, item 1, the reverse: symbols `width_cjk` makes wide that are not
    /// East Asian Ambiguous, and that xterm `-cjk_width` draws one column wide.
    #[test]
    fn wide_mode_leaves_non_ambiguous_symbols_narrow() {
        for c in ['∉', '⅐', '↚', '\u{387}'] {
            assert_eq!(c.width_cjk(), Some(2), "the claim about width_cjk: {c:?}");
            assert!(!is_ambiguous(c), "{c:?}");
            assert_eq!(char_width(c, Wide), 1, "{c:?}");
        }
        // Combining and format characters in class A still draw nothing.
        for c in ['\u{300}', '\u{301}', '\u{20DD}', '\u{FE00}', '\u{200B}'] {
            assert_eq!(char_width(c, Wide), char_width(c, Narrow), "{c:?}");
        }
    }

    /// Wide mode is exactly "A → 2, else narrow", and the two sources of Unicode data
    /// in the tree agree on which characters are A: every character unicode-width widens
    /// in CJK mode is A by icu_properties or one of its known extras, and every A
    /// character it leaves narrow is a letter or modifier (its documented exception).
    #[test]
    fn wide_mode_is_east_asian_width_a_checked_against_unicode_width() {
        use icu_properties::props::GeneralCategory as G;
        let gc = CodePointMapData::<GeneralCategory>::new();
        let mut letters = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let narrow = char_width(c, Narrow);
            let wide = char_width(c, Wide);
            let a = is_ambiguous(c);
            assert_eq!(wide, if a && narrow == 1 { 2 } else { narrow }, "{c:?}");
            let cjk = c.width_cjk().unwrap_or(0);
            if cjk == 2 && narrow == 1 && !a {
                // unicode-width's extras: symbols of class N it widens.
                assert!(
                    matches!(
                        gc.get(c),
                        G::MathSymbol | G::OtherNumber | G::OtherPunctuation | G::OtherSymbol
                    ),
                    "{c:?} {:?}",
                    gc.get(c)
                );
            }
            if a && narrow == 1 && cjk == 1 {
                letters += 1;
                assert!(
                    matches!(
                        gc.get(c),
                        G::UppercaseLetter
                            | G::LowercaseLetter
                            | G::ModifierLetter
                            | G::ModifierSymbol
                            | G::OtherLetter
                            | G::TitlecaseLetter
                    ),
                    "{c:?} {:?}",
                    gc.get(c)
                );
            }
        }
        // The issue counted 79 letters in its sample; the whole class has more.
        assert!(letters >= 79, "{letters}");
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

    /// Issue 10, item 7: terminals give each half-width sound mark a cell of its own.
    #[test]
    fn half_width_sound_marks_take_a_column() {
        let s = "ｶﾞｲﾄﾞﾌﾞｯｸﾊﾟｿｺﾝ";
        for a in [Narrow, Wide] {
            assert_eq!(str_width(s, a), s.chars().count(), "{a:?}");
        }
        assert_eq!(str_width("ｶﾞ", Narrow), 2);
    }
}
