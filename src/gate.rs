//! The one gate for everything printed: nothing from a file name, a key, a
//! config value or an article reaches the terminal as a control sequence.
//!
//! A terminal acts on C0 controls (ESC starts CSI/OSC sequences: OSC 52 writes
//! the clipboard, OSC 0 the window title, CSI 2J clears the screen), on C1
//! controls (U+009B is a one-byte CSI in some terminals) and DEL; bidi controls
//! reorder what follows ("Trojan Source"); other invisible format characters
//! hide or disguise text. The gate shows every such character as a visible
//! escape, `\u{1b}`, so the reader sees that something was there.
//!
//! Two strengths, one predicate ([`is_hidden`]):
//! - [`escape`] for messages (paths, keys, values, errors, `list`/`check` rows):
//!   every control and invisible format character, and the Hangul fillers
//!   (letters that draw nothing), except ZWJ/ZWNJ, which emoji sequences and
//!   Indic/Persian words need and which steer nothing.
//! - [`escape_text`] for article text (`dump`), which the loader has already
//!   sanitised: the typographic format characters the layout engine uses (zero
//!   width space, word joiner, soft hyphen, ZWNBSP) pass as well, so a dump
//!   keeps the text's own break rules.
//!
//! Writers: [`say`] writes one message line to a stream; the `say!` macro
//! formats and calls it. `print!`/`eprintln!` are disallowed in `clippy.toml`
//! so nothing can go around the gate.

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::io::{self, Write};

/// Which characters pass the gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    /// Messages: only visible characters, ZWJ and ZWNJ.
    Message,
    /// Article text: also the typographic format characters.
    Text,
}

/// True if `c` must not reach the terminal as itself under `strength`:
/// C0 controls (line feed included: a message is one line), DEL, C1 controls,
/// line and paragraph separators, and the characters of General Category Cf
/// (format) except those `strength` lets through.
pub fn is_hidden(c: char, strength: Strength) -> bool {
    match c {
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{2028}' | '\u{2029}' => true,
        // ZWNJ, ZWJ: join or separate letters, move nothing.
        '\u{200C}' | '\u{200D}' => false,
        // Soft hyphen, zero width space, word joiner, ZWNBSP (BOM): line-break
        // typography that the layout engine reads.
        '\u{AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' => strength == Strength::Message,
        // Hangul fillers: letters (category Lo) that draw nothing, the usual
        // way to make a name look blank or like another. Not in messages.
        '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' => strength == Strength::Message,
        c => is_format(c),
    }
}

/// General Category Cf (Unicode 16, DerivedGeneralCategory.txt), which holds
/// every bidi control (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069).
/// Written out because no crate already in the tree exposes the category, and
/// the list is short and stable; `tests` checks its boundaries.
fn is_format(c: char) -> bool {
    matches!(c,
        '\u{AD}'
        | '\u{600}'..='\u{605}'
        | '\u{61C}'
        | '\u{6DD}'
        | '\u{70F}'
        | '\u{890}'..='\u{891}'
        | '\u{8E2}'
        | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{110BD}'
        | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0001}'
        | '\u{E0020}'..='\u{E007F}')
}

/// `text` with every hidden character (for messages) shown as `\u{…}`.
/// Borrowed, untouched, when there is nothing to escape (the common case).
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_with(text, Strength::Message, false)
}

/// Article text for `dump`: line feeds are kept (they end the dump's lines),
/// everything else hidden under [`Strength::Text`] is escaped.
pub fn escape_text(text: &str) -> Cow<'_, str> {
    escape_with(text, Strength::Text, true)
}

/// Several lines of a message (clap's help and errors): line feeds kept.
pub fn escape_lines(text: &str) -> Cow<'_, str> {
    escape_with(text, Strength::Message, true)
}

/// The first index where `suspect` (a byte and the two after it; zeros past the
/// end) holds and `confirm` agrees. `suspect` is a test without branches that the
/// compiler turns into vector compares over 32 bytes at once: Chinese text, where
/// a table flags every ，and “ (EF, E2), is passed over in blocks, and only a block
/// with a real suspect is looked at a byte at a time (the gate was 18% of `dump`).
#[inline(always)]
pub(crate) fn find_suspect(
    bytes: &[u8],
    suspect: impl Fn(u8, u8, u8) -> bool,
    mut confirm: impl FnMut(usize) -> bool,
) -> Option<usize> {
    const BLOCK: usize = 32;
    let mut i = 0;
    while let Some(window) = bytes.get(i..i + BLOCK + 2) {
        let mut hit = false;
        for k in 0..BLOCK {
            hit |= suspect(window[k], window[k + 1], window[k + 2]);
        }
        if hit {
            for k in 0..BLOCK {
                if suspect(window[k], window[k + 1], window[k + 2]) && confirm(i + k) {
                    return Some(i + k);
                }
            }
        }
        i += BLOCK;
    }
    let at = |j: usize| bytes.get(j).copied().unwrap_or(0);
    (i..bytes.len()).find(|&j| suspect(at(j), at(j + 1), at(j + 2)) && confirm(j))
}

/// Whether a hidden character may start with bytes `b0 b1 b2` (see `is_hidden`):
/// exact for the two- and three-byte forms Chinese text is full of, a lead byte
/// only for the rare scripts (Arabic, Syriac, Indic, Mongolian, the supplementary
/// planes). Bitwise `&` and `|` on purpose: no branches, so it vectorises.
#[inline(always)]
fn may_hide(b0: u8, b1: u8, b2: u8, message: bool, lines: bool) -> bool {
    let control = (b0 < 0x20) & !(lines & (b0 == b'\n')) | (b0 == 0x7F);
    // C1 controls and the soft hyphen; not · (C2 B7) or the other Latin-1 signs.
    let latin = (b0 == 0xC2) & ((b1 < 0xA0) | (b1 == 0xAD));
    let rare = (b0 == 0xD8) | (b0 == 0xDB) | (b0 == 0xDC) | (b0 == 0xE0) | (b0 == 0xE1);
    let astral = (b0 == 0xF0) | (b0 == 0xF3);
    // U+200B-200F, U+2028-202E (E2 80 8B-8F, A8-AE), U+2060-206F (E2 81 A0-AF);
    // not “ ” — … (E2 80 9C, 9D, 94, A6).
    let general = (b0 == 0xE2)
        & (((b1 == 0x80) & ((b2.wrapping_sub(0x8B) < 5) | (b2.wrapping_sub(0xA8) < 7)))
            | ((b1 == 0x81) & (b2.wrapping_sub(0xA0) < 0x10)));
    // U+FEFF (EF BB BF), U+FFF9-FFFB (EF BF B9-BB), the filler U+FFA0 (EF BE A0);
    // not ，：！ (EF BC xx).
    let specials = (b0 == 0xEF)
        & (((b1 == 0xBB) & (b2 == 0xBF))
            | ((b1 == 0xBF) & (b2.wrapping_sub(0xB9) < 3))
            | (message & (b1 == 0xBE) & (b2 == 0xA0)));
    // The Hangul filler U+3164 (E3 85 A4), hidden in messages only.
    let filler = message & (b0 == 0xE3) & (b1 == 0x85) & (b2 == 0xA4);
    control | latin | rare | astral | general | specials | filler
}

fn escape_with(text: &str, strength: Strength, keep_newlines: bool) -> Cow<'_, str> {
    let hidden = |c: char| is_hidden(c, strength) && !(keep_newlines && c == '\n');
    // Only where `may_hide` says so is a character decoded: its bytes start no
    // continuation byte, so each sits at a character boundary.
    let bytes = text.as_bytes();
    let message = strength == Strength::Message;
    let confirm = |i: usize| {
        text.get(i..)
            .and_then(|t| t.chars().next())
            .is_some_and(hidden)
    };
    let first = match (message, keep_newlines) {
        (false, false) => find_suspect(bytes, |a, b, c| may_hide(a, b, c, false, false), confirm),
        (false, true) => find_suspect(bytes, |a, b, c| may_hide(a, b, c, false, true), confirm),
        (true, false) => find_suspect(bytes, |a, b, c| may_hide(a, b, c, true, false), confirm),
        (true, true) => find_suspect(bytes, |a, b, c| may_hide(a, b, c, true, true), confirm),
    };
    let Some(at) = first else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..at]);
    for c in text[at..].chars() {
        if hidden(c) {
            // `{:x}` of a char's code: the form Rust's own escape_debug uses.
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Write one message line to `out` through the gate: formatted, escaped, then
/// a line feed. Every line yuedu prints outside the reader screen comes here.
pub fn say(out: &mut impl Write, args: fmt::Arguments<'_>) -> io::Result<()> {
    let text = match args.as_str() {
        Some(text) => Cow::Borrowed(text),
        None => Cow::Owned(args.to_string()),
    };
    let mut line = escape(&text).into_owned();
    line.push('\n');
    out.write_all(line.as_bytes())
}

/// `say!(out, "format", args…)`: one escaped line, see [`say`].
#[macro_export]
macro_rules! say {
    ($out:expr, $($arg:tt)*) => {
        $crate::gate::say($out, format_args!($($arg)*))
    };
}

/// A message for standard error, through the gate. Errors writing it are
/// ignored: there is nowhere left to report them.
pub fn warn(args: fmt::Arguments<'_>) {
    let _ = say(&mut io::stderr().lock(), args);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-level fast path finds exactly the characters `is_hidden` names:
    /// in the short tail checked a byte at a time, and at the last position of a
    /// 32-byte block (its other bytes in the look-ahead) among the ，“” · that the
    /// vector test passes over; with line feeds kept or not.
    #[test]
    fn the_fast_path_misses_no_hidden_character() {
        let before = format!("a{}", "中文，“”".repeat(2));
        assert_eq!(before.len(), 31);
        let after = "中·文，“”".repeat(3);
        for strength in [Strength::Text, Strength::Message] {
            for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
                let short = format!("中{c}文");
                let long = format!("{before}{c}{after}");
                for keep_newlines in [true, false] {
                    let hidden = is_hidden(c, strength) && !(keep_newlines && c == '\n');
                    for text in [&short, &long] {
                        let escaped = escape_with(text, strength, keep_newlines);
                        assert_eq!(
                            matches!(escaped, Cow::Owned(_)),
                            hidden,
                            "{c:?} {strength:?} in {text:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn clean_text_passes_borrowed() {
        let text = "articles/红色引擎.md:3:1: 「标题」 “引号” — … · ā ǚ 🇨🇳 👨‍👩‍👧";
        assert!(matches!(escape(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn escape_sequences_become_visible() {
        let osc52 = "\u{1b}]52;c;SGVsbG8=\u{7}X";
        assert_eq!(escape(osc52), "\\u{1b}]52;c;SGVsbG8=\\u{7}X");
        assert_eq!(escape("a\u{9b}2Jb\u{7f}"), "a\\u{9b}2Jb\\u{7f}");
        assert_eq!(escape("two\nlines"), "two\\u{a}lines");
        assert_eq!(escape_lines("two\nlines\r"), "two\nlines\\u{d}");
    }

    #[test]
    fn bidi_and_invisible_format_characters_are_escaped_in_messages() {
        for c in [
            '\u{202E}',
            '\u{2066}',
            '\u{2069}',
            '\u{200E}',
            '\u{200F}',
            '\u{61C}',
            '\u{200B}',
            '\u{2060}',
            '\u{FEFF}',
            '\u{AD}',
            '\u{E0041}',
            '\u{3164}',
            '\u{115F}',
            '\u{2028}',
        ] {
            let text = format!("x{c}y");
            assert_eq!(
                escape(&text),
                format!("x\\u{{{:x}}}y", u32::from(c)),
                "{c:?}"
            );
        }
        assert_eq!(escape("a\u{200D}b\u{200C}c"), "a\u{200D}b\u{200C}c");
    }

    #[test]
    fn article_text_keeps_its_typographic_format_characters() {
        let text = "甲\u{200B}乙\u{2060}丙\u{AD}丁\u{FEFF}\n";
        assert_eq!(escape_text(text), text);
        assert_eq!(escape_text("甲\u{202E}乙\u{1b}"), "甲\\u{202e}乙\\u{1b}");
    }

    #[test]
    fn the_format_table_has_the_right_boundaries() {
        // Neighbours of each range are not format characters.
        for c in [
            '\u{AC}',
            '\u{AE}',
            '\u{5FF}',
            '\u{606}',
            '\u{200A}',
            '\u{2010}',
            '\u{2029}',
            '\u{202F}',
            '\u{205F}',
            '\u{2065}',
            '\u{2070}',
            '\u{FEFE}',
            '\u{FFF8}',
            '\u{FFFC}',
            '\u{E0000}',
            '\u{E0080}',
            '\u{E0100}',
        ] {
            assert!(!is_format(c), "{c:?}");
        }
        for c in [
            '\u{2067}',
            '\u{206F}',
            '\u{110CD}',
            '\u{1343F}',
            '\u{E007F}',
        ] {
            assert!(is_format(c), "{c:?}");
        }
    }

    #[test]
    fn nothing_hidden_survives_the_message_gate() {
        let all: String = (0u32..0x3000)
            .chain(0xE0000..0xE0100)
            .filter_map(char::from_u32)
            .collect();
        let escaped = escape(&all);
        assert!(!escaped.chars().any(|c| is_hidden(c, Strength::Message)));
        assert!(!escaped.bytes().any(|b| b == 0x1b || b == 0x07));
    }

    #[test]
    fn say_writes_one_escaped_line() {
        let mut out = Vec::new();
        let name = "bad\u{1b}]0;PWNED\u{7}\u{1b}[2J.md";
        say(&mut out, format_args!("{name}: cannot read")).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "bad\\u{1b}]0;PWNED\\u{7}\\u{1b}[2J.md: cannot read\n"
        );
    }
}
