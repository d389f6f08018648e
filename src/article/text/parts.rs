//! A book in parts, for output that streams (`dump`): the bytes are cut where a
//! paragraph starts, and each part is decoded and parsed on its own by the book's
//! [`Plan`]. Parts can then be parsed side by side and forgotten once printed: a
//! novel need never be held as text, blocks and layout all at once.
//!
//! The cut is safe because everything the parser decides is local to a line or a
//! paragraph once the plan is made (the encoding, the chapter rule, whether indents
//! mark paragraphs, the title): the parts' blocks, in order, are the whole book's
//! (`tests/books.rs` compares them).

use memchr::memchr_iter;

use super::decode::decode_part;
use super::{Block, Plan, build, chapters, normalised, take_title};
use crate::article::parse::ParseError;

/// A book's bytes and where its parts start.
pub struct Parts<'a> {
    bytes: &'a [u8],
    plan: &'a Plan,
    /// The first byte of every part; the last part ends where the bytes end.
    starts: Vec<usize>,
}

/// One part, parsed.
pub struct Part {
    pub blocks: Vec<Block>,
    /// Offset in the file of the first byte the encoding could not decode.
    pub first_bad_byte: Option<usize>,
}

impl<'a> Parts<'a> {
    /// The whole book `bytes`, cut into parts of about `size` bytes. An encoding in
    /// which a byte 0x0A is not always a line feed (UTF-16, ISO-2022-JP) is not cut:
    /// one part. A NUL is refused as [`super::parse_prefix`] refuses it.
    pub fn new(bytes: &'a [u8], plan: &'a Plan, size: usize) -> Result<Parts<'a>, ParseError> {
        let mut starts = vec![0];
        if !plan.encoding.is_ascii_compatible() {
            return Ok(Parts {
                bytes,
                plan,
                starts,
            });
        }
        if let Some(at) = memchr::memchr(0, bytes) {
            return Err(super::binary_file(
                memchr_iter(b'\n', &bytes[..at]).count() + 1,
                plan.encoding,
            ));
        }
        let (space, _, _) = plan.encoding.encode("\u{3000}");
        let size = size.max(1);
        let mut from = size;
        while from < bytes.len() {
            let Some(cut) = memchr_iter(b'\n', &bytes[from..])
                .map(|i| from + i + 1)
                .find(|&cut| {
                    cut < bytes.len() && starts_paragraph(&bytes[cut..], plan.by_indent, &space)
                })
            else {
                break;
            };
            starts.push(cut);
            from = cut + size;
        }
        Ok(Parts {
            bytes,
            plan,
            starts,
        })
    }

    /// How many parts.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Never: a book has at least one part.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Decode and parse part `index` (an empty part past the end).
    pub fn parse(&self, index: usize) -> Part {
        let Some(&start) = self.starts.get(index) else {
            return Part {
                blocks: Vec::new(),
                first_bad_byte: None,
            };
        };
        let end = self
            .starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.bytes.len());
        let (text, bad) = decode_part(&self.bytes[start..end], self.plan.encoding, index == 0);
        let text = normalised(text);
        let mut lines: Vec<&str> = text.lines().collect();
        if index == 0 && self.plan.title.is_some() {
            take_title(&mut lines);
        }
        let headings = self
            .plan
            .rule
            .as_ref()
            .map(|rule| chapters::headings(&lines, rule))
            .unwrap_or_default();
        Part {
            blocks: build(&lines, &headings, self.plan.by_indent).0,
            first_bad_byte: bad.map(|at| at + start),
        }
    }
}

/// Whether the line at the start of `rest` starts a paragraph for certain (as
/// [`super::parse_prefix`] decides where a beginning may end): every line does when
/// indents do not mark paragraphs; else a blank line or an indented one. Read from
/// the bytes: a space, a tab, or U+3000 in the book's encoding (`space`).
fn starts_paragraph(rest: &[u8], by_indent: bool, space: &[u8]) -> bool {
    if !by_indent {
        return true;
    }
    let line = &rest[..memchr::memchr(b'\n', rest).unwrap_or(rest.len())];
    if line.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r')) {
        return true;
    }
    line.starts_with(b" ") || line.starts_with(b"\t") || line.starts_with(space)
}
