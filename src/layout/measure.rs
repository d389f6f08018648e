//! The measuring loop of stage 1: one pass over a paragraph's characters that finds
//! its grapheme clusters, their widths and the break opportunity after each.

use std::sync::atomic::{AtomicU16, Ordering};

use unicode_segmentation::UnicodeSegmentation;

use super::breaks::{Class, allowed_fast, class_of};
use super::cluster::{Clusters, is_plain};
use super::lines::{Document, Korean};
use super::prepare::{F_BREAK, F_HANG, F_MANDATORY, F_URL_CUT, LEN_SHIFT, LONG};
use super::width::{Ambiguous, char_width, cluster_width};

impl Document {
    /// One pass over the clusters: width, class, and the break after the previous one
    /// (which needs this cluster's class, and the class before it for context).
    ///
    /// Each character is decoded and classified once; the grapheme segmenter runs only
    /// where a character is not plain (see `cluster`), which the profile showed matters:
    /// this loop is most of `Document::new`.
    pub(super) fn measure(&mut self, text: &str, code: bool) {
        let a = self.ambiguous;
        let syllables = self.korean == Korean::Syllable;
        let mut hangul = false;
        let bytes = text.as_bytes();
        // Local vectors: pushing through `self` made LLVM reload both vectors' pointer
        // and length on every push.
        let mut meta = std::mem::take(&mut self.meta);
        let c0 = meta.len();
        // The previous cluster (width/flags, class), whose break flag waits for the
        // class of the cluster after it; `before` is the class before that one.
        let mut prev: Option<(u8, Class)> = None;
        let mut before = Class::ID;
        let mut s = 0;
        let mut cur = Info::at(text, 0, a);
        while let Some((c, ci)) = cur {
            let clen = c.len_utf8();
            let mut next = Info::at(text, s + clen, a);
            let (end, width) = if ci.plain && next.is_none_or(|n| n.1.plain) {
                (s + clen, ci.width)
            } else {
                let len = text[s..].graphemes(true).next().map_or(clen, str::len);
                if len == clen {
                    (s + clen, ci.width)
                } else {
                    next = Info::at(text, s + len, a);
                    (s + len, cluster_width(&text[s..s + len], a).min(4) as u8)
                }
            };
            let class = match ci.class {
                // A single dash is a connector (北京—上海, 1990—2000年): it never starts a
                // line. Only the double dash —— may (see `breaks`).
                Class::B2
                    if prev.is_none_or(|p| p.1 != Class::B2)
                        && next.is_none_or(|n| n.1.class != Class::B2) =>
                {
                    Class::CL
                }
                Class::HL if syllables => Class::ID,
                Class::HL => {
                    hangul = true;
                    Class::HL
                }
                class => class,
            };
            settle(&mut meta, prev, &mut before, class, code);
            let len = end - s;
            // Widths above 2 (a kana with two sound marks, U+17D8) do not fit the two
            // width bits, whose 3 means "long": such a cluster is kept as a long one.
            let mut m = if len <= 4 && width <= 2 {
                width | ((len - 1) as u8) << LEN_SHIFT
            } else {
                // `meta.len()` is this cluster's index once the previous one is settled.
                self.long.push((meta.len() as u32, len as u32, width));
                LONG
            };
            match class {
                Class::BK => m |= F_HANG,
                Class::SP if !code => m |= F_HANG,
                _ => {}
            }
            if !code && matches!(c, '/' | '?' | '&' | '=') {
                m |= F_URL_CUT;
            }
            prev = Some((m, class));
            s = end;
            // A run of ideographs (most of a Chinese text): an ideograph followed by
            // another is a one-character cluster, 2 columns, class ID, with a break
            // opportunity after it (ID ÷ ID); skip decoding and classifying it.
            // Measured: about a third of `Document::new` on 红楼梦.
            if is_ideograph_at(bytes, s) && is_ideograph_at(bytes, s + 3) {
                settle(&mut meta, prev, &mut before, Class::ID, code);
                let m = (2 << LEN_SHIFT) | if code { 2 } else { 2 | F_BREAK };
                loop {
                    s += 3;
                    meta.push(m);
                    if !is_ideograph_at(bytes, s + 3) {
                        break; // the ideograph at `s` takes the general path
                    }
                }
                prev = None;
                before = Class::ID;
                cur = Info::at(text, s, a);
            } else {
                cur = next;
            }
        }
        if let Some((m, p)) = prev {
            meta.push(if p == Class::BK { m | F_MANDATORY } else { m });
        }
        if hangul && !code && mostly_hangul(text) {
            glue_korean_words(text, &mut meta[c0..]);
        }
        self.meta = meta;
    }
}

/// Word mode: a Korean word that mixes Hanja and Hangul (`大韓民國의`, `首都이며`) is one
/// word, so no break inside a run of Han, Hangul, letters and digits that holds Hangul.
/// Runs only for paragraphs with Hangul in them; it re-reads their text, which is
/// cheaper than carrying a class per cluster for every paragraph.
fn glue_korean_words(text: &str, meta: &mut [u8]) {
    let word = |c: char| match class_of(c) {
        Class::HL => Some(true),
        Class::AL | Class::NU => Some(false),
        Class::ID => is_han(c).then_some(false),
        _ => None,
    };
    let kinds: Vec<Option<bool>> = Clusters::new(text).map(|(_, _, c)| word(c)).collect();
    let n = kinds.len().min(meta.len());
    let mut i = 0;
    while i < n {
        let Some(mut has_hangul) = kinds[i] else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while let Some(&Some(h)) = kinds.get(j).filter(|_| j < n) {
            has_hangul |= h;
            j += 1;
        }
        if has_hangul {
            for m in &mut meta[i..j - 1] {
                *m &= !F_BREAK;
            }
        }
        i = j;
    }
}

/// A Korean paragraph (more Hangul than Han), where Hanja are part of Korean words;
/// a Chinese paragraph quoting a Korean word keeps breaking between its ideographs.
fn mostly_hangul(text: &str) -> bool {
    let (mut hangul, mut han) = (0usize, 0usize);
    for c in text.chars() {
        if class_of(c) == Class::HL {
            hangul += 1;
        } else if is_han(c) {
            han += 1;
        }
    }
    hangul >= han
}

/// Han ideographs (the unified blocks, extension A and beyond, compatibility).
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFD}')
}

/// Push the flags of the pending cluster `prev` now that the class after it is known,
/// and move the context class along.
#[inline(always)]
fn settle(
    meta: &mut Vec<u8>,
    prev: Option<(u8, Class)>,
    before: &mut Class,
    class: Class,
    code: bool,
) {
    if let Some((m, p)) = prev {
        let flag = if p == Class::BK {
            F_MANDATORY
        } else if !code && allowed_fast(*before, p, class) {
            F_BREAK
        } else {
            0
        };
        meta.push(m | flag);
        // A space decides from the last class before its run of spaces (LB14).
        if !(p == Class::SP && class == Class::SP) {
            *before = p;
        }
    }
}

/// Whether the UTF-8 text has a CJK Unified Ideograph (U+4E00..=U+9FFF) at byte `i`:
/// lead byte E4 with a second byte from B8 (U+4E00), or lead byte E5..E9.
#[inline(always)]
fn is_ideograph_at(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i) {
        Some(0xE5..=0xE9) => true,
        Some(0xE4) => bytes.get(i + 1).is_some_and(|&b| b >= 0xB8),
        _ => false,
    }
}

/// What `measure` needs to know about one character.
#[derive(Clone, Copy)]
struct Info {
    width: u8,
    class: Class,
    plain: bool,
}

impl Info {
    /// The character at byte `i` (a character boundary) with its info.
    #[inline(always)]
    fn at(text: &str, i: usize, a: Ambiguous) -> Option<(char, Info)> {
        let c = text.get(i..)?.chars().next()?;
        Some((c, Info::of(c, a)))
    }

    #[inline(always)]
    fn of(c: char, a: Ambiguous) -> Info {
        // Ideographs are nearly all of a Chinese text: answer them without any table.
        if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            return Info {
                width: 2,
                class: Class::ID,
                plain: true,
            };
        }
        if (c as u32) < 0x10000 {
            let x = bmp_entry(c as usize);
            Info {
                width: ((x >> if a == Ambiguous::Wide { 2 } else { 0 }) & 3) as u8,
                plain: x & 16 != 0,
                class: Class::from_index(((x >> 5) & 0x1F) as u8),
            }
        } else {
            Self::compute(c, a)
        }
    }

    fn compute(c: char, a: Ambiguous) -> Info {
        Info {
            width: char_width(c, a) as u8,
            class: class_of(c),
            plain: is_plain(c),
        }
    }
}

/// Narrow width, wide width, plainness and class of every BMP character packed in a
/// `u16`: one load instead of three range searches for punctuation, kana, Latin.
/// Each entry is computed the first time its character is seen (bit 15 says it
/// is known), not all 65,536 at start-up: that took a millisecond of every `dump`
/// of a short article. Racing threads compute the same value, so relaxed order is
/// enough.
static BMP: [AtomicU16; 0x10000] = [const { AtomicU16::new(0) }; 0x10000];
const KNOWN: u16 = 1 << 15;

#[inline(always)]
fn bmp_entry(u: usize) -> u16 {
    let x = BMP[u & 0xFFFF].load(Ordering::Relaxed);
    if x & KNOWN != 0 {
        return x;
    }
    bmp_compute(u & 0xFFFF)
}

/// The first time a character is seen: out of the hot loop.
#[cold]
#[inline(never)]
fn bmp_compute(u: usize) -> u16 {
    let x = char::from_u32(u as u32).map_or(KNOWN, |c| {
        let n = Info::compute(c, Ambiguous::Narrow);
        let w = Info::compute(c, Ambiguous::Wide);
        n.width as u16
            | (w.width as u16) << 2
            | (n.plain as u16) << 4
            | (n.class as u16) << 5
            | KNOWN
    });
    BMP[u].store(x, Ordering::Relaxed);
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bmp_table_agrees_with_the_functions() {
        for c in (0..=0xFFFFu32).filter_map(char::from_u32) {
            for a in [Ambiguous::Narrow, Ambiguous::Wide] {
                let (t, f) = (Info::of(c, a), Info::compute(c, a));
                assert_eq!(
                    (t.width, t.class, t.plain),
                    (f.width, f.class, f.plain),
                    "{c:?} {a:?}"
                );
            }
        }
    }

    #[test]
    fn ideograph_runs_match_the_general_path() {
        // Ideograph runs take the fast path, punctuation and run ends the general one;
        // together they must give UAX #14 + clreq: no break before 。, one after it.
        let doc = Document::from_text("他说你好。我们走吧一二三四五", Ambiguous::Narrow);
        let flags: Vec<u8> = doc
            .meta
            .iter()
            .map(|m| m & (F_BREAK | F_MANDATORY))
            .collect();
        let expect = [
            F_BREAK, F_BREAK, F_BREAK, 0, F_BREAK, F_BREAK, F_BREAK, F_BREAK,
        ];
        assert_eq!(&flags[..8], &expect);
        assert!(flags[8..13].iter().all(|&f| f == F_BREAK));
        assert_eq!(flags[13], 0, "nothing after the last cluster");
    }
}
