//! `---` YAML front matter (Hexo, Hugo, Jekyll, Obsidian) -> [`Meta`].
//!
//! Lenient where the TOML form is strict: blog front matter carries many keys
//! yuedu has no use for (layout, comments, draft, cover…), written by tools the
//! reader does not control, so unknown scalars are kept in `extra` (shown in the
//! sidebar) and unknown maps are ignored. Only YAML that does not parse, a value
//! of the wrong shape for a key yuedu uses, or a date it cannot read is a problem.
//! The blog keys (`categories`, `description`, `keywords`…) are mapped by
//! [`super::front_keys`], as for Hugo's TOML.
//!
//! Parsed by serde-saphyr (pure Rust, no `unsafe` libyaml port, built not to
//! panic on any input) under a small [`budget`]: front matter is a few dozen
//! lines, so an alias bomb or a thousand-deep nesting is refused at once.

use serde_saphyr::{Budget, DuplicateKeyPolicy, Location, Options, Spanned};

use super::Meta;
use super::front_keys::{BlogKeys, Value, add_tags, keep_extra, read_date};
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
            .filter_map(|(key, value)| Some((Value::from(key.value).scalar()?, value)))
            .collect(),
        Node::Null => return meta,
        _ => {
            problems.push(at(
                root.referenced,
                first_line,
                "front matter (YAML) must be `key: value` lines",
            ));
            return meta;
        }
    };
    let mut blog = BlogKeys::default();
    for (key, value) in entries {
        let position = value.referenced;
        let value = Value::from(value.value);
        let mut report = |message: String| {
            problems.push(at(
                position,
                first_line,
                &format!("front matter: {message}"),
            ))
        };
        // Keys are matched in any case (`Title`, `pubDate`), kept as written.
        match key.to_lowercase().as_str() {
            "title" => meta.title = value.scalar().unwrap_or_default(),
            "subtitle" => meta.subtitle = value.scalar(),
            "kicker" => meta.kicker = value.scalar(),
            "source" => meta.source = value.scalar(),
            "publisher" => meta.publisher = value.scalar(),
            "author" => meta.author = value.joined("、"),
            "tags" => add_tags(&mut meta, value.list()),
            "url" => meta.url = value.scalar(),
            "views" => match value.scalar().map(|v| v.parse::<u64>()) {
                Some(Ok(views)) => meta.views = Some(views),
                Some(Err(_)) => report("`views` must be a whole number ≥ 0".into()),
                None => {}
            },
            "date" => {
                meta.date = value
                    .scalar()
                    .and_then(|written| read_date(&written).map_err(report).ok());
            }
            // yuedu's own TOML form has `[extra]`; the same in YAML is honoured.
            "extra" => {
                if let Value::Map(pairs) = value {
                    for (key, value) in pairs {
                        keep_extra(&mut meta, &key, &value);
                    }
                }
            }
            lower => blog.take(&mut meta, &key, lower, value, &mut report),
        }
    }
    meta.title = sanitize_line(&meta.title);
    blog.finish(&mut meta);
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
fn at(position: Location, first_line: usize, message: &str) -> ParseError {
    let line = position.line() as usize;
    let column = position.column() as usize;
    ParseError::at(line.max(1) + first_line - 1, column.max(1), message)
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
