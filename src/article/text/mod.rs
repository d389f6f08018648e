//! Plain-text books (`.txt`): any common encoding, chapters as sections.
//!
//! `decode` turns the bytes into text (BOM, UTF-8, or chardetng's guess), `chapters`
//! finds the headings (Legado's rules), and this module makes the [`Article`]:
//! title from a first line like 《红楼梦》 or from the file name, one paragraph per
//! indented or blank-line-separated run of lines, indents dropped (the layout adds
//! the configured one).

pub mod chapters;
pub mod decode;
pub mod parts;

use std::borrow::Cow;

use encoding_rs::Encoding;

use super::body::LEAD_LABEL;
use super::parse::ParseError;
use super::sanitize::{sanitize_document, sanitize_line, sanitize_lines};
use super::{Article, Block, BlockKind, Meta, Origin, Section};
use chapters::{Heading, Rule};

/// How `.txt` files are read: `[library] encoding` / `--encoding` and
/// `[books] chapter_patterns`.
#[derive(Debug)]
pub struct TextOptions {
    /// An encoding to use instead of detecting one.
    pub encoding: Option<&'static Encoding>,
    /// Rules tried for chapter headings, in order.
    pub rules: Vec<Rule>,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions {
            encoding: None,
            rules: chapters::default_rules(),
        }
    }
}

/// A book that opened, and what the reader should be told about it.
pub struct Book {
    pub article: Article,
    /// Bytes the encoding could not decode: `(encoding, offset of the first one)`.
    pub bad_bytes: Option<(&'static str, usize)>,
}

/// Bytes of a book read before its first frame: its beginning is parsed and shown
/// while the rest is read and parsed in the background (see [`Plan`]).
pub const PREFIX_BYTES: u64 = 512 * 1024;

/// What the beginning of a book decides for all of it: the encoding, the chapter
/// rule, how paragraphs are marked and the title. The whole book is then parsed by
/// the same plan, so the part shown first is exactly the beginning of the whole
/// (nothing moves when the rest arrives). Legado chooses its rule from the first
/// 512 KiB too.
#[derive(Debug, Clone)]
pub struct Plan {
    encoding: &'static Encoding,
    /// The chapter rule, if one fits.
    rule: Option<Rule>,
    by_indent: bool,
    /// The title from a 《title》 first line.
    title: Option<String>,
    /// Lines up to and with the title line (blank ones may come first); 0 without
    /// one. A book read in parts keeps them in its first part, where the title is
    /// taken out.
    title_lines: usize,
}

impl Plan {
    /// The lines of the book's text (or of a part of it), the title line taken out
    /// of the `first` part when the plan took one, and the headings among them.
    fn lines_and_headings<'t>(&self, text: &'t str, first: bool) -> (Vec<&'t str>, Vec<Heading>) {
        let mut lines: Vec<&str> = text.lines().collect();
        if first && self.title.is_some() {
            take_title(&mut lines);
        }
        let headings = self
            .rule
            .as_ref()
            .map(|rule| chapters::headings(&lines, rule))
            .unwrap_or_default();
        (lines, headings)
    }

    /// The book's encoding, detected or forced.
    pub fn encoding(&self) -> &'static Encoding {
        self.encoding
    }

    /// A book's metadata: its title, from a 《title》 line or else the file's `id`.
    pub fn meta(&self, id: &str) -> Meta {
        Meta {
            title: self.title.clone().unwrap_or_else(|| sanitize_line(id)),
            ..Meta::default()
        }
    }
}

/// Parse a `.txt` file. `id` is the file stem, also the title when the text has
/// no 《title》 line.
pub fn parse_text(
    id: &str,
    origin: Origin,
    bytes: &[u8],
    options: &TextOptions,
) -> Result<Book, ParseError> {
    let prefix = &bytes[..bytes.len().min(PREFIX_BYTES as usize)];
    let (_, plan) = parse_prefix(
        id,
        origin.clone(),
        prefix,
        prefix.len() == bytes.len(),
        options,
    )?;
    parse_with_plan(id, origin, bytes.to_vec(), &plan)
}

/// The beginning of a book (`bytes` is all of it when `whole`): the part of it that
/// ends at a paragraph's end, and the plan for the rest.
pub fn parse_prefix(
    id: &str,
    origin: Origin,
    bytes: &[u8],
    whole: bool,
    options: &TextOptions,
) -> Result<(Book, Plan), ParseError> {
    let mut decoded = decode::decode(bytes, options.encoding);
    // A beginning cut inside a character ends in an incomplete one: no bad byte of
    // the book. Its line is dropped, and the whole book, read later, says whether
    // that line holds a real one.
    if !whole
        && decoded.encoding.is_ascii_compatible()
        && let Some(at) = decoded.first_bad_byte
        && memchr::memrchr(b'\n', bytes).is_none_or(|end| at > end)
    {
        decoded.first_bad_byte = None;
    }
    let text = checked_text(&mut decoded)?;
    let (mut lines, plan) = planned(&text, whole, decoded.encoding, options);
    if !whole {
        // End where a paragraph ends for certain: before a blank line, or before a
        // line that starts a paragraph (an indented one, or any line when each line
        // is a paragraph).
        let end = (1..lines.len())
            .rev()
            .find(|&i| {
                let line = lines[i];
                line.trim().is_empty()
                    || !plan.by_indent
                    || line.starts_with([' ', '\t', '\u{3000}'])
            })
            .unwrap_or(0);
        lines.truncate(end);
    }
    let headings = plan
        .rule
        .as_ref()
        .map(|rule| chapters::headings(&lines, rule))
        .unwrap_or_default();
    let book = assemble(id, origin, &lines, &headings, &plan, &decoded);
    Ok((book, plan))
}

/// The plan for a book from its beginning (`bytes` is all of it when `whole`), for
/// output that needs no beginning shown first (see [`parts`]).
pub fn plan(bytes: &[u8], whole: bool, options: &TextOptions) -> Result<Plan, ParseError> {
    let (encoding, _) = decode::encoding_of(bytes, options.encoding);
    // `parse_prefix` drops the last line, which may be cut, once it is decoded.
    // Text in an ASCII-compatible encoding can drop it before, at the line feed
    // that ends the line before it: then UTF-8 needs no copy, only a check. The
    // lines are the same; when there is no such line feed, or a NUL or nothing
    // but blanks before it, the beginning is read as `parse_prefix` reads it, which
    // is what decides.
    // A lone CR ends a line too (old Mac files): then the last line does not end
    // at a line feed, and the cut is left to `parse_prefix`'s way.
    let lone_cr = memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n'));
    let cut = (!whole
        && encoding.is_ascii_compatible()
        && !lone_cr
        && memchr::memchr(0, bytes).is_none())
    .then(|| {
        bytes
            .split_last()
            .and_then(|(_, most)| memchr::memrchr(b'\n', most))
    })
    .flatten();
    if let Some(end) = cut {
        let (text, _) = decode::decode_part(&bytes[..=end], encoding, true);
        if !text.chars().all(char::is_whitespace) {
            let text = normalised(text);
            return Ok(planned(&text, true, encoding, options).1);
        }
    }
    let mut decoded = decode::decode(bytes, options.encoding);
    let text = checked_text(&mut decoded)?;
    Ok(planned(&text, whole, decoded.encoding, options).1)
}

/// The lines of a book's beginning (the title line taken out, a last line that may
/// be cut dropped) and the plan they make.
fn planned<'t>(
    text: &'t str,
    whole: bool,
    encoding: &'static Encoding,
    options: &TextOptions,
) -> (Vec<&'t str>, Plan) {
    let mut lines: Vec<&str> = text.lines().collect();
    if !whole {
        // The last line may be cut in the middle.
        lines.pop();
    }
    let title = take_title(&mut lines);
    let chosen = chapters::choose(&lines, &options.rules);
    let plan = Plan {
        encoding,
        rule: chosen.as_ref().map(|(i, _)| options.rules[*i].clone()),
        by_indent: indent_marks_paragraphs(&lines),
        title_lines: title.as_ref().map_or(0, |(_, n)| *n),
        title: title.map(|(t, _)| t),
    };
    (lines, plan)
}

/// The whole book by the plan its beginning made.
pub fn parse_with_plan(
    id: &str,
    origin: Origin,
    bytes: Vec<u8>,
    plan: &Plan,
) -> Result<Book, ParseError> {
    let mut decoded = decode::decode_owned(bytes, Some(plan.encoding));
    let text = checked_text(&mut decoded)?;
    let (lines, headings) = plan.lines_and_headings(&text, true);
    Ok(assemble(id, origin, &lines, &headings, plan, &decoded))
}

/// The decoded text with line ends made `\n` and control characters removed;
/// empty and binary files refused. Takes the text out of `decoded`: a novel is
/// tens of megabytes, and every copy counts against the memory budget.
fn checked_text(decoded: &mut decode::Decoded) -> Result<String, ParseError> {
    if decoded.text.chars().all(char::is_whitespace) {
        return Err(ParseError {
            line: None,
            column: None,
            message: "empty file: no text to read".to_string(),
        });
    }
    if let Some(at) = decoded.text.find('\0') {
        let line = decoded.text[..at].matches('\n').count() + 1;
        return Err(binary_file(line, decoded.encoding));
    }
    Ok(normalised(std::mem::take(&mut decoded.text).into()).into_owned())
}

/// The refusal of a file with a NUL on `line`.
fn binary_file(line: usize, encoding: &'static Encoding) -> ParseError {
    ParseError {
        line: Some(line),
        column: None,
        message: format!(
            "binary file (NUL character, read as {}): not a text book",
            encoding.name()
        ),
    }
}

/// Line ends made ones `str::lines` knows (a lone CR, as old Mac files end lines,
/// becomes `\n`; CRLF stays, `lines` ends lines there) and control characters
/// removed; text that needs neither (most books, Windows ones too) is not copied.
fn normalised(text: Cow<'_, str>) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let lone_cr = memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n'));
    if !lone_cr {
        return match text {
            Cow::Borrowed(t) => sanitize_lines(t),
            Cow::Owned(t) => match sanitize_lines(&t) {
                Cow::Borrowed(_) => Cow::Owned(t),
                Cow::Owned(clean) => Cow::Owned(clean),
            },
        };
    }
    let owned = text.replace("\r\n", "\n").replace('\r', "\n");
    match sanitize_document(&owned) {
        Cow::Borrowed(_) => Cow::Owned(owned),
        Cow::Owned(clean) => Cow::Owned(clean),
    }
}

fn assemble(
    id: &str,
    origin: Origin,
    lines: &[&str],
    headings: &[Heading],
    plan: &Plan,
    decoded: &decode::Decoded,
) -> Book {
    let (blocks, sections) = build(lines, headings, plan.by_indent);
    Book {
        article: Article {
            id: id.to_string(),
            origin,
            meta: plan.meta(id),
            blocks,
            sections,
        },
        bad_bytes: decoded
            .first_bad_byte
            .map(|at| (decoded.encoding.name(), at)),
    }
}

/// A first non-empty line like 《红楼梦》 is the title: it is taken out of the text.
/// Returns it and how many lines went with it (the blank ones before it too).
fn take_title(lines: &mut Vec<&str>) -> Option<(String, usize)> {
    let first = lines.iter().position(|l| !l.trim().is_empty())?;
    let line = lines[first].trim();
    let inner = line.strip_prefix('《')?.strip_suffix('》')?;
    if inner.is_empty() || inner.chars().count() > 30 || inner.contains(['《', '》']) {
        return None;
    }
    let title = sanitize_line(inner);
    lines.drain(..=first);
    Some((title, first + 1))
}

/// Blocks and sections from the lines and the headings found among them.
fn build(lines: &[&str], headings: &[Heading], by_indent: bool) -> (Vec<Block>, Vec<Section>) {
    let mut blocks: Vec<Block> = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut next_heading = headings.iter().peekable();
    let mut paragraph = String::new();
    let flush = |paragraph: &mut String, blocks: &mut Vec<Block>, section: usize| {
        if !paragraph.trim().is_empty() {
            blocks.push(Block {
                kind: BlockKind::Paragraph,
                text: std::mem::take(paragraph),
                spans: Vec::new(),
                section,
            });
        }
        paragraph.clear();
    };
    for (index, line) in lines.iter().enumerate() {
        let section = sections.len().saturating_sub(1);
        if let Some(heading) = next_heading.next_if(|h| h.line == index) {
            flush(&mut paragraph, &mut blocks, section);
            let text = line.trim().to_string();
            sections.push(Section {
                label: heading.label.clone(),
                title: text.clone(),
                first_block: blocks.len(),
                is_lead: false,
            });
            blocks.push(Block {
                kind: BlockKind::Heading { level: 2 },
                text,
                spans: Vec::new(),
                section: sections.len() - 1,
            });
            continue;
        }
        let content = line.trim();
        if content.is_empty() {
            flush(&mut paragraph, &mut blocks, section);
            continue;
        }
        let indented = line.starts_with([' ', '\t', '\u{3000}']);
        if !by_indent || indented {
            flush(&mut paragraph, &mut blocks, section);
        }
        join(&mut paragraph, content);
    }
    let section = sections.len().saturating_sub(1);
    flush(&mut paragraph, &mut blocks, section);
    // Text before the first chapter (a preface, a note) is the lead section.
    let first_heading = blocks
        .iter()
        .position(|b| matches!(b.kind, BlockKind::Heading { .. }));
    if first_heading != Some(0) {
        sections.insert(
            0,
            Section {
                label: LEAD_LABEL.to_string(),
                title: LEAD_LABEL.to_string(),
                first_block: 0,
                is_lead: true,
            },
        );
        let mut section = 0;
        for block in &mut blocks {
            if matches!(block.kind, BlockKind::Heading { .. }) {
                section += 1;
            }
            block.section = section;
        }
    }
    (blocks, sections)
}

/// Whether indented lines start paragraphs (and unindented ones continue them, as
/// in hard-wrapped text). True when at least a tenth of the text lines are
/// indented, some are not, and blank lines do not already separate the lines.
/// Otherwise every line is a paragraph of its own, as in most Chinese `.txt` files
/// (web novels, 红楼梦); joining lines there would run a poem's lines together.
fn indent_marks_paragraphs(lines: &[&str]) -> bool {
    let text: Vec<&&str> = lines.iter().filter(|l| !l.trim().is_empty()).collect();
    let indented = text
        .iter()
        .filter(|l| l.starts_with([' ', '\t', '\u{3000}']))
        .count();
    let blank_separated = lines.iter().filter(|l| l.trim().is_empty()).count() * 2 >= text.len();
    indented * 10 >= text.len() && indented < text.len() && !blank_separated
}

/// Append a line to a paragraph: no space between CJK text, one between words.
fn join(paragraph: &mut String, line: &str) {
    let wide = |c: char| c > '\u{2E7F}';
    if let (Some(a), Some(b)) = (paragraph.chars().last(), line.chars().next())
        && !(wide(a) || wide(b))
    {
        paragraph.push(' ');
    }
    paragraph.push_str(line);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book(text: &str) -> Article {
        parse_text(
            "书名",
            Origin::Stdin,
            text.as_bytes(),
            &TextOptions::default(),
        )
        .map(|b| b.article)
        .map_err(|e| e.message)
        .unwrap()
    }

    fn chapter() -> String {
        "    这是一段足够长的正文，用来让章节之间有合理的距离。".repeat(4) + "\r\n\r\n"
    }

    #[test]
    fn title_chapters_and_paragraphs() {
        let text = format!(
            "《石头记》\r\n\r\n 第一回　甄士隐梦幻识通灵　贾雨村风尘怀闺秀\r\n\r\n{}{} 第二回　贾夫人仙逝扬州城　冷子兴演说荣国府\r\n\r\n{}",
            chapter(),
            chapter(),
            chapter()
        );
        let a = book(&text);
        assert_eq!(a.meta.title, "石头记");
        assert_eq!(a.sections.len(), 2, "no empty lead: {:?}", a.sections);
        assert_eq!(a.sections[0].label, "第一回");
        assert_eq!(
            a.sections[0].title,
            "第一回　甄士隐梦幻识通灵　贾雨村风尘怀闺秀"
        );
        assert_eq!(a.sections[1].first_block, 3);
        assert_eq!(a.blocks.len(), 5);
        assert!(
            a.blocks[1].text.starts_with("这是"),
            "indent dropped: {:?}",
            a.blocks[1].text
        );
        assert_eq!(a.blocks[4].section, 1);
    }

    #[test]
    fn without_title_line_or_chapters() {
        let a = book("第一行。\n第二行。\n\n第三段。\n");
        assert_eq!(a.meta.title, "书名");
        assert_eq!(a.sections.len(), 1);
        assert!(a.sections[0].is_lead);
        // Line per paragraph when nothing is indented.
        assert_eq!(a.blocks.len(), 3);
    }

    #[test]
    fn hard_wrapped_lines_join_into_paragraphs() {
        let a = book("  第一段的第一行，\n接着第一行。\n  第二段，\nand more\nwords here\n");
        let texts: Vec<&str> = a.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "第一段的第一行，接着第一行。",
                "第二段，and more words here"
            ]
        );
    }

    #[test]
    fn preface_before_the_first_chapter_is_the_lead() {
        let text = format!(
            "前面的话。\n\n第一章 开始\n{}第二章 继续\n{}",
            chapter(),
            chapter()
        );
        let a = book(&text);
        let labels: Vec<&str> = a.sections.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["导语", "第一章", "第二章"]);
        assert_eq!(a.blocks[0].section, 0);
        assert_eq!(a.blocks[1].section, 1);
        assert_eq!(a.sections[1].first_block, 1);
    }

    /// `plan`, which cuts a beginning before its last line while it is still bytes,
    /// makes the plan `parse_prefix` makes from the same bytes, wherever they end:
    /// in a character, at a line's end, after it; with CRLF, in GB18030, in text
    /// that is all one line, and with a NUL in the last line.
    #[test]
    fn plan_makes_the_plan_the_beginning_makes() {
        let summary = |p: &Plan| {
            (
                p.encoding.name(),
                p.rule.as_ref().map(|r| r.name),
                p.by_indent,
                p.title.clone(),
            )
        };
        let book = format!(
            "《石头记》\r\n\r\n第一回　甄士隐梦幻识通灵\r\n{}第二回　贾夫人仙逝扬州城\r\n{}",
            chapter(),
            chapter()
        );
        let (gb, _, _) = encoding_rs::GB18030.encode(&book);
        let one_line = "一二三四五六七八九十".repeat(20);
        let nul = format!("{}\n尾\0巴", chapter());
        // Lines that end in a lone CR after the last line feed (an old Mac file
        // with a first line from elsewhere).
        let chapters = format!("第1章 标题\r{}第2章 标题\r{}", chapter(), chapter());
        let lone_cr = format!("《书》\n{}", chapters.replace("\r\n", "\r"));
        let options = TextOptions::default();
        for bytes in [
            book.as_bytes(),
            &gb[..],
            one_line.as_bytes(),
            nul.as_bytes(),
            lone_cr.as_bytes(),
        ] {
            for end in 1..bytes.len() {
                let prefix = &bytes[..end];
                let expected = parse_prefix("书", Origin::Stdin, prefix, false, &options)
                    .map(|(_, plan)| summary(&plan))
                    .map_err(|e| e.message);
                let got = plan(prefix, false, &options)
                    .map(|plan| summary(&plan))
                    .map_err(|e| e.message);
                assert_eq!(
                    got,
                    expected,
                    "{end} bytes of {:?}",
                    String::from_utf8_lossy(bytes)
                );
            }
        }
    }

    /// A valid UTF-8 book whose beginning ends inside a character has no bad byte
    /// (`list` and the reader warned of one at byte 524286); a bad byte in a whole
    /// line of the beginning is still found.
    #[test]
    fn a_beginning_cut_in_a_character_has_no_bad_byte() {
        let options = TextOptions::default();
        let line = "中文中文。\n".repeat(40);
        let one_line = "中".repeat(200);
        for text in [line.as_str(), one_line.as_str()] {
            for end in [text.len() - 1, text.len() - 2] {
                let (book, _) = parse_prefix(
                    "书",
                    Origin::Stdin,
                    &text.as_bytes()[..end],
                    false,
                    &options,
                )
                .unwrap();
                assert_eq!(book.bad_bytes, None, "{end} bytes");
            }
        }
        let mut bad = line.clone().into_bytes();
        bad[6] = 0xFF;
        let utf8 = TextOptions {
            encoding: Some(encoding_rs::UTF_8),
            ..TextOptions::default()
        };
        let (book, _) =
            parse_prefix("书", Origin::Stdin, &bad[..bad.len() - 1], false, &utf8).unwrap();
        assert_eq!(book.bad_bytes, Some(("UTF-8", 6)));
    }

    #[test]
    fn empty_and_binary_files_are_refused() {
        let options = TextOptions::default();
        assert!(parse_text("x", Origin::Stdin, b"  \r\n ", &options).is_err());
        let error = parse_text("x", Origin::Stdin, b"abc\0def", &options)
            .err()
            .unwrap();
        assert!(error.message.contains("binary"), "{}", error.message);
    }
}
