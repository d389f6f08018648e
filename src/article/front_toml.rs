//! `+++` TOML front matter -> [`Meta`]: yuedu's own form, and strict about it.
//!
//! Unknown keys are errors so that a typo (`titel`) is reported rather than
//! silently ignored; free fields go in `[extra]`. Every key is checked on its
//! own, so one run of `check` reports every bad key, not only the first.

use serde::Deserialize;
use toml::de::{DeTable, DeValue};

use super::Meta;
use super::parse::{ParseError, line_column};
use super::sanitize::sanitize_line;

/// The keys this form knows, for the unknown-key message.
const KEYS: &str =
    "title, subtitle, kicker, date, source, views, publisher, author, url, tags, [extra]";

/// Read the TOML between the fences. `first_line` is the file line the TOML
/// starts on. The title is empty when it is missing (a problem is recorded).
pub fn parse_meta(front: &str, first_line: usize, problems: &mut Vec<ParseError>) -> Meta {
    let mut meta = Meta::default();
    // Positions in `front` -> positions in the file.
    let mut report = |span: std::ops::Range<usize>, message: String| {
        let (line, column) = line_column(front, span.start);
        problems.push(ParseError::at(
            line + first_line - 1,
            column,
            format!("front matter: {message}"),
        ));
    };
    let table = match DeTable::parse(front) {
        Ok(table) => table.into_inner(),
        Err(e) => {
            // A syntax error leaves nothing reliable to check beyond it.
            report(e.span().unwrap_or(0..0), e.message().trim().to_string());
            return meta;
        }
    };
    let mut title_span = None;
    for (key, value) in table {
        let span = value.span();
        match key.get_ref().as_ref() {
            "title" => {
                title_span = Some(span.clone());
                meta.title = typed::<String>(value, &mut report).unwrap_or_default();
            }
            "subtitle" => meta.subtitle = text(value, &mut report),
            "kicker" => meta.kicker = text(value, &mut report),
            "source" => meta.source = text(value, &mut report),
            "publisher" => meta.publisher = text(value, &mut report),
            "author" => meta.author = text(value, &mut report),
            "url" => meta.url = text(value, &mut report),
            "views" => meta.views = typed(value, &mut report),
            "date" => {
                meta.date =
                    typed::<toml::value::Datetime>(value, &mut report).map(|d| format_date(&d));
            }
            "tags" => {
                let tags: Vec<String> = typed(value, &mut report).unwrap_or_default();
                meta.tags = tags
                    .iter()
                    .map(|t| sanitize_line(t))
                    .filter(|t| !t.is_empty())
                    .collect();
            }
            "extra" => match value.into_inner() {
                DeValue::Table(extra) => meta.extra = extra_fields(extra, &mut report),
                other => report(
                    span,
                    format!("[extra] must be a table, not {}", other.type_str()),
                ),
            },
            // The key's own position: its line, and the column where it starts.
            unknown => report(
                key.span(),
                format!("unknown key `{unknown}` (known: {KEYS}; free fields go in [extra])"),
            ),
        }
    }
    meta.title = sanitize_line(&meta.title);
    match title_span {
        // At the closing fence, where it is missing from: after the other
        // problems, so that a misspelt `titel` is reported first.
        None => problems.push(ParseError::at(
            first_line + front.matches('\n').count(),
            1,
            "front matter: `title = \"...\"` is missing",
        )),
        Some(span) if meta.title.is_empty() => report(span, "`title` is empty".into()),
        Some(_) => {}
    }
    meta
}

/// The value as a `T`, or a problem at its position (serde's message, which
/// names the type found and the one wanted).
fn typed<T: for<'de> Deserialize<'de>>(
    value: toml::Spanned<DeValue<'_>>,
    report: &mut impl FnMut(std::ops::Range<usize>, String),
) -> Option<T> {
    let span = value.span();
    T::deserialize(toml::de::ValueDeserializer::from(value))
        .map_err(|e| report(span, e.message().trim().to_string()))
        .ok()
}

/// A one-line string field, sanitised; None when empty.
fn text(
    value: toml::Spanned<DeValue<'_>>,
    report: &mut impl FnMut(std::ops::Range<usize>, String),
) -> Option<String> {
    typed::<String>(value, report)
        .map(|v| sanitize_line(&v))
        .filter(|v| !v.is_empty())
}

/// `[extra]`: scalars shown as written, in file order; each array or table is a problem.
fn extra_fields(
    extra: DeTable<'_>,
    report: &mut impl FnMut(std::ops::Range<usize>, String),
) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    for (key, value) in extra {
        let span = value.span();
        let shown = match typed::<toml::Value>(value, report) {
            Some(toml::Value::String(s)) => s,
            Some(toml::Value::Array(_) | toml::Value::Table(_)) => {
                report(
                    span,
                    format!(
                        "[extra] {} must be a string, number, boolean or date, not an array or table",
                        key.get_ref()
                    ),
                );
                continue;
            }
            Some(other) => other.to_string(),
            None => continue,
        };
        fields.push((sanitize_line(key.get_ref()), sanitize_line(&shown)));
    }
    fields
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
