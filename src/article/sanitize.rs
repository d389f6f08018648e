//! The one place where control characters are removed from loaded text.
//!
//! Everything that reaches the screen passes through here first, so an article can
//! never move the cursor, change colours or reverse the direction of the terminal's
//! text: no C0 controls (except the line breaks that carry structure), no DEL, no C1
//! controls (U+0080–U+009F, which some terminals treat as CSI/OSC), and no bidi
//! embedding/override/isolate controls (U+202A–U+202E, U+2066–U+2069, the
//! "Trojan Source" characters).

use std::borrow::Cow;

/// Shown in place of a removed control character, so the reader sees that
/// something was there (U+FFFD REPLACEMENT CHARACTER, one column wide).
pub const CONTROL_MARK: char = '\u{FFFD}';

/// What a tab in body text becomes. Prose has no tab stops; four spaces match
/// Markdown's own reading of a tab.
const TAB_SPACES: &str = "    ";

/// True for characters that must never reach the terminal.
pub fn is_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}') || is_bidi_control(c)
}

/// Bidi embedding, override and isolate controls. Dropped silently: they are
/// invisible formatting, so removing them changes no visible character.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// What a piece of text is, which decides what happens to line breaks and tabs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A whole file before parsing: line breaks and tabs are structure (Markdown
    /// indentation, TOML positions), so both are kept and error columns stay true.
    Document,
    /// A plain-text book's lines, split afterwards by `str::lines`: as `Document`,
    /// and a CR before a LF is left too (`lines` ends a line at CRLF), which spares
    /// copying a Windows file to change its line ends.
    Lines,
    /// Text out of the Markdown parser: `\n` is a hard break; a tab becomes spaces.
    Text,
    /// A one-line value: breaks and tabs become a single space.
    Line,
}

/// Sanitise a whole file before parsing: CRLF and lone CR become LF, line breaks
/// and tabs are kept, other controls become [`CONTROL_MARK`], bidi controls are
/// dropped. Line structure is kept, so line numbers in error messages stay true.
pub fn sanitize_document(text: &str) -> Cow<'_, str> {
    clean(text, Mode::Document)
}

/// [`sanitize_document`] for text whose lines are then split by `str::lines`:
/// CRLF may stay (it is still one line end to `lines`; a changed text gets LF).
/// Only for text with no CR of its own: a lone CR would be removed, not a break.
pub fn sanitize_lines(text: &str) -> Cow<'_, str> {
    clean(text, Mode::Lines)
}

/// Sanitise text produced by the Markdown parser. Needed besides
/// [`sanitize_document`] because the parser decodes entities and escapes:
/// `&#27;` or `&#x202E;` in a clean file become real control characters.
pub fn sanitize_text(text: &str) -> Cow<'_, str> {
    clean(text, Mode::Text)
}

/// Sanitise a one-line value (title, metadata): line breaks and tabs become a
/// single space, everything else as in [`sanitize_document`]. Surrounding
/// whitespace is trimmed.
pub fn sanitize_line(text: &str) -> String {
    clean(text, Mode::Line).trim().to_string()
}

/// Whether a forbidden character may start with bytes `b0 b1 b2`, line feeds,
/// tabs and carriage returns counted as kept when the flags say so. Exact for
/// the two- and three-byte forms; bitwise on purpose, so that it vectorises (see
/// `gate::find_suspect`).
#[inline(always)]
fn may_be_forbidden(b0: u8, b1: u8, b2: u8, kept: [bool; 3]) -> bool {
    let [lf, tab, cr] = kept;
    let kept = (lf & (b0 == b'\n')) | (tab & (b0 == b'\t')) | (cr & (b0 == b'\r'));
    let control = ((b0 < 0x20) & !kept) | (b0 == 0x7F);
    let c1 = (b0 == 0xC2) & (b1 < 0xA0);
    // U+202A-202E (E2 80 AA-AE), U+2066-2069 (E2 81 A6-A9); not “ ” — ….
    let bidi = (b0 == 0xE2)
        & (((b1 == 0x80) & (b2.wrapping_sub(0xAA) < 5))
            | ((b1 == 0x81) & (b2.wrapping_sub(0xA6) < 4)));
    control | c1 | bidi
}

fn clean(text: &str, mode: Mode) -> Cow<'_, str> {
    let kept = |c: char| match mode {
        Mode::Document => c == '\n' || c == '\t',
        Mode::Lines => c == '\n' || c == '\t' || c == '\r',
        Mode::Text => c == '\n',
        Mode::Line => false,
    };
    // Fast path: most text has nothing to remove, and is returned as it is. A
    // forbidden character starts with a byte below 0x20, 0x7F, C2 (C1 controls) or
    // E2 (bidi controls); only there is a character decoded (a novel's text is
    // mostly E4-E9 and spent 5% of `dump` decoding every character here).
    let bytes = text.as_bytes();
    let confirm = |i: usize| {
        text.get(i..)
            .and_then(|t| t.chars().next())
            .is_some_and(|c| is_forbidden(c) && !kept(c))
    };
    use crate::gate::find_suspect as suspect;
    let found = match mode {
        Mode::Document => suspect(
            bytes,
            |a, b, c| may_be_forbidden(a, b, c, [true, true, false]),
            confirm,
        ),
        Mode::Lines => suspect(
            bytes,
            |a, b, c| may_be_forbidden(a, b, c, [true, true, true]),
            confirm,
        ),
        Mode::Text => suspect(
            bytes,
            |a, b, c| may_be_forbidden(a, b, c, [true, false, false]),
            confirm,
        ),
        Mode::Line => suspect(
            bytes,
            |a, b, c| may_be_forbidden(a, b, c, [false; 3]),
            confirm,
        ),
    }
    .is_some();
    if !found {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' | '\n' => {
                // CRLF is one break; a lone CR (old Mac files) is a break too.
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(if mode == Mode::Line { ' ' } else { '\n' });
            }
            '\t' => out.push_str(match mode {
                Mode::Document | Mode::Lines => "\t",
                Mode::Text => TAB_SPACES,
                Mode::Line => " ",
            }),
            c if is_bidi_control(c) => {}
            c if is_forbidden(c) => out.push(CONTROL_MARK),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-level fast path misses no forbidden character, in any mode, in the
    /// short tail it checks a byte at a time and at the last position of a 32-byte
    /// block (whose other bytes are in the block's look-ahead), among the ，“” that
    /// the vector test passes over.
    #[test]
    fn the_fast_path_misses_nothing() {
        let modes = [
            (Mode::Document, "\n\t"),
            (Mode::Lines, "\n\t\r"),
            (Mode::Text, "\n"),
            (Mode::Line, ""),
        ];
        let before = format!("a{}", "中文，“”".repeat(2));
        assert_eq!(before.len(), 31);
        let after = "中文，“”".repeat(3);
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let short = format!("中{c}文");
            let long = format!("{before}{c}{after}");
            for (mode, kept) in modes {
                let expected = is_forbidden(c) && !kept.contains(c);
                for text in [&short, &long] {
                    let changed = matches!(clean(text, mode), Cow::Owned(_));
                    assert_eq!(changed, expected, "{c:?} in {text:?}");
                }
            }
        }
    }

    #[test]
    fn clean_text_is_borrowed_unchanged() {
        let text = "党群连心:“驿站”成为白领之家\n第二行";
        assert!(matches!(sanitize_document(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn escape_sequences_lose_their_escape() {
        assert_eq!(sanitize_document("a\u{1b}[31mred"), "a\u{FFFD}[31mred");
        assert_eq!(sanitize_document("bell\u{7}"), "bell\u{FFFD}");
        assert_eq!(sanitize_document("del\u{7f}"), "del\u{FFFD}");
    }

    #[test]
    fn c1_controls_are_replaced() {
        assert_eq!(
            sanitize_document("x\u{9b}2Jy\u{85}"),
            "x\u{FFFD}2Jy\u{FFFD}"
        );
    }

    #[test]
    fn bidi_controls_are_dropped() {
        let text =
            "a\u{202A}b\u{202B}c\u{202C}d\u{202D}e\u{202E}f\u{2066}g\u{2067}h\u{2068}i\u{2069}j";
        assert_eq!(sanitize_document(text), "abcdefghij");
    }

    #[test]
    fn line_breaks_are_normalised_and_tabs_kept_where_they_are_structure() {
        assert_eq!(sanitize_document("a\r\nb\rc\td\u{7}"), "a\nb\nc\td\u{FFFD}");
        assert_eq!(sanitize_text("a\r\nb\tc\u{1b}"), "a\nb    c\u{FFFD}");
        assert!(matches!(sanitize_text("甲\n乙"), Cow::Borrowed(_)));
    }

    #[test]
    fn one_line_values_fold_breaks_to_spaces() {
        assert_eq!(sanitize_line(" 标题\n第二行\t尾 "), "标题 第二行 尾");
    }

    #[test]
    fn nothing_forbidden_survives() {
        let all: String = (0u32..0x2100).filter_map(char::from_u32).collect();
        let doc = sanitize_document(&all);
        assert!(
            doc.chars()
                .all(|c| c == '\n' || c == '\t' || !is_forbidden(c))
        );
        assert!(
            sanitize_text(&all)
                .chars()
                .all(|c| c == '\n' || !is_forbidden(c))
        );
        assert!(!sanitize_line(&all).chars().any(is_forbidden));
        // Printable characters are all still there.
        for c in ['A', 'z', '0', '·', '—', '“', '”', '…', '\u{A0}'] {
            assert!(doc.contains(c), "{c:?} lost");
        }
    }
}
