//! Folding for search: the forms a reader does not tell apart compare equal.

use std::ops::Range;

/// Latin letters in lower case; full-width ASCII forms (U+FF01–U+FF5E) as
/// their ASCII twins; the ideographic space as a space; corner quotes as curly
/// quotes. Everything else as is.
pub fn fold_char(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        // Corner quotes (`[typography] quotes = "corner"`) and the curly ones they show.
        '「' => '“',
        '」' => '”',
        '『' => '‘',
        '』' => '’',
        c => c,
    };
    if c.is_ascii_uppercase() {
        c.to_ascii_lowercase()
    } else if c.is_uppercase() {
        // One-to-one lower case only (É → é); İ and friends stay themselves.
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) => l,
            _ => c,
        }
    } else {
        c
    }
}

/// A text folded character by character, with each character's byte offset
/// in the original, so a match maps back to the original bytes.
pub struct Folded {
    pub chars: Vec<char>,
    /// `offsets[i]` is where `chars[i]` starts; one more entry for the end.
    offsets: Vec<u32>,
}

impl Folded {
    pub fn new(text: &str) -> Folded {
        let mut chars = Vec::with_capacity(text.len() / 2);
        let mut offsets = Vec::with_capacity(text.len() / 2 + 1);
        for (at, c) in text.char_indices() {
            chars.push(fold_char(c));
            offsets.push(at as u32);
        }
        offsets.push(text.len() as u32);
        Folded { chars, offsets }
    }

    /// The original bytes of characters `range`.
    pub fn byte_range(&self, range: Range<usize>) -> Range<usize> {
        self.offsets[range.start] as usize..self.offsets[range.end] as usize
    }
}
