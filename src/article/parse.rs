//! A Markdown file -> [`Article`], in one of three forms told apart by the first
//! line: `+++` TOML front matter (yuedu's own and Hugo's, strict about yuedu's
//! keys: [`super::front_toml`]), `---` YAML front matter (blogs and notes,
//! lenient: [`super::front_yaml`]), or no front matter at all (the title is the
//! first `#` heading, else the file name). The body is CommonMark in every form
//! ([`super::body`]).

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use thiserror::Error;

use super::body::parse_body;
use super::sanitize::{sanitize_document, sanitize_line};
use super::{Article, Meta, Origin, front_toml, front_yaml};

/// Why a file is not a readable article, with a position where one is known.
/// Lines and columns are 1-based; the column counts characters.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{message}")]
pub struct ParseError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl ParseError {
    pub(super) fn at(line: usize, column: usize, message: impl Into<String>) -> Self {
        ParseError {
            line: Some(line),
            column: Some(column),
            message: message.into(),
        }
    }
    fn whole_file(message: impl Into<String>) -> Self {
        ParseError {
            line: None,
            column: None,
            message: message.into(),
        }
    }
}

/// How an article file says what it is: the line it starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// `+++` TOML front matter: yuedu's own form and Hugo's, strict about yuedu's keys.
    Toml,
    /// `---` YAML front matter: what blog generators and note apps write, lenient.
    Yaml,
    /// No front matter: any Markdown file (a README, a note).
    Plain,
}

/// Parse an article file's raw bytes. `id` is the file stem; it is also the
/// title of last resort. The first problem only: see [`check_article`] for all.
pub fn parse_article(id: &str, origin: Origin, bytes: &[u8]) -> Result<Article, ParseError> {
    check_article(id, origin, bytes).map_err(|problems| {
        problems
            .into_iter()
            .next()
            .unwrap_or_else(|| ParseError::whole_file("not an article"))
    })
}

/// Parse an article file, collecting every problem that can be found in one
/// pass (never an empty list), so that `check` shows them all at once.
pub fn check_article(id: &str, origin: Origin, bytes: &[u8]) -> Result<Article, Vec<ParseError>> {
    let text = decode(bytes).map_err(|e| vec![e])?;
    let text = sanitize_document(text.strip_prefix('\u{FEFF}').unwrap_or(text));
    let (form, front, body) = split_front_matter(&text).map_err(|e| vec![e])?;
    let mut problems = Vec::new();
    // The front matter starts on line 2, after its opening fence.
    let mut meta = match form {
        Form::Toml => front_toml::parse_meta(front, 2, &mut problems),
        Form::Yaml => front_yaml::parse_meta(front, 2, &mut problems),
        Form::Plain => Meta::default(),
    };
    if !problems.is_empty() {
        // In file order, as an editor's problem list would show them.
        problems.sort_by_key(|p| (p.line, p.column));
        return Err(problems);
    }
    // No title written: the first `#` heading is the title (and is not shown
    // twice), else the file name, as a file manager would show it.
    let lifted;
    let body = if meta.title.is_empty() {
        match lift_title(body) {
            Some((title, rest)) => {
                meta.title = title;
                lifted = rest;
                lifted.as_str()
            }
            None => {
                meta.title = sanitize_line(id);
                body
            }
        }
    } else {
        body
    };
    let (blocks, sections) = parse_body(body, 1);
    Ok(Article {
        id: id.to_string(),
        origin,
        meta,
        blocks,
        sections,
    })
}

/// Bytes -> UTF-8 text, refusing empty and binary files with a clear message.
fn decode(bytes: &[u8]) -> Result<&str, ParseError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ParseError::whole_file("empty file: nothing to read"));
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        let (line, column) = position_in_bytes(bytes, offset);
        return Err(ParseError::at(
            line,
            column,
            "binary file (NUL byte): not a Markdown article",
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = position_in_bytes(bytes, e.valid_up_to());
        ParseError::at(
            line,
            column,
            format!(
                "invalid UTF-8 at byte {}: articles must be UTF-8 (convert GBK files with iconv -f GB18030 -t UTF-8)",
                e.valid_up_to()
            ),
        )
    })
}

/// 1-based line and character column of a byte offset, counting only the valid prefix.
fn position_in_bytes(bytes: &[u8], offset: usize) -> (usize, usize) {
    let prefix = String::from_utf8_lossy(&bytes[..offset]);
    line_column(&prefix, prefix.len())
}

/// 1-based line and character column of a byte offset in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Split off the front matter: returns the form, the front matter (empty for
/// a plain file) and the body.
fn split_front_matter(text: &str) -> Result<(Form, &str, &str), ParseError> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    let (form, fence) = match first.trim_end() {
        "+++" => (Form::Toml, "+++"),
        "---" => (Form::Yaml, "---"),
        _ => return Ok((Form::Plain, "", text)),
    };
    let mut offset = first.len();
    for line in lines {
        if line.trim_end() == fence {
            let front = &text[first.len()..offset];
            return Ok((form, front, &text[offset + line.len()..]));
        }
        offset += line.len();
    }
    Err(ParseError::at(
        1,
        1,
        format!("unterminated front matter: no closing `{fence}` line for the one on line 1"),
    ))
}

/// The first `#` heading's text and the body without that heading.
fn lift_title(body: &str) -> Option<(String, String)> {
    let mut title = String::new();
    let mut range = None;
    for (event, span) in Parser::new_ext(body, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => range = Some(span),
            Event::End(TagEnd::Heading(HeadingLevel::H1)) if range.is_some() => break,
            Event::Text(text) | Event::Code(text) if range.is_some() => title.push_str(&text),
            _ => {}
        }
    }
    let range = range?;
    let title = sanitize_line(&title);
    if title.is_empty() {
        return None;
    }
    Some((
        title,
        format!("{}{}", &body[..range.start], &body[range.end..]),
    ))
}
