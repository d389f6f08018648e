//! A book in parts, for output that streams (`dump`): the file is read a part at a
//! time, cut where a paragraph starts, and each part is decoded and parsed on its
//! own by the book's [`Plan`]. Parts can then be parsed side by side while the rest
//! is read, and forgotten once printed: a novel is never held whole, as bytes, text,
//! blocks or lines.
//!
//! The cut is safe because everything the parser decides is local to a line or a
//! paragraph once the plan is made (the encoding, the chapter rule, whether indents
//! mark paragraphs, the title): the parts' blocks, in order, are the whole book's
//! (`tests/books.rs` compares them).

use std::io::Read;

use memchr::{memchr, memchr_iter, memchr2_iter, memrchr2};

use super::decode::decode_part;
use super::{Block, Plan, build, normalised};
use crate::article::parse::ParseError;
use crate::files::ReadError;

/// The bytes of one part and where they were in the file.
pub struct PartBytes {
    bytes: Vec<u8>,
    offset: usize,
}

/// One part, parsed.
pub struct Part {
    pub blocks: Vec<Block>,
    /// The book's first part, which carries its title.
    pub first: bool,
    /// Offset in the file of the first byte the encoding could not decode.
    pub first_bad_byte: Option<usize>,
}

/// Reads a book part by part: an iterator of parts of about `size` bytes, each
/// ending where a line ends and the next line starts a paragraph. An encoding in
/// which a byte 0x0A is not always a line feed (UTF-16, ISO-2022-JP) is not cut:
/// one part. A NUL is refused as [`super::parse_prefix`] refuses it, and a file
/// that grows past `cap` as [`crate::files::read_regular`] refuses it.
pub struct PartReader<'a, R> {
    source: R,
    plan: &'a Plan,
    /// Read; `buf[head..]` is not yet handed out, and `buf[head]` is at `offset`
    /// in the file.
    buf: Vec<u8>,
    head: usize,
    offset: usize,
    /// Bytes of `buf[head..]` already searched for a cut, in vain.
    searched: usize,
    /// Line feeds before `offset`: the line of a NUL.
    lines: usize,
    size: usize,
    cap: u64,
    /// U+3000 in the book's encoding, an indent; none if it cannot encode it.
    space: Option<Vec<u8>>,
    /// The first part ends no sooner: after the title line the plan took out.
    title_end: usize,
    done: bool,
}

impl<'a, R: Read> PartReader<'a, R> {
    /// `start` is the beginning already read (the bytes the plan was made from),
    /// `source` the rest of the file.
    pub fn new(start: Vec<u8>, source: R, plan: &'a Plan, size: usize, cap: u64) -> Self {
        // An encoding without U+3000 (windows-1252) writes `&#12288;` instead, which
        // is text, not an indent.
        let (space, _, unmappable) = plan.encoding.encode("\u{3000}");
        let space = (!unmappable).then(|| space.into_owned());
        // The title line is the `title_lines`-th line.
        let title_end = match plan.title_lines {
            0 => 0,
            n => line_ends(&start).nth(n - 1).map_or(usize::MAX, |i| i + 1),
        };
        PartReader {
            source,
            plan,
            buf: start,
            head: 0,
            offset: 0,
            searched: 0,
            lines: 0,
            size: size.max(1),
            cap,
            space,
            title_end,
            done: false,
        }
    }

    /// The end of the next part in `buf[head..]`, if it holds one: after a line end
    /// at `size` or beyond, where the line after surely starts a paragraph.
    fn cut(&mut self) -> Option<usize> {
        if !self.plan.encoding.is_ascii_compatible() {
            return None;
        }
        let pending = &self.buf[self.head..];
        let title = if self.offset == 0 { self.title_end } else { 0 };
        let from = self.searched.max(self.size).max(title);
        let unsearched = pending.get(from..)?;
        let found = line_ends(unsearched).map(|i| from + i + 1).find(|&cut| {
            // The line after must be whole to be judged.
            let rest = &pending[cut..];
            line_ends(rest).next().is_some()
                && starts_paragraph(rest, self.plan.by_indent, self.space.as_deref())
        });
        if found.is_none() {
            // Next time, search on from the last line end (the line after it may
            // not have been whole; a CR may turn out to be half a CRLF), or from here
            // when there was none: searching a long line from its start again each
            // time was quadratic.
            self.searched = memrchr2(b'\n', b'\r', unsearched).map_or(pending.len(), |i| from + i);
        }
        found
    }

    /// Read more of the file; false at its end. Into `buf`, which is kept from
    /// part to part: a fresh buffer a part cost page faults, and more than the read.
    fn fill(&mut self) -> Result<bool, ParseError> {
        let want = self.size.clamp(64 * 1024, 1 << 20);
        // What was handed out goes once it is half the buffer: the beginning the
        // plan was made from is 512 KiB, handed out a part at a time.
        if self.head * 2 >= self.buf.len() {
            self.buf.drain(..self.head);
            self.head = 0;
        }
        let start = self.buf.len();
        self.buf.resize(start + want, 0);
        let mut read = 0;
        let result = loop {
            match self.source.read(&mut self.buf[start + read..]) {
                Ok(0) => break Ok(()),
                Ok(n) => {
                    read += n;
                    if start + read == self.buf.len() {
                        break Ok(());
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => break Err(e),
            }
        };
        self.buf.truncate(start + read);
        result.map_err(|e| read_error(&ReadError::Io(e)))?;
        let size = (self.offset + self.buf.len() - self.head) as u64;
        if size > self.cap {
            return Err(read_error(&ReadError::TooLarge {
                size,
                cap: self.cap,
            }));
        }
        Ok(read > 0)
    }

    /// Hand out the next `len` bytes as a part.
    fn part(&mut self, len: usize) -> Result<PartBytes, ParseError> {
        let bytes = self.buf[self.head..self.head + len].to_vec();
        self.head += len;
        let offset = self.offset;
        self.offset += bytes.len();
        self.searched = 0;
        if self.plan.encoding.is_ascii_compatible() {
            if let Some(at) = memchr(0, &bytes) {
                let line = self.lines + memchr_iter(b'\n', &bytes[..at]).count() + 1;
                return Err(super::binary_file(line, self.plan.encoding));
            }
            self.lines += memchr_iter(b'\n', &bytes).count();
        }
        Ok(PartBytes { bytes, offset })
    }
}

impl<R: Read> Iterator for PartReader<'_, R> {
    type Item = Result<PartBytes, ParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        loop {
            if let Some(end) = self.cut() {
                return Some(self.part(end));
            }
            match self.fill() {
                Ok(true) => {}
                Ok(false) => {
                    self.done = true;
                    let len = self.buf.len() - self.head;
                    if len == 0 && self.offset > 0 {
                        return None;
                    }
                    return Some(self.part(len));
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
    }
}

/// A read error in the form the parser's errors take.
fn read_error(error: &ReadError) -> ParseError {
    ParseError {
        line: None,
        column: None,
        message: error.to_string(),
    }
}

/// Decode and parse one part (the first part of a book starts at offset 0, and
/// loses its title line when the plan took one).
pub fn parse_part(part: &PartBytes, plan: &Plan) -> Part {
    let first = part.offset == 0;
    let (text, bad) = decode_part(&part.bytes, plan.encoding, first);
    let text = normalised(text);
    let (lines, headings) = plan.lines_and_headings(&text, first);
    Part {
        blocks: build(&lines, &headings, plan.by_indent).0,
        first,
        first_bad_byte: bad.map(|at| at + part.offset),
    }
}

/// Where the lines of `bytes` end, as `normalised` ends them: at a line feed, and
/// at a lone CR (old Mac files), which is known to be lone only when a byte that is
/// not a line feed follows it.
fn line_ends(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr2_iter(b'\n', b'\r', bytes)
        .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1).is_some_and(|&b| b != b'\n'))
}

/// Whether the line at the start of `rest` starts a paragraph for certain (as
/// [`super::parse_prefix`] decides where a beginning may end): every line does when
/// indents do not mark paragraphs; else a blank line or an indented one. Read from
/// the bytes: a space, a tab, or U+3000 in the book's encoding (`space`).
fn starts_paragraph(rest: &[u8], by_indent: bool, space: Option<&[u8]>) -> bool {
    if !by_indent {
        return true;
    }
    let line = &rest[..line_ends(rest).next().unwrap_or(rest.len())];
    if line.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r')) {
        return true;
    }
    line.starts_with(b" ") || line.starts_with(b"\t") || space.is_some_and(|s| line.starts_with(s))
}
