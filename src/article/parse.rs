//! `articles/*.md` -> [`Article`]: TOML front matter between `+++` lines, then a
//! CommonMark body.

use serde::Deserialize;
use thiserror::Error;

use super::body::parse_body;
use super::sanitize::{sanitize_document, sanitize_line};
use super::{Article, Meta, Origin};

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
    fn at(line: usize, column: usize, message: impl Into<String>) -> Self {
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

/// The front matter as written. Unknown keys are an error so that a typo
/// (`titel`) is reported rather than silently ignored; free fields go in `[extra]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: toml::Spanned<String>,
    subtitle: Option<String>,
    kicker: Option<String>,
    date: Option<toml::value::Datetime>,
    source: Option<String>,
    views: Option<u64>,
    publisher: Option<String>,
    author: Option<String>,
    url: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    extra: indexmap::IndexMap<String, toml::Spanned<toml::Value>>,
}

/// The delimiter line around the front matter.
const FENCE: &str = "+++";

/// Parse an article file's raw bytes. `id` is the file stem.
pub fn parse_article(id: &str, origin: Origin, bytes: &[u8]) -> Result<Article, ParseError> {
    let text = decode(bytes)?;
    let text = sanitize_document(text.strip_prefix('\u{FEFF}').unwrap_or(text));
    let (front, body, body_line) = split_front_matter(&text)?;
    let meta = parse_meta(front)?;
    let (blocks, sections) = parse_body(body, body_line);
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
        return Err(ParseError::whole_file(
            "empty file: an article needs front matter and a body",
        ));
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

/// Split `+++\n<toml>\n+++\n<body>`; returns the TOML, the body, and the body's first line number.
fn split_front_matter(text: &str) -> Result<(&str, &str, usize), ParseError> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    if first.trim_end() != FENCE {
        return Err(ParseError::at(
            1,
            1,
            format!(
                "missing front matter: the file must start with a `{FENCE}` line, then TOML with at least `title = \"...\"`, then `{FENCE}`"
            ),
        ));
    }
    let mut offset = first.len();
    for (index, line) in lines.enumerate() {
        if line.trim_end() == FENCE {
            let front = &text[first.len()..offset];
            let body = &text[offset + line.len()..];
            // Line numbers: the opening fence is line 1, the closing one is index + 2.
            return Ok((front, body, index + 3));
        }
        offset += line.len();
    }
    Err(ParseError::at(
        1,
        1,
        format!("unterminated front matter: no closing `{FENCE}` line for the one on line 1"),
    ))
}

/// Deserialise and sanitise the front matter. Positions are shifted by one line
/// because the TOML starts on line 2 of the file.
fn parse_meta(front: &str) -> Result<Meta, ParseError> {
    // Positions in `front` -> file positions: the TOML starts on line 2.
    let at = |span: std::ops::Range<usize>, message: String| {
        let (line, column) = line_column(front, span.start);
        ParseError::at(line + 1, column, format!("front matter: {message}"))
    };
    let raw: FrontMatter = toml::from_str(front)
        .map_err(|e| at(e.span().unwrap_or(0..0), e.message().trim().to_string()))?;
    let title = sanitize_line(raw.title.get_ref());
    if title.is_empty() {
        return Err(at(raw.title.span(), "`title` is empty".into()));
    }
    let clean = |value: Option<String>| value.map(|v| sanitize_line(&v)).filter(|v| !v.is_empty());
    let mut extra = Vec::new();
    for (key, value) in &raw.extra {
        let shown = match value.get_ref() {
            toml::Value::String(s) => s.clone(),
            toml::Value::Array(_) | toml::Value::Table(_) => {
                return Err(at(
                    value.span(),
                    format!(
                        "[extra] {key} must be a string, number, boolean or date, not an array or table"
                    ),
                ));
            }
            other => other.to_string(),
        };
        extra.push((sanitize_line(key), sanitize_line(&shown)));
    }
    Ok(Meta {
        title,
        subtitle: clean(raw.subtitle),
        kicker: clean(raw.kicker),
        date: raw.date.map(|d| format_date(&d)),
        source: clean(raw.source),
        views: raw.views,
        publisher: clean(raw.publisher),
        author: clean(raw.author),
        url: clean(raw.url),
        tags: raw
            .tags
            .iter()
            .map(|t| sanitize_line(t))
            .filter(|t| !t.is_empty())
            .collect(),
        extra,
    })
}

/// `2015-12-17 10:20:42`: the TOML date with a space instead of `T`, no offset,
/// which is how Chinese news sites print it.
fn format_date(date: &toml::value::Datetime) -> String {
    match (&date.date, &date.time) {
        (Some(d), Some(t)) => format!(
            "{d} {:02}:{:02}:{:02}",
            t.hour,
            t.minute,
            t.second.unwrap_or(0)
        ),
        (Some(d), None) => d.to_string(),
        (None, Some(t)) => t.to_string(),
        (None, None) => date.to_string(),
    }
}
