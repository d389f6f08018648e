//! The non-interactive commands: `list`, `check`, `dump`. Each writes to the
//! given streams and returns the process exit code, so tests can call them directly.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::article::Origin;
use crate::article::library::{Library, Problem};
use crate::config::{AmbiguousSetting, Config, ConfigError};
use crate::layout::{Ambiguous, LayoutOptions};

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

/// What `check` looked at, for its summary line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CheckCounts {
    /// Files read from disk and checked: articles (good or bad) and configuration.
    pub files: usize,
    /// Articles that loaded, bundled ones included.
    pub articles: usize,
    /// How many of `articles` are compiled in (none when PATHs were given).
    pub bundled: usize,
}

impl CheckCounts {
    /// The counts of a loaded library plus `config_files` configuration files.
    pub fn of(library: &Library, config_files: usize) -> CheckCounts {
        CheckCounts {
            files: library.files_read + config_files,
            articles: library.articles.len(),
            bundled: library
                .articles
                .iter()
                .filter(|a| matches!(a.origin, Origin::Bundled(_)))
                .count(),
        }
    }

    /// `3 files checked, 2 articles loaded (1 bundled)`.
    fn summary(&self) -> String {
        let mut text = format!(
            "{} checked, {} loaded",
            counted(self.files, "file", "files"),
            counted(self.articles, "article", "articles"),
        );
        if self.bundled > 0 {
            text.push_str(&format!(" ({} bundled)", self.bundled));
        }
        text
    }
}

/// `1 file`, `2 files`, `0 files`.
fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// `yuedu check`: every problem as `path:line:column: message` (each problem
/// of a file on its own line), then a summary. Exit 0 when there are none.
pub fn check(counts: CheckCounts, problems: &[Problem], out: &mut impl Write) -> io::Result<i32> {
    let mut total = 0;
    for problem in problems.iter().flat_map(Problem::all) {
        crate::say!(out, "{problem}")?;
        total += 1;
    }
    if total == 0 {
        crate::say!(out, "ok: {}, no problems", counts.summary())?;
        Ok(0)
    } else {
        crate::say!(
            out,
            "{}: {}",
            counted(total, "problem", "problems"),
            counts.summary()
        )?;
        Ok(1)
    }
}

/// `check` with PATHs: the folders and Markdown files given, as articles, and
/// `.toml` files as configuration; `config_problems` (the configuration yuedu
/// would run with, which the reader would refuse) are reported first.
pub fn check_paths(
    paths: &[PathBuf],
    max_file_bytes: u64,
    text: crate::article::text::TextOptions,
    config_problems: Vec<Problem>,
    out: &mut impl Write,
) -> io::Result<i32> {
    let (library, config_files, path_problems) = load_check_paths(paths, max_file_bytes, text);
    let config_files = config_files + configs_read(None, &config_problems);
    let mut problems = config_problems;
    problems.extend(path_problems);
    problems.extend(library.problems.iter().cloned());
    warnings(&library, out)?;
    check(CheckCounts::of(&library, config_files), &problems, out)
}

/// `check` without PATHs: the library as the reader would load it, and the
/// configuration in use (`config_path`, or `config_problems` when it is bad).
pub fn check_library(
    library: &Library,
    config_path: Option<&Path>,
    config_problems: Vec<Problem>,
    out: &mut impl Write,
) -> io::Result<i32> {
    let config_files = configs_read(config_path, &config_problems);
    let mut problems = config_problems;
    problems.extend(library.problems.iter().cloned());
    warnings(library, out)?;
    check(CheckCounts::of(library, config_files), &problems, out)
}

/// Files that opened but with something to say (undecodable bytes): listed by
/// `check`, not counted as problems.
fn warnings(library: &Library, out: &mut impl Write) -> io::Result<()> {
    for warning in &library.warnings {
        crate::say!(out, "{warning} (warning)")?;
    }
    Ok(())
}

/// How many configuration files were read: the one loaded, or one found
/// invalid. An invalid file's problem has a position; a file that could not
/// be read at all (missing, a FIFO) has none and was not checked.
fn configs_read(loaded: Option<&Path>, problems: &[Problem]) -> usize {
    usize::from(loaded.is_some()) + problems.iter().filter(|p| p.line.is_some()).count()
}

/// Load the paths given to `check`: folders and Markdown files as articles,
/// `.toml` files as configuration. Returns the library, the number of
/// configuration files read and their problems.
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
    let mut config_problems = Vec::new();
    for path in paths {
        if path.extension().is_some_and(|e| e == "toml") {
            match Config::load(Some(path)) {
                Ok(_) => config_problems.push(None),
                Err(e) => config_problems.push(Some(config_problem(&e))),
            }
        } else {
            // A missing path or an unreadable folder is a problem, not a file.
            library.add_path(path);
        }
    }
    library.finish();
    let config_files = config_problems
        .iter()
        .filter(|p| p.as_ref().is_none_or(|p| p.line.is_some()))
        .count();
    (
        library,
        config_files,
        config_problems.into_iter().flatten().collect(),
    )
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
            more: Vec::new(),
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
    mut library: Library,
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
    if index >= library.articles.len() {
        crate::say!(err, "yuedu: the library is empty")?;
        return Ok(1);
    }
    if width == 0 {
        crate::say!(err, "yuedu: --width must be at least 1")?;
        return Ok(2);
    }
    // The article is taken, not copied (a novel is tens of megabytes), and the
    // rest of the library goes before the layout is made.
    let article = library.articles.swap_remove(index);
    drop(library);
    crate::dump::write_article(article, &dump_style(config, width, ambiguous), out)?;
    Ok(0)
}

/// `yuedu dump FILE`: a file on disk, read without the library. A `.txt` book is
/// streamed: read, then parsed, laid out and written part by part on every core
/// (see [`crate::dump`]); any other article is parsed whole first.
#[allow(clippy::too_many_arguments)] // the command's inputs, each from its own flag
pub fn dump_file<W: Write>(
    path: &Path,
    config: &Config,
    text: crate::article::text::TextOptions,
    width: usize,
    ambiguous: Ambiguous,
    out: &mut impl Write,
    err: &mut W,
) -> io::Result<i32> {
    use crate::article::library::{bad_bytes_warning, id_of, is_text_book};
    use crate::article::text::PREFIX_BYTES;
    use crate::article::text::parts::PartReader;
    use crate::dump::Failure;
    use std::io::Read;
    let shown = path.display().to_string();
    if crate::files::metadata(path).is_ok_and(|m| m.is_dir()) {
        crate::say!(
            err,
            "yuedu: {shown}: a folder; `dump` prints one article (`yuedu list {shown}` shows the folder's)"
        )?;
        return Ok(1);
    }
    if width == 0 {
        crate::say!(err, "yuedu: --width must be at least 1")?;
        return Ok(2);
    }
    let cap = config.library.max_file_bytes;
    if !is_text_book(path) {
        return dump_whole_file(path, text, config, width, ambiguous, out, err);
    }
    let problem = |message: String| Problem::new(shown.clone(), message);
    let (mut file, size) = match crate::files::open_regular(path, cap) {
        Ok(opened) => opened,
        Err(e) => {
            crate::say!(err, "yuedu: {}", problem(e.to_string()))?;
            return Ok(1);
        }
    };
    // The beginning makes the plan, as when the reader opens the book.
    // Sized at once: grown from nothing, the 512 KiB took 2 ms of reads and copies.
    // The room past it is for the reads that follow (see `PartReader`).
    let room = size.min(PREFIX_BYTES) as usize + 2 * crate::dump::PART_BYTES;
    let mut start = Vec::with_capacity(room);
    if let Err(e) = (&mut file).take(PREFIX_BYTES).read_to_end(&mut start) {
        crate::say!(err, "yuedu: {}", problem(format!("cannot read: {e}")))?;
        return Ok(1);
    }
    let plan = match crate::article::text::plan(&start, size <= start.len() as u64, &text) {
        Ok(plan) => plan,
        Err(e) => {
            crate::say!(err, "yuedu: {}", Problem::from_parse(shown, e))?;
            return Ok(1);
        }
    };
    // UTF-16 cannot be cut at a byte 0x0A: read whole.
    if !plan.encoding().is_ascii_compatible() {
        drop(file);
        return dump_whole_file(path, text, config, width, ambiguous, out, err);
    }
    let parts = PartReader::new(start, file, &plan, crate::dump::PART_BYTES, cap);
    let style = dump_style(config, width, ambiguous);
    match crate::dump::write_book(parts, &plan, &id_of(path), &style, out) {
        Ok(None) => Ok(0),
        Ok(Some(at)) => {
            let warning = bad_bytes_warning(&shown, (plan.encoding().name(), at));
            crate::say!(err, "yuedu: warning: {warning}")?;
            Ok(0)
        }
        Err(Failure::Output(e)) => Err(e),
        // What came before is printed; the reason it stops follows.
        Err(Failure::Input(e)) => {
            crate::say!(err, "yuedu: {}", Problem::from_parse(shown, e))?;
            Ok(1)
        }
    }
}

/// `dump` of a file parsed whole before it is laid out (Markdown, a UTF-16 book).
fn dump_whole_file(
    path: &Path,
    text: crate::article::text::TextOptions,
    config: &Config,
    width: usize,
    ambiguous: Ambiguous,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<i32> {
    let mut library = Library {
        max_file_bytes: config.library.max_file_bytes,
        text,
        ..Library::default()
    };
    let Some(index) = library.add_file(path) else {
        for problem in &library.problems {
            crate::say!(err, "yuedu: {problem}")?;
        }
        return Ok(1);
    };
    library.finish();
    for warning in &library.warnings {
        crate::say!(err, "yuedu: warning: {warning}")?;
    }
    let article = library.articles.swap_remove(index);
    crate::dump::write_article(article, &dump_style(config, width, ambiguous), out)?;
    Ok(0)
}

/// How `dump` lays out: what the screen shows, at `width` (the typography
/// settings apply too).
pub fn dump_style(config: &Config, width: usize, ambiguous: Ambiguous) -> crate::dump::Style {
    crate::dump::Style {
        typography: (&config.typography).into(),
        measure: crate::layout::Measure {
            ambiguous,
            korean: config.typography.korean,
        },
        options: layout_options(config, width),
    }
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
