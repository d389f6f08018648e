//! Grapheme cluster boundaries with a fast path for plain text.
//!
//! UAX #29 only joins characters when one side of the pair has a special
//! Grapheme_Cluster_Break property (Extend, ZWJ, SpacingMark, Prepend, Regional
//! Indicator, Hangul L/V/T, CR). Between two characters whose property is `Other`,
//! `Control` or `LF`, or a Hangul LV/LVT syllable followed by one of those, rule GB999
//! (or GB4/GB5) always breaks. [`is_plain`] recognises such characters by range, and
//! only when a pair is not plain on both sides do we ask unicode-segmentation. Pure
//! Chinese text therefore never touches the segmentation tables; a property test
//! checks that the result equals `graphemes(true)` exactly.

use unicode_segmentation::UnicodeSegmentation;

/// True if `c` has a grapheme property that never joins with another plain character.
///
/// The ranges are conservative: they contain no Extend, SpacingMark, Prepend, ZWJ,
/// Regional Indicator, Hangul jamo or CR characters (anything outside them just takes
/// the slow path, which is always correct).
#[inline]
pub(crate) fn is_plain(c: char) -> bool {
    matches!(c,
        ' '..='~' | '\n' | '\t'
        // Latin-1, Latin Extended, IPA, spacing modifiers (U+00AD is Control: still plain).
        | '\u{A0}'..='\u{2FF}'
        // Greek and Coptic, Cyrillic up to the combining marks at U+0483.
        | '\u{370}'..='\u{482}'
        // General punctuation minus ZW(N)J, bidi controls and separators (U+200B..200F,
        // U+2028..202E, U+2060..206F are Control/Extend/ZWJ).
        | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205F}'
        // Letterlike, arrows, math, technical, box drawing, shapes, symbols, dingbats.
        | '\u{2100}'..='\u{2BFF}'
        // CJK radicals, ideographic description, CJK symbols minus the tone marks
        // U+302A..302F, kana minus the combining sound marks U+3099..309A.
        | '\u{2E80}'..='\u{3029}' | '\u{3030}'..='\u{3098}' | '\u{309B}'..='\u{33FF}'
        | '\u{3400}'..='\u{9FFF}' | '\u{A000}'..='\u{A4CF}'
        // Hangul syllables (LV/LVT join only with V/T/Extend, none of them plain).
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FE10}'..='\u{FE19}' | '\u{FE30}'..='\u{FE4F}'
        // Fullwidth and halfwidth forms minus the halfwidth sound marks U+FF9E..FF9F.
        | '\u{FF01}'..='\u{FF9D}' | '\u{FFA0}'..='\u{FFEF}'
        | '\u{20000}'..='\u{3FFFD}')
}

/// Iterator over the grapheme clusters of a string as `(start, end, first_char)`.
pub(crate) struct Clusters<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Clusters<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Clusters { text, pos: 0 }
    }
}

impl Iterator for Clusters<'_> {
    type Item = (usize, usize, char);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.text.get(self.pos..)?;
        let mut chars = rest.chars();
        let c = chars.next()?;
        let start = self.pos;
        let len = if is_plain(c) && chars.next().is_none_or(is_plain) {
            c.len_utf8()
        } else {
            // Starting the segmenter at a known boundary gives the same boundaries as
            // segmenting the whole string: every rule looks back only within a cluster
            // (GB11, GB9c) or counts Regional Indicators, which pair up from a boundary.
            rest.graphemes(true).next().map_or(c.len_utf8(), str::len)
        };
        self.pos += len;
        Some((start, self.pos, c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Characters around every special Grapheme_Cluster_Break class, plus plain ones.
    fn tricky_char() -> impl Strategy<Value = char> {
        prop_oneof![
            prop::sample::select(vec![
                'a',
                ' ',
                '中',
                '，',
                '\n',
                '\r',
                '\t',
                '\u{200D}',
                '\u{FE0F}',
                '\u{FE0E}',
                '\u{301}',
                '\u{1F1E8}',
                '\u{1F1F3}',
                '👨',
                '👩',
                '❤',
                '🏽',
                '\u{1100}',
                '\u{1161}',
                '\u{11A8}',
                '가',
                '각',
                '\u{E33}',
                'ก',
                '\u{915}',
                '\u{94D}',
                '\u{937}',
                '\u{600}',
                'か',
                '\u{3099}',
                '\u{FF8A}',
                '\u{FF9F}',
                '\u{AD}',
                '\u{200B}',
                '\u{3000}',
                '\u{302A}',
                '\u{2028}',
            ]),
            any::<char>(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn fast_path_equals_unicode_segmentation(v in prop::collection::vec(tricky_char(), 0..40)) {
            let s: String = v.into_iter().collect();
            prop_assert_eq!(ours(&s), s.graphemes(true).collect::<Vec<_>>());
        }
    }

    fn ours(s: &str) -> Vec<&str> {
        Clusters::new(s).map(|(a, b, _)| &s[a..b]).collect()
    }

    #[test]
    fn special_clusters_stay_whole() {
        let s = "a👨\u{200D}👩\u{200D}👧\u{200D}👦b🇨🇳🇺🇸❤\u{FE0F}中👍🏽e\u{301}\r\n\u{1100}\u{1161}\u{11A8}か\u{3099}";
        assert_eq!(ours(s), s.graphemes(true).collect::<Vec<_>>());
        assert_eq!(ours(s).len(), 12);
    }

    #[test]
    fn plain_ranges_have_no_joining_characters() {
        // Every plain character, paired with every other plain character from a sample,
        // must be a cluster boundary.
        let sample: Vec<char> = ['a', '中', '，', '\n', '가', 'あ', '😀', '\u{AD}', '─']
            .into_iter()
            .collect();
        let mut buf = String::new();
        for c in (0..=0x3FFFDu32)
            .filter_map(char::from_u32)
            .filter(|&c| is_plain(c))
        {
            for &d in &sample {
                buf.clear();
                buf.push(c);
                buf.push(d);
                buf.push(c);
                assert_eq!(
                    buf.graphemes(true).count(),
                    3,
                    "U+{:04X} next to {d:?}",
                    c as u32
                );
            }
        }
    }
}
