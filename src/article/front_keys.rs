//! The keys blog generators write (Hugo, Hexo, Jekyll, Obsidian), mapped onto
//! [`Meta`] the same way for both front-matter forms: `---` YAML
//! ([`super::front_yaml`]) and `+++` TOML ([`super::front_toml`]). Each form
//! reads yuedu's own keys itself (TOML strictly) and hands every other key here
//! as a [`Value`], with a way to report a problem at that key's position.

use super::Meta;
use super::date;
use super::sanitize::sanitize_line;

/// A front-matter value as the mapping needs it, whichever form it came from:
/// scalars as text (a date, a number, a boolean and a word alike), lists and
/// maps in file order.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Scalar(String),
    List(Vec<Value>),
    Map(Vec<(String, Value)>),
}

impl Value {
    /// A scalar as one clean line; None for null, empty, lists and maps.
    pub fn scalar(&self) -> Option<String> {
        match self {
            Value::Scalar(text) => Some(sanitize_line(text)).filter(|t| !t.is_empty()),
            _ => None,
        }
    }

    /// A list of scalars, or one string of comma-separated items (`tags: 党建, 园区`).
    pub fn list(&self) -> Vec<String> {
        match self {
            Value::Scalar(_) => self
                .scalar()
                .iter()
                .flat_map(|s| s.split([',', '，', '、']))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            _ => self.list_or_scalar(),
        }
    }

    /// A scalar, a list of scalars joined with `separator`, or a map's `name`
    /// (Hugo's `author: {name: …}`).
    pub fn joined(&self, separator: &str) -> Option<String> {
        match self {
            Value::Map(pairs) => pairs
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("name"))
                .and_then(|(_, v)| v.scalar()),
            _ => Some(self.list_or_scalar().join(separator)).filter(|s| !s.is_empty()),
        }
    }

    /// The scalars of a list, or the scalar itself; nothing for maps and nulls.
    fn list_or_scalar(&self) -> Vec<String> {
        match self {
            Value::List(items) => items.iter().filter_map(Value::scalar).collect(),
            _ => self.scalar().into_iter().collect(),
        }
    }
}

/// Add tags, each once, after those already there.
pub fn add_tags(meta: &mut Meta, tags: impl IntoIterator<Item = String>) {
    for tag in tags {
        if !tag.is_empty() && !meta.tags.contains(&tag) {
            meta.tags.push(tag);
        }
    }
}

/// A date in any of the forms blogs write, or the message for one that is none of them.
pub fn read_date(written: &str) -> Result<String, String> {
    date::normalize(written).ok_or_else(|| {
        format!(
            "cannot read the date `{written}` (write 2015-12-17, 2015-12-17 10:20:42 or 2015-12-17T10:20:42+08:00)"
        )
    })
}

/// The longest list kept in `extra`, in characters: the sidebar is narrow.
const EXTRA_LIST_CHARS: usize = 80;

/// Keep a scalar (or a short list of scalars, e.g. Obsidian's `aliases`) as a
/// sidebar field; maps, nulls and long lists are dropped quietly.
pub fn keep_extra(meta: &mut Meta, key: &str, value: &Value) {
    let shown = match value {
        Value::Scalar(_) => value.scalar(),
        Value::List(_) => {
            let items = value.list_or_scalar().join("、");
            (!items.is_empty() && items.chars().count() <= EXTRA_LIST_CHARS).then_some(items)
        }
        Value::Null | Value::Map(_) => None,
    };
    let key = sanitize_line(key);
    if let Some(shown) = shown.filter(|_| !key.is_empty()) {
        meta.extra.push((key, shown));
    }
}

/// What the blog keys said, kept until every key is read: each stands in for
/// one of yuedu's fields only when the file does not write that field itself.
#[derive(Debug, Default)]
pub struct BlogKeys {
    description: Option<String>,
    categories: Option<String>,
    link: Option<String>,
    authors: Option<String>,
    published: Option<String>,
    /// `lastmod` and the like: the key as written and the date it reads as.
    modified: Option<(String, String)>,
}

impl BlogKeys {
    /// Map a key that is not one of yuedu's own: a blog key onto the field it
    /// stands for, anything else into `extra`. `lower` is the key in lower
    /// case; `report` records a problem at the value's position.
    pub fn take(
        &mut self,
        meta: &mut Meta,
        key: &str,
        lower: &str,
        value: Value,
        report: &mut dyn FnMut(String),
    ) {
        match lower {
            "authors" if self.authors.is_none() => self.authors = value.joined("、"),
            "tag" | "keywords" => add_tags(meta, value.list()),
            "categories" | "category" => self.categories = value.joined(" / "),
            "link" | "permalink" if self.link.is_none() => self.link = value.scalar(),
            "description" | "summary" | "excerpt" if self.description.is_none() => {
                self.description = value.scalar();
            }
            // Jekyll's `published: false` is a flag, not a date.
            "publishdate" | "published" | "pubdate" | "created"
                if self.published.is_none() && !is_flag(&value) =>
            {
                if let Some(written) = value.scalar() {
                    self.published = read_date(&written).map_err(&mut *report).ok();
                }
            }
            // A modification date is shown as such, and stands in for the
            // date only when there is no other (unreadable: just shown).
            "lastmod" | "modified" | "updated" if self.modified.is_none() => {
                if let Some(shown) = value.scalar().and_then(|v| date::normalize(&v)) {
                    self.modified = Some((sanitize_line(key), shown));
                }
                keep_extra(meta, key, &value);
            }
            _ => keep_extra(meta, key, &value),
        }
    }

    /// Fill the fields the file left empty from the blog keys.
    pub fn finish(self, meta: &mut Meta) {
        meta.subtitle = meta.subtitle.take().or(self.description);
        meta.kicker = meta.kicker.take().or(self.categories);
        meta.url = meta.url.take().or(self.link);
        meta.author = meta.author.take().or(self.authors);
        if meta.date.is_none() {
            meta.date = self.published;
        }
        if meta.date.is_none()
            && let Some((key, shown)) = self.modified
        {
            // Shown once, as the date.
            meta.extra.retain(|(k, _)| *k != key);
            meta.date = Some(shown);
        }
    }
}

fn is_flag(value: &Value) -> bool {
    matches!(value, Value::Scalar(v) if v == "true" || v == "false")
}
