//! The library: bundled articles plus articles from folders, with each bad file's
//! problem kept beside the good articles instead of stopping the load.

use std::fmt;
use std::path::Path;

use super::parse::{ParseError, check_article, parse_article};
use super::text::{PREFIX_BYTES, Plan, TextOptions, parse_prefix, parse_with_plan};
use super::{Article, Origin};
use crate::files;

/// Articles compiled into the binary, so yuedu works offline from any directory.
/// `tests/library.rs` checks that every file in `articles/` is listed here.
pub const BUNDLED: &[(&str, &str)] = &[(
    "2015-ningbo-hongse-yinqing.md",
    include_str!("../../articles/2015-ningbo-hongse-yinqing.md"),
)];

/// Extensions the library loads from folders: Markdown, in any of the three
/// forms (see `parse.rs`), and plain-text books (`.txt`, see `text`).
const ARTICLE_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// One thing wrong with one file, printed as `path:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// Further problems found in the same file in the same pass. The reader
    /// shows a bad file once (the first problem); `check` prints them all.
    pub more: Vec<Problem>,
}

impl Problem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
            more: Vec::new(),
        }
    }

    pub(crate) fn from_parse(path: String, error: ParseError) -> Self {
        Problem {
            path,
            line: error.line,
            column: error.column,
            message: error.message,
            more: Vec::new(),
        }
    }

    /// The first of a file's problems, carrying the others.
    fn from_parse_all(path: String, errors: Vec<ParseError>) -> Self {
        let mut problems: Vec<Problem> = errors
            .into_iter()
            .map(|e| Problem::from_parse(path.clone(), e))
            .collect();
        if problems.is_empty() {
            return Problem::new(path, "not an article");
        }
        let mut first = problems.remove(0);
        first.more = problems;
        first
    }

    /// This problem and the others found in the same file, in file order.
    pub fn all(&self) -> impl Iterator<Item = &Problem> {
        std::iter::once(self).chain(&self.more)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:", self.path)?;
        if let Some(line) = self.line {
            write!(f, "{line}:")?;
            if let Some(column) = self.column {
                write!(f, "{column}:")?;
            }
        }
        write!(f, " {}", self.message)
    }
}

/// The default of `[library] max_file_bytes`: far above any article or novel
/// (红楼梦 is 2.6 MB), far below what would exhaust a kiosk's memory.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 << 20;

/// All loaded articles, in order, and the problems met on the way.
#[derive(Debug)]
pub struct Library {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
    /// Files larger than this are refused with a problem, not read.
    pub max_file_bytes: u64,
    /// How `.txt` books are decoded and cut into chapters.
    pub text: TextOptions,
    /// Files that opened with something to say (bytes the encoding could not
    /// decode): printed by the commands, listed by the reader's `!`.
    pub warnings: Vec<Problem>,
    /// Files read from disk and parsed, good or bad: what `check` counts.
    pub files_read: usize,
    /// Books of which only the beginning is loaded yet (see [`Pending`]).
    pub pending: Vec<Pending>,
}

/// A large book whose beginning is in the library: the rest is parsed by
/// [`Library::finish`] (the commands, which need all of it) or by a thread while
/// the reader shows the beginning ([`Pending::complete`]).
#[derive(Debug, Clone)]
pub struct Pending {
    pub id: String,
    pub path: std::path::PathBuf,
    plan: Plan,
    max_file_bytes: u64,
}

impl Pending {
    /// Read and parse the whole book by the plan its beginning made: an article
    /// whose first blocks and sections are exactly those already shown.
    pub fn complete(&self) -> Result<(Article, Option<Problem>), Problem> {
        let shown = self.path.display().to_string();
        let bytes = files::read_regular(&self.path, self.max_file_bytes)
            .map_err(|e| Problem::new(shown.clone(), e.to_string()))?;
        let book = parse_with_plan(&self.id, Origin::File(self.path.clone()), bytes, &self.plan)
            .map_err(|e| Problem::from_parse(shown.clone(), e))?;
        let warning = book.bad_bytes.map(|b| bad_bytes_warning(&shown, b));
        Ok((book.article, warning))
    }
}

/// The warning for a book with bytes its encoding could not decode.
pub(crate) fn bad_bytes_warning(shown: &str, (encoding, at): (&str, usize)) -> Problem {
    Problem::new(
        shown.to_string(),
        format!(
            "read as {encoding}, but byte {at} (and perhaps others) is not {encoding}: shown as \u{FFFD} (try --encoding)"
        ),
    )
}

impl Default for Library {
    fn default() -> Self {
        Library {
            articles: Vec::new(),
            problems: Vec::new(),
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            text: TextOptions::default(),
            warnings: Vec::new(),
            files_read: 0,
            pending: Vec::new(),
        }
    }
}

impl Library {
    /// The bundled articles only.
    pub fn bundled() -> Library {
        let mut library = Library::default();
        for (name, text) in BUNDLED {
            let id = name.trim_end_matches(".md");
            match parse_article(id, Origin::Bundled(name), text.as_bytes()) {
                Ok(article) => library.articles.push(article),
                Err(e) => library
                    .problems
                    .push(Problem::from_parse(format!("articles/{name}"), e)),
            }
        }
        library
    }

    /// Add every article file in `dir` (sorted by name, not recursive). An article
    /// with the id of one already loaded replaces it, in place.
    ///
    /// Every entry with an article extension is tried, whatever it is, so that a
    /// FIFO, a symlink loop, a dangling link or an unreadable file is reported
    /// by name instead of vanishing from the scan.
    pub fn add_dir(&mut self, dir: &Path) {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                self.problems.push(Problem::new(
                    dir.display().to_string(),
                    format!("cannot read folder: {e}"),
                ));
                return;
            }
        };
        let mut paths = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) if has_article_extension(&entry.path()) => paths.push(entry.path()),
                Ok(_) => {}
                Err(e) => self.problems.push(Problem::new(
                    dir.display().to_string(),
                    format!("cannot read the folder's entries: {e}"),
                )),
            }
        }
        paths.sort();
        for path in paths {
            self.add_file(&path);
        }
    }

    /// Add one file or, for a folder, its articles. A path that cannot be
    /// looked at (missing, a loop, a dangling link) is a problem.
    pub fn add_path(&mut self, path: &Path) {
        match files::metadata(path) {
            Ok(metadata) if metadata.is_dir() => self.add_dir(path),
            Ok(_) => {
                self.add_file(path);
            }
            Err(e) => self
                .problems
                .push(Problem::new(path.display().to_string(), e.to_string())),
        }
    }

    /// Add one article file; a problem is recorded instead when it cannot be read.
    /// Returns the index of the article in the library when it loaded.
    pub fn add_file(&mut self, path: &Path) -> Option<usize> {
        let shown = path.display().to_string();
        if is_text_book(path) {
            return self.add_book_file(path, &shown);
        }
        let bytes = match files::read_regular(path, self.max_file_bytes) {
            Ok(bytes) => bytes,
            Err(e) => {
                self.problems.push(Problem::new(shown, e.to_string()));
                return None;
            }
        };
        self.files_read += 1;
        let id = id_of(path);
        match check_article(&id, Origin::File(path.to_path_buf()), &bytes) {
            Ok(article) => Some(self.insert(article)),
            Err(errors) => {
                self.problems.push(Problem::from_parse_all(shown, errors));
                None
            }
        }
    }

    /// Parse an article from bytes already read (standard input); `shown` names
    /// it in problems.
    pub fn add_bytes(
        &mut self,
        shown: &str,
        id: &str,
        origin: Origin,
        bytes: &[u8],
    ) -> Option<usize> {
        match parse_article(id, origin, bytes) {
            Ok(article) => Some(self.insert(article)),
            Err(e) => {
                self.problems
                    .push(Problem::from_parse(shown.to_string(), e));
                None
            }
        }
    }

    /// A plain-text book: its beginning now, the rest pending when it is larger
    /// than [`PREFIX_BYTES`]. Bytes its encoding could not decode are a warning,
    /// not a failure: the book opens with replacement marks where they were.
    fn add_book_file(&mut self, path: &Path, shown: &str) -> Option<usize> {
        let (bytes, size) = match files::read_prefix(path, self.max_file_bytes, PREFIX_BYTES) {
            Ok(read) => read,
            Err(e) => {
                self.problems
                    .push(Problem::new(shown.to_string(), e.to_string()));
                return None;
            }
        };
        self.files_read += 1;
        let id = id_of(path);
        let whole = size <= bytes.len() as u64;
        let origin = Origin::File(path.to_path_buf());
        match parse_prefix(&id, origin, &bytes, whole, &self.text) {
            Ok((book, plan)) => {
                if let Some(bad) = book.bad_bytes {
                    self.warnings.push(bad_bytes_warning(shown, bad));
                }
                let index = self.insert(book.article);
                if !whole {
                    self.pending.retain(|p| p.id != id);
                    self.pending.push(Pending {
                        id,
                        path: path.to_path_buf(),
                        plan,
                        max_file_bytes: self.max_file_bytes,
                    });
                }
                Some(index)
            }
            Err(e) => {
                self.problems
                    .push(Problem::from_parse(shown.to_string(), e));
                None
            }
        }
    }

    /// Parse the rest of every pending book, here and now.
    pub fn finish(&mut self) {
        for pending in std::mem::take(&mut self.pending) {
            self.apply(&pending, pending.complete());
        }
    }

    /// Put a completed book in place of its beginning (or its problem in place
    /// of the book: the file changed or vanished meanwhile).
    pub fn apply(&mut self, pending: &Pending, done: Result<(Article, Option<Problem>), Problem>) {
        let Some(index) = self.articles.iter().position(|a| a.id == pending.id) else {
            return;
        };
        match done {
            Ok((article, warning)) => {
                self.articles[index] = article;
                let shown = pending.path.display().to_string();
                if let Some(warning) = warning
                    && !self.warnings.iter().any(|w| w.path == shown)
                {
                    self.warnings.push(warning);
                }
            }
            Err(problem) => self.warnings.push(problem),
        }
    }

    /// Insert, replacing an article with the same id (a folder's copy overrides the bundled one).
    fn insert(&mut self, article: Article) -> usize {
        if let Some(index) = self.articles.iter().position(|a| a.id == article.id) {
            self.articles[index] = article;
            index
        } else {
            self.articles.push(article);
            self.articles.len() - 1
        }
    }

    /// Find an article by id, or by the path it was loaded from.
    pub fn find(&self, key: &str) -> Option<usize> {
        self.articles.iter().position(|a| a.id == key).or_else(|| {
            let wanted = Path::new(key);
            self.articles
                .iter()
                .position(|a| matches!(&a.origin, Origin::File(p) if p == wanted))
        })
    }
}

/// An article's id: its file name without the extension.
pub(crate) fn id_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `.txt` (any case): a plain-text book rather than Markdown.
pub(crate) fn is_text_book(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
}

fn has_article_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}
