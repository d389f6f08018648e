//! Finding text, for the library filter and search in an article: pure, no
//! terminal code.
//!
//! Two ways to match, tried in this order (which is also the rank):
//! 1. **Text**: the query as written, folded ([`fold`]): Latin case ignored,
//!    full-width and half-width forms equal (ＡＢＣ１２３ = ABC123, ，= ,).
//! 2. **Pinyin** ([`pinyin`]), for a query of Latin letters (spaces ignored):
//!    full syllables of any reading of each character, no tones (`hongse`,
//!    `hong se yin qing`), and, where the caller allows it, initials (`hsyq`).
//!    Kiosk keyboards have no input method: this is how Chinese is typed there.

pub mod corpus;
pub mod fold;
pub mod pinyin;

use std::ops::Range;

use fold::{Folded, fold_char};

/// How a text matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    /// The query's own characters (folded).
    Text,
    /// Full pinyin syllables.
    Syllables,
    /// Pinyin initials, or initials mixed with syllables.
    Initials,
}

/// Which pinyin matches a search accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinyinMode {
    /// No pinyin.
    Off,
    /// Full syllables only (search in an article: initials would match nearly everywhere).
    Syllables,
    /// Syllables, initials, and a last syllable still being typed (`hongs`): the
    /// library filter, which narrows as the user types.
    AsYouType,
}

/// A prepared query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The query folded, as characters.
    folded: Vec<char>,
    /// Lower-case ASCII letters without spaces, when the query is nothing but
    /// Latin letters and spaces (a pinyin candidate).
    letters: Option<Vec<u8>>,
}

impl Query {
    /// `None` for a query of nothing but spaces.
    pub fn new(text: &str) -> Option<Query> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let folded: Vec<char> = text.chars().map(fold_char).collect();
        let is_letters = folded.iter().all(|c| c.is_ascii_alphabetic() || *c == ' ');
        let letters = is_letters.then(|| {
            folded
                .iter()
                .filter(|c| **c != ' ')
                .map(|c| *c as u8)
                .collect()
        });
        Some(Query { folded, letters })
    }

    /// Every non-overlapping match in `text`, as byte ranges: text matches; when
    /// there are none and the query is letters, pinyin matches under `mode`.
    /// The rank says which kind was found.
    pub fn find_all(&self, text: &str, mode: PinyinMode) -> (Vec<Range<usize>>, Rank) {
        let folded = Folded::new(text);
        let found = self.find_text(&folded);
        if !found.is_empty() {
            return (found, Rank::Text);
        }
        match (&self.letters, mode) {
            (Some(letters), PinyinMode::Syllables | PinyinMode::AsYouType) => {
                let found = pinyin::find_all(&folded, letters, false);
                if !found.is_empty() || mode == PinyinMode::Syllables {
                    return (found, Rank::Syllables);
                }
                (pinyin::find_all(&folded, letters, true), Rank::Initials)
            }
            _ => (Vec::new(), Rank::Text),
        }
    }

    /// The query as pinyin letters, when it is nothing but Latin letters and spaces.
    pub fn letters(&self) -> Option<&[u8]> {
        self.letters.as_deref()
    }

    /// How well `text` matches (as in [`Query::find_all`]), or `None`.
    pub fn rank(&self, text: &str, mode: PinyinMode) -> Option<Rank> {
        let (found, rank) = self.find_all(text, mode);
        (!found.is_empty()).then_some(rank)
    }

    /// Text matches in a folded text, as byte ranges of the original.
    pub fn find_text(&self, folded: &Folded) -> Vec<Range<usize>> {
        let (hay, needle) = (&folded.chars, &self.folded);
        let mut out = Vec::new();
        if needle.is_empty() || needle.len() > hay.len() {
            return out;
        }
        let mut i = 0;
        while i + needle.len() <= hay.len() {
            if hay[i] == needle[0] && hay[i..i + needle.len()] == needle[..] {
                out.push(folded.byte_range(i..i + needle.len()));
                i += needle.len();
            } else {
                i += 1;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(query: &str, text: &str, mode: PinyinMode) -> Vec<String> {
        let query = Query::new(query).unwrap();
        let (found, _) = query.find_all(text, mode);
        found.into_iter().map(|r| text[r].to_string()).collect()
    }

    #[test]
    fn text_matches_fold_case_and_width() {
        assert_eq!(
            find("abc123", "x ＡＢＣ１２３ y", PinyinMode::Off),
            ["ＡＢＣ１２３"]
        );
        assert_eq!(find("CBD", "的cbd区域", PinyinMode::Off), ["cbd"]);
        assert_eq!(find("，", "甲,乙，丙", PinyinMode::Off), [",", "，"]);
        assert_eq!(
            find("驿站", "“驿站”成为驿站", PinyinMode::Off),
            ["驿站", "驿站"]
        );
        // Curly and corner quotes are one form (`[typography] quotes`).
        assert_eq!(
            find("“驿站”", "「驿站」与“驿站”", PinyinMode::Off),
            ["「驿站」", "“驿站”"]
        );
    }

    #[test]
    fn pinyin_by_syllables_initials_and_as_you_type() {
        let title = "做园区发展的“红色引擎”";
        for query in ["hongse", "hong se yin qing", "HongSe"] {
            assert_eq!(
                Query::new(query)
                    .unwrap()
                    .rank(title, PinyinMode::AsYouType),
                Some(Rank::Syllables),
                "{query}"
            );
        }
        assert_eq!(
            Query::new("hsyq")
                .unwrap()
                .rank(title, PinyinMode::AsYouType),
            Some(Rank::Initials)
        );
        assert_eq!(
            Query::new("hongs")
                .unwrap()
                .rank(title, PinyinMode::AsYouType),
            Some(Rank::Initials)
        );
        assert_eq!(
            Query::new("hsyq")
                .unwrap()
                .rank(title, PinyinMode::Syllables),
            None
        );
        assert_eq!(
            Query::new("hongse").unwrap().rank(title, PinyinMode::Off),
            None
        );
        assert_eq!(
            find("yizhan", "“驿站”成为白领之家", PinyinMode::Syllables),
            ["驿站"]
        );
        // Punctuation inside a match is skipped, never at its start.
        assert_eq!(
            find("fazhandehongse", title, PinyinMode::Syllables),
            ["发展的“红色"]
        );
    }

    #[test]
    fn polyphonic_characters_match_by_any_reading() {
        // 行: xíng / háng; 重: zhòng / chóng; 长: cháng / zhǎng.
        for (query, text) in [
            ("yinhang", "银行"),
            ("xingdong", "行动"),
            ("chongqing", "重庆"),
            ("zhangda", "长大"),
        ] {
            assert_eq!(find(query, text, PinyinMode::Syllables), [text], "{query}");
        }
    }

    #[test]
    fn u_umlaut_is_typed_v_or_u() {
        for query in ["lvse", "luse", "nvhai"] {
            let text = if query == "nvhai" { "女孩" } else { "绿色" };
            assert_eq!(find(query, text, PinyinMode::Syllables), [text], "{query}");
        }
    }

    #[test]
    fn text_outranks_pinyin() {
        // "ning" is literally in the text: no pinyin is tried.
        let (found, rank) = Query::new("ning")
            .unwrap()
            .find_all("宁波 Ningbo", PinyinMode::AsYouType);
        assert_eq!(
            (found.len(), found[0].clone(), rank),
            (1, 7..11, Rank::Text)
        );
    }
}
