//! Line break opportunities: a hand-written subset of UAX #14 with the W3C clreq
//! prohibition rules (strict level) on top.
//!
//! Why not a UAX #14 crate: unicode-linebreak 0.1 implements Unicode 15.0, where “ ”
//! (class QU) glue to both neighbours, which is wrong for Chinese (Unicode 15.1 changed
//! it); clreq needs extra no-start characters anyway (small kana, ー, 々, ASCII `,` used
//! between ideographs); and a small class table over the characters that matter is
//! faster than the full pair table. Characters not listed are letters ([`Class::AL`]),
//! which is the safe default: they break only at spaces and at ideographs.
//!
//! A break "after cluster i" is decided from the classes of clusters i-1, i and i+1
//! (the one before is needed for `1.5` vs `城市,宁波` and for `（ ` followed by spaces).
//!
//! Decisions worth knowing:
//! - —— is never split but *may* start a line (UAX #14 B2). The rule list says
//!   it never starts one, but its worked example `他沉默了——很久` at 9 columns must give
//!   `他沉默了 / ——很久`; clreq itself only forbids splitting the dash. …… may not
//!   start a line.
//! - A digit glues to the one ideograph after it (`4700多`, `1.5万`, `695家`), the
//!   issue's "numbers with their units"; the ideograph after that may break.
//! - ASCII `"` and `'` have no direction, so they glue to both neighbours.
//! - Hangul, Thai and other scripts without an entry are letters: they break at spaces
//!   (and a word wider than the line is cut).

/// Line breaking class of a grapheme cluster (taken from its first character, as
/// UAX #14 LB9 treats combining marks as part of their base).
#[allow(clippy::upper_case_acronyms)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Ideographs, kana, fullwidth letters, emoji: break before and after.
    ID,
    /// Letters and symbols (Latin, Greek, Cyrillic, full-width Latin, ...): glue to
    /// letters and digits.
    AL,
    /// Digits, ASCII and full-width; also glue to one following ideograph (a unit:
    /// `4700多`, `1.5万`, `２０１５年`).
    NU,
    /// Opening punctuation never at a line end: （［｛〔〈《「『【“‘.
    OP,
    /// ASCII `(` `[` `{`: never at a line end, and glued to a letter before it (`f(x)`).
    OPA,
    /// Closing punctuation never at a line start: ，。、；：？！）》」』】 small kana, ー, 々, ·.
    CL,
    /// ASCII `)` `]` `}` `%` and ” ’: never at a line start, glued to a letter after.
    CP,
    /// ASCII `,` `.` `:` `;` `!` `?`: never at a line start; after them a break is
    /// allowed unless they sit inside a number or a word (`1.5`, `10:20`, `e.g`).
    IS,
    /// … ‥: never split, never at a line start.
    IN,
    /// — ―: never split (——), breaks allowed before and after the pair.
    B2,
    /// Spaces (ASCII, U+3000, tab): hang at the end of a line, never start one.
    SP,
    /// Hyphens: never at a line start; break after one between letters.
    HY,
    /// `/`: never at a line start or a line end (clreq's 分隔号).
    SY,
    /// ASCII quotes `"` `'`: direction unknown, so glued to both neighbours.
    QU,
    /// No-break characters (NBSP, word joiner): glued to both neighbours.
    GL,
    /// Zero width space: a break opportunity after it.
    ZW,
    /// Hard line break (`\n`, `\r\n`, U+2028/2029): a mandatory break after it.
    BK,
    /// Hangul syllables and jamo: letters (words break at spaces). In syllable mode
    /// (`[typography] korean`) the measuring pass treats them as [`Class::ID`].
    HL,
}

use Class::*;

/// Classes of the ASCII characters, indexed by code point.
const ASCII: [Class; 128] = {
    let mut t = [AL; 128];
    t[b'\t' as usize] = SP;
    t[b'\n' as usize] = BK;
    t[b'\r' as usize] = BK;
    t[b' ' as usize] = SP;
    t[b'!' as usize] = IS;
    t[b'"' as usize] = QU;
    t[b'%' as usize] = CP;
    t[b'\'' as usize] = QU;
    t[b'(' as usize] = OPA;
    t[b')' as usize] = CP;
    t[b',' as usize] = IS;
    t[b'-' as usize] = HY;
    t[b'.' as usize] = IS;
    t[b'/' as usize] = SY;
    let mut d = b'0';
    while d <= b'9' {
        t[d as usize] = NU;
        d += 1;
    }
    t[b':' as usize] = IS;
    t[b';' as usize] = IS;
    t[b'?' as usize] = IS;
    t[b'[' as usize] = OPA;
    t[b']' as usize] = CP;
    t[b'{' as usize] = OPA;
    t[b'}' as usize] = CP;
    t
};

/// The line breaking class of a character.
#[inline]
pub fn class_of(c: char) -> Class {
    let u = c as u32;
    if u < 128 {
        return ASCII[u as usize];
    }
    if (0x4E00..=0x9FFF).contains(&u) {
        return ID;
    }
    match c {
        // Full-width digits and Latin letters break like their ASCII forms.
        '０'..='９' => NU,
        'Ａ'..='Ｚ' | 'ａ'..='ｚ' => AL,
        '．' | '：' => IS,
        '／' => SY,
        '\u{AC00}'..='\u{D7A3}'
        | '\u{1100}'..='\u{11FF}'
        | '\u{3131}'..='\u{318E}'
        | '\u{A960}'..='\u{A97F}'
        | '\u{D7B0}'..='\u{D7FF}' => HL,
        // Zhuyin tone marks follow their syllable: ˇ ˊ ˋ ˙ and the dialect tones ˪ ˫.
        '\u{2C7}' | '\u{2CA}' | '\u{2CB}' | '\u{2D9}' | '\u{2EA}' | '\u{2EB}' => CL,
        '\u{A0}' | '\u{202F}' | '\u{2060}' | '\u{FEFF}' | '\u{2011}' => GL,
        '\u{200B}' => ZW,
        '\u{2028}' | '\u{2029}' | '\u{85}' => BK,
        '\u{3000}' => SP,
        '\u{B7}' | '\u{2047}'..='\u{2049}' | '\u{203C}' => CL,
        '\u{B0}' | '\u{2030}'..='\u{2037}' | '\u{2019}' | '\u{201D}' => CP,
        '\u{2018}' | '\u{201C}' => OP,
        '\u{2010}' | '\u{2012}' | '\u{2013}' => HY,
        '\u{2014}' | '\u{2015}' => B2,
        '\u{2024}'..='\u{2026}' | '\u{22EF}' => IN,
        '\u{3001}' | '\u{3002}' | '\u{3005}' | '\u{301C}' | '\u{301E}' | '\u{301F}'
        | '\u{303B}' => CL,
        // 〈〉《》「」『』【】 then 〔〕〖〗〘〙〚〛: openers on even code points.
        '\u{3008}'..='\u{3011}' | '\u{3014}'..='\u{301B}' => {
            if u.is_multiple_of(2) {
                OP
            } else {
                CL
            }
        }
        '\u{301D}' => OP,
        // Small kana, iteration marks, prolonged sound mark, middle dot (clreq strict).
        'ぁ' | 'ぃ' | 'ぅ' | 'ぇ' | 'ぉ' | 'っ' | 'ゃ' | 'ゅ' | 'ょ' | 'ゎ' | 'ゕ' | 'ゖ' => {
            CL
        }
        'ァ' | 'ィ' | 'ゥ' | 'ェ' | 'ォ' | 'ッ' | 'ャ' | 'ュ' | 'ョ' | 'ヮ' | 'ヵ' | 'ヶ' => {
            CL
        }
        '\u{309B}'..='\u{309E}'
        | '\u{30A0}'
        | '\u{30FB}'..='\u{30FE}'
        | '\u{31F0}'..='\u{31FF}' => CL,
        '！' | '％' | '）' | '，' | '；' | '？' | '］' | '｝' | '～' | '｠' => CL,
        '\u{FF61}' | '\u{FF63}'..='\u{FF65}' | '\u{FF67}'..='\u{FF70}' => CL,
        '（' | '［' | '｛' | '｟' | '\u{FF62}' => OP,
        '\u{FFE5}' | '\u{FFE6}' => AL,
        '\u{2600}'..='\u{27BF}'
        | '\u{2E80}'..='\u{2FFF}'
        | '\u{3003}'..='\u{33FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{A000}'..='\u{A4CF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF01}'..='\u{FFDC}'
        | '\u{1F000}'..='\u{1FAFF}'
        | '\u{20000}'..='\u{3FFFD}' => ID,
        _ => AL,
    }
}

/// Classes that never begin a line (unless a token wider than the line is cut).
#[inline]
pub const fn no_start(c: Class) -> bool {
    matches!(c, CL | CP | IS | IN | SP | HY | SY | QU | GL | ZW | BK)
}

/// Classes that never end a line.
#[inline]
pub const fn no_end(c: Class) -> bool {
    matches!(c, OP | OPA | QU | GL | SY)
}

/// Letters of either kind: they glue to each other and to digits.
const fn letter(c: Class) -> bool {
    matches!(c, AL | HL)
}

/// Whether a line may break between a cluster of class `a` and one of class `b`.
///
/// `before` is the class before `a` (for a space: the last class before the run of
/// spaces). A mandatory break after `BK` is handled by the caller.
#[inline]
pub const fn allowed(before: Class, a: Class, b: Class) -> bool {
    if no_start(b) {
        return false;
    }
    match a {
        OP | OPA | QU | GL | BK | SY => false,
        // LB14: no break after an opening bracket even across spaces.
        SP => !no_end(before),
        ZW | ID | CL | IN => true,
        B2 => !matches!(b, B2),
        // LB30 and the number-unit rule: letters and digits glue to letters, digits,
        // ASCII brackets; a digit also glues to the ideograph after it (1.5万, 695家).
        AL | HL | CP => !(letter(b) || matches!(b, NU | OPA)),
        NU => !(letter(b) || matches!(b, NU | OPA | ID)),
        // `城市,宁波` breaks after the comma; `10:20`, `1.5`, `e.g` do not.
        IS => !((letter(before) || matches!(before, NU)) && (letter(b) || matches!(b, NU | OPA))),
        HY => letter(before) && letter(b),
    }
}

const N: usize = 18;
const ALL: [Class; N] = [
    ID, AL, NU, OP, OPA, CL, CP, IS, IN, B2, SP, HY, SY, QU, GL, ZW, BK, HL,
];

/// [`allowed`] for every class triple, so the per-cluster decision in `Document::new`
/// is one load instead of a chain of branches (measured: ~10% of `Document::new`).
static TABLE: [[[bool; N]; N]; N] = {
    let mut t = [[[false; N]; N]; N];
    let mut i = 0;
    while i < N {
        let mut j = 0;
        while j < N {
            let mut k = 0;
            while k < N {
                t[i][j][k] = allowed(ALL[i], ALL[j], ALL[k]);
                k += 1;
            }
            j += 1;
        }
        i += 1;
    }
    t
};

impl Class {
    /// The class with discriminant `i` (`i as Class` in reverse); `AL` if out of range.
    #[inline]
    pub(crate) fn from_index(i: u8) -> Class {
        ALL.get(i as usize).copied().unwrap_or(AL)
    }
}

/// Table version of [`allowed`].
#[inline(always)]
pub(crate) fn allowed_fast(before: Class, a: Class, b: Class) -> bool {
    TABLE[before as usize][a as usize][b as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn can_break(s: &str) -> Vec<bool> {
        let cs: Vec<Class> = s.chars().map(class_of).collect();
        (0..cs.len().saturating_sub(1))
            .map(|i| {
                let before = if i == 0 { AL } else { cs[i - 1] };
                allowed(before, cs[i], cs[i + 1])
            })
            .collect()
    }

    #[test]
    fn clreq_no_start_characters() {
        for c in "，。、；：？！）］｝〕〉》」』】”’…‥·・々〜ーぁぃぅぇぉっゃゅょァィゥェォッャュョ,.;:?!)]}%".chars() {
            assert!(no_start(class_of(c)), "{c:?} may not start a line");
            assert!(!allowed(ID, ID, class_of(c)), "break before {c:?}");
        }
    }

    #[test]
    fn clreq_no_end_characters() {
        for c in "（［｛〔〈《「『【“‘([{".chars() {
            assert!(no_end(class_of(c)), "{c:?} may not end a line");
            assert!(!allowed(ID, class_of(c), ID), "break after {c:?}");
        }
    }

    #[test]
    fn ideographs_break_everywhere() {
        assert_eq!(can_break("我们走吧"), vec![true; 3]);
        assert_eq!(can_break("ひらがなカタカナ"), vec![true; 7]);
    }

    #[test]
    fn dashes_and_ellipses_are_never_split() {
        assert_eq!(can_break("了——很"), vec![true, false, true]);
        assert_eq!(can_break("厅……白"), vec![false, false, true]);
    }

    #[test]
    fn numbers_and_units_stay_together() {
        assert_eq!(
            can_break("近1.5万人"),
            vec![true, false, false, false, true]
        );
        assert_eq!(can_break("10:20:42"), vec![false; 7]);
        assert_eq!(can_break("2015/12/17"), vec![false; 9]);
        assert_eq!(
            can_break("48.8亿元"),
            vec![false, false, false, false, true]
        );
    }

    #[test]
    fn ascii_punctuation_between_ideographs() {
        // 城市,宁波: no break before the comma, a break after it.
        assert_eq!(can_break("市,宁"), vec![false, true]);
        assert_eq!(can_break("”,活"), vec![false, true]);
    }

    #[test]
    fn latin_words_and_hangul_break_at_spaces_only() {
        assert_eq!(can_break("CBD ab"), vec![false, false, false, true, false]);
        assert_eq!(
            can_break("한국어 문장"),
            vec![false, false, false, true, false]
        );
        assert_eq!(
            can_break("state-of"),
            vec![false, false, false, false, false, true, false]
        );
        // Letters next to ideographs may break (ab中文).
        assert_eq!(can_break("ab中文"), vec![false, true, true]);
    }

    #[test]
    fn table_matches_the_rules() {
        for (i, &x) in ALL.iter().enumerate() {
            assert_eq!(x as usize, i, "ALL is in declaration order");
            for &y in &ALL {
                for &z in &ALL {
                    assert_eq!(allowed_fast(x, y, z), allowed(x, y, z));
                }
            }
        }
    }

    #[test]
    fn spaces_after_an_opening_bracket_do_not_break() {
        let cs = [OP, SP, ID];
        assert!(!allowed(cs[0], cs[1], cs[2]));
        assert!(allowed(ID, SP, ID));
    }
}
