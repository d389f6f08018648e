//! `---` YAML front matter (Hexo, Hugo, Jekyll, Obsidian) -> [`Meta`].
//!
//! Lenient where the TOML form is strict: blog front matter carries many keys
//! yuedu has no use for (layout, comments, draft, cover…), written by tools the
//! reader does not control, so unknown scalars are kept in `extra` (shown in the
//! sidebar) and unknown maps are ignored. Only YAML that does not parse, a value
//! of the wrong shape for a key yuedu uses, or a date it cannot read is a problem.
//!
//! Parsed by serde-saphyr (pure Rust, no `unsafe` libyaml port, built not to
//! panic on any input) under a small [`budget`]: front matter is a few dozen
//! lines, so an alias bomb or a thousand-deep nesting is refused at once.

use serde_saphyr::{Budget, DuplicateKeyPolicy, Options, Spanned};

use super::Meta;
use super::date;
use super::parse::ParseError;
use super::sanitize::sanitize_line;
use super::yaml_node::Node;

/// A key as written, and its value with the line and column it was written at.
type Entry = (String, Spanned<Node>);

/// Read the YAML between the fences. `first_line` is the file line the YAML
/// starts on. The title is empty when the front matter has none.
pub fn parse_meta(front: &str, first_line: usize, problems: &mut Vec<ParseError>) -> Meta {
    let mut meta = Meta::default();
    let root: Spanned<Node> = match serde_saphyr::from_str_with_options(front, options()) {
        Ok(root) => root,
        Err(e) => {
            let e = e.without_snippet();
            let (line, column) = e
                .location()
                .map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
            problems.push(ParseError::at(
                line.max(1) + first_line - 1,
                column.max(1),
                format!("front matter (YAML): {}", one_line(&e.to_string())),
            ));
            return meta;
        }
    };
    let entries: Vec<Entry> = match root.value {
        Node::Map(pairs) => pairs
            .into_iter()
            .filter_map(|(key, value)| Some((scalar(&key.value)?, value)))
            .collect(),
        Node::Null => return meta,
        _ => {
            problems.push(at(
                &root,
                first_line,
                "front matter (YAML) must be `key: value` lines",
            ));
            return meta;
        }
    };
    let mut description = None;
    let mut categories = None;
    let mut link = None;
    let mut published = None;
    for (key, value) in entries {
        // Keys are matched in any case (`Title`, `pubDate`), kept as written.
        match key.to_lowercase().as_str() {
            "title" => meta.title = scalar(&value.value).unwrap_or_default(),
            "subtitle" => meta.subtitle = scalar(&value.value),
            "kicker" => meta.kicker = scalar(&value.value),
            "source" => meta.source = scalar(&value.value),
            "publisher" => meta.publisher = scalar(&value.value),
            "author" | "authors" => meta.author = joined(&value.value, "、"),
            "tags" | "tag" | "keywords" => {
                for tag in list(&value.value) {
                    if !meta.tags.contains(&tag) {
                        meta.tags.push(tag);
                    }
                }
            }
            "categories" | "category" => categories = joined(&value.value, " / "),
            "url" => meta.url = scalar(&value.value),
            "link" | "permalink" if link.is_none() => link = scalar(&value.value),
            "description" | "summary" | "excerpt" if description.is_none() => {
                description = scalar(&value.value);
            }
            "views" => match scalar(&value.value).map(|v| v.parse::<u64>()) {
                Some(Ok(views)) => meta.views = Some(views),
                Some(Err(_)) => problems.push(at(
                    &value,
                    first_line,
                    "front matter: `views` must be a whole number ≥ 0",
                )),
                None => {}
            },
            "date" => meta.date = read_date(&value, first_line, problems),
            "publishdate" | "published" | "pubdate" | "created" if published.is_none() => {
                published = read_date(&value, first_line, problems);
            }
            // yuedu's own TOML form has `[extra]`; the same in YAML is honoured.
            "extra" => {
                if let Node::Map(pairs) = value.value {
                    for (key, value) in pairs {
                        if let Some(key) = scalar(&key.value) {
                            keep_extra(&mut meta, &key, &value.value);
                        }
                    }
                }
            }
            _ => keep_extra(&mut meta, &key, &value.value),
        }
    }
    meta.title = sanitize_line(&meta.title);
    meta.subtitle = meta.subtitle.or(description);
    meta.kicker = meta.kicker.or(categories);
    meta.url = meta.url.or(link);
    meta.date = meta.date.or(published);
    meta
}

/// Limits far above any real front matter and far below what would hang or
/// exhaust memory: a "billion laughs" alias bomb or deep nesting stops here.
fn options() -> Options {
    let mut budget = Budget::default();
    budget.max_events = 100_000;
    budget.max_nodes = 50_000;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_recorded_anchor_events = 50_000;
    // Counts alias replays too: one 1 MB anchor aliased 999 times stops here.
    budget.max_total_scalar_bytes = 4 << 20;
    budget.max_depth = 32;
    budget.flow_nesting_limit = 32;
    budget.max_documents = 1;
    let mut options = Options::default();
    options.budget = Some(budget);
    options.with_snippet = false;
    // Jekyll's YAML (Ruby's Psych) lets a repeated key win; refusing the post
    // for it would be stricter than the blog it came from.
    options.duplicate_keys = DuplicateKeyPolicy::LastWins;
    options
}

/// A problem at a value's position in the file.
fn at(value: &Spanned<Node>, first_line: usize, message: &str) -> ParseError {
    let line = value.referenced.line() as usize;
    let column = value.referenced.column() as usize;
    ParseError::at(line.max(1) + first_line - 1, column.max(1), message)
}

/// A date in any of the forms blogs write; a problem when it is none of them.
fn read_date(
    value: &Spanned<Node>,
    first_line: usize,
    problems: &mut Vec<ParseError>,
) -> Option<String> {
    let written = scalar(&value.value)?;
    let shown = date::normalize(&written);
    if shown.is_none() {
        problems.push(at(
            value,
            first_line,
            &format!(
                "front matter: cannot read the date `{written}` (write 2015-12-17, 2015-12-17 10:20:42 or 2015-12-17T10:20:42+08:00)"
            ),
        ));
    }
    shown
}

/// A scalar as one clean line; None for null, empty, lists and maps.
fn scalar(node: &Node) -> Option<String> {
    match node {
        Node::Scalar(text) => Some(sanitize_line(text)).filter(|t| !t.is_empty()),
        _ => None,
    }
}

/// A list of scalars, or one string of comma-separated items (`tags: 党建, 园区`).
fn list(node: &Node) -> Vec<String> {
    match node {
        Node::List(items) => items.iter().filter_map(|i| scalar(&i.value)).collect(),
        Node::Scalar(_) => scalar(node)
            .iter()
            .flat_map(|s| s.split([',', '，', '、']))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        Node::Null | Node::Map(_) => Vec::new(),
    }
}

/// A scalar, a list of scalars joined with `separator`, or a map's `name`
/// (Hugo's `author: {name: …}`).
fn joined(node: &Node, separator: &str) -> Option<String> {
    match node {
        Node::Map(pairs) => pairs
            .iter()
            .find(|(k, _)| scalar(&k.value).is_some_and(|k| k.eq_ignore_ascii_case("name")))
            .and_then(|(_, v)| scalar(&v.value)),
        _ => Some(list_or_scalar(node).join(separator)).filter(|s| !s.is_empty()),
    }
}

fn list_or_scalar(node: &Node) -> Vec<String> {
    match node {
        Node::List(items) => items.iter().filter_map(|i| scalar(&i.value)).collect(),
        _ => scalar(node).into_iter().collect(),
    }
}

/// The longest list kept in `extra`, in characters: the sidebar is narrow.
const EXTRA_LIST_CHARS: usize = 80;

/// Keep a scalar (or a short list of scalars, e.g. Obsidian's `aliases`) as a
/// sidebar field; maps and nulls are dropped quietly.
fn keep_extra(meta: &mut Meta, key: &str, node: &Node) {
    let shown = match node {
        Node::Scalar(_) => scalar(node),
        Node::List(_) => {
            let items = list_or_scalar(node).join("、");
            (!items.is_empty() && items.chars().count() <= EXTRA_LIST_CHARS).then_some(items)
        }
        Node::Null | Node::Map(_) => None,
    };
    let key = sanitize_line(key);
    if let Some(shown) = shown.filter(|_| !key.is_empty()) {
        meta.extra.push((key, shown));
    }
}

/// serde-saphyr's message on one line, without its own position (ours is
/// the file's, not the front matter's), and in a reader's words where the
/// budget stopped it.
fn one_line(message: &str) -> String {
    let first = message.lines().next().unwrap_or_default();
    let cut = first
        .find(" at line ")
        .map_or(first, |i| &first[..i])
        .trim();
    if cut.starts_with("budget breached") || cut.contains("recursion limit") {
        format!("too many aliases, values or levels of nesting for front matter, refused ({cut})")
    } else {
        cut.to_string()
    }
}
