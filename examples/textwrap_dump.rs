//! The anchor for `yuedu dump`'s speed (issue 12): textwrap 0.16 wrapping a UTF-8
//! text file line by line at a width, first fit with the Unicode line breaking
//! properties (the same options as the textwrap row of `cargo bench --bench layout`),
//! written to stdout. `scripts/dump-vs-textwrap.sh` times the two processes.
//!
//! `cargo run --release --example textwrap_dump -- FILE [WIDTH]`

#![allow(clippy::disallowed_macros, clippy::unwrap_used, clippy::expect_used)] // a tool

use std::io::{BufWriter, Write};

use textwrap::{Options, WordSeparator, WrapAlgorithm};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("FILE");
    let width: usize = args.next().map_or(80, |w| w.parse().expect("WIDTH"));
    let text = std::fs::read_to_string(path).expect("a UTF-8 file");
    let options = Options::new(width)
        .wrap_algorithm(WrapAlgorithm::FirstFit)
        .word_separator(WordSeparator::UnicodeBreakProperties);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for line in text.lines() {
        for wrapped in textwrap::wrap(line, &options) {
            out.write_all(wrapped.as_bytes()).unwrap();
            out.write_all(b"\n").unwrap();
        }
    }
    out.flush().unwrap();
}
