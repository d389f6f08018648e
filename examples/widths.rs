//! Prints `code point <TAB> narrow width <TAB> wide width` for every character whose
//! width depends on the ambiguous-width mode, plus those `width_cjk()` widens: the
//! input of `scripts/xterm-widths.py`, which checks them against a real terminal.
//! Run with `cargo run --example widths > /tmp/widths.tsv`.

#![allow(clippy::disallowed_macros)] // a developer tool writing to stdout

use unicode_width::UnicodeWidthChar;
use yuedu::layout::width::is_ambiguous;
use yuedu::layout::{Ambiguous, char_width};

fn main() {
    // Planes 15 and 16 are private use, all class A: 131,068 characters no font has,
    // left out to keep the terminal check short (the BMP's private use area is in).
    for c in (0..0xF0000u32).filter_map(char::from_u32) {
        let narrow = char_width(c, Ambiguous::Narrow);
        let wide = char_width(c, Ambiguous::Wide);
        let cjk = c.width_cjk().unwrap_or(0);
        if narrow > 0 && (is_ambiguous(c) || cjk != narrow) {
            println!("{:X}\t{narrow}\t{wide}", c as u32);
        }
    }
}
