//! `+++` TOML front matter -> [`Meta`]: yuedu's own form, and Hugo's.
//!
//! Strict where it matters: yuedu's own keys must have their types, and a key
//! that is not yuedu's nor a Hugo key but looks like a misspelling of one of
//! yuedu's (`titel`, `dat`, `tag`) is an error with a "did you mean", so that a
//! typo is reported rather than silently ignored. Every other key is mapped the
//! way the YAML form maps it ([`super::front_keys`]): Hugo's `categories`,
//! `description`, `keywords`, `authors`, `publishDate`… fill yuedu's fields,
//! other scalars and short lists are shown in the sidebar, tables (`[params]`,
//! `[cover]`, `[[resources]]`) are ignored. Every key is checked on its own, so
//! one run of `check` reports every bad key, not only the first.

use serde::Deserialize;
use toml::de::{DeTable, DeValue};

use super::Meta;
use super::front_keys::{BlogKeys, Value, add_tags, read_date};
use super::parse::{ParseError, line_column};
use super::sanitize::sanitize_line;

/// yuedu's own keys: a key one or two edits away from one of them is taken
/// for a misspelling of it.
const KEYS: [&str; 11] = [
    "title",
    "subtitle",
    "kicker",
    "date",
    "source",
    "views",
    "publisher",
    "author",
    "url",
    "tags",
    "extra",
];

/// Hugo's front-matter keys (and their aliases) besides yuedu's own, in lower
/// case: never taken for a misspelling, however close (`authors`, `published`,
/// `videos`). <https://gohugo.io/content-management/front-matter/>
const HUGO_KEYS: [&str; 37] = [
    "aliases",
    "audio",
    "authors",
    "build",
    "cascade",
    "categories",
    "cover",
    "description",
    "draft",
    "expirydate",
    "headless",
    "images",
    "iscjklanguage",
    "keywords",
    "lastmod",
    "layout",
    "linktitle",
    "markup",
    "menu",
    "menus",
    "modified",
    "outputs",
    "params",
    "pubdate",
    "publishdate",
    "published",
    "resources",
    "series",
    "sitemap",
    "slug",
    "summary",
    "toc",
    "translationkey",
    "type",
    "unpublishdate",
    "videos",
    "weight",
];

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
    let mut blog = BlogKeys::default();
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
            "author" => meta.author = either(value, &mut report, author),
            "url" => meta.url = text(value, &mut report),
            "views" => meta.views = typed(value, &mut report),
            "date" => meta.date = either(value, &mut report, date),
            "tags" => {
                let tags: Vec<String> = typed(value, &mut report).unwrap_or_default();
                add_tags(&mut meta, tags.iter().map(|t| sanitize_line(t)));
            }
            "extra" => match value.into_inner() {
                DeValue::Table(extra) => meta.extra = extra_fields(extra, &mut report),
                other => report(
                    span,
                    format!("[extra] must be a table, not {}", other.type_str()),
                ),
            },
            other => {
                let lower = other.to_lowercase();
                if let Some(meant) = misspelt(&lower) {
                    // The key's own position: its line, and the column where it starts.
                    report(
                        key.span(),
                        // Shown as written: escaped where it is printed.
                        format!(
                            "unknown key `{other}`: did you mean `{meant}`? (free fields go in [extra])"
                        ),
                    );
                } else if let Some(value) = typed::<toml::Value>(value, &mut report) {
                    let report_here = &mut |message| report(span.clone(), message);
                    blog.take(&mut meta, other, &lower, to_value(value), report_here);
                }
            }
        }
    }
    blog.finish(&mut meta);
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

/// A field that takes more than one TOML type: `read` turns the value into
/// the field, or says why it cannot, which is reported at the value.
fn either(
    value: toml::Spanned<DeValue<'_>>,
    report: &mut impl FnMut(std::ops::Range<usize>, String),
    read: impl FnOnce(toml::Value) -> Result<Option<String>, String>,
) -> Option<String> {
    let span = value.span();
    read(typed::<toml::Value>(value, report)?)
        .map_err(|problem| report(span, problem))
        .ok()
        .flatten()
}

/// `author = "…"`, or a list of names (Hugo themes' `author = ["甲", "乙"]`).
fn author(value: toml::Value) -> Result<Option<String>, String> {
    match value {
        toml::Value::String(_) => Ok(to_value(value).scalar()),
        toml::Value::Array(ref names) if names.iter().all(toml::Value::is_str) => {
            Ok(to_value(value).joined("、"))
        }
        other => Err(format!(
            "`author` must be a string or a list of strings, not {}",
            other.type_str()
        )),
    }
}

/// `date = 2015-12-17T10:20:42`, or a string in any form blogs write
/// (`hugo new` writes `date = '2019-03-01T09:30:00+08:00'`).
fn date(value: toml::Value) -> Result<Option<String>, String> {
    match value {
        toml::Value::Datetime(date) => Ok(Some(format_date(&date))),
        toml::Value::String(written) => read_date(&sanitize_line(&written)).map(Some),
        other => Err(format!("`date` must be a date, not {}", other.type_str())),
    }
}

/// The yuedu key `key` (in lower case) is likely a misspelling of, unless it
/// is one of Hugo's: the closest within one edit for the short keys (`dat`,
/// `tag`, `url`), within two for the others (`titel`, `subtilte`).
fn misspelt(key: &str) -> Option<&'static str> {
    if HUGO_KEYS.contains(&key) {
        return None;
    }
    KEYS.iter()
        .map(|&known| (edit_distance(key, known), known))
        .filter(|&(distance, known)| distance <= if known.len() <= 4 { 1 } else { 2 })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, known)| known)
}

/// Edits (insert, delete, replace, swap two neighbours) from `a` to `b`, in
/// characters: the optimal string alignment distance.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    // rows[i][j]: the distance between a[..i] and b[..j].
    let mut rows = vec![(0..=b.len()).collect::<Vec<usize>>()];
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let replace = rows[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
            row[j] = replace.min(rows[i - 1][j] + 1).min(row[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(rows[i - 2][j - 2] + 1);
            }
        }
        rows.push(row);
    }
    rows[a.len()][b.len()]
}

/// A TOML value as the shared mapping reads it; dates as TOML writes them.
fn to_value(value: toml::Value) -> Value {
    match value {
        toml::Value::String(text) => Value::Scalar(text),
        toml::Value::Array(items) => Value::List(items.into_iter().map(to_value).collect()),
        toml::Value::Table(table) => Value::Map(
            table
                .into_iter()
                .map(|(key, value)| (key, to_value(value)))
                .collect(),
        ),
        other => Value::Scalar(other.to_string()),
    }
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

#[cfg(test)]
mod tests {
    use super::misspelt;

    #[test]
    fn near_misses_of_yuedu_keys_only() {
        for (key, meant) in [
            ("titel", "title"),
            ("title", "title"),
            ("dat", "date"),
            ("tag", "tags"),
            ("subtilte", "subtitle"),
            ("auther", "author"),
            ("publsher", "publisher"),
            ("extras", "extra"),
            ("ur", "url"),
        ] {
            assert_eq!(misspelt(key), Some(meant), "{key}");
        }
        // Hugo's keys however close, and keys far from any of yuedu's.
        for key in [
            "authors",
            "published",
            "videos",
            "type",
            "toc",
            "slug",
            "path",
            "data_",
            "mood",
            "showtoc",
        ] {
            assert_eq!(misspelt(key), None, "{key}");
        }
    }
}
