//! The non-interactive commands: `list`, `check`, `dump`. Each writes to the
//! given streams and returns the process exit code, so tests can call them directly.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::article::library::{Library, Problem};
use crate::config::{AmbiguousSetting, Config, ConfigError};
use crate::layout::{Ambiguous, Document, LayoutOptions};

/// `yuedu list`: one line per article, problems on stderr.
pub fn list(library: &Library, out: &mut impl Write, err: &mut impl Write) -> io::Result<i32> {
    let id_width = library
        .articles
        .iter()
        .map(|a| a.id.len())
        .max()
        .unwrap_or(0);
    for article in &library.articles {
        let (sections, chars) = (article.sections.len(), article.char_count());
        crate::say!(
            out,
            "{:id_width$}  {:10}  {:>3} {:8}  {:>7} {:5}  {}",
            article.id,
            article
                .meta
                .date
                .as_deref()
                .map_or("-", |d| d.get(..10).unwrap_or(d)),
            sections,
            plural(sections, "section", "sections"),
            chars,
            plural(chars, "char", "chars"),
            article.meta.title,
        )?;
    }
    for problem in &library.problems {
        crate::say!(err, "{problem}")?;
    }
    Ok(0)
}

/// `one` for 1, else `many`: "1 section", "2 sections", "0 sections".
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// `yuedu check`: every problem as `path:line:column: message`, then a summary.
/// `problems` already holds what loading found (config included).
pub fn check(
    articles: usize,
    files: usize,
    problems: &[Problem],
    out: &mut impl Write,
) -> io::Result<i32> {
    for problem in problems {
        crate::say!(out, "{problem}")?;
    }
    if problems.is_empty() {
        crate::say!(
            out,
            "ok: {files} files checked, {articles} articles, no problems"
        )?;
        Ok(0)
    } else {
        crate::say!(
            out,
            "{} problem{} ({files} files read, {articles} articles loaded, bundled included)",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
        )?;
        Ok(1)
    }
}

/// Load the paths given to `check`: folders and `.md` files as articles, `.toml`
/// files as configuration. Returns the library, the number of files looked at
/// and the config problems.
pub fn load_check_paths(
    paths: &[PathBuf],
    max_file_bytes: u64,
    text: crate::article::text::TextOptions,
) -> (Library, usize, Vec<Problem>) {
    let mut library = Library {
        max_file_bytes,
        text,
        ..Library::default()
    };
    let mut files = 0;
    let mut config_problems = Vec::new();
    for path in paths {
        if path.extension().is_some_and(|e| e == "toml") {
            files += 1;
            if let Err(e) = Config::load(Some(path)) {
                config_problems.push(config_problem(&e));
            }
        } else if crate::files::metadata(path).is_ok_and(|m| m.is_dir()) {
            let before = library.articles.len() + library.problems.len();
            library.add_dir(path);
            files += library.articles.len() + library.problems.len() - before;
        } else {
            files += 1;
            library.add_file(path);
        }
    }
    (library, files, config_problems)
}

/// A configuration error as a `check` line (`path:line:column: message`).
pub fn config_problem(error: &ConfigError) -> Problem {
    match error {
        ConfigError::Invalid {
            path,
            line,
            column,
            message,
        } => Problem {
            path: path.clone(),
            line: Some(*line),
            column: Some(*column),
            message: message.clone(),
        },
        ConfigError::Read { path, source } => Problem::new(path.clone(), source.to_string()),
    }
}

/// Resolve `--ambiguous`/config for commands without a terminal: auto means narrow.
pub fn ambiguous_for_pipe(setting: AmbiguousSetting) -> Ambiguous {
    match setting {
        AmbiguousSetting::Wide => Ambiguous::Wide,
        AmbiguousSetting::Narrow | AmbiguousSetting::Auto => Ambiguous::Narrow,
    }
}

/// `yuedu dump`: the article as the pane lays it out, plain text.
pub fn dump(
    library: &Library,
    key: Option<&str>,
    width: usize,
    config: &Config,
    ambiguous: Ambiguous,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<i32> {
    let index = match key {
        None => 0,
        Some(key) => match library.find(key) {
            Some(index) => index,
            None => {
                crate::say!(err, "yuedu: no article {key:?} (see `yuedu list`)")?;
                return Ok(1);
            }
        },
    };
    let Some(article) = library.articles.get(index) else {
        crate::say!(err, "yuedu: the library is empty")?;
        return Ok(1);
    };
    if width == 0 {
        crate::say!(err, "yuedu: --width must be at least 1")?;
        return Ok(2);
    }
    // What the screen shows: the typography settings apply to `dump` too.
    let shown = crate::typography::apply(article, &(&config.typography).into());
    let measure = crate::layout::Measure {
        ambiguous,
        korean: config.typography.korean,
    };
    let document = Document::new(&shown, measure);
    let layout = document.layout(&layout_options(config, width));
    // Lines go out in blocks: one write per line would be a system call each.
    let mut block = String::new();
    for line in document.plain_lines(&layout) {
        block.push_str(&line);
        block.push('\n');
        if block.len() > 64 * 1024 {
            out.write_all(crate::gate::escape_text(&block).as_bytes())?;
            block.clear();
        }
    }
    out.write_all(crate::gate::escape_text(&block).as_bytes())?;
    Ok(0)
}

/// Layout options for a pane `width` columns wide, from `[text]`.
pub fn layout_options(config: &Config, width: usize) -> LayoutOptions {
    LayoutOptions {
        width,
        indent: config.text.indent,
        paragraph_spacing: config.text.paragraph_spacing,
        max_width: config.text.max_width,
        widow: config.typography.widow,
    }
}
